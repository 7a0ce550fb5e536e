#include "server/auth/token_table.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/encoding.h"

namespace usersessions::server {
namespace {

constexpr absl::string_view kHashPrefix = "sha256:";
constexpr size_t kSha256Bytes = 32;

// Decodes 64 hex digits (either case) into 32 bytes; nullopt otherwise.
std::optional<std::string> DecodeSha256Hex(absl::string_view hex) {
  if (hex.size() != 2 * kSha256Bytes) return std::nullopt;
  std::string bytes(kSha256Bytes, '\0');
  for (size_t i = 0; i < hex.size(); ++i) {
    const char c = absl::ascii_tolower(static_cast<unsigned char>(hex[i]));
    int nibble;
    if (c >= '0' && c <= '9') {
      nibble = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      nibble = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    bytes[i / 2] = static_cast<char>((bytes[i / 2] << 4) | nibble);
  }
  return bytes;
}

std::optional<Caller::Role> ParseRole(absl::string_view role) {
  if (role == "engine") return Caller::Role::kEngine;
  if (role == "admin") return Caller::Role::kAdmin;
  return std::nullopt;
}

}  // namespace

absl::StatusOr<TokenTable> TokenTable::Parse(absl::string_view contents) {
  TokenTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(contents, '\n')) {
    ++line_number;
    line = line.substr(0, line.find('#'));
    const std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (fields.empty()) continue;
    auto malformed = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", why));
    };
    if (fields.size() != 2) {
      return malformed("expected `<role> sha256:<hex>` (see `sessionctl hash-token`)");
    }
    const std::optional<Caller::Role> role = ParseRole(fields[0]);
    if (!role.has_value()) return malformed("the role must be engine or admin");
    if (!absl::StartsWith(fields[1], kHashPrefix)) {
      return malformed("the hash must start with sha256: (tokens are never stored in clear)");
    }
    std::optional<std::string> hash = DecodeSha256Hex(fields[1].substr(kHashPrefix.size()));
    if (!hash.has_value()) return malformed("sha256: must be followed by 64 hex digits");
    bool duplicate = false;
    for (const Entry& entry : table.entries_) {
      if (entry.sha256 != *hash) continue;
      if (entry.role != *role) return malformed("this token is already listed under another role");
      duplicate = true;
    }
    if (!duplicate) table.entries_.push_back(Entry{*role, *std::move(hash)});
  }
  if (table.entries_.empty()) {
    return absl::InvalidArgumentError("no tokens: every call would be refused");
  }
  return table;
}

std::optional<Caller::Role> TokenTable::Find(absl::string_view token) const {
  const std::string hash = Sha256(token);
  // Branch-free accumulation: every entry is compared whatever matched before.
  unsigned engine = 0;
  unsigned admin = 0;
  for (const Entry& entry : entries_) {
    const unsigned match = CRYPTO_memcmp(entry.sha256.data(), hash.data(), kSha256Bytes) == 0;
    const unsigned is_admin = entry.role == Caller::Role::kAdmin;
    admin |= match & is_admin;
    engine |= match & (1u - is_admin);
  }
  if (admin != 0) return Caller::Role::kAdmin;
  if (engine != 0) return Caller::Role::kEngine;
  return std::nullopt;
}

int TokenTable::CountOf(Caller::Role role) const {
  int count = 0;
  for (const Entry& entry : entries_) count += entry.role == role;
  return count;
}

absl::StatusOr<TokenTable> LoadTokenTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the tokens file ", path, ": ", std::strerror(errno)));
  }
  const std::string contents((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  absl::StatusOr<TokenTable> table = TokenTable::Parse(contents);
  if (!table.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", table.status().message()));
  }
  return table;
}

}  // namespace usersessions::server
