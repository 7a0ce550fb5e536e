// The project's error vocabulary: an absl::Status with a canonical code, an English message, and
// one usersessions.v1.ErrorReason carried as a payload. The server turns the reason into a
// google.rpc.ErrorInfo; the client turns it back (see grpc_status.h).
#ifndef USERSESSIONS_COMMON_ERRORS_H_
#define USERSESSIONS_COMMON_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "usersessions/v1/error_reason.pb.h"

namespace usersessions {

using ErrorReason = ::usersessions::v1::ErrorReason;

// ErrorInfo.domain of every error this project produces.
inline constexpr absl::string_view kErrorDomain = "usersessions.v1";

// Returns a status with `code`, `message` and `reason` attached.
absl::Status MakeError(absl::StatusCode code, ErrorReason reason, absl::string_view message);

// Shorthands for the common cases.
absl::Status InvalidArgumentError(ErrorReason reason, absl::string_view message);
absl::Status SessionNotFoundError(absl::string_view message = "session not found");
absl::Status StoreUnavailableError(absl::string_view message);

// Returns the reason attached to `status`, or nullopt if there is none.
std::optional<ErrorReason> GetErrorReason(const absl::Status& status);

// Attaches `reason` to `status`, replacing any earlier reason. OK stays OK.
absl::Status WithErrorReason(absl::Status status, ErrorReason reason);

// The wire name of a reason: the enum value's name without "ERROR_REASON_", for example
// "SESSION_NOT_FOUND".
std::string ErrorReasonName(ErrorReason reason);

// Parses a wire name back; nullopt for names this build does not know.
std::optional<ErrorReason> ParseErrorReasonName(absl::string_view name);

// The reason used when a status carries none: derived from the code so that every error on the
// wire has one.
ErrorReason DefaultErrorReason(absl::StatusCode code);

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_ERRORS_H_
