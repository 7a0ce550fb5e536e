#include "examples/demo/demo_flags.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace usersessions::demo {
namespace {

constexpr char kUsageLine[] =
    "usage: user-sessions-demo [FLAGS]\n"
    "\n"
    "An example web application on the user-sessions SDK: sign in at /login/, keep a visit\n"
    "counter and a cart in the session, and see and end your sessions at /account/sessions/\n"
    "(administrators: everyone's at /admin/sessions/). Needs a running sessiond.";

void AddFlags(FlagSet& flags, DemoFlags& values, std::string& trusted_proxies) {
  flags.AddString("listen", &values.listen, "HTTP address to serve on, HOST:PORT (port 0: any)");
  flags.AddString("sessiond", &values.sessiond, "sessiond's address, HOST:PORT or a gRPC target");
  flags.AddString("trusted-proxies", &trusted_proxies,
                  "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed");
  flags.AddString("demo-users", &values.demo_users,
                  "file of user:password[:admin] lines (default: alice:alice:admin and bob:bob)");
  flags.AddString("token", &values.token, "bearer token for sessiond, role engine");
  flags.AddString("admin-token", &values.admin_token,
                  "bearer token for sessiond, role admin, used by the admin page only");
  flags.AddString("tls-ca", &values.tls_ca, "CA bundle to verify sessiond; enables TLS");
  flags.AddString("tls-cert", &values.tls_cert, "client certificate for mutual TLS");
  flags.AddString("tls-key", &values.tls_key, "private key of --tls-cert");
}

}  // namespace

std::string DemoUsage() {
  DemoFlags values;
  std::string trusted_proxies;
  FlagSet flags(kUsageLine);
  AddFlags(flags, values, trusted_proxies);
  return flags.Usage();
}

absl::StatusOr<DemoFlags> ParseDemoFlags(const std::vector<std::string>& args,
                                         const EnvLookup& env) {
  DemoFlags values;
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h") {
      values.help = true;
      return values;
    }
  }
  std::string trusted_proxies;
  FlagSet flags(kUsageLine);
  AddFlags(flags, values, trusted_proxies);
  absl::StatusOr<std::vector<std::string>> positional = flags.Parse(args, env);
  if (!positional.ok()) return positional.status();
  if (!positional->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", positional->front(), "\" (see --help)"));
  }
  if (values.sessiond.empty()) return absl::InvalidArgumentError("--sessiond must not be empty");
  if (absl::StatusOr<ListenAddress> listen = ParseListenAddress(values.listen); !listen.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--listen: ", listen.status().message()));
  }
  if (!absl::StripAsciiWhitespace(trusted_proxies).empty()) {
    for (absl::string_view entry : absl::StrSplit(trusted_proxies, ',')) {
      entry = absl::StripAsciiWhitespace(entry);
      if (entry.empty()) {
        return absl::InvalidArgumentError("--trusted-proxies: empty entry in the list");
      }
      values.trusted_proxies.emplace_back(entry);
    }
  }
  return values;
}

absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not HOST:PORT"));
  }
  ListenAddress address;
  absl::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": write an IPv6 host in brackets, [::1]:8080"));
  }
  if (host.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" has no host"));
  }
  const absl::string_view port = text.substr(colon + 1);
  if (!absl::SimpleAtoi(port, &address.port) || address.port < 0 || address.port > 65535 ||
      port.empty() || !absl::ascii_isdigit(static_cast<unsigned char>(port.front()))) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" has no valid port"));
  }
  address.host = std::string(host);
  return address;
}

}  // namespace usersessions::demo
