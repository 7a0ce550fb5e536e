#include "server/config/server_config.h"

#include <arpa/inet.h>

#include <limits>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"

namespace usersessions::server {
namespace {

constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
// MEDIUMTEXT, the MySQL data column, holds up to 16 MiB.
constexpr int64_t kMaxDataBytesLimit = 16 * 1024 * 1024 - 1;

// Splits "host:port" / "[v6]:port". INVALID_ARGUMENT naming `flag` when malformed.
absl::Status CheckListenAddress(absl::string_view flag, absl::string_view address) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, ": \"", address, "\" is not HOST:PORT (for example 127.0.0.1:50051)"));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsLoopbackListenAddress(absl::string_view address) {
  absl::string_view host = address.substr(0, address.rfind(':'));
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  if (host == "localhost" || host == "::1") return true;
  // A literal address only: a host name such as "127.example.com" may resolve anywhere.
  in_addr v4;
  return inet_pton(AF_INET, std::string(host).c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             const EnvLookup& env) {
  CommandLine result;
  ServerConfig& c = result.config;
  bool help = false;
  bool version = false;
  FlagSet flags(
      "Usage: sessiond [migrate] [flags]\n\n"
      "Serves usersessions.v1.SessionStore over gRPC. `sessiond migrate` applies pending schema\n"
      "migrations to the store and exits.");
  flags.AddString("listen", &c.listen, "gRPC address (HOST:PORT; port 0 picks a free port)");
  flags.AddString("health-listen", &c.health_listen,
                  "extra plaintext address serving only grpc.health.v1 (for kubelet probes)");
  flags.AddString("metrics-listen", &c.metrics_listen,
                  "HTTP address serving Prometheus metrics at /metrics (HOST:PORT; default off)");
  flags.AddString("store", &c.store,
                  "sqlite:PATH (embedded) or mysql://user:password@host:port/database");
  flags.AddInt64("mysql-pool-size", &c.mysql_pool_size, 1, 1024,
                 "most database connections per process");
  flags.AddBool("migrate", &c.migrate, "apply pending schema migrations at start");
  flags.AddDuration("idle-timeout", &c.idle_timeout,
                    "default sliding idle timeout of a session (CreateSession ttl overrides)");
  flags.AddDuration("absolute-timeout", &c.absolute_timeout,
                    "lifetime cap counted from creation; 0 = off");
  flags.AddDuration("activity-resolution", &c.activity_resolution,
                    "LoadSession writes activity at most once per this window unless the client "
                    "changes");
  flags.AddInt64("max-data-bytes", &c.max_data_bytes, 1, kMaxDataBytesLimit,
                 "largest session data, as JSON bytes");
  // Above 32, gRPC's protobuf decoder (at most 100 nested messages, three per object level)
  // would refuse deep data with INTERNAL before it could get DATA_TOO_DEEP.
  flags.AddInt64("max-data-depth", &c.max_data_depth, 1, 32, "deepest nesting of session data");
  flags.AddInt64("max-message-bytes", &c.max_message_bytes, 1024, kMaxInt,
                 "largest gRPC message accepted; keep it above --max-data-bytes");
  flags.AddDuration("drain-timeout", &c.drain_timeout,
                    "on SIGTERM, how long in-flight calls may finish");
  flags.AddString("log-format", &c.log_format, "json or text");
  flags.AddBool("insecure", &c.insecure,
                "allow listening on a non-loopback address without authentication");
  flags.AddString("geoip-db", &c.geoip_db,
                  "MaxMind DB (GeoIP2/GeoLite2 City or Country) for session locations; re-read "
                  "when it changes and on SIGHUP");
  flags.AddDuration("cleanup-interval", &c.cleanup_interval,
                    "how often expired sessions are deleted; 0 = off");
  flags.AddString("page-token-secret-file", &c.page_token_secret_file,
                  "file holding the HMAC key of ListSessions page tokens; share it across "
                  "replicas (without it, tokens work only on the replica that issued them)");
  flags.AddString("auth-tokens-file", &c.auth_tokens_file,
                  "bearer tokens by role, one `ROLE sha256:HEX` per line (sessionctl hash-token); "
                  "re-read when it changes and on SIGHUP. Without it every caller is admin");
  flags.AddString("tls-cert", &c.tls_cert,
                  "PEM certificate chain of the gRPC port; enables TLS (with --tls-key)");
  flags.AddString("tls-key", &c.tls_key, "PEM private key of --tls-cert");
  flags.AddString("tls-client-ca", &c.tls_client_ca,
                  "PEM CA bundle: require client certificates signed by it (mutual TLS)");
  flags.AddInt64("max-concurrent-streams", &c.max_concurrent_streams, 1, 65536,
                 "most calls in flight on one client connection (HTTP/2 streams)");
  flags.AddBool("help", &help, "print this help and exit");
  flags.AddBool("version", &version, "print the version and exit");

  ASSIGN_OR_RETURN(std::vector<std::string> positional, flags.Parse(args, env));
  result.usage = flags.Usage();
  if (help) {
    result.command = Command::kHelp;
    return result;
  }
  if (version) {
    result.command = Command::kVersion;
    return result;
  }
  if (!positional.empty()) {
    if (positional.size() > 1 || positional[0] != "migrate") {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown sub-command \"", positional[0], "\" (the only one is `migrate`)"));
    }
    result.command = Command::kMigrate;
  }

  RETURN_IF_ERROR(CheckListenAddress("listen", c.listen));
  if (!c.health_listen.empty())
    RETURN_IF_ERROR(CheckListenAddress("health-listen", c.health_listen));
  if (!c.metrics_listen.empty())
    RETURN_IF_ERROR(CheckListenAddress("metrics-listen", c.metrics_listen));
  if (!absl::StartsWith(c.store, "sqlite:") && !absl::StartsWith(c.store, "mysql://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--store: unsupported store \"", c.store.substr(0, c.store.find(':')),
                     "\" (use sqlite:PATH or mysql://user:password@host:port/database)"));
  }
  if (c.log_format != "json" && c.log_format != "text") {
    return absl::InvalidArgumentError(
        absl::StrCat("--log-format: \"", c.log_format, "\" is not json or text"));
  }
  if (c.idle_timeout < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--idle-timeout must be at least 1s");
  }
  if (c.max_message_bytes <= c.max_data_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--max-message-bytes (", c.max_message_bytes, ") must be larger than --max-data-bytes (",
        c.max_data_bytes, ") so that oversized data gets a precise error"));
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key must be given together");
  }
  if (!c.tls_client_ca.empty() && c.tls_cert.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (result.command == Command::kServe && !c.insecure && c.auth_tokens_file.empty() &&
      !IsLoopbackListenAddress(c.listen)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "refusing to listen on ", c.listen,
        " without authentication; give --auth-tokens-file (and --tls-cert/--tls-key), listen on "
        "loopback, or pass --insecure explicitly"));
  }
  return result;
}

}  // namespace usersessions::server
