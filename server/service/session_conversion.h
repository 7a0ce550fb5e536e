// Conversions between stored records and API messages, shared by the engine and management
// services.
#ifndef USERSESSIONS_SERVER_SERVICE_SESSION_CONVERSION_H_
#define USERSESSIONS_SERVER_SERVICE_SESSION_CONVERSION_H_

#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/storage/session_record.h"
#include "usersessions/v1/session.pb.h"

namespace usersessions::server {

google::protobuf::Timestamp ToTimestampProto(absl::Time time);
google::protobuf::Duration ToDurationProto(absl::Duration duration);

// Every field of `record` except data, device, location and current; state relative to `now`.
v1::Session RecordToSession(const SessionRecord& record, absl::Time now);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_SESSION_CONVERSION_H_
