#include "client/sessionctl/error_message.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace usersessions::sessionctl {

std::string CallErrorMessage(absl::string_view rpc, const absl::Status& status) {
  std::string message(status.message());
  // gRPC's own messages (connection failures) can span lines.
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string line =
      absl::StrCat("sessionctl: ", rpc, " failed: ", absl::StatusCodeToString(status.code()));
  if (!message.empty()) absl::StrAppend(&line, ": ", message);
  if (std::optional<ErrorReason> reason = GetErrorReason(status); reason.has_value()) {
    absl::StrAppend(&line, " (reason: ", ErrorReasonName(*reason), ")");
  }
  return line;
}

}  // namespace usersessions::sessionctl
