// The command line of user-sessions-demo.
#ifndef USERSESSIONS_EXAMPLES_DEMO_DEMO_FLAGS_H_
#define USERSESSIONS_EXAMPLES_DEMO_DEMO_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/flag_set.h"

namespace usersessions::demo {

struct DemoFlags {
  // Where the demo serves HTTP: HOST:PORT, [IPV6]:PORT; port 0 picks a free one.
  std::string listen = "127.0.0.1:8080";
  // sessiond's address (a gRPC target).
  std::string sessiond = "127.0.0.1:50051";
  // CIDRs of reverse proxies whose X-Forwarded-For / Forwarded headers are believed.
  std::vector<std::string> trusted_proxies;
  // The users file; empty: alice (admin) and bob.
  std::string demo_users;
  // Bearer token of the session engine's connection (role engine).
  std::string token;
  // Bearer token of the admin listing's own connection (role admin).
  std::string admin_token;
  // TLS to sessiond (client/client_options.h).
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  // --help was given: print DemoUsage() and exit 0.
  bool help = false;
};

// The help text.
std::string DemoUsage();

// Parses the arguments (without the program name), reading USERSESSIONS_<FLAG> variables from
// `env` first, as every binary of the project does (the command line wins). INVALID_ARGUMENT
// with a one-line message for an unknown flag, a missing value, a positional argument, an empty
// --listen or --sessiond, a --listen without a valid port, or an empty entry in
// --trusted-proxies. (Whether the proxies are valid CIDRs is checked by the session engine.)
absl::StatusOr<DemoFlags> ParseDemoFlags(const std::vector<std::string>& args,
                                         const EnvLookup& env = ProcessEnv);

// A --listen value taken apart.
struct ListenAddress {
  // Without brackets for IPv6.
  std::string host;
  int port = 0;
};

// "127.0.0.1:8080" -> {127.0.0.1, 8080}; "[::1]:0" -> {::1, 0}. INVALID_ARGUMENT otherwise.
absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view text);

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_DEMO_FLAGS_H_
