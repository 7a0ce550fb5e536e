// The state of one request's session, shared by Session (the handler's view) and the response
// phase. Not thread-safe: owned by one request at a time.
#ifndef USERSESSIONS_SDK_INTERNAL_SESSION_STATE_H_
#define USERSESSIONS_SDK_INTERNAL_SESSION_STATE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "google/protobuf/struct.pb.h"
#include "usersessions/v1/session.pb.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::sdk::internal {

struct SessionState {
  // Facts about the request, fixed when it begins.
  v1::ClientInfo client;     // Resolved IP and sanitized user agent.
  bool cookie_sent = false;  // The browser sent a cookie with the session cookie's name.

  // The stored session as far as it is known.
  std::string key;             // The key to read and write through; empty when there is none.
  bool loaded = false;         // data/user_id are authoritative (read, or known to be fresh).
  bool record_exists = false;  // Once loaded: `key` names a live record.
  absl::Status load_status;    // A failed load, sticky for the rest of the request.
  bool touched = false;        // Loaded with client info, so sessiond may have slid the expiry.
  google::protobuf::Struct data;
  std::string user_id;
  v1::Session record;  // The last response's session, without data.

  // What the request did.
  bool accessed = false;
  bool modified = false;
  bool user_changed = false;                // user_id must be written.
  bool cycle_pending = false;               // The key must change before the response.
  absl::optional<absl::Duration> expiry;    // SetExpiry: the ttl to write.
  std::vector<std::string> keys_to_delete;  // Records ended by Flush.
  bool finished = false;                    // The response phase ran.
};

// The LoadSession request for `state` (key and client info; the load counts as activity).
v1::LoadSessionRequest MakeLoadRequest(const SessionState& state);

// True for errors that mean "this cookie names no live session": NOT_FOUND, and INVALID_ARGUMENT
// with reason INVALID_SESSION_KEY. Such a cookie becomes a fresh anonymous session.
bool IsStaleKeyError(const absl::Status& status);

// Applies a LoadSession result to a state that is not loaded yet. OK: the record's data, owner and
// metadata. A stale key: a fresh, empty session with no record. Any other error is kept in
// load_status and the state stays unloaded.
void ApplyLoadResult(SessionState& state, absl::StatusOr<v1::LoadSessionResponse> result);

}  // namespace usersessions::sdk::internal

#endif  // USERSESSIONS_SDK_INTERNAL_SESSION_STATE_H_
