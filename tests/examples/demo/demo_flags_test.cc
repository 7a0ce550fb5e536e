#include "examples/demo/demo_flags.h"

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::demo {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using usersessions::testing::StatusIs;

EnvLookup Env(std::map<std::string, std::string> vars = {}) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ParseDemoFlagsTest, Defaults) {
  ASSERT_OK_AND_ASSIGN(DemoFlags flags, ParseDemoFlags({}, Env()));
  EXPECT_EQ(flags.listen, "127.0.0.1:8080");
  EXPECT_EQ(flags.sessiond, "127.0.0.1:50051");
  EXPECT_THAT(flags.trusted_proxies, IsEmpty());
  EXPECT_EQ(flags.demo_users, "");
  EXPECT_EQ(flags.token, "");
  EXPECT_EQ(flags.admin_token, "");
  EXPECT_FALSE(flags.help);
}

TEST(ParseDemoFlagsTest, ReadsEveryFlag) {
  ASSERT_OK_AND_ASSIGN(
      DemoFlags flags,
      ParseDemoFlags({"--listen=[::1]:0", "--sessiond", "sessiond:50051",
                      "--trusted-proxies=10.0.0.0/8, 127.0.0.1/32", "--demo-users=users.txt",
                      "--token=engine-token", "--admin-token=admin-token", "--tls-ca=ca.pem",
                      "--tls-cert=cert.pem", "--tls-key=key.pem"},
                     Env()));
  EXPECT_EQ(flags.listen, "[::1]:0");
  EXPECT_EQ(flags.sessiond, "sessiond:50051");
  EXPECT_THAT(flags.trusted_proxies, ElementsAre("10.0.0.0/8", "127.0.0.1/32"));
  EXPECT_EQ(flags.demo_users, "users.txt");
  EXPECT_EQ(flags.token, "engine-token");
  EXPECT_EQ(flags.admin_token, "admin-token");
  EXPECT_EQ(flags.tls_ca, "ca.pem");
  EXPECT_EQ(flags.tls_cert, "cert.pem");
  EXPECT_EQ(flags.tls_key, "key.pem");
}

TEST(ParseDemoFlagsTest, TokensComeFromTheEnvironmentUnlessGiven) {
  ASSERT_OK_AND_ASSIGN(
      DemoFlags from_env,
      ParseDemoFlags({}, Env({{"USERSESSIONS_TOKEN", "e"}, {"USERSESSIONS_ADMIN_TOKEN", "a"}})));
  EXPECT_EQ(from_env.token, "e");
  EXPECT_EQ(from_env.admin_token, "a");
  ASSERT_OK_AND_ASSIGN(DemoFlags given,
                       ParseDemoFlags({"--token=flag"}, Env({{"USERSESSIONS_TOKEN", "e"}})));
  EXPECT_EQ(given.token, "flag");
}

TEST(ParseDemoFlagsTest, Help) {
  ASSERT_OK_AND_ASSIGN(DemoFlags flags, ParseDemoFlags({"--listen=x", "--help"}, Env()));
  EXPECT_TRUE(flags.help);
  EXPECT_THAT(DemoUsage(), HasSubstr("--trusted-proxies"));
  EXPECT_THAT(DemoUsage(), HasSubstr("USERSESSIONS_ADMIN_TOKEN"));
}

struct BadFlagsCase {
  std::vector<std::string> args;
  const char* message;
};

void PrintTo(const BadFlagsCase& c, std::ostream* os) { *os << absl::StrJoin(c.args, " "); }

class ParseDemoFlagsBadTest : public ::testing::TestWithParam<BadFlagsCase> {};

TEST_P(ParseDemoFlagsBadTest, IsAOneLineInvalidArgument) {
  const absl::Status status = ParseDemoFlags(GetParam().args, Env()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(status.message()), HasSubstr(GetParam().message));
  EXPECT_EQ(std::string(status.message()).find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseDemoFlagsBadTest,
    ::testing::Values(BadFlagsCase{{"--bogus"}, "unknown flag --bogus"},
                      BadFlagsCase{{"--listen"}, "--listen: missing value"},
                      BadFlagsCase{{"serve"}, "unexpected argument \"serve\""},
                      BadFlagsCase{{"--listen=8080"}, "--listen"},
                      BadFlagsCase{{"--listen=127.0.0.1:http"}, "no valid port"},
                      BadFlagsCase{{"--listen=127.0.0.1:65536"}, "no valid port"},
                      BadFlagsCase{{"--listen=::1:80"}, "brackets"},
                      BadFlagsCase{{"--sessiond="}, "--sessiond must not be empty"},
                      BadFlagsCase{{"--trusted-proxies=10.0.0.0/8,,"}, "empty entry"}));

TEST(ParseListenAddressTest, SplitsHostAndPort) {
  ASSERT_OK_AND_ASSIGN(ListenAddress v4, ParseListenAddress("127.0.0.1:8080"));
  EXPECT_EQ(v4.host, "127.0.0.1");
  EXPECT_EQ(v4.port, 8080);
  ASSERT_OK_AND_ASSIGN(ListenAddress v6, ParseListenAddress("[::1]:0"));
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 0);
  ASSERT_OK_AND_ASSIGN(ListenAddress name, ParseListenAddress("localhost:1"));
  EXPECT_EQ(name.host, "localhost");
  EXPECT_THAT(ParseListenAddress(":8080"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseListenAddress("127.0.0.1:-1"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace usersessions::demo
