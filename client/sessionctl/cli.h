// sessionctl's command line: global client flags, the command, and its flags.
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_CLI_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_CLI_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/flag_set.h"

namespace usersessions::sessionctl {

// The process's streams, environment and clock; tests substitute their own.
struct Environment {
  std::istream* in;
  std::ostream* out;
  std::ostream* err;
  EnvLookup env = ProcessEnv;
  const Clock* clock;
};

// Runs `sessionctl args...` (without the program name) and returns the exit code: 0 on success,
// 1 when a call to sessiond fails, 2 for a usage error (unknown command or flag, a missing or
// invalid value, a TLS file that cannot be read). Every failure prints one line on `err`.
//
// The client flags (--server, --token, --tls-ca, --tls-cert, --tls-key, --timeout) may appear
// anywhere and also come from USERSESSIONS_<FLAG> environment variables; a command's own flags
// follow the command and are command-line only.
int RunSessionctl(const std::vector<std::string>& args, const Environment& environment);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_CLI_H_
