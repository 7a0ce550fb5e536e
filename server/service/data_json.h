// A fast reader for the JSON text that sessions store their data in, for the hot read path.
#ifndef USERSESSIONS_SERVER_SERVICE_DATA_JSON_H_
#define USERSESSIONS_SERVER_SERVICE_DATA_JSON_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace usersessions::server {

// Parses stored session data (a JSON object, as SerializeData writes it) into a Struct. Gives the
// same result as ParseData(), about ten times faster: protobuf's JSON parser resolves the Struct
// type through reflection on every call, which cost about as much as the rest of a LoadSession.
// Text this reader does not accept (anything but one strict RFC 8259 object of valid UTF-8) goes
// to ParseData(), so its errors are ParseData()'s: INTERNAL for stored data that is not JSON.
absl::StatusOr<google::protobuf::Struct> ParseStoredData(absl::string_view json);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_DATA_JSON_H_
