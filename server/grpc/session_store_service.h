// The usersessions.v1.SessionStore gRPC service: a thin adapter from gRPC to SessionService.
#ifndef USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
#define USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_

#include "server/service/session_service.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::server {

// Maps each RPC onto SessionService and its absl::Status onto a grpc::Status with ErrorInfo.
// Thread-safe; `service` must outlive it.
class SessionStoreServiceImpl final : public v1::SessionStore::Service {
 public:
  explicit SessionStoreServiceImpl(SessionService* service) : service_(service) {}

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
  // The management RPCs are not overridden yet: gRPC answers them UNIMPLEMENTED.

 private:
  SessionService* service_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_SESSION_STORE_SERVICE_H_
