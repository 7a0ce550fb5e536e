#include "common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace usersessions {
namespace {

constexpr absl::string_view kReasonPayloadUrl = "usersessions.v1/ErrorReason";
constexpr absl::string_view kEnumPrefix = "ERROR_REASON_";

}  // namespace

absl::Status MakeError(absl::StatusCode code, ErrorReason reason, absl::string_view message) {
  return WithErrorReason(absl::Status(code, message), reason);
}

absl::Status InvalidArgumentError(ErrorReason reason, absl::string_view message) {
  return MakeError(absl::StatusCode::kInvalidArgument, reason, message);
}

absl::Status SessionNotFoundError(absl::string_view message) {
  return MakeError(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND, message);
}

absl::Status StoreUnavailableError(absl::string_view message) {
  return MakeError(absl::StatusCode::kUnavailable, v1::ERROR_REASON_STORE_UNAVAILABLE, message);
}

std::optional<ErrorReason> GetErrorReason(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  return ParseErrorReasonName(std::string(*payload));
}

absl::Status WithErrorReason(absl::Status status, ErrorReason reason) {
  if (status.ok()) return status;
  status.SetPayload(kReasonPayloadUrl, absl::Cord(ErrorReasonName(reason)));
  return status;
}

std::string ErrorReasonName(ErrorReason reason) {
  std::string name = v1::ErrorReason_Name(reason);
  if (absl::StartsWith(name, kEnumPrefix)) name.erase(0, kEnumPrefix.size());
  return name;
}

std::optional<ErrorReason> ParseErrorReasonName(absl::string_view name) {
  ErrorReason reason;
  if (!v1::ErrorReason_Parse(absl::StrCat(kEnumPrefix, name), &reason)) return std::nullopt;
  return reason;
}

ErrorReason DefaultErrorReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return v1::ERROR_REASON_INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return v1::ERROR_REASON_SESSION_NOT_FOUND;
    case absl::StatusCode::kAborted:
      return v1::ERROR_REASON_VERSION_CONFLICT;
    case absl::StatusCode::kUnavailable:
      return v1::ERROR_REASON_STORE_UNAVAILABLE;
    case absl::StatusCode::kUnauthenticated:
      return v1::ERROR_REASON_UNAUTHENTICATED;
    case absl::StatusCode::kPermissionDenied:
      return v1::ERROR_REASON_PERMISSION_DENIED;
    default:
      return v1::ERROR_REASON_UNSPECIFIED;
  }
}

}  // namespace usersessions
