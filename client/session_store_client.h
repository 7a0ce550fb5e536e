// The client library's entry point: a small, copyable handle on a SessionStore connection.
#ifndef USERSESSIONS_CLIENT_SESSION_STORE_CLIENT_H_
#define USERSESSIONS_CLIENT_SESSION_STORE_CLIENT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "client/client_options.h"
#include "client/list_sessions_range.h"
#include "client/session_store_connection.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::client {

// Calls sessiond's usersessions.v1.SessionStore service. Each method takes the RPC's request
// message and returns its response, or the error with sessiond's canonical code, English message
// and ErrorReason (usersessions::GetErrorReason); see protos/usersessions/v1/session_store.proto
// for each RPC's errors. Any call may also fail with UNAVAILABLE (sessiond or its store is
// unreachable), DEADLINE_EXCEEDED (the attempt outlived ClientOptions::call_timeout),
// UNAUTHENTICATED or PERMISSION_DENIED. No exception crosses this API.
//
// Retries: calls whose repetition is harmless (LoadSession, DeleteSession and the management
// RPCs) are retried on UNAVAILABLE with jittered exponential backoff, up to
// ClientOptions::max_retries times. CreateSession, SaveSession and CycleSessionKey are never
// retried: after a lost response their outcome is unknown, so the caller decides.
//
// Copies share one connection (and one gRPC channel); copying is cheap. Thread-safe: one client
// may be used from many threads at once.
class SessionStoreClient {
 public:
  // Wraps `connection`, a real one from MakeSessionStoreConnection() or a
  // MockSessionStoreConnection in tests. Must not be null.
  explicit SessionStoreClient(std::shared_ptr<SessionStoreConnection> connection)
      : connection_(std::move(connection)) {}

  // A client with a gRPC connection configured by `options`. INVALID_ARGUMENT for options that
  // cannot work (a non-positive call_timeout, a TLS file that cannot be read, a token with
  // characters gRPC metadata cannot carry). Does not connect: the first call does.
  static absl::StatusOr<SessionStoreClient> Create(const ClientOptions& options);

  // Engine RPCs (the secret session key names the session).
  absl::StatusOr<v1::CreateSessionResponse> CreateSession(
      const v1::CreateSessionRequest& request) const {
    return connection_->CreateSession(request);
  }
  absl::StatusOr<v1::LoadSessionResponse> LoadSession(const v1::LoadSessionRequest& request) const {
    return connection_->LoadSession(request);
  }
  absl::StatusOr<v1::SaveSessionResponse> SaveSession(const v1::SaveSessionRequest& request) const {
    return connection_->SaveSession(request);
  }
  absl::StatusOr<v1::CycleSessionKeyResponse> CycleSessionKey(
      const v1::CycleSessionKeyRequest& request) const {
    return connection_->CycleSessionKey(request);
  }
  absl::StatusOr<v1::DeleteSessionResponse> DeleteSession(
      const v1::DeleteSessionRequest& request) const {
    return connection_->DeleteSession(request);
  }

  // Management RPCs (the public session_id names the session).
  // One page; see ListAllSessions() for every page.
  absl::StatusOr<v1::ListSessionsResponse> ListSessions(
      const v1::ListSessionsRequest& request) const {
    return connection_->ListSessions(request);
  }
  absl::StatusOr<v1::GetSessionResponse> GetSession(const v1::GetSessionRequest& request) const {
    return connection_->GetSession(request);
  }
  absl::StatusOr<v1::RevokeSessionResponse> RevokeSession(
      const v1::RevokeSessionRequest& request) const {
    return connection_->RevokeSession(request);
  }
  absl::StatusOr<v1::RevokeUserSessionsResponse> RevokeUserSessions(
      const v1::RevokeUserSessionsRequest& request) const {
    return connection_->RevokeUserSessions(request);
  }
  absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpiredSessions(
      const v1::DeleteExpiredSessionsRequest& request) const {
    return connection_->DeleteExpiredSessions(request);
  }

  // Every session `request` matches, page by page as the range is walked (request.page_size sets
  // the page size; request.page_token, when set, is where the walk starts). The range keeps this
  // client's connection alive. See ListSessionsRange for the error contract.
  ListSessionsRange ListAllSessions(v1::ListSessionsRequest request) const {
    return ListSessionsRange(connection_, std::move(request));
  }

  // Asynchronous engine RPCs for event-loop servers: they return at once, and `done` runs
  // exactly once on a gRPC thread with the result; it must not block. Same errors and retry
  // policy as the synchronous forms (retries wait on a timer, never on a thread).
  void AsyncCreateSession(const v1::CreateSessionRequest& request,
                          Callback<v1::CreateSessionResponse> done) const {
    connection_->AsyncCreateSession(request, std::move(done));
  }
  void AsyncLoadSession(const v1::LoadSessionRequest& request,
                        Callback<v1::LoadSessionResponse> done) const {
    connection_->AsyncLoadSession(request, std::move(done));
  }
  void AsyncSaveSession(const v1::SaveSessionRequest& request,
                        Callback<v1::SaveSessionResponse> done) const {
    connection_->AsyncSaveSession(request, std::move(done));
  }
  void AsyncCycleSessionKey(const v1::CycleSessionKeyRequest& request,
                            Callback<v1::CycleSessionKeyResponse> done) const {
    connection_->AsyncCycleSessionKey(request, std::move(done));
  }
  void AsyncDeleteSession(const v1::DeleteSessionRequest& request,
                          Callback<v1::DeleteSessionResponse> done) const {
    connection_->AsyncDeleteSession(request, std::move(done));
  }

  // The connection behind this client, shared with its copies.
  const std::shared_ptr<SessionStoreConnection>& connection() const { return connection_; }

 private:
  std::shared_ptr<SessionStoreConnection> connection_;
};

}  // namespace usersessions::client

#endif  // USERSESSIONS_CLIENT_SESSION_STORE_CLIENT_H_
