#include "examples/demo/demo_users.h"

#include <openssl/crypto.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/encoding.h"

namespace usersessions::demo {
namespace {

bool IsValidUserName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '@' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

}  // namespace

DemoUsers DemoUsers::Defaults() {
  DemoUsers users;
  users.accounts_["alice"] = {"alice", true};
  users.accounts_["bob"] = {"bob", false};
  return users;
}

absl::StatusOr<DemoUsers> DemoUsers::Parse(absl::string_view text) {
  DemoUsers users;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    auto error = [line_number](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", what));
    };
    std::vector<absl::string_view> fields = absl::StrSplit(line, ':');
    if (fields.size() < 2) return error("expected user:password[:admin]");
    if (fields.size() > 3) return error("too many ':' (expected user:password[:admin])");
    if (!IsValidUserName(fields[0])) {
      return error("the user name must be 1 to 64 characters of A-Z a-z 0-9 . _ @ -");
    }
    if (fields[1].empty()) return error("empty password");
    if (fields.size() == 3 && fields[2] != "admin") {
      return error(absl::StrCat("unknown role \"", fields[2], "\" (the only one is admin)"));
    }
    const bool inserted =
        users.accounts_
            .emplace(std::string(fields[0]), Account{std::string(fields[1]), fields.size() == 3})
            .second;
    if (!inserted) return error(absl::StrCat("user \"", fields[0], "\" is listed twice"));
  }
  if (users.accounts_.empty()) return absl::InvalidArgumentError("no accounts");
  return users;
}

absl::StatusOr<DemoUsers> DemoUsers::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open the users file ", path));
  std::stringstream text;
  text << file.rdbuf();
  absl::StatusOr<DemoUsers> users = Parse(text.str());
  if (!users.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", users.status().message()));
  }
  return users;
}

bool DemoUsers::Authenticate(absl::string_view user, absl::string_view password) const {
  auto it = accounts_.find(user);
  if (it == accounts_.end()) return false;
  // Comparing digests keeps the time independent of where the passwords differ.
  const std::string expected = Sha256(it->second.password);
  const std::string given = Sha256(password);
  return CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

bool DemoUsers::IsAdmin(absl::string_view user) const {
  auto it = accounts_.find(user);
  return it != accounts_.end() && it->second.admin;
}

}  // namespace usersessions::demo
