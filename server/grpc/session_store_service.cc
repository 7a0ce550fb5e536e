#include "server/grpc/session_store_service.h"

#include <utility>

#include "common/grpc_status.h"
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

grpc::Status SessionStoreServiceImpl::CreateSession(grpc::ServerContext*,
                                                    const v1::CreateSessionRequest* request,
                                                    v1::CreateSessionResponse* response) {
  return Respond("CreateSession", service_->CreateSession(*request), response);
}

grpc::Status SessionStoreServiceImpl::LoadSession(grpc::ServerContext*,
                                                  const v1::LoadSessionRequest* request,
                                                  v1::LoadSessionResponse* response) {
  return Respond("LoadSession", service_->LoadSession(*request), response);
}

grpc::Status SessionStoreServiceImpl::SaveSession(grpc::ServerContext*,
                                                  const v1::SaveSessionRequest* request,
                                                  v1::SaveSessionResponse* response) {
  return Respond("SaveSession", service_->SaveSession(*request), response);
}

grpc::Status SessionStoreServiceImpl::CycleSessionKey(grpc::ServerContext*,
                                                      const v1::CycleSessionKeyRequest* request,
                                                      v1::CycleSessionKeyResponse* response) {
  return Respond("CycleSessionKey", service_->CycleSessionKey(*request), response);
}

grpc::Status SessionStoreServiceImpl::DeleteSession(grpc::ServerContext*,
                                                    const v1::DeleteSessionRequest* request,
                                                    v1::DeleteSessionResponse* response) {
  return Respond("DeleteSession", service_->DeleteSession(*request), response);
}

grpc::Status SessionStoreServiceImpl::ListSessions(grpc::ServerContext* context,
                                                   const v1::ListSessionsRequest* request,
                                                   v1::ListSessionsResponse* response) {
  return Respond("ListSessions", management_->ListSessions(*request, CallerOf(context)), response);
}

grpc::Status SessionStoreServiceImpl::GetSession(grpc::ServerContext* context,
                                                 const v1::GetSessionRequest* request,
                                                 v1::GetSessionResponse* response) {
  return Respond("GetSession", management_->GetSession(*request, CallerOf(context)), response);
}

grpc::Status SessionStoreServiceImpl::RevokeSession(grpc::ServerContext* context,
                                                    const v1::RevokeSessionRequest* request,
                                                    v1::RevokeSessionResponse* response) {
  return Respond("RevokeSession", management_->RevokeSession(*request, CallerOf(context)),
                 response);
}

grpc::Status SessionStoreServiceImpl::RevokeUserSessions(
    grpc::ServerContext* context, const v1::RevokeUserSessionsRequest* request,
    v1::RevokeUserSessionsResponse* response) {
  return Respond("RevokeUserSessions", management_->RevokeUserSessions(*request, CallerOf(context)),
                 response);
}

grpc::Status SessionStoreServiceImpl::DeleteExpiredSessions(
    grpc::ServerContext* context, const v1::DeleteExpiredSessionsRequest* request,
    v1::DeleteExpiredSessionsResponse* response) {
  return Respond("DeleteExpiredSessions",
                 management_->DeleteExpiredSessions(*request, CallerOf(context)), response);
}

}  // namespace usersessions::server
