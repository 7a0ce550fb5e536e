// Runs the usersessions-loadgen binary against a real sessiond for a second per workload, to
// prove that every workload works end to end. The figures are not checked: this is not a timed
// test.
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct LoadgenRun {
  int exit_code = -1;
  std::string output;  // stdout only; progress goes to stderr
};

LoadgenRun RunLoadgen(const std::string& arguments) {
  LoadgenRun run;
  const std::string command =
      absl::StrCat(USERSESSIONS_LOADGEN_PATH, " ", arguments, " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t read;
  while ((read = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.output.append(buffer, read);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The integer or decimal value of `field` in a flat JSON object; -1 if absent.
double JsonNumber(const std::string& json, const std::string& field) {
  std::smatch match;
  if (!std::regex_search(json, match, std::regex("\"" + field + "\":(-?[0-9.]+)"))) return -1;
  return std::stod(match[1]);
}

std::string LastLine(const std::string& output) {
  std::vector<std::string> lines = absl::StrSplit(output, '\n', absl::SkipEmpty());
  return lines.empty() ? "" : lines.back();
}

class UsersessionsLoadgenTest : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto process = SessiondProcess::Start(
        {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_->File("sessions.db")});
    ASSERT_OK(process);
    sessiond_ = process->release();
  }
  static void TearDownTestSuite() {
    delete sessiond_;
    sessiond_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  static TempDir* dir_;
  static SessiondProcess* sessiond_;
};

TempDir* UsersessionsLoadgenTest::dir_ = nullptr;
SessiondProcess* UsersessionsLoadgenTest::sessiond_ = nullptr;

TEST_P(UsersessionsLoadgenTest, ReportsOpsAndNoErrorsWithAJsonLastLine) {
  ASSERT_NE(sessiond_, nullptr);
  const std::string workload = GetParam();
  const LoadgenRun run = RunLoadgen(
      absl::StrCat("--target=", sessiond_->address(), " --workload=", workload,
                   " --concurrency=4 --channels=2 --sessions=40 --payload-bytes=64 --duration=1s "
                   "--warmup=200ms --json"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("ops/s"));  // the table
  const std::string json = LastLine(run.output);
  ASSERT_THAT(json, StartsWith("{")) << run.output;
  EXPECT_THAT(json, HasSubstr(absl::StrCat("\"workload\":\"", workload, "\"")));
  EXPECT_EQ(JsonNumber(json, "concurrency"), 4);
  EXPECT_GT(JsonNumber(json, "ops"), 0) << json;
  EXPECT_GT(JsonNumber(json, "ops_per_sec"), 0) << json;
  EXPECT_EQ(JsonNumber(json, "errors"), 0) << json;
  for (const char* field : {"p50_ms", "p95_ms", "p99_ms", "p999_ms"}) {
    EXPECT_GT(JsonNumber(json, field), 0) << field << " in " << json;
  }
  EXPECT_LE(JsonNumber(json, "p50_ms"), JsonNumber(json, "p99_ms"));
}

INSTANTIATE_TEST_SUITE_P(Workloads, UsersessionsLoadgenTest,
                         ::testing::Values("load", "load-touch", "save", "create", "mixed", "list",
                                           "ping"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// scripts/bench's floor: bench/grpc_floor_server answers the ping workload, and stops cleanly on
// SIGTERM.
TEST(GrpcFloorServerTest, AnswersPingsAndStopsOnSigterm) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(USERSESSIONS_GRPC_FLOOR_SERVER_PATH, USERSESSIONS_GRPC_FLOOR_SERVER_PATH,
          "--listen=127.0.0.1:0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* server_output = fdopen(out[0], "r");
  char line[256] = {};
  const bool got_line = fgets(line, sizeof(line), server_output) != nullptr;
  fclose(server_output);
  std::string address = line;
  if (!address.empty() && address.back() == '\n') address.pop_back();
  ASSERT_TRUE(got_line && absl::StartsWith(address, "listening=127.0.0.1:")) << address;
  address = address.substr(sizeof("listening=") - 1);

  const LoadgenRun run = RunLoadgen(
      absl::StrCat("--target=", address,
                   " --workload=ping --concurrency=4 --duration=1s --warmup=200ms --json"));
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string json = LastLine(run.output);
  EXPECT_GT(JsonNumber(json, "ops"), 0) << json;
  EXPECT_EQ(JsonNumber(json, "errors"), 0) << json;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
}

TEST(UsersessionsLoadgenErrorsTest, AnUnreachableServerFailsTheSetupWithExitCode1) {
  const LoadgenRun run =
      RunLoadgen("--target=127.0.0.1:1 --sessions=1 --concurrency=1 --duration=1s --json");
  EXPECT_EQ(run.exit_code, 1) << run.output;
}

TEST(UsersessionsLoadgenErrorsTest, ABadFlagIsAUsageError) {
  EXPECT_EQ(RunLoadgen("--workload=nope").exit_code, 2);
}

}  // namespace
}  // namespace usersessions::testing
