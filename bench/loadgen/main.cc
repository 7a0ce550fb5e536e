// usersessions-loadgen: a closed-loop load generator for sessiond. See docs/performance.md.
//
// Exit codes: 0 the run completed (its errors, if any, are in the report); 1 the run could not
// start (sessions could not be created, a TLS file is unreadable); 2 usage error.
#include <iostream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "bench/loadgen/load_runner.h"
#include "bench/loadgen/loadgen_options.h"
#include "bench/loadgen/report.h"

int main(int argc, char** argv) {
  using namespace usersessions::loadgen;
  // The system's Abseil checks every lock for deadlock cycles; a load generator cannot afford it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<ParsedCommandLine> command_line = ParseLoadgenCommandLine(args);
  if (!command_line.ok()) {
    std::cerr << "usersessions-loadgen: " << command_line.status().message() << "\n";
    return 2;
  }
  if (command_line->help) {
    std::cout << command_line->usage;
    return 0;
  }
  const LoadgenOptions& options = command_line->options;
  absl::StatusOr<RunResult> result = RunLoad(options, std::cerr);
  if (!result.ok()) {
    std::cerr << "usersessions-loadgen: " << result.status().message() << "\n";
    return absl::IsInvalidArgument(result.status()) ? 2 : 1;
  }
  std::cout << FormatTable(options, *result);
  if (options.json) std::cout << FormatJson(options, *result) << "\n";
  return 0;
}
