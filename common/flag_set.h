// Command-line flags in the project's style: `--name=value` or `--name value`, each also settable
// through the environment variable USERSESSIONS_<NAME> (upper snake case). A flag on the command
// line wins over its environment variable. Used by every binary so they all behave alike.
#ifndef USERSESSIONS_COMMON_FLAG_SET_H_
#define USERSESSIONS_COMMON_FLAG_SET_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace usersessions {

// Looks an environment variable up; nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// "idle-timeout" -> "USERSESSIONS_IDLE_TIMEOUT".
std::string FlagEnvVarName(absl::string_view flag_name);

// A set of typed flags bound to caller-owned variables, which hold the defaults. Not thread-safe;
// the variables must outlive the FlagSet.
class FlagSet {
 public:
  explicit FlagSet(std::string usage_line) : usage_line_(std::move(usage_line)) {}

  void AddString(std::string name, std::string* value, std::string help);
  // absl duration syntax ("90s", "336h", "0"); negative durations are rejected.
  void AddDuration(std::string name, absl::Duration* value, std::string help);
  void AddInt64(std::string name, int64_t* value, int64_t min, int64_t max, std::string help);
  // `--name`, `--name=true|false|1|0`; the environment takes true/false/1/0.
  void AddBool(std::string name, bool* value, std::string help);

  // Applies the environment, then `args` (without the program name). Returns the positional
  // arguments. INVALID_ARGUMENT, with a one-line message naming the flag or variable, for an
  // unknown flag, a missing value, or a value that does not parse or is out of range.
  absl::StatusOr<std::vector<std::string>> Parse(const std::vector<std::string>& args,
                                                 const EnvLookup& env = ProcessEnv);

  // Help text: the usage line and one entry per flag with its default and variable.
  std::string Usage() const;

 private:
  struct Flag {
    std::string name;
    std::string help;
    std::string default_text;
    bool is_bool = false;
    // Parses and stores a value; returns an error message, or empty on success.
    std::function<std::string(absl::string_view)> set;
  };
  const Flag* Find(absl::string_view name) const;

  std::string usage_line_;
  std::vector<Flag> flags_;
};

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_FLAG_SET_H_
