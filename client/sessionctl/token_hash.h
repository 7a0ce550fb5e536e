// The tokens-file line for a bearer token (sessionctl hash-token).
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_TOKEN_HASH_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_TOKEN_HASH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace usersessions::sessionctl {

// Returns "<role> sha256:<lower-case hex SHA-256 of the token>" for sessiond's tokens file, which
// never holds a token itself. `input` is what was read from stdin; one trailing newline ("\n" or
// "\r\n") is not part of the token. INVALID_ARGUMENT if the role is not "engine" or "admin", or
// the token is empty or has characters other than printable ASCII without spaces (the only ones
// an `authorization: Bearer` header can carry).
absl::StatusOr<std::string> TokensFileLine(absl::string_view role, absl::string_view input);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_TOKEN_HASH_H_
