#include "common/grpc_status.h"

#include <string>

#include "common/errors.h"
#include "google/rpc/status.pb.h"

namespace usersessions {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  ErrorReason reason = GetErrorReason(status).value_or(DefaultErrorReason(status.code()));
  if (reason == v1::ERROR_REASON_UNSPECIFIED) return grpc::Status(code, message);

  google::rpc::ErrorInfo info;
  info.set_reason(ErrorReasonName(reason));
  info.set_domain(std::string(kErrorDomain));
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(info);
  return grpc::Status(code, message, details.SerializeAsString());
}

std::optional<google::rpc::ErrorInfo> GetErrorInfo(const grpc::Status& status) {
  if (status.error_details().empty()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return std::nullopt;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.Is<google::rpc::ErrorInfo>() && any.UnpackTo(&info)) return info;
  }
  return std::nullopt;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  std::optional<google::rpc::ErrorInfo> info = GetErrorInfo(status);
  if (info.has_value() && info->domain() == kErrorDomain) {
    if (auto reason = ParseErrorReasonName(info->reason()); reason.has_value()) {
      result = WithErrorReason(std::move(result), *reason);
    }
  }
  return result;
}

}  // namespace usersessions
