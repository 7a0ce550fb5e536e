#include "bench/loadgen/loadgen_options.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"

namespace usersessions::loadgen {
namespace {

constexpr std::pair<Workload, absl::string_view> kWorkloads[] = {
    {Workload::kLoad, "load"},     {Workload::kLoadTouch, "load-touch"}, {Workload::kSave, "save"},
    {Workload::kCreate, "create"}, {Workload::kMixed, "mixed"},          {Workload::kList, "list"},
    {Workload::kPing, "ping"},
};

constexpr char kDefaultServer[] = "127.0.0.1:50051";

}  // namespace

absl::StatusOr<Workload> ParseWorkload(absl::string_view name) {
  for (const auto& [workload, workload_name] : kWorkloads) {
    if (name == workload_name) return workload;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--workload: unknown workload \"", name,
                   "\"; expected load, load-touch, save, create, mixed, list or ping"));
}

absl::string_view WorkloadName(Workload workload) {
  for (const auto& [candidate, name] : kWorkloads) {
    if (candidate == workload) return name;
  }
  return "unknown";
}

absl::StatusOr<ParsedCommandLine> ParseLoadgenCommandLine(const std::vector<std::string>& args,
                                                          const EnvLookup& env) {
  ParsedCommandLine parsed;
  LoadgenOptions& options = parsed.options;
  std::string target;
  std::string server;
  std::string workload = "load";
  int64_t concurrency = options.concurrency;
  int64_t channels = options.channels;
  FlagSet flags(
      "usage: usersessions-loadgen [flags]\n\nCloses a loop of --concurrency workers "
      "around sessiond and reports throughput and latency.");
  flags.AddString("target", &target, "sessiond's address, HOST:PORT (default 127.0.0.1:50051)");
  flags.AddString("server", &server, "the same as --target");
  flags.AddString("token", &options.client.token, "bearer token (prefer the environment variable)");
  flags.AddString("tls-ca", &options.client.tls_ca_file,
                  "CA bundle to verify sessiond; enables TLS");
  flags.AddString("tls-cert", &options.client.tls_cert_file, "client certificate for mutual TLS");
  flags.AddString("tls-key", &options.client.tls_key_file, "private key of --tls-cert");
  flags.AddString("workload", &workload, "load, load-touch, save, create, mixed, list or ping");
  flags.AddInt64("concurrency", &concurrency, 1, 100000, "workers, each with one call in flight");
  flags.AddInt64("channels", &channels, 1, 1024, "gRPC channels (TCP connections) to spread over");
  flags.AddDuration("duration", &options.duration, "how long to measure");
  flags.AddDuration("warmup", &options.warmup, "how long to run before measuring");
  flags.AddInt64("sessions", &options.sessions, 1, 100000000, "sessions to create before the run");
  flags.AddInt64("payload-bytes", &options.payload_bytes, 0, 100000000,
                 "size of the data stored by create and save");
  flags.AddInt64("users", &options.users, 0, 100000000,
                 "owners the sessions are spread over (0: one per 10 sessions)");
  flags.AddBool("json", &options.json, "print one JSON object as the last line");
  flags.AddBool("help", &parsed.help, "print this help");
  parsed.usage = flags.Usage();

  absl::StatusOr<std::vector<std::string>> positional = flags.Parse(args, env);
  if (!positional.ok()) return positional.status();
  if (parsed.help) return parsed;
  if (!positional->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", positional->front(), "\""));
  }
  if (!target.empty() && !server.empty() && target != server) {
    return absl::InvalidArgumentError(
        absl::StrCat("--target \"", target, "\" and --server \"", server, "\" differ; give one"));
  }
  options.client.server = !target.empty() ? target : !server.empty() ? server : kDefaultServer;
  absl::StatusOr<Workload> parsed_workload = ParseWorkload(workload);
  if (!parsed_workload.ok()) return parsed_workload.status();
  options.workload = *parsed_workload;
  if (options.duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--duration must be positive");
  }
  options.concurrency = static_cast<int>(concurrency);
  options.channels = static_cast<int>(channels);
  if (options.users == 0) options.users = std::max<int64_t>(1, options.sessions / 10);
  return parsed;
}

}  // namespace usersessions::loadgen
