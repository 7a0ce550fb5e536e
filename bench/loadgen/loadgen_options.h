// usersessions-loadgen's command line.
#ifndef USERSESSIONS_BENCH_LOADGEN_LOADGEN_OPTIONS_H_
#define USERSESSIONS_BENCH_LOADGEN_LOADGEN_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/client_options.h"
#include "common/flag_set.h"

namespace usersessions::loadgen {

// What each call of a run does (see docs/performance.md for the exact requests).
enum class Workload {
  // LoadSession with the client info the session was created with: steady state, where touch
  // coalescing writes nothing.
  kLoad,
  // LoadSession with a new user agent on every call, so that every load writes.
  kLoadTouch,
  // Unconditional SaveSession of a --payload-bytes payload.
  kSave,
  // CreateSession with a --payload-bytes payload.
  kCreate,
  // 90% load, 7% save, 2% create, 1% delete.
  kMixed,
  // ListSessions of one user (--users users, --sessions spread over them).
  kList,
  // grpc.health.v1.Health/Check of the SessionStore service: a call that never reaches the store,
  // so its rate is the ceiling of any RPC on the same server, channel and machine.
  kPing,
};

// "load", "load-touch", ...; INVALID_ARGUMENT naming the accepted values otherwise.
absl::StatusOr<Workload> ParseWorkload(absl::string_view name);
absl::string_view WorkloadName(Workload workload);

struct LoadgenOptions {
  // Where sessiond listens, and the credentials (token, TLS files) to reach it.
  client::ClientOptions client;
  Workload workload = Workload::kLoad;
  // Workers, each with exactly one call in flight (a closed loop).
  int concurrency = 16;
  // gRPC channels (each its own TCP connection); worker i uses channel i % channels.
  int channels = 1;
  absl::Duration duration = absl::Seconds(10);
  // Calls made before measuring starts; they are not counted, except for their errors.
  absl::Duration warmup = absl::Seconds(2);
  // Sessions created before the run.
  int64_t sessions = 10000;
  // Size of the string stored in the data of created and saved sessions.
  int64_t payload_bytes = 256;
  // Owners the sessions are spread over; 0 means one per 10 sessions.
  int64_t users = 0;
  // Prints one JSON object as the last line of the output.
  bool json = false;
};

struct ParsedCommandLine {
  LoadgenOptions options;
  bool help = false;
  std::string usage;
};

// Parses the flags (without the program name) and their USERSESSIONS_* environment variables.
// INVALID_ARGUMENT with a one-line message for an unknown flag, a bad value, --target and --server
// naming different addresses, or positional arguments.
absl::StatusOr<ParsedCommandLine> ParseLoadgenCommandLine(const std::vector<std::string>& args,
                                                          const EnvLookup& env = ProcessEnv);

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_LOADGEN_OPTIONS_H_
