// The closed loop of usersessions-loadgen: creates the sessions, runs --concurrency workers with
// one asynchronous call each in flight, and collects throughput, latency and errors.
#ifndef USERSESSIONS_BENCH_LOADGEN_LOAD_RUNNER_H_
#define USERSESSIONS_BENCH_LOADGEN_LOAD_RUNNER_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/loadgen/latency_histogram.h"
#include "bench/loadgen/loadgen_options.h"

namespace usersessions::loadgen {

struct RunResult {
  // Calls that succeeded and completed inside the measured window.
  int64_t ops = 0;
  // Every call of the run, warm-up included, whatever its outcome (for counting database writes
  // per call).
  int64_t calls = 0;
  // Length of the measured window.
  absl::Duration measured;
  // Latency of the calls counted in `ops`.
  LatencyHistogram latency;
  // Failed calls of the whole run (warm-up included), by canonical code name
  // ("UNAVAILABLE", ...). A failure is never retried or dropped.
  std::map<std::string, int64_t> errors_by_code;
  int64_t errors = 0;
  // Failed calls per code during the warm-up only (a subset of errors_by_code).
  int64_t warmup_errors = 0;
  // Calls of each kind counted in `ops` (mixed reports its mix).
  std::map<std::string, int64_t> ops_by_kind;
  // Sessions created before the run, and how long that took.
  int64_t sessions_created = 0;
  absl::Duration setup_time;

  double ops_per_sec() const {
    return measured > absl::ZeroDuration()
               ? static_cast<double>(ops) / absl::ToDoubleSeconds(measured)
               : 0.0;
  }
};

// Runs `options` against sessiond. Progress lines go to `log`. Errors: INVALID_ARGUMENT for
// options that cannot work (bad TLS files, fewer sessions than workers for a workload that
// needs them); the error of the first failed CreateSession while preparing.
absl::StatusOr<RunResult> RunLoad(const LoadgenOptions& options, std::ostream& log);

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_LOAD_RUNNER_H_
