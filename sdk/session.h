// The per-request session, the C++ counterpart of Django's `request.session`.
#ifndef USERSESSIONS_SDK_SESSION_H_
#define USERSESSIONS_SDK_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "google/protobuf/struct.pb.h"

namespace usersessions::sdk {

class SessionEngine;
namespace internal {
struct EngineContext;
struct SessionState;
}  // namespace internal

// One request's session: a string-keyed map of google::protobuf::Value plus an owner, backed by a
// sessiond record. Obtained from SessionEngine::Begin and handed back to SessionEngine::Finish.
//
// Loading is lazy: nothing is read until the first method that needs the stored data, which then
// makes exactly one LoadSession (with the request's client IP and user agent, so the read counts
// as activity). A request without a session cookie never calls sessiond to read. A cookie that
// names no live session (expired, ended, garbage) silently gives a fresh anonymous session.
//
// Writes are never sent from here: every change is recorded and written by Finish, in the
// response phase. So a handler makes at most one (read) call, and none after BeginAsync.
//
// Errors: when the load fails (sessiond unreachable: UNAVAILABLE), the methods that return a
// status return that error, the typed getters return their default, and Finish returns it too,
// so a failure is never silently dropped. The error is sticky: no retry within the request.
//
// Not thread-safe: use it from one thread at a time (the request's).
class Session {
 public:
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  // Reading. Each marks the session accessed.

  // The value stored under `key`, or nullopt if there is none.
  absl::StatusOr<absl::optional<google::protobuf::Value>> Get(absl::string_view key);
  // The string, number or bool under `key`; `default_value` if absent, of another kind, or if
  // the load failed (Finish then reports the failure).
  std::string GetString(absl::string_view key, absl::string_view default_value = "");
  double GetNumber(absl::string_view key, double default_value = 0);
  bool GetBool(absl::string_view key, bool default_value = false);
  absl::StatusOr<bool> Contains(absl::string_view key);
  // All keys, sorted.
  absl::StatusOr<std::vector<std::string>> Keys();

  // Writing. Each loads first (so unrelated keys are kept), then marks the session accessed and
  // modified; Finish saves it. Strings must be valid UTF-8; size and nesting limits are checked
  // by sessiond when Finish writes (INVALID_ARGUMENT: DATA_TOO_LARGE, DATA_TOO_DEEP).

  absl::Status Set(absl::string_view key, google::protobuf::Value value);
  absl::Status SetString(absl::string_view key, absl::string_view value);
  absl::Status SetNumber(absl::string_view key, double value);
  absl::Status SetBool(absl::string_view key, bool value);
  // Removes `key`; marks the session modified only if the key was there.
  absl::Status Erase(absl::string_view key);
  // Removes all data and the owner (as Django's clear()). The key stays; an empty session's
  // record and cookie are deleted by Finish.
  absl::Status Clear();

  // Identity and lifecycle.

  // The owner, "" for an anonymous session. Loads; marks accessed.
  absl::StatusOr<std::string> user_id();
  // Sets the owner ("" makes the session anonymous). Prefer Login, which also defends against
  // session fixation.
  absl::Status SetUser(absl::string_view user_id);
  // Signs `user_id` in, as Django's login(): if the session belongs to another user, it is
  // flushed first so that no data leaks between users; then the key is cycled (a record that
  // does not exist yet simply gets a new key when created) and the owner set. Data of an
  // anonymous session (a cart, say) is kept. INVALID_ARGUMENT for an empty user_id.
  absl::Status Login(absl::string_view user_id);
  // Signs out: Flush.
  void Logout();
  // Drops data and owner, ends the stored record (Finish deletes it) and forgets the key; later
  // writes in this request start a new session with a new key. Needs no load.
  void Flush();
  // Gives the session a new key at Finish, keeping data, owner and session_id (fixation
  // defence). A session without a record gets its key when it is created anyway.
  absl::Status CycleKey();
  // Sets this session's sliding idle timeout (sent as ttl when Finish writes; also the cookie's
  // Max-Age). INVALID_ARGUMENT unless positive. Marks the session modified.
  absl::Status SetExpiry(absl::Duration idle_timeout);
  // Loads now if not loaded yet; returns the (sticky) load status. Does not mark accessed.
  absl::Status Load();

  // Introspection; no I/O.

  // True once the handler has read or written the session (responses then vary on Cookie).
  bool accessed() const;
  // True once the session holds changes that Finish will write.
  bool modified() const;
  // The current secret key: the cookie's well-formed key until a load proves it stale, a new
  // key after Finish created or cycled the session, "" for a session without one. For marking
  // "(this session)" in listings; never log or display it.
  const std::string& session_key() const;
  // The public session id; "" until the session is loaded from (or written to) a record.
  const std::string& session_id() const;
  // The record's version as last read or written; 0 without a record.
  int64_t version() const;

 private:
  friend class SessionEngine;
  Session(std::shared_ptr<const internal::EngineContext> context,
          std::unique_ptr<internal::SessionState> state);

  // Loads if needed and marks the session accessed.
  absl::Status Access();
  absl::Status EnsureLoaded();
  absl::optional<google::protobuf::Value> Find(absl::string_view key) const;

  std::shared_ptr<const internal::EngineContext> context_;
  std::unique_ptr<internal::SessionState> state_;  // Never null.
};

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_SESSION_H_
