// The response phase of a request as a small state machine, so that the blocking and the
// callback-driven drivers (SessionEngine::Finish and FinishAsync) share every decision: which
// RPCs to make, in which order, and which headers to answer with. Not thread-safe; one per
// response.
#ifndef USERSESSIONS_SDK_INTERNAL_RESPONSE_PHASE_H_
#define USERSESSIONS_SDK_INTERNAL_RESPONSE_PHASE_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sdk/internal/engine_context.h"
#include "sdk/internal/session_state.h"
#include "sdk/request_context.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::sdk::internal {

// One RPC the response phase asks its driver to make; only the request matching `kind` is set.
struct PendingCall {
  enum class Kind { kNone, kLoad, kCreate, kSave, kCycle, kDelete };
  Kind kind = Kind::kNone;
  v1::LoadSessionRequest load;
  v1::CreateSessionRequest create;
  v1::SaveSessionRequest save;
  v1::CycleSessionKeyRequest cycle;
  v1::DeleteSessionRequest remove;
};

// Usage: loop { call = Next(); if kNone: break; make the call; feed its result to the matching
// On* method }, then Result(). Every On* call must answer the call Next returned last.
//
// Order of work (each step only when it applies):
//   1. DeleteSession for every record ended by Flush (also for http_status >= 500: a logout is
//      never undone by a failing handler).
//   2. Nothing more for http_status >= 500, or for a session the request never loaded (except a
//      LoadSession first under save_every_request).
//   3. A session without data and owner: DeleteSession of its record, if it has one.
//   4. No record yet: CreateSession with data, owner, client and ttl.
//   5. Otherwise: CycleSessionKey if the key must change (before writing, so a new owner is
//      never written under a key that may be fixated), then SaveSession if modified or
//      save_every_request.
// NOT_FOUND from CycleSessionKey or SaveSession means the session was ended elsewhere: the cookie
// is cleared and the session is never re-created. Any other error ends the phase with it.
class ResponsePhase {
 public:
  // `context` and `state` must outlive this object. `state` is updated as results arrive.
  ResponsePhase(const EngineContext& context, SessionState& state, int http_status);

  ResponsePhase(const ResponsePhase&) = delete;
  ResponsePhase& operator=(const ResponsePhase&) = delete;

  PendingCall Next();

  void OnLoad(absl::StatusOr<v1::LoadSessionResponse> result);
  void OnCreate(absl::StatusOr<v1::CreateSessionResponse> result);
  void OnSave(absl::StatusOr<v1::SaveSessionResponse> result);
  void OnCycle(absl::StatusOr<v1::CycleSessionKeyResponse> result);
  void OnDelete(absl::StatusOr<v1::DeleteSessionResponse> result);

  // Once Next has returned kNone: the headers to add, or the error that ended the phase.
  absl::StatusOr<ResponseHeaders> Result() const;

 private:
  PendingCall PlanWrite();
  void EndedElsewhere();
  // Handles a failed write: NOT_FOUND on a write to an existing record (save, cycle) means the
  // session was ended elsewhere; any other error ends the phase. Returns false when `status` is OK.
  bool HandleWriteFailure(const absl::Status& status, bool record_existed);
  // Adopts the session sessiond returned, without its data; a new key replaces the old one.
  void AdoptRecord(v1::Session* session, std::string* new_key);
  absl::Duration CookieMaxAge() const;

  const EngineContext& context_;
  SessionState& state_;
  const int http_status_;
  absl::Status error_;
  size_t next_flushed_delete_ = 0;
  bool load_attempted_ = false;
  bool create_attempted_ = false;
  bool cycle_attempted_ = false;
  bool save_attempted_ = false;
  bool empty_delete_attempted_ = false;
  bool key_changed_ = false;
  bool saved_ = false;
  bool ended_elsewhere_ = false;
};

}  // namespace usersessions::sdk::internal

#endif  // USERSESSIONS_SDK_INTERNAL_RESPONSE_PHASE_H_
