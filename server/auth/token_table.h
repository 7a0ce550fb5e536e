// The bearer tokens sessiond accepts, by role, as read from --auth-tokens-file. Only SHA-256
// hashes of the tokens are kept, so the file (and this table) never hold a usable token.
#ifndef USERSESSIONS_SERVER_AUTH_TOKEN_TABLE_H_
#define USERSESSIONS_SERVER_AUTH_TOKEN_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/service/caller.h"

namespace usersessions::server {

// Immutable after Parse; thread-safe.
class TokenTable {
 public:
  // Parses the tokens file format: one token per line as `<role> sha256:<64 hex digits>`, where
  // role is `engine` or `admin` (the line `sessionctl hash-token` prints). Blank lines and
  // everything from a `#` to the end of a line are ignored; fields are separated by spaces or
  // tabs; hex digits may be upper or lower case. A role may have several tokens (for rotation).
  // INVALID_ARGUMENT, naming the line number (never its contents), for a malformed line, an
  // unknown role, a hash listed under two roles, or a file without any token.
  static absl::StatusOr<TokenTable> Parse(absl::string_view contents);

  // The role of `token`, or nullopt if it is not listed. Constant-time in the token's contents:
  // the token's SHA-256 is compared with every stored hash (CRYPTO_memcmp), with no early exit,
  // so the time taken reveals neither whether nor where it matched.
  std::optional<Caller::Role> Find(absl::string_view token) const;

  // How many tokens each role has (for the reload log line).
  int CountOf(Caller::Role role) const;

 private:
  struct Entry {
    Caller::Role role;
    std::string sha256;  // 32 raw bytes.
  };
  std::vector<Entry> entries_;
};

// Reads and parses the tokens file at `path`. FAILED_PRECONDITION if it cannot be read;
// INVALID_ARGUMENT (prefixed with the path) if it does not parse.
absl::StatusOr<TokenTable> LoadTokenTable(const std::string& path);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_AUTH_TOKEN_TABLE_H_
