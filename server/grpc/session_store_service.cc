#include "server/grpc/session_store_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
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

// Decodes a request that arrived as bytes. INVALID_ARGUMENT (INVALID_ARGUMENT) if it is not a
// valid encoding of `Request`, which includes data nested past protobuf's decoding limit.
template <typename Request>
absl::StatusOr<Request> DecodeRequest(absl::string_view method, const grpc::ByteBuffer& bytes) {
  grpc::ByteBuffer readable(bytes);  // Shares the slices; Deserialize consumes its argument.
  Request request;
  if (!grpc::SerializationTraits<Request>::Deserialize(&readable, &request).ok()) {
    return InvalidArgumentError(
        v1::ERROR_REASON_INVALID_ARGUMENT,
        absl::StrCat("the ", method,
                     " request cannot be decoded: it is malformed, or its data nests deeper than "
                     "protobuf's limit of 100 messages (about 33 levels of objects and lists)"));
  }
  return request;
}

grpc::ByteBuffer EncodeResponse(const google::protobuf::Message& response) {
  grpc::ByteBuffer bytes;
  bool own_buffer = false;
  // Serializing a message that was just built cannot fail short of running out of memory.
  grpc::SerializationTraits<google::protobuf::Message>::Serialize(response, &bytes, &own_buffer)
      .IgnoreError();
  return bytes;
}

}  // namespace

std::optional<Caller> SessionStoreServiceImpl::Authenticate(
    grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor) const {
  absl::StatusOr<Caller> caller = AuthenticateCaller(*context, *authenticator_);
  if (caller.ok()) return *std::move(caller);
  reactor->Finish(ToGrpcStatus(caller.status()));
  return std::nullopt;
}

template <typename Response, typename Handler>
grpc::ServerUnaryReactor* SessionStoreServiceImpl::ServeBlocking(
    absl::string_view method, grpc::CallbackServerContext* context, Response* response,
    Handler handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::optional<Caller> caller = Authenticate(context, reactor);
  if (!caller.has_value()) return reactor;
  // The request, response and reactor stay valid until Finish; the server's Shutdown waits for it.
  blocking_.Submit(
      [method, reactor, response, handler = std::move(handler), caller = *caller]() mutable {
        reactor->Finish(Respond(method, handler(caller), response));
      });
  return reactor;
}

template <typename Request, typename Response, typename Handler>
grpc::ServerUnaryReactor* SessionStoreServiceImpl::ServeBlockingBytes(
    absl::string_view method, grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response, Handler handler) {
  return ServeBlocking(
      method, context, response,
      [method, request,
       handler = std::move(handler)](const Caller& caller) -> absl::StatusOr<grpc::ByteBuffer> {
        ASSIGN_OR_RETURN(Request decoded, DecodeRequest<Request>(method, *request));
        ASSIGN_OR_RETURN(Response answer, handler(caller, decoded));
        return EncodeResponse(answer);
      });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::CreateSession(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return ServeBlockingBytes<v1::CreateSessionRequest, v1::CreateSessionResponse>(
      "CreateSession", context, request, response,
      [this](const Caller&, const v1::CreateSessionRequest& decoded) {
        return service_->CreateSession(decoded);
      });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::LoadSession(
    grpc::CallbackServerContext* context, const v1::LoadSessionRequest* request,
    v1::LoadSessionResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!Authenticate(context, reactor).has_value()) return reactor;
  service_->LoadSessionAsync(*request, blocking_,
                             [reactor, response](absl::StatusOr<v1::LoadSessionResponse> result) {
                               reactor->Finish(Respond("LoadSession", std::move(result), response));
                             });
  return reactor;
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::SaveSession(grpc::CallbackServerContext* context,
                                                               const grpc::ByteBuffer* request,
                                                               grpc::ByteBuffer* response) {
  return ServeBlockingBytes<v1::SaveSessionRequest, v1::SaveSessionResponse>(
      "SaveSession", context, request, response,
      [this](const Caller&, const v1::SaveSessionRequest& decoded) {
        return service_->SaveSession(decoded);
      });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::CycleSessionKey(
    grpc::CallbackServerContext* context, const v1::CycleSessionKeyRequest* request,
    v1::CycleSessionKeyResponse* response) {
  return ServeBlocking("CycleSessionKey", context, response, [request, this](const Caller&) {
    return service_->CycleSessionKey(*request);
  });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::DeleteSession(
    grpc::CallbackServerContext* context, const v1::DeleteSessionRequest* request,
    v1::DeleteSessionResponse* response) {
  return ServeBlocking("DeleteSession", context, response, [request, this](const Caller&) {
    return service_->DeleteSession(*request);
  });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::ListSessions(
    grpc::CallbackServerContext* context, const v1::ListSessionsRequest* request,
    v1::ListSessionsResponse* response) {
  return ServeBlocking("ListSessions", context, response, [request, this](const Caller& caller) {
    return management_->ListSessions(*request, caller);
  });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::GetSession(grpc::CallbackServerContext* context,
                                                              const v1::GetSessionRequest* request,
                                                              v1::GetSessionResponse* response) {
  return ServeBlocking("GetSession", context, response, [request, this](const Caller& caller) {
    return management_->GetSession(*request, caller);
  });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::RevokeSession(
    grpc::CallbackServerContext* context, const v1::RevokeSessionRequest* request,
    v1::RevokeSessionResponse* response) {
  return ServeBlocking("RevokeSession", context, response, [request, this](const Caller& caller) {
    return management_->RevokeSession(*request, caller);
  });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::RevokeUserSessions(
    grpc::CallbackServerContext* context, const v1::RevokeUserSessionsRequest* request,
    v1::RevokeUserSessionsResponse* response) {
  return ServeBlocking("RevokeUserSessions", context, response,
                       [request, this](const Caller& caller) {
                         return management_->RevokeUserSessions(*request, caller);
                       });
}

grpc::ServerUnaryReactor* SessionStoreServiceImpl::DeleteExpiredSessions(
    grpc::CallbackServerContext* context, const v1::DeleteExpiredSessionsRequest* request,
    v1::DeleteExpiredSessionsResponse* response) {
  return ServeBlocking("DeleteExpiredSessions", context, response,
                       [request, this](const Caller& caller) {
                         return management_->DeleteExpiredSessions(*request, caller);
                       });
}

}  // namespace usersessions::server
