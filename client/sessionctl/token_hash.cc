#include "client/sessionctl/token_hash.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/encoding.h"

namespace usersessions::sessionctl {

absl::StatusOr<std::string> TokensFileLine(absl::string_view role, absl::string_view input) {
  if (role != "engine" && role != "admin") {
    return absl::InvalidArgumentError(
        absl::StrCat("--role must be engine or admin, not \"", role, "\""));
  }
  absl::string_view token = input;
  if (absl::ConsumeSuffix(&token, "\n")) absl::ConsumeSuffix(&token, "\r");
  if (token.empty()) return absl::InvalidArgumentError("no token on stdin");
  if (!std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7f; })) {
    return absl::InvalidArgumentError(
        "the token must be one line of printable ASCII without spaces");
  }
  return absl::StrCat(role, " sha256:", HexEncode(Sha256(token)));
}

}  // namespace usersessions::sessionctl
