#include "common/flag_set.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace usersessions {

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string FlagEnvVarName(absl::string_view flag_name) {
  return absl::StrCat("USERSESSIONS_",
                      absl::AsciiStrToUpper(absl::StrReplaceAll(flag_name, {{"-", "_"}})));
}

void FlagSet::AddString(std::string name, std::string* value, std::string help) {
  flags_.push_back(
      {std::move(name), std::move(help), *value, false, [value](absl::string_view text) {
         *value = std::string(text);
         return std::string();
       }});
}

void FlagSet::AddDuration(std::string name, absl::Duration* value, std::string help) {
  flags_.push_back({std::move(name), std::move(help), absl::FormatDuration(*value), false,
                    [value](absl::string_view text) {
                      absl::Duration parsed;
                      if (!absl::ParseDuration(text, &parsed)) {
                        return absl::StrCat("invalid duration \"", text,
                                            "\" (examples: 90s, 15m, 336h, 0)");
                      }
                      if (parsed < absl::ZeroDuration()) {
                        return absl::StrCat("duration \"", text, "\" must not be negative");
                      }
                      *value = parsed;
                      return std::string();
                    }});
}

void FlagSet::AddInt64(std::string name, int64_t* value, int64_t min, int64_t max,
                       std::string help) {
  flags_.push_back({std::move(name), std::move(help), absl::StrCat(*value), false,
                    [value, min, max](absl::string_view text) {
                      int64_t parsed;
                      if (!absl::SimpleAtoi(text, &parsed)) {
                        return absl::StrCat("invalid integer \"", text, "\"");
                      }
                      if (parsed < min || parsed > max) {
                        return absl::StrCat(parsed, " is out of range [", min, ", ", max, "]");
                      }
                      *value = parsed;
                      return std::string();
                    }});
}

void FlagSet::AddBool(std::string name, bool* value, std::string help) {
  flags_.push_back({std::move(name), std::move(help), *value ? "true" : "false", true,
                    [value](absl::string_view text) {
                      if (text == "true" || text == "1") {
                        *value = true;
                      } else if (text == "false" || text == "0") {
                        *value = false;
                      } else {
                        return absl::StrCat("invalid boolean \"", text, "\" (use true or false)");
                      }
                      return std::string();
                    }});
}

const FlagSet::Flag* FlagSet::Find(absl::string_view name) const {
  for (const Flag& flag : flags_) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

absl::StatusOr<std::vector<std::string>> FlagSet::Parse(const std::vector<std::string>& args,
                                                        const EnvLookup& env) {
  for (const Flag& flag : flags_) {
    const std::string var = FlagEnvVarName(flag.name);
    std::optional<std::string> text = env(var);
    if (!text.has_value()) continue;
    if (std::string error = flag.set(*text); !error.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(var, ": ", error));
    }
  }

  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") {
      positional.insert(positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg.size() < 3 || arg.substr(0, 2) != "--") {
      positional.emplace_back(arg);
      continue;
    }
    arg.remove_prefix(2);
    absl::string_view name = arg;
    std::optional<absl::string_view> value;
    if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const Flag* flag = Find(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, " (see --help)"));
    }
    if (!value.has_value()) {
      if (flag->is_bool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("--", name, ": missing value"));
      }
    }
    if (std::string error = flag->set(*value); !error.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", error));
    }
  }
  return positional;
}

std::string FlagSet::Usage() const {
  std::string out = absl::StrCat(usage_line_,
                                 "\n\nFlags (each also settable as an environment "
                                 "variable; the command line wins):\n");
  for (const Flag& flag : flags_) {
    absl::StrAppend(&out, "  --", flag.name, flag.is_bool ? "" : "=VALUE", "\n      ", flag.help,
                    "\n      default: ", flag.default_text.empty() ? "\"\"" : flag.default_text,
                    "; env: ", FlagEnvVarName(flag.name), "\n");
  }
  return out;
}

}  // namespace usersessions
