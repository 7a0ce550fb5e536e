// sessionctl's command-line handling without a server: help, usage errors (exit 2) and
// hash-token.
#include "client/sessionctl/cli.h"

#include <map>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace usersessions::sessionctl {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result RunCli(const std::vector<std::string>& args, const std::string& stdin_text = "",
              std::map<std::string, std::string> env = {}) {
  usersessions::testing::FakeClock clock;
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  Environment environment;
  environment.in = &in;
  environment.out = &out;
  environment.err = &err;
  environment.clock = &clock;
  environment.env = [env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  const int exit_code = RunSessionctl(args, environment);
  return {exit_code, out.str(), err.str()};
}

TEST(SessionctlCliTest, HelpListsTheCommandsAndClientFlags) {
  Result help = RunCli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* text : {"list", "show", "revoke-all", "clear-expired", "hash-token", "--server",
                           "USERSESSIONS_TOKEN", "--tls-ca"}) {
    EXPECT_THAT(help.out, HasSubstr(text));
  }
  Result list_help = RunCli({"list", "--help"});
  EXPECT_EQ(list_help.exit_code, 0);
  EXPECT_THAT(list_help.out, HasSubstr("--limit"));
  EXPECT_THAT(list_help.out, HasSubstr("--server"));
  EXPECT_EQ(RunCli({"help", "revoke"}).exit_code, 0);
  EXPECT_THAT(RunCli({"--version"}).out, StartsWith("sessionctl "));
}

TEST(SessionctlCliTest, UsageErrorsExitTwoWithOneLine) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"list", "--bogus"},
      {"list", "--state", "sleeping"},
      {"list", "--limit", "-1"},
      {"list", "extra"},
      {"show"},
      {"revoke"},
      {"revoke-all"},
      {"clear-expired", "--batch", "20000"},
      {"hash-token"},
      {"hash-token", "--role", "root"},
      {"list", "--timeout", "soon"},
      {"list", "--timeout", "0"},
      {"list", "--tls-ca", "/nonexistent/ca.pem"},
  };
  for (const auto& args : cases) {
    Result result = RunCli(args, "token");
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args);
    EXPECT_THAT(result.err, StartsWith("sessionctl: ")) << ::testing::PrintToString(args);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1)
        << ::testing::PrintToString(args) << result.err;
    EXPECT_THAT(result.out, IsEmpty());
  }
  EXPECT_THAT(RunCli({"list", "--tls-ca", "/nonexistent/ca.pem"}).err,
              HasSubstr("/nonexistent/ca.pem"));
}

TEST(SessionctlCliTest, HashTokenPrintsTheTokensFileLine) {
  Result result = RunCli({"hash-token", "--role", "admin"}, "abc\n");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out,
            "admin sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
  Result empty = RunCli({"hash-token", "--role=engine"}, "\n");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("no token"));
}

TEST(SessionctlCliTest, CommandFlagsIgnoreTheEnvironmentButClientFlagsReadIt) {
  // USERSESSIONS_ROLE must not stand in for --role.
  EXPECT_EQ(RunCli({"hash-token"}, "abc", {{"USERSESSIONS_ROLE", "admin"}}).exit_code, 2);
  // A bad USERSESSIONS_TIMEOUT is reported as such.
  Result bad_env = RunCli({"list"}, "", {{"USERSESSIONS_TIMEOUT", "soon"}});
  EXPECT_EQ(bad_env.exit_code, 2);
  EXPECT_THAT(bad_env.err, HasSubstr("USERSESSIONS_TIMEOUT"));
}

}  // namespace
}  // namespace usersessions::sessionctl
