#include "server/grpc/session_store_service.h"

#include <utility>

#include "common/grpc_status.h"
#include "server/grpc/caller_context.h"
#include "server/logging/logger.h"

namespace usersessions::server {
namespace {

// Moves a successful result into the response, logs server-side failures (never request
// contents), and converts the status.
template <typename Response>
grpc::Status Respond(absl::string_view method, absl::StatusOr<Response> result,
                     Response* response) {
  if (result.ok()) {
    *response = *std::move(result);
    return grpc::Status::OK;
  }
  const absl::Status& status = result.status();
  if (absl::IsInternal(status) || absl::IsUnavailable(status) || absl::IsUnknown(status)) {
    LogWarning("rpc failed", {{"method", std::string(method)},
                              {"code", absl::StatusCodeToString(status.code())},
                              {"error", std::string(status.message())}});
  }
  return ToGrpcStatus(status);
}

}  // namespace

template <typename Response, typename Handler>
grpc::Status SessionStoreServiceImpl::Serve(absl::string_view method,
                                            const grpc::ServerContextBase* context,
                                            Response* response, Handler handler) {
  absl::StatusOr<Caller> caller = AuthenticateCaller(*context, *authenticator_);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Respond(method, handler(*caller), response);
}

grpc::Status SessionStoreServiceImpl::CreateSession(grpc::ServerContext* context,
                                                    const v1::CreateSessionRequest* request,
                                                    v1::CreateSessionResponse* response) {
  return Serve("CreateSession", context, response,
               [&](const Caller&) { return service_->CreateSession(*request); });
}

grpc::Status SessionStoreServiceImpl::LoadSession(grpc::ServerContext* context,
                                                  const v1::LoadSessionRequest* request,
                                                  v1::LoadSessionResponse* response) {
  return Serve("LoadSession", context, response,
               [&](const Caller&) { return service_->LoadSession(*request); });
}

grpc::Status SessionStoreServiceImpl::SaveSession(grpc::ServerContext* context,
                                                  const v1::SaveSessionRequest* request,
                                                  v1::SaveSessionResponse* response) {
  return Serve("SaveSession", context, response,
               [&](const Caller&) { return service_->SaveSession(*request); });
}

grpc::Status SessionStoreServiceImpl::CycleSessionKey(grpc::ServerContext* context,
                                                      const v1::CycleSessionKeyRequest* request,
                                                      v1::CycleSessionKeyResponse* response) {
  return Serve("CycleSessionKey", context, response,
               [&](const Caller&) { return service_->CycleSessionKey(*request); });
}

grpc::Status SessionStoreServiceImpl::DeleteSession(grpc::ServerContext* context,
                                                    const v1::DeleteSessionRequest* request,
                                                    v1::DeleteSessionResponse* response) {
  return Serve("DeleteSession", context, response,
               [&](const Caller&) { return service_->DeleteSession(*request); });
}

grpc::Status SessionStoreServiceImpl::ListSessions(grpc::ServerContext* context,
                                                   const v1::ListSessionsRequest* request,
                                                   v1::ListSessionsResponse* response) {
  return Serve("ListSessions", context, response,
               [&](const Caller& caller) { return management_->ListSessions(*request, caller); });
}

grpc::Status SessionStoreServiceImpl::GetSession(grpc::ServerContext* context,
                                                 const v1::GetSessionRequest* request,
                                                 v1::GetSessionResponse* response) {
  return Serve("GetSession", context, response,
               [&](const Caller& caller) { return management_->GetSession(*request, caller); });
}

grpc::Status SessionStoreServiceImpl::RevokeSession(grpc::ServerContext* context,
                                                    const v1::RevokeSessionRequest* request,
                                                    v1::RevokeSessionResponse* response) {
  return Serve("RevokeSession", context, response,
               [&](const Caller& caller) { return management_->RevokeSession(*request, caller); });
}

grpc::Status SessionStoreServiceImpl::RevokeUserSessions(
    grpc::ServerContext* context, const v1::RevokeUserSessionsRequest* request,
    v1::RevokeUserSessionsResponse* response) {
  return Serve("RevokeUserSessions", context, response, [&](const Caller& caller) {
    return management_->RevokeUserSessions(*request, caller);
  });
}

grpc::Status SessionStoreServiceImpl::DeleteExpiredSessions(
    grpc::ServerContext* context, const v1::DeleteExpiredSessionsRequest* request,
    v1::DeleteExpiredSessionsResponse* response) {
  return Serve("DeleteExpiredSessions", context, response, [&](const Caller& caller) {
    return management_->DeleteExpiredSessions(*request, caller);
  });
}

}  // namespace usersessions::server
