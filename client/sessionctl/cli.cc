#include "client/sessionctl/cli.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/sessionctl/commands.h"
#include "client/sessionctl/token_hash.h"

#ifndef USERSESSIONS_VERSION
#define USERSESSIONS_VERSION "unknown"
#endif

namespace usersessions::sessionctl {
namespace {

constexpr char kOverview[] =
    R"(sessionctl: administer the sessions kept by sessiond.

Usage: sessionctl [client flags] COMMAND [command flags]

Commands:
  list           list sessions (all users: admin)
                   [--user U] [--state active|expired|all] [--search Q] [--limit N] [--json]
  show           show one session            --session ID [--user U] [--json]
  revoke         end one session             --session ID [--user U]
  revoke-all     end all of a user's sessions  --user U [--keep SESSION_ID]
  clear-expired  delete expired sessions now [--batch N]
  hash-token     read a token on stdin, print its tokens-file line  --role engine|admin

Run `sessionctl COMMAND --help` for a command's flags. Exit codes: 0 success, 1 a call to
sessiond failed, 2 usage error.
)";

// The flags every command that talks to sessiond takes.
struct ClientFlags {
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  absl::Duration timeout = absl::Seconds(30);
};

void AddClientFlags(FlagSet& flags, ClientFlags& values) {
  flags.AddString("server", &values.server, "sessiond's address, HOST:PORT or a gRPC target");
  flags.AddString("token", &values.token, "bearer token (prefer the environment variable)");
  flags.AddString("tls-ca", &values.tls_ca, "CA bundle to verify sessiond; enables TLS");
  flags.AddString("tls-cert", &values.tls_cert, "client certificate for mutual TLS");
  flags.AddString("tls-key", &values.tls_key, "private key of --tls-cert");
  flags.AddDuration("timeout", &values.timeout, "deadline of each call to sessiond");
}

bool IsClientFlag(absl::string_view name) {
  static constexpr absl::string_view kNames[] = {"server",   "token",   "tls-ca",
                                                 "tls-cert", "tls-key", "timeout"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// The command line taken apart: client flags (with their values), the command, and the rest.
struct SplitArgs {
  std::vector<std::string> client_flags;
  std::string command;
  std::vector<std::string> command_args;
  bool help = false;
  bool version = false;
};

SplitArgs Split(const std::vector<std::string>& args) {
  SplitArgs split;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      split.command_args.insert(split.command_args.end(), args.begin() + i, args.end());
      break;
    }
    if (arg == "--help" || arg == "-h") {
      split.help = true;
    } else if (arg == "--version") {
      split.version = true;
    } else if (absl::StartsWith(arg, "--")) {
      const std::string name = arg.substr(2, arg.find('=') - 2);
      if (IsClientFlag(name)) {
        split.client_flags.push_back(arg);
        if (arg.find('=') == std::string::npos && i + 1 < args.size()) {
          split.client_flags.push_back(args[++i]);
        }
      } else {
        split.command_args.push_back(arg);
      }
    } else if (split.command.empty()) {
      split.command = arg;
    } else {
      split.command_args.push_back(arg);
    }
  }
  return split;
}

// Command flags are not read from the environment: a stray USERSESSIONS_USER must never change
// which sessions a command ends.
std::optional<std::string> NoEnv(const std::string&) { return std::nullopt; }

int UsageError(const Environment& environment, absl::string_view message) {
  *environment.err << "sessionctl: " << message << "\n";
  return kExitUsage;
}

absl::Status Require(absl::string_view flag, const std::string& value) {
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat("--", flag, " is required"));
  return absl::OkStatus();
}

// One command: its flags, a check run after parsing, and the action.
struct Command {
  explicit Command(std::string usage_text) : usage(usage_text), flags(std::move(usage_text)) {}

  // Each Add* registers a flag and its help line. FlagSet::Usage() would name an environment
  // variable for every flag, which command flags do not read.
  void AddString(std::string name, std::string* value, std::string help) {
    Describe(name, /*takes_value=*/true, help);
    flags.AddString(std::move(name), value, std::move(help));
  }
  void AddInt64(std::string name, int64_t* value, int64_t min, int64_t max, std::string help) {
    Describe(name, /*takes_value=*/true, help);
    flags.AddInt64(std::move(name), value, min, max, std::move(help));
  }
  void AddBool(std::string name, bool* value, std::string help) {
    Describe(name, /*takes_value=*/false, help);
    flags.AddBool(std::move(name), value, std::move(help));
  }
  // The usage text followed by the command's flags.
  std::string Help() const {
    if (flag_help.empty()) return usage + "\n";
    return absl::StrCat(usage, "\n\nCommand flags (command line only):\n", flag_help);
  }

  std::string usage;
  FlagSet flags;
  std::string flag_help;
  std::function<absl::Status()> check = [] { return absl::OkStatus(); };
  bool needs_client = true;
  std::function<int(client::SessionStoreClient*, const CommandOutput&)> run;

 private:
  void Describe(const std::string& name, bool takes_value, const std::string& help) {
    absl::StrAppend(&flag_help, "  --", name, takes_value ? "=VALUE" : "", "\n      ", help, "\n");
  }
};

}  // namespace

int RunSessionctl(const std::vector<std::string>& args, const Environment& environment) {
  SplitArgs split = Split(args);
  if (split.version) {
    *environment.out << "sessionctl " << USERSESSIONS_VERSION << "\n";
    return kExitOk;
  }

  if (split.command == "help") {
    split.help = true;
    split.command = split.command_args.empty() ? "" : split.command_args.front();
    split.command_args.clear();
  }

  ClientFlags client_flags;
  ListArgs list;
  std::string state = "active";
  ShowArgs show;
  RevokeArgs revoke;
  RevokeAllArgs revoke_all;
  ClearExpiredArgs clear_expired;
  std::string role;

  std::optional<Command> command;
  if (split.command == "list") {
    command.emplace(
        "Usage: sessionctl list [--user U] [--state active|expired|all] "
        "[--search Q] [--limit N] [--json]\n\nLists sessions, most recent "
        "activity first. Without --user, every user's (needs the admin role).");
    command->AddString("user", &list.user, "only this user's sessions");
    command->AddString("state", &state, "active, expired or all");
    command->AddString("search", &list.search,
                       "substring of the IP address, user agent or user id");
    command->AddInt64("limit", &list.limit, 0, std::numeric_limits<int64_t>::max(),
                      "print at most N sessions (0: all)");
    command->AddBool("json", &list.json, "print one JSON array (proto3 JSON)");
    command->check = [&] {
      if (state == "active") {
        list.state = v1::STATE_FILTER_ACTIVE;
      } else if (state == "expired") {
        list.state = v1::STATE_FILTER_EXPIRED;
      } else if (state == "all") {
        list.state = v1::STATE_FILTER_ALL;
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("--state must be active, expired or all, not \"", state, "\""));
      }
      return absl::OkStatus();
    };
    command->run = [&](client::SessionStoreClient* client, const CommandOutput& output) {
      return RunList(*client, list, output);
    };
  } else if (split.command == "show") {
    command.emplace(
        "Usage: sessionctl show --session ID [--user U] [--json]\n\nShows "
        "one session. Without --user, any user's (needs the admin role).");
    command->AddString("session", &show.session_id, "the session id");
    command->AddString("user", &show.user, "the session's owner");
    command->AddBool("json", &show.json, "print the session's proto3 JSON");
    command->check = [&] { return Require("session", show.session_id); };
    command->run = [&](client::SessionStoreClient* client, const CommandOutput& output) {
      return RunShow(*client, show, output);
    };
  } else if (split.command == "revoke") {
    command.emplace(
        "Usage: sessionctl revoke --session ID [--user U]\n\nEnds one "
        "session. Without --user, any user's (needs the admin role).");
    command->AddString("session", &revoke.session_id, "the session id");
    command->AddString("user", &revoke.user, "the session's owner");
    command->check = [&] { return Require("session", revoke.session_id); };
    command->run = [&](client::SessionStoreClient* client, const CommandOutput& output) {
      return RunRevoke(*client, revoke, output);
    };
  } else if (split.command == "revoke-all") {
    command.emplace(
        "Usage: sessionctl revoke-all --user U [--keep SESSION_ID]\n\nEnds "
        "all of a user's sessions (log out everywhere) and prints how many.");
    command->AddString("user", &revoke_all.user, "the user");
    command->AddString("keep", &revoke_all.keep_session_id, "a session id to keep");
    command->check = [&] { return Require("user", revoke_all.user); };
    command->run = [&](client::SessionStoreClient* client, const CommandOutput& output) {
      return RunRevokeAll(*client, revoke_all, output);
    };
  } else if (split.command == "clear-expired") {
    command.emplace(
        "Usage: sessionctl clear-expired [--batch N]\n\nDeletes expired "
        "sessions now, in bounded batches (needs the admin role).");
    command->AddInt64("batch", &clear_expired.batch_size, 0, 10000,
                      "rows per batch (0: the server's default, 1000)");
    command->run = [&](client::SessionStoreClient* client, const CommandOutput& output) {
      // Each call stops starting batches at half its deadline, so it answers in time.
      clear_expired.max_duration_per_call = std::min(absl::Seconds(10), client_flags.timeout / 2);
      return RunClearExpired(*client, clear_expired, output);
    };
  } else if (split.command == "hash-token") {
    command.emplace(
        "Usage: sessionctl hash-token --role engine|admin < token\n\nReads "
        "a bearer token on stdin and prints its line for sessiond's tokens\n"
        "file: ROLE sha256:HEX. The token itself is never stored.");
    command->AddString("role", &role, "engine (host apps) or admin (operators)");
    command->needs_client = false;
    command->check = [&] { return Require("role", role); };
    command->run = [&](client::SessionStoreClient*, const CommandOutput& output) {
      std::string input((std::istreambuf_iterator<char>(*environment.in)),
                        std::istreambuf_iterator<char>());
      absl::StatusOr<std::string> line = TokensFileLine(role, input);
      if (!line.ok()) return UsageError(environment, line.status().message());
      *output.out << *line << "\n";
      return kExitOk;
    };
  }

  // The client flags' help follows the overview, or the command's own help.
  FlagSet client_flag_set(std::string(
      absl::StripTrailingAsciiWhitespace(command.has_value() ? command->Help() : kOverview)));
  AddClientFlags(client_flag_set, client_flags);

  if (split.help && (command.has_value() || split.command.empty())) {
    if (command.has_value() && !command->needs_client) {
      *environment.out << command->Help();
    } else {
      *environment.out << client_flag_set.Usage();
    }
    return kExitOk;
  }
  if (split.command.empty()) return UsageError(environment, "no command (see --help)");
  if (!command.has_value()) {
    return UsageError(environment,
                      absl::StrCat("unknown command \"", split.command, "\" (see --help)"));
  }

  auto client_positional = client_flag_set.Parse(split.client_flags, environment.env);
  if (!client_positional.ok()) return UsageError(environment, client_positional.status().message());
  auto positional = command->flags.Parse(split.command_args, NoEnv);
  if (!positional.ok()) return UsageError(environment, positional.status().message());
  if (!positional->empty()) {
    return UsageError(environment, absl::StrCat("unexpected argument \"", positional->front(),
                                                "\" (see sessionctl ", split.command, " --help)"));
  }
  if (absl::Status valid = command->check(); !valid.ok()) {
    return UsageError(environment, valid.message());
  }
  if (client_flags.timeout <= absl::ZeroDuration()) {
    return UsageError(environment, "--timeout must be positive");
  }

  const CommandOutput output{environment.out, environment.err, environment.clock};
  if (!command->needs_client) return command->run(nullptr, output);

  client::ClientOptions options;
  options.server = client_flags.server;
  options.token = client_flags.token;
  options.tls_ca_file = client_flags.tls_ca;
  options.tls_cert_file = client_flags.tls_cert;
  options.tls_key_file = client_flags.tls_key;
  options.call_timeout = client_flags.timeout;
  absl::StatusOr<client::SessionStoreClient> client = client::SessionStoreClient::Create(options);
  if (!client.ok()) return UsageError(environment, client.status().message());
  return command->run(&*client, output);
}

}  // namespace usersessions::sessionctl
