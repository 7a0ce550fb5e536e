// The mockable seam of the client library: one virtual method per SessionStore RPC. Users get
// a real connection from MakeSessionStoreConnection() and a GoogleMock one from
// usersessions/client/mocks/mock_session_store_connection.h for their unit tests.
#ifndef USERSESSIONS_CLIENT_SESSION_STORE_CONNECTION_H_
#define USERSESSIONS_CLIENT_SESSION_STORE_CONNECTION_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "client/client_options.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::client {

template <typename Response>
using Callback = std::function<void(absl::StatusOr<Response>)>;

// Results are absl::StatusOr; no exception crosses this API. Errors keep sessiond's canonical
// code, message and ErrorReason (read it with usersessions::GetErrorReason). Implementations are
// thread-safe.
class SessionStoreConnection {
 public:
  virtual ~SessionStoreConnection() = default;

  virtual absl::StatusOr<v1::CreateSessionResponse> CreateSession(
      const v1::CreateSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::LoadSessionResponse> LoadSession(
      const v1::LoadSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::SaveSessionResponse> SaveSession(
      const v1::SaveSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::CycleSessionKeyResponse> CycleSessionKey(
      const v1::CycleSessionKeyRequest& request) = 0;
  virtual absl::StatusOr<v1::DeleteSessionResponse> DeleteSession(
      const v1::DeleteSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::ListSessionsResponse> ListSessions(
      const v1::ListSessionsRequest& request) = 0;
  virtual absl::StatusOr<v1::GetSessionResponse> GetSession(
      const v1::GetSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::RevokeSessionResponse> RevokeSession(
      const v1::RevokeSessionRequest& request) = 0;
  virtual absl::StatusOr<v1::RevokeUserSessionsResponse> RevokeUserSessions(
      const v1::RevokeUserSessionsRequest& request) = 0;
  virtual absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpiredSessions(
      const v1::DeleteExpiredSessionsRequest& request) = 0;

  // Asynchronous forms of the calls a session engine makes on every request, so that an
  // event-loop server never blocks its loop on sessiond. `done` runs exactly once, on a gRPC
  // thread; it must not block.
  virtual void AsyncCreateSession(const v1::CreateSessionRequest& request,
                                  Callback<v1::CreateSessionResponse> done) = 0;
  virtual void AsyncLoadSession(const v1::LoadSessionRequest& request,
                                Callback<v1::LoadSessionResponse> done) = 0;
  virtual void AsyncSaveSession(const v1::SaveSessionRequest& request,
                                Callback<v1::SaveSessionResponse> done) = 0;
  virtual void AsyncCycleSessionKey(const v1::CycleSessionKeyRequest& request,
                                    Callback<v1::CycleSessionKeyResponse> done) = 0;
  virtual void AsyncDeleteSession(const v1::DeleteSessionRequest& request,
                                  Callback<v1::DeleteSessionResponse> done) = 0;
};

// Returns a connection over gRPC with the options' credentials, deadlines and retry policy.
// INVALID_ARGUMENT if a TLS file cannot be read. Does not connect yet.
absl::StatusOr<std::shared_ptr<SessionStoreConnection>> MakeSessionStoreConnection(
    const ClientOptions& options);

}  // namespace usersessions::client

#endif  // USERSESSIONS_CLIENT_SESSION_STORE_CONNECTION_H_
