// The demo's user accounts: a small file of `user:password[:admin]` lines, kept in memory. This
// is sample code for trying the session pages, not a password store: passwords sit in the file
// in clear text.
#ifndef USERSESSIONS_EXAMPLES_DEMO_DEMO_USERS_H_
#define USERSESSIONS_EXAMPLES_DEMO_DEMO_USERS_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace usersessions::demo {

// Immutable after construction; thread-safe.
class DemoUsers {
 public:
  // alice (password alice, an administrator) and bob (password bob).
  static DemoUsers Defaults();

  // Parses the file format: one account per line, `user:password` or `user:password:admin`.
  // Blank lines and lines starting with '#' are ignored; surrounding whitespace and a trailing
  // '\r' are dropped. INVALID_ARGUMENT, naming the line number, for a line with an empty user
  // name or password, a user name that is not 1 to 64 characters of [A-Za-z0-9._@-], a third
  // field other than "admin", more than three fields, a user listed twice, or a file without
  // any account.
  static absl::StatusOr<DemoUsers> Parse(absl::string_view text);

  // Reads and parses `path`. NOT_FOUND if it cannot be opened; otherwise as Parse, with the path
  // in the message.
  static absl::StatusOr<DemoUsers> Load(const std::string& path);

  // True if `user` exists and `password` is its password. The comparison takes the same time
  // whatever the password's content (it still reveals whether the user exists).
  bool Authenticate(absl::string_view user, absl::string_view password) const;

  // True if `user` exists and is marked admin.
  bool IsAdmin(absl::string_view user) const;

  size_t size() const { return accounts_.size(); }

 private:
  struct Account {
    std::string password;
    bool admin = false;
  };
  std::map<std::string, Account, std::less<>> accounts_;
};

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_DEMO_USERS_H_
