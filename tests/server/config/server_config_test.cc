#include "server/config/server_config.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

EnvLookup NoEnv() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

TEST(ServerConfigTest, DefaultsMatchTheContract) {
  ASSERT_OK_AND_ASSIGN(CommandLine line, ParseCommandLine({}, NoEnv()));
  EXPECT_EQ(line.command, Command::kServe);
  EXPECT_EQ(line.config.listen, "127.0.0.1:50051");
  EXPECT_EQ(line.config.store, "sqlite:./var/sessions.db");
  EXPECT_EQ(line.config.idle_timeout, absl::Hours(336));
  EXPECT_EQ(line.config.activity_resolution, absl::Seconds(60));
  EXPECT_EQ(line.config.max_data_bytes, 262144);
  EXPECT_EQ(line.config.max_data_depth, 32);
  EXPECT_EQ(line.config.max_message_bytes, 4 * 1024 * 1024);
  EXPECT_EQ(line.config.drain_timeout, absl::Seconds(20));
  EXPECT_EQ(line.config.log_format, "json");
}

TEST(ServerConfigTest, SubCommandsAndEnvironment) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "USERSESSIONS_IDLE_TIMEOUT") return "2h";
    return std::nullopt;
  };
  ASSERT_OK_AND_ASSIGN(CommandLine line, ParseCommandLine({"migrate"}, env));
  EXPECT_EQ(line.command, Command::kMigrate);
  EXPECT_EQ(line.config.idle_timeout, absl::Hours(2));
  ASSERT_OK_AND_ASSIGN(line, ParseCommandLine({"--version"}, NoEnv()));
  EXPECT_EQ(line.command, Command::kVersion);
  ASSERT_OK_AND_ASSIGN(line, ParseCommandLine({"--help"}, NoEnv()));
  EXPECT_EQ(line.command, Command::kHelp);
  EXPECT_THAT(line.usage, HasSubstr("--activity-resolution"));
}

TEST(ServerConfigTest, InconsistentValuesAreRejectedWithAClearMessage) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"serve"}, "unknown sub-command"},
           {{"--listen=nowhere"}, "is not HOST:PORT"},
           {{"--listen=127.0.0.1:70000"}, "is not HOST:PORT"},
           {{"--health-listen=x"}, "--health-listen"},
           {{"--metrics-listen=9090"}, "--metrics-listen"},
           {{"--log-format=xml"}, "not json or text"},
           {{"--idle-timeout=0"}, "--idle-timeout must be at least 1s"},
           {{"--max-data-bytes=5000000"}, "--max-message-bytes (4194304) must be larger"},
           {{"--listen=0.0.0.0:50051"}, "refusing to listen on 0.0.0.0:50051"},
       }) {
    auto line = ParseCommandLine(c.args, NoEnv());
    EXPECT_THAT(line, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(std::string(line.status().message()), HasSubstr(c.message));
  }
  EXPECT_OK(ParseCommandLine({"--listen=0.0.0.0:50051", "--insecure"}, NoEnv()));
}

TEST(ServerConfigTest, LoopbackDetection) {
  EXPECT_TRUE(IsLoopbackListenAddress("127.0.0.1:1"));
  EXPECT_TRUE(IsLoopbackListenAddress("localhost:1"));
  EXPECT_TRUE(IsLoopbackListenAddress("[::1]:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("0.0.0.0:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("[::]:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("10.0.0.1:1"));
  EXPECT_TRUE(IsLoopbackListenAddress("127.8.9.10:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("127.example.com:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("127.0.0.1.example.com:1"));
}

TEST(ServerConfigTest, SecurityFlags) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--tls-cert=c.pem"}, "--tls-cert and --tls-key must be given together"},
           {{"--tls-key=k.pem"}, "--tls-cert and --tls-key must be given together"},
           {{"--tls-client-ca=ca.pem"}, "--tls-client-ca needs --tls-cert and --tls-key"},
           {{"--listen=10.0.0.1:1", "--tls-cert=c.pem", "--tls-key=k.pem"},
            "without authentication"},
           {{"--max-concurrent-streams=0"}, "--max-concurrent-streams"},
           {{"--max-data-depth=33"}, "--max-data-depth"},
       }) {
    auto line = ParseCommandLine(c.args, NoEnv());
    EXPECT_THAT(line, StatusIs(absl::StatusCode::kInvalidArgument)) << c.message;
    EXPECT_THAT(std::string(line.status().message()), HasSubstr(c.message));
  }
  ASSERT_OK_AND_ASSIGN(
      CommandLine line,
      ParseCommandLine({"--listen=0.0.0.0:1", "--auth-tokens-file=t", "--tls-cert=c.pem",
                        "--tls-key=k.pem", "--tls-client-ca=ca.pem"},
                       NoEnv()));
  EXPECT_EQ(line.config.auth_tokens_file, "t");
  EXPECT_EQ(line.config.tls_client_ca, "ca.pem");
  EXPECT_EQ(line.config.max_concurrent_streams, 128);
  // Migrating opens no port, so it needs no authentication.
  EXPECT_OK(ParseCommandLine({"migrate", "--listen=0.0.0.0:1"}, NoEnv()));
}

}  // namespace
}  // namespace usersessions::server
