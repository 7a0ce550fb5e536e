#include "server/service/session_conversion.h"

#include "google/protobuf/util/time_util.h"

namespace usersessions::server {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToTimestampProto(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

google::protobuf::Duration ToDurationProto(absl::Duration duration) {
  return TimeUtil::MicrosecondsToDuration(absl::ToInt64Microseconds(duration));
}

v1::Session RecordToSession(const SessionRecord& record, absl::Time now) {
  v1::Session session;
  session.set_session_id(record.session_id);
  session.set_user_id(record.user_id);
  session.set_ip_address(record.ip_address);
  session.set_user_agent(record.user_agent);
  *session.mutable_create_time() = ToTimestampProto(record.create_time);
  *session.mutable_last_activity_time() = ToTimestampProto(record.last_activity_time);
  *session.mutable_expire_time() = ToTimestampProto(record.expire_time);
  *session.mutable_idle_timeout() = ToDurationProto(record.idle_timeout);
  session.set_state(record.expire_time > now ? v1::SESSION_STATE_ACTIVE
                                             : v1::SESSION_STATE_EXPIRED);
  session.set_version(record.version);
  return session;
}

}  // namespace usersessions::server
