// The gRPC implementation of SessionStoreConnection. Not part of the API: users get it through
// MakeSessionStoreConnection() and depend only on the interface.
#ifndef USERSESSIONS_CLIENT_INTERNAL_GRPC_SESSION_STORE_CONNECTION_H_
#define USERSESSIONS_CLIENT_INTERNAL_GRPC_SESSION_STORE_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "client/client_options.h"
#include "client/session_store_connection.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::client::internal {

// Checks the options that can be checked without the network: a positive call_timeout,
// non-negative retry settings, a token that is printable ASCII (gRPC metadata allows nothing
// else), and a TLS certificate and key given together. INVALID_ARGUMENT naming the option.
absl::Status ValidateClientOptions(const ClientOptions& options);

// Builds the channel credentials: plaintext when no TLS file is set; otherwise TLS, verifying the
// server against tls_ca_file (the system's roots when only a client certificate is given), and
// presenting tls_cert_file/tls_key_file for mutual TLS. INVALID_ARGUMENT naming a file that
// cannot be read or is empty. Does not connect.
absl::StatusOr<std::shared_ptr<grpc::Channel>> CreateSessionStoreChannel(
    const ClientOptions& options);

// Delays between retries: exponential from `initial` (doubling per retry) up to `maximum`, each
// drawn uniformly from [delay/2, delay] so that clients that failed together do not retry in
// lockstep. Thread-safe.
class Backoff {
 public:
  Backoff(absl::Duration initial, absl::Duration maximum) : initial_(initial), maximum_(maximum) {}

  // The delay before retry number `retry` (0 for the first retry).
  absl::Duration Delay(int retry);

 private:
  const absl::Duration initial_;
  const absl::Duration maximum_;
  absl::Mutex mu_;
  absl::BitGen bitgen_ ABSL_GUARDED_BY(mu_);
};

// Whether repeating a call is harmless when its outcome is unknown.
enum class Idempotency {
  // Reads, and deletes that are idempotent by contract.
  kIdempotent,
  // CreateSession, SaveSession and CycleSessionKey: after a lost response the first attempt may
  // have committed, and a repeat would create a second session, overwrite newer data, or cycle
  // the key again (the caller never learns the first new key).
  kNonIdempotent,
};

// Per-attempt settings shared by synchronous and asynchronous calls. Thread-safe (immutable
// apart from the Backoff, which is thread-safe).
class CallSettings {
 public:
  explicit CallSettings(const ClientOptions& options);

  // Sets the attempt's deadline (now + call_timeout) and the authorization metadata.
  void PrepareContext(grpc::ClientContext* context) const;
  // Whether attempt number `attempt` (0 = the first), which failed with `code`, is retried.
  // Only UNAVAILABLE is retried: the request did not reach a server, or the server asked for a
  // retry. Other codes are answers, and DEADLINE_EXCEEDED may follow a committed write.
  bool ShouldRetry(Idempotency idempotency, grpc::StatusCode code, int attempt) const;
  absl::Duration BackoffDelay(int retry) const { return backoff_->Delay(retry); }

 private:
  absl::Duration call_timeout_;
  int max_retries_;
  std::string authorization_;  // "Bearer <token>", or empty
  std::shared_ptr<Backoff> backoff_;
};

// Shares `stub` (which owns its channel) between a connection and its in-flight asynchronous
// calls. Whoever lets go of it last may be running inside a gRPC callback (a `done` callback that
// drops the last client copy, say). gRPC must not destroy a channel on its own callback threads
// (its destructor would join the thread it runs on), so a stub released there is destroyed on a
// short-lived thread of its own instead.
std::shared_ptr<v1::SessionStore::StubInterface> ShareStub(
    std::unique_ptr<v1::SessionStore::StubInterface> stub);

// Synchronous calls block the calling thread, including the backoff sleeps between retries; the
// worst case is (max_retries + 1) * call_timeout plus the backoffs. Asynchronous calls never
// block: their retries wait on a gRPC alarm, and `done` runs on a gRPC thread. In-flight
// asynchronous calls keep the stub alive, so the connection may be destroyed before they finish,
// even from inside a `done` callback. Thread-safe.
class GrpcSessionStoreConnection final : public SessionStoreConnection {
 public:
  // `stub` comes from ShareStub().
  GrpcSessionStoreConnection(std::shared_ptr<v1::SessionStore::StubInterface> stub,
                             const ClientOptions& options);

  absl::StatusOr<v1::CreateSessionResponse> CreateSession(
      const v1::CreateSessionRequest& request) override;
  absl::StatusOr<v1::LoadSessionResponse> LoadSession(
      const v1::LoadSessionRequest& request) override;
  absl::StatusOr<v1::SaveSessionResponse> SaveSession(
      const v1::SaveSessionRequest& request) override;
  absl::StatusOr<v1::CycleSessionKeyResponse> CycleSessionKey(
      const v1::CycleSessionKeyRequest& request) override;
  absl::StatusOr<v1::DeleteSessionResponse> DeleteSession(
      const v1::DeleteSessionRequest& request) override;
  absl::StatusOr<v1::ListSessionsResponse> ListSessions(
      const v1::ListSessionsRequest& request) override;
  absl::StatusOr<v1::GetSessionResponse> GetSession(const v1::GetSessionRequest& request) override;
  absl::StatusOr<v1::RevokeSessionResponse> RevokeSession(
      const v1::RevokeSessionRequest& request) override;
  absl::StatusOr<v1::RevokeUserSessionsResponse> RevokeUserSessions(
      const v1::RevokeUserSessionsRequest& request) override;
  absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpiredSessions(
      const v1::DeleteExpiredSessionsRequest& request) override;

  void AsyncCreateSession(const v1::CreateSessionRequest& request,
                          Callback<v1::CreateSessionResponse> done) override;
  void AsyncLoadSession(const v1::LoadSessionRequest& request,
                        Callback<v1::LoadSessionResponse> done) override;
  void AsyncSaveSession(const v1::SaveSessionRequest& request,
                        Callback<v1::SaveSessionResponse> done) override;
  void AsyncCycleSessionKey(const v1::CycleSessionKeyRequest& request,
                            Callback<v1::CycleSessionKeyResponse> done) override;
  void AsyncDeleteSession(const v1::DeleteSessionRequest& request,
                          Callback<v1::DeleteSessionResponse> done) override;

 private:
  template <typename Response, typename Request, typename Rpc>
  absl::StatusOr<Response> Call(Idempotency idempotency, const Request& request, Rpc rpc);

  std::shared_ptr<v1::SessionStore::StubInterface> stub_;
  std::shared_ptr<const CallSettings> settings_;
};

}  // namespace usersessions::client::internal

#endif  // USERSESSIONS_CLIENT_INTERNAL_GRPC_SESSION_STORE_CONNECTION_H_
