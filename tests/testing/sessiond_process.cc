#include "tests/testing/sessiond_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace usersessions::testing {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(20);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string NewLogPath() {
  std::string pattern = "/tmp/sessiond-test-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd >= 0) close(fd);
  return pattern;
}

// Starts the binary with stdout and stderr going to `log_path`.
pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& working_dir, const std::string& log_path) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  int fd = open(log_path.c_str(), O_WRONLY | O_TRUNC | O_CREAT, 0600);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  int null_fd = open("/dev/null", O_RDONLY);
  dup2(null_fd, STDIN_FILENO);
  if (!working_dir.empty() && chdir(working_dir.c_str()) != 0) _exit(126);
  for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
  const std::string path = SessiondPath();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  execv(path.c_str(), argv.data());
  _exit(127);
}

// Waits up to `timeout` for `pid`; returns its exit code, or -1 (after SIGKILL) on timeout.
int WaitForExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (absl::Now() < deadline) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    absl::SleepFor(kPollInterval);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

}  // namespace

std::string SessiondPath() { return USERSESSIONS_SESSIOND_PATH; }

ProcessResult RunSessiond(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          const std::string& working_dir, absl::Duration timeout) {
  const std::string log_path = NewLogPath();
  pid_t pid = Spawn(args, env, working_dir, log_path);
  ProcessResult result;
  result.exit_code = WaitForExit(pid, timeout);
  result.output = ReadFile(log_path);
  unlink(log_path.c_str());
  return result;
}

absl::StatusOr<std::unique_ptr<SessiondProcess>> SessiondProcess::Start(
    const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
    const std::string& working_dir, absl::Duration timeout) {
  const std::string log_path = NewLogPath();
  pid_t pid = Spawn(args, env, working_dir, log_path);
  auto process = std::unique_ptr<SessiondProcess>(new SessiondProcess(pid, log_path));
  const absl::Time deadline = absl::Now() + timeout;
  const std::string kMarker = "\"listening\":\"";
  while (absl::Now() < deadline) {
    const std::string log = process->Log();
    if (size_t at = log.find(kMarker); at != std::string::npos) {
      const size_t start = at + kMarker.size();
      process->address_ = log.substr(start, log.find('"', start) - start);
      return process;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      process->pid_ = -1;
      return absl::FailedPreconditionError(absl::StrCat("sessiond exited at start:\n", log));
    }
    absl::SleepFor(kPollInterval);
  }
  return absl::FailedPreconditionError(
      absl::StrCat("sessiond did not listen in time:\n", process->Log()));
}

SessiondProcess::~SessiondProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  unlink(log_path_.c_str());
}

std::string SessiondProcess::Log() const { return ReadFile(log_path_); }

bool SessiondProcess::WaitForLog(const std::string& text, absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (Log().find(text) != std::string::npos) return true;
    absl::SleepFor(kPollInterval);
  }
  return false;
}

void SessiondProcess::SendSignal(int signal) const {
  if (pid_ > 0) kill(pid_, signal);
}

int SessiondProcess::Terminate(absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = WaitForExit(pid_, timeout);
  pid_ = -1;
  return code;
}

}  // namespace usersessions::testing
