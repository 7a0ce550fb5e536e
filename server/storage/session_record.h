// The stored form of a session, shared by the service layer and every Store backend.
#ifndef USERSESSIONS_SERVER_STORAGE_SESSION_RECORD_H_
#define USERSESSIONS_SERVER_STORAGE_SESSION_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace usersessions::server {

// One row of the sessions table. Times are stored with microsecond precision.
struct SessionRecord {
  // base64url(SHA-256(session key)): 43 ASCII characters. The raw key is never stored.
  std::string key_hash;
  // Public id: 22 characters of base64url.
  std::string session_id;
  // Owner; empty for an anonymous session (NULL in the database).
  std::string user_id;
  // JSON text of the google.protobuf.Struct data.
  std::string data_json;
  // Canonical IP address; empty when unknown.
  std::string ip_address;
  // At most 512 characters.
  std::string user_agent;
  // This session's sliding idle timeout, in whole seconds.
  absl::Duration idle_timeout;
  absl::Time create_time;
  absl::Time last_activity_time;
  absl::Time expire_time;
  // 1 at creation, +1 on every data write.
  int64_t version = 1;
};

// A touch: the client and the sliding expiry change, the version does not.
struct ActivityUpdate {
  std::string key_hash;
  std::string ip_address;
  std::string user_agent;
  absl::Time last_activity_time;
  absl::Time expire_time;
};

// A data write: every mutable column is replaced and the version becomes expected_version + 1.
struct DataUpdate {
  std::string key_hash;
  int64_t expected_version = 0;
  std::string data_json;
  std::string user_id;
  std::string ip_address;
  std::string user_agent;
  absl::Duration idle_timeout;
  absl::Time last_activity_time;
  absl::Time expire_time;
};

// Times are stored as microseconds since the Unix epoch (UTC) in 64-bit integer columns.
inline int64_t ToStoredTime(absl::Time time) { return absl::ToUnixMicros(time); }
inline absl::Time FromStoredTime(int64_t micros) { return absl::FromUnixMicros(micros); }

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_SESSION_RECORD_H_
