// sessiond's command line: sub-commands, flags and their USERSESSIONS_* environment variables,
// validated as a whole so that a bad value stops the process at start with a one-line message.
#ifndef USERSESSIONS_SERVER_CONFIG_SERVER_CONFIG_H_
#define USERSESSIONS_SERVER_CONFIG_SERVER_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/flag_set.h"

namespace usersessions::server {

struct ServerConfig {
  std::string listen = "127.0.0.1:50051";
  std::string health_listen;   // Empty: off.
  std::string metrics_listen;  // Empty: off.
  std::string store = "sqlite:./var/sessions.db";
  int64_t mysql_pool_size = 16;
  bool migrate = false;
  absl::Duration idle_timeout = absl::Hours(336);
  absl::Duration absolute_timeout = absl::ZeroDuration();
  absl::Duration activity_resolution = absl::Seconds(60);
  int64_t max_data_bytes = 262144;
  int64_t max_data_depth = 32;
  int64_t max_message_bytes = 4 * 1024 * 1024;
  absl::Duration drain_timeout = absl::Seconds(20);
  std::string log_format = "json";
  bool insecure = false;
  std::string geoip_db;                              // Empty: no location.
  absl::Duration cleanup_interval = absl::Hours(1);  // Zero: off.
  std::string page_token_secret_file;                // Empty: a random per-process secret.
  // Empty: authentication off (every caller is admin).
  std::string auth_tokens_file;
  // Both empty: plaintext.
  std::string tls_cert;
  std::string tls_key;
  // Non-empty: clients must present a certificate signed by this CA.
  std::string tls_client_ca;
  // Calls in flight per HTTP/2 connection.
  int64_t max_concurrent_streams = 128;
};

enum class Command { kServe, kMigrate, kHelp, kVersion };

struct CommandLine {
  Command command = Command::kServe;
  ServerConfig config;
  std::string usage;  // Help text, for kHelp.
};

// Parses `args` (without the program name) and the environment. INVALID_ARGUMENT with a one-line
// message for an unknown sub-command or flag, a malformed value, or an inconsistent combination.
absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             const EnvLookup& env = ProcessEnv);

// True for addresses only reachable from this machine: 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackListenAddress(absl::string_view address);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_CONFIG_SERVER_CONFIG_H_
