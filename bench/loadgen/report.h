// How usersessions-loadgen prints a run: a table for people and one JSON line for scripts.
#ifndef USERSESSIONS_BENCH_LOADGEN_REPORT_H_
#define USERSESSIONS_BENCH_LOADGEN_REPORT_H_

#include <string>

#include "bench/loadgen/load_runner.h"
#include "bench/loadgen/loadgen_options.h"

namespace usersessions::loadgen {

// A human-readable table of the run, one "name  value" row per line, ending in a newline.
std::string FormatTable(const LoadgenOptions& options, const RunResult& result);

// One JSON object on one line (no newline) with at least: workload, concurrency, ops, ops_per_sec,
// p50_ms, p95_ms, p99_ms, p999_ms and errors; also channels, duration_s, max_ms, mean_ms,
// warmup_errors, errors_by_code, ops_by_kind, calls (every call, warm-up included) and sessions.
std::string FormatJson(const LoadgenOptions& options, const RunResult& result);

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_REPORT_H_
