// One-line error reports for sessionctl's stderr.
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_ERROR_MESSAGE_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_ERROR_MESSAGE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace usersessions::sessionctl {

// "sessionctl: GetSession failed: NOT_FOUND: session not found (reason: SESSION_NOT_FOUND)":
// the RPC, the canonical code, sessiond's message on one line, and the ErrorInfo reason when
// there is one. No trailing newline.
std::string CallErrorMessage(absl::string_view rpc, const absl::Status& status);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_ERROR_MESSAGE_H_
