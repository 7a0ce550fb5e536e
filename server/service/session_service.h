// The semantics of the SessionStore API, independent of gRPC: validation, key handling, expiry,
// touch coalescing and optimistic concurrency, on top of a Store.
#ifndef USERSESSIONS_SERVER_SERVICE_SESSION_SERVICE_H_
#define USERSESSIONS_SERVER_SERVICE_SESSION_SERVICE_H_

#include <memory>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/random.h"
#include "server/service/executor.h"
#include "server/service/request_validation.h"
#include "server/storage/store.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::server {

struct SessionServiceOptions {
  // Default sliding idle timeout for sessions created without a ttl.
  absl::Duration idle_timeout = absl::Hours(336);
  // Lifetime cap counted from creation; zero disables it.
  absl::Duration absolute_timeout = absl::ZeroDuration();
  // A LoadSession with unchanged client info writes only if the last recorded activity is at
  // least this old. The sliding expiry is therefore accurate to within this window.
  absl::Duration activity_resolution = absl::Seconds(60);
  DataLimits data_limits;
};

// Implements the engine RPCs. Every method validates its whole request before touching the
// store, so bad input changes nothing. Errors carry an ErrorReason (common/errors.h). Thread-safe;
// `store`, `clock` and `random` must outlive it.
class SessionService {
 public:
  SessionService(Store* store, const Clock* clock, SecureRandom* random,
                 SessionServiceOptions options);

  absl::StatusOr<v1::CreateSessionResponse> CreateSession(const v1::CreateSessionRequest& request);
  absl::StatusOr<v1::LoadSessionResponse> LoadSession(const v1::LoadSessionRequest& request);

  // LoadSession for event-driven servers: never blocks the calling thread on the store. The read
  // goes through Store::FindLiveAsync; a touch write, when one is due, runs on `blocking`. `done`
  // gets the same result LoadSession would return, exactly once, on the calling thread, a store
  // thread or a `blocking` thread; it must not block. `request` is only used before this returns;
  // `blocking` must outlive the call.
  using LoadSessionCallback = absl::AnyInvocable<void(absl::StatusOr<v1::LoadSessionResponse>) &&>;
  void LoadSessionAsync(const v1::LoadSessionRequest& request, Executor& blocking,
                        LoadSessionCallback done);
  absl::StatusOr<v1::SaveSessionResponse> SaveSession(const v1::SaveSessionRequest& request);
  absl::StatusOr<v1::CycleSessionKeyResponse> CycleSessionKey(
      const v1::CycleSessionKeyRequest& request);
  absl::StatusOr<v1::DeleteSessionResponse> DeleteSession(const v1::DeleteSessionRequest& request);

  const SessionServiceOptions& options() const { return options_; }

 private:
  // Returns a fresh random key and its stored hash.
  struct NewKey {
    std::string key;
    std::string key_hash;
  };
  absl::StatusOr<NewKey> GenerateKey();
  absl::StatusOr<std::string> GenerateSessionId();

  // A validated LoadSession request.
  struct LoadPlan {
    std::string key_hash;
    absl::Time now;
    // The client info to record, if the request carried any.
    bool has_client = false;
    std::string ip_address;
    std::string user_agent;
  };
  absl::StatusOr<LoadPlan> PlanLoad(const v1::LoadSessionRequest& request) const;
  // Whether loading `record` must record activity (touch coalescing: most page views write
  // nothing).
  bool NeedsTouch(const LoadPlan& plan, const SessionRecord& record) const;
  // Records the activity if NeedsTouch (a blocking store write), then builds the response.
  absl::StatusOr<v1::LoadSessionResponse> FinishLoad(const LoadPlan& plan,
                                                     SessionRecord record) const;

  // The current time at the store's precision.
  absl::Time Now() const;
  // The expiry of a session with this creation time and idle timeout, active at `now`.
  absl::Time ExpiryAt(absl::Time now, absl::Time create_time, absl::Duration idle_timeout) const;

  // Engine view of a record: everything including data.
  absl::StatusOr<v1::Session> ToEngineSession(const SessionRecord& record, absl::Time now) const;

  Store* const store_;
  const Clock* const clock_;
  SecureRandom* const random_;
  const SessionServiceOptions options_;
};

// base64url(SHA-256(key)): how a session key is looked up and stored.
std::string HashSessionKey(absl::string_view session_key);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_SESSION_SERVICE_H_
