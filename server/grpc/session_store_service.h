// The usersessions.v1.SessionStore gRPC service: a thin adapter from gRPC to SessionService.
#ifndef USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
#define USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_

#include <cstddef>
#include <optional>

#include "server/auth/authenticator.h"
#include "server/service/management_service.h"
#include "server/service/session_service.h"
#include "server/service/thread_pool.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::server {

// Maps each RPC onto SessionService or ManagementService and its absl::Status onto a grpc::Status
// with ErrorInfo. Every RPC first authenticates its caller with `authenticator` (UNAUTHENTICATED
// before anything else is looked at); the role then decides what the caller may do (see
// ManagementService). With authentication off (the default argument) every caller has the admin
// role: sessiond only allows that on loopback, or with --insecure.
//
// Threading (docs/performance.md): this is a gRPC callback service, so gRPC's few event threads
// call it and must never wait for the database. LoadSession, the hot path, reads through
// SessionService::LoadSessionAsync: a store that pays a network round trip reads on threads of its
// own, which then answer a whole batch of calls; an embedded store reads in place. Every other
// RPC, and a LoadSession that must write, runs on a pool of `blocking_threads` threads of the
// service's own.
//
// Thread-safe. The services and the authenticator must outlive it, and it must outlive the
// grpc::Server it is registered with (Shutdown waits for the calls it started).
namespace internal {

// The callback form of every SessionStore method, except that CreateSession and SaveSession take
// their request as bytes: they carry arbitrary data, and gRPC 1.51 answers a request it cannot
// decode (nested past protobuf's limit, say) with an empty UNIMPLEMENTED. Decoding them here lets
// sessiond answer INVALID_ARGUMENT with a message and a reason instead.
using SessionStoreCallbackBase = v1::SessionStore::WithRawCallbackMethod_CreateSession<
    v1::SessionStore::WithCallbackMethod_LoadSession<
        v1::SessionStore::WithRawCallbackMethod_SaveSession<
            v1::SessionStore::WithCallbackMethod_CycleSessionKey<
                v1::SessionStore::WithCallbackMethod_DeleteSession<
                    v1::SessionStore::WithCallbackMethod_ListSessions<
                        v1::SessionStore::WithCallbackMethod_GetSession<
                            v1::SessionStore::WithCallbackMethod_RevokeSession<
                                v1::SessionStore::WithCallbackMethod_RevokeUserSessions<
                                    v1::SessionStore::WithCallbackMethod_DeleteExpiredSessions<
                                        v1::SessionStore::Service>>>>>>>>>>;

}  // namespace internal

class SessionStoreServiceImpl final : public internal::SessionStoreCallbackBase {
 public:
  // Threads that run blocking RPC handlers: enough for every connection of a large store pool to
  // be busy with room to spare; more calls queue for a thread.
  static constexpr size_t kDefaultBlockingThreads = 64;

  SessionStoreServiceImpl(SessionService* sessions, ManagementService* management,
                          const Authenticator* authenticator = &Authenticator::AllowAll(),
                          size_t blocking_threads = kDefaultBlockingThreads)
      : service_(sessions),
        management_(management),
        authenticator_(authenticator),
        blocking_(blocking_threads) {}

  grpc::ServerUnaryReactor* CreateSession(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* LoadSession(grpc::CallbackServerContext* context,
                                        const v1::LoadSessionRequest* request,
                                        v1::LoadSessionResponse* response) override;
  grpc::ServerUnaryReactor* SaveSession(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* CycleSessionKey(grpc::CallbackServerContext* context,
                                            const v1::CycleSessionKeyRequest* request,
                                            v1::CycleSessionKeyResponse* response) override;
  grpc::ServerUnaryReactor* DeleteSession(grpc::CallbackServerContext* context,
                                          const v1::DeleteSessionRequest* request,
                                          v1::DeleteSessionResponse* response) override;
  grpc::ServerUnaryReactor* ListSessions(grpc::CallbackServerContext* context,
                                         const v1::ListSessionsRequest* request,
                                         v1::ListSessionsResponse* response) override;
  grpc::ServerUnaryReactor* GetSession(grpc::CallbackServerContext* context,
                                       const v1::GetSessionRequest* request,
                                       v1::GetSessionResponse* response) override;
  grpc::ServerUnaryReactor* RevokeSession(grpc::CallbackServerContext* context,
                                          const v1::RevokeSessionRequest* request,
                                          v1::RevokeSessionResponse* response) override;
  grpc::ServerUnaryReactor* RevokeUserSessions(grpc::CallbackServerContext* context,
                                               const v1::RevokeUserSessionsRequest* request,
                                               v1::RevokeUserSessionsResponse* response) override;
  grpc::ServerUnaryReactor* DeleteExpiredSessions(
      grpc::CallbackServerContext* context, const v1::DeleteExpiredSessionsRequest* request,
      v1::DeleteExpiredSessionsResponse* response) override;

 private:
  // Authenticates the caller of `context` (the only place where an RPC's caller is established);
  // if that fails, finishes the call and returns nullopt.
  std::optional<Caller> Authenticate(grpc::CallbackServerContext* context,
                                     grpc::ServerUnaryReactor* reactor) const;

  // Authenticates the caller, then answers with `handler(caller)` run on the blocking pool.
  template <typename Response, typename Handler>
  grpc::ServerUnaryReactor* ServeBlocking(absl::string_view method,
                                          grpc::CallbackServerContext* context, Response* response,
                                          Handler handler);

  // ServeBlocking for a method whose request and response travel as bytes: decodes the request
  // (INVALID_ARGUMENT if it cannot be), then answers with `handler(caller, request)`.
  template <typename Request, typename Response, typename Handler>
  grpc::ServerUnaryReactor* ServeBlockingBytes(absl::string_view method,
                                               grpc::CallbackServerContext* context,
                                               const grpc::ByteBuffer* request,
                                               grpc::ByteBuffer* response, Handler handler);

  SessionService* service_;
  ManagementService* management_;
  const Authenticator* authenticator_;
  ThreadPool blocking_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
