#include "bench/loadgen/report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace usersessions::loadgen {
namespace {

double Millis(absl::Duration duration) { return absl::ToDoubleMilliseconds(duration); }

// A JSON object of counts; the keys are code and call names, which need no escaping.
std::string JsonCounts(const std::map<std::string, int64_t>& counts) {
  return absl::StrCat(
      "{",
      absl::StrJoin(counts, ",",
                    [](std::string* out, const std::pair<const std::string, int64_t>& entry) {
                      absl::StrAppend(out, "\"", entry.first, "\":", entry.second);
                    }),
      "}");
}

}  // namespace

std::string FormatTable(const LoadgenOptions& options, const RunResult& result) {
  const LatencyHistogram& latency = result.latency;
  std::string table;
  auto row = [&table](absl::string_view name, absl::string_view value) {
    absl::StrAppend(&table, absl::StrFormat("%-14s %s\n", name, value));
  };
  row("target", absl::StrCat(options.client.server, " (", options.channels,
                             options.channels == 1 ? " channel)" : " channels)"));
  row("workload", WorkloadName(options.workload));
  row("concurrency", absl::StrCat(options.concurrency));
  row("sessions", absl::StrFormat("%d for %d users, %d-byte payload (created in %.1fs)",
                                  result.sessions_created, options.users, options.payload_bytes,
                                  absl::ToDoubleSeconds(result.setup_time)));
  row("measured", absl::StrFormat("%.2fs after %s warm-up", absl::ToDoubleSeconds(result.measured),
                                  absl::FormatDuration(options.warmup)));
  row("ops", absl::StrCat(result.ops));
  row("ops/s", absl::StrFormat("%.1f", result.ops_per_sec()));
  row("latency ms",
      absl::StrFormat("p50 %.3f  p95 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f",
                      Millis(latency.Percentile(0.50)), Millis(latency.Percentile(0.95)),
                      Millis(latency.Percentile(0.99)), Millis(latency.Percentile(0.999)),
                      Millis(latency.max()), Millis(latency.mean())));
  if (result.ops_by_kind.size() > 1) {
    row("calls", absl::StrJoin(result.ops_by_kind, "  ", absl::PairFormatter(" ")));
  }
  row("errors",
      absl::StrCat(result.errors, result.warmup_errors > 0
                                      ? absl::StrCat(" (", result.warmup_errors, " during warm-up)")
                                      : ""));
  for (const auto& [code, count] : result.errors_by_code) {
    row("", absl::StrCat(code, " ", count));
  }
  return table;
}

std::string FormatJson(const LoadgenOptions& options, const RunResult& result) {
  const LatencyHistogram& latency = result.latency;
  return absl::StrFormat(
      "{\"workload\":\"%s\",\"concurrency\":%d,\"channels\":%d,\"duration_s\":%.3f,\"ops\":%d,"
      "\"ops_per_sec\":%.1f,\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,"
      "\"max_ms\":%.3f,\"mean_ms\":%.3f,\"errors\":%d,\"warmup_errors\":%d,"
      "\"errors_by_code\":%s,\"ops_by_kind\":%s,\"calls\":%d,\"sessions\":%d}",
      WorkloadName(options.workload), options.concurrency, options.channels,
      absl::ToDoubleSeconds(result.measured), result.ops, result.ops_per_sec(),
      Millis(latency.Percentile(0.50)), Millis(latency.Percentile(0.95)),
      Millis(latency.Percentile(0.99)), Millis(latency.Percentile(0.999)), Millis(latency.max()),
      Millis(latency.mean()), result.errors, result.warmup_errors,
      JsonCounts(result.errors_by_code), JsonCounts(result.ops_by_kind), result.calls,
      result.sessions_created);
}

}  // namespace usersessions::loadgen
