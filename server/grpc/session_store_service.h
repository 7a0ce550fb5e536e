// The usersessions.v1.SessionStore gRPC service: a thin adapter from gRPC to SessionService.
#ifndef USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
#define USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_

#include "server/auth/authenticator.h"
#include "server/service/management_service.h"
#include "server/service/session_service.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::server {

// Maps each RPC onto SessionService or ManagementService and its absl::Status onto a grpc::Status
// with ErrorInfo. Every RPC first authenticates its caller with `authenticator` (UNAUTHENTICATED
// before anything else is looked at); the role then decides what the caller may do (see
// ManagementService). With authentication off (the default argument) every caller has the admin
// role: sessiond only allows that on loopback, or with --insecure. Thread-safe; the services and
// the authenticator must outlive it.
class SessionStoreServiceImpl final : public v1::SessionStore::Service {
 public:
  SessionStoreServiceImpl(SessionService* sessions, ManagementService* management,
                          const Authenticator* authenticator = &Authenticator::AllowAll())
      : service_(sessions), management_(management), authenticator_(authenticator) {}

  grpc::Status CreateSession(grpc::ServerContext* context, const v1::CreateSessionRequest* request,
                             v1::CreateSessionResponse* response) override;
  grpc::Status LoadSession(grpc::ServerContext* context, const v1::LoadSessionRequest* request,
                           v1::LoadSessionResponse* response) override;
  grpc::Status SaveSession(grpc::ServerContext* context, const v1::SaveSessionRequest* request,
                           v1::SaveSessionResponse* response) override;
  grpc::Status CycleSessionKey(grpc::ServerContext* context,
                               const v1::CycleSessionKeyRequest* request,
                               v1::CycleSessionKeyResponse* response) override;
  grpc::Status DeleteSession(grpc::ServerContext* context, const v1::DeleteSessionRequest* request,
                             v1::DeleteSessionResponse* response) override;
  grpc::Status ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest* request,
                            v1::ListSessionsResponse* response) override;
  grpc::Status GetSession(grpc::ServerContext* context, const v1::GetSessionRequest* request,
                          v1::GetSessionResponse* response) override;
  grpc::Status RevokeSession(grpc::ServerContext* context, const v1::RevokeSessionRequest* request,
                             v1::RevokeSessionResponse* response) override;
  grpc::Status RevokeUserSessions(grpc::ServerContext* context,
                                  const v1::RevokeUserSessionsRequest* request,
                                  v1::RevokeUserSessionsResponse* response) override;
  grpc::Status DeleteExpiredSessions(grpc::ServerContext* context,
                                     const v1::DeleteExpiredSessionsRequest* request,
                                     v1::DeleteExpiredSessionsResponse* response) override;

 private:
  // Authenticates the caller of `context`, then answers with `handler(caller)`: the only place
  // where an RPC's caller is established.
  template <typename Response, typename Handler>
  grpc::Status Serve(absl::string_view method, const grpc::ServerContextBase* context,
                     Response* response, Handler handler);

  SessionService* service_;
  ManagementService* management_;
  const Authenticator* authenticator_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
