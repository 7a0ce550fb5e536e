// Runs the real sessiond binary as a child process, for tests of start-up, signals, inspection
// and faults.
#ifndef USERSESSIONS_TESTS_TESTING_SESSIOND_PROCESS_H_
#define USERSESSIONS_TESTS_TESTING_SESSIOND_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace usersessions::testing {

// The sessiond binary built with this test suite.
std::string SessiondPath();

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs sessiond with `args` to completion (bounded by `timeout`, then killed).
ProcessResult RunSessiond(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& working_dir = "",
                          absl::Duration timeout = absl::Seconds(60));

// A running sessiond. Killed (SIGKILL) on destruction if still running. Not thread-safe.
class SessiondProcess {
 public:
  // Starts sessiond and waits until it logs its bound address. Extra `env` entries are added to
  // the inherited environment. FAILED_PRECONDITION, with the log, if it exits or does not
  // listen within `timeout`.
  static absl::StatusOr<std::unique_ptr<SessiondProcess>> Start(
      const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
      const std::string& working_dir = "", absl::Duration timeout = absl::Seconds(60));
  ~SessiondProcess();

  // The address from the start-up log line ("listening":"HOST:PORT").
  const std::string& address() const { return address_; }
  // Everything the process has written so far.
  std::string Log() const;
  // Waits until the log contains `text`; false on timeout.
  bool WaitForLog(const std::string& text, absl::Duration timeout) const;
  // Sends `signal` (SIGHUP, say) to the running process.
  void SendSignal(int signal) const;
  // Sends SIGTERM and waits for the exit code; -1 if it had to be killed after `timeout`.
  int Terminate(absl::Duration timeout = absl::Seconds(30));

 private:
  SessiondProcess(pid_t pid, std::string log_path) : pid_(pid), log_path_(std::move(log_path)) {}
  pid_t pid_;
  std::string log_path_;
  std::string address_;
};

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_TESTING_SESSIOND_PROCESS_H_
