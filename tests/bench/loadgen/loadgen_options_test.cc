#include "bench/loadgen/loadgen_options.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::loadgen {
namespace {

using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

EnvLookup FakeEnv(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// Expects INVALID_ARGUMENT with a message that mentions `mention`.
void ExpectUsageError(const std::vector<std::string>& args, const std::string& mention) {
  absl::StatusOr<ParsedCommandLine> parsed = ParseLoadgenCommandLine(args, FakeEnv({}));
  EXPECT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(mention));
}

TEST(LoadgenOptionsTest, Defaults) {
  ASSERT_OK_AND_ASSIGN(ParsedCommandLine parsed, ParseLoadgenCommandLine({}, FakeEnv({})));
  const LoadgenOptions& options = parsed.options;
  EXPECT_EQ(options.client.server, "127.0.0.1:50051");
  EXPECT_EQ(options.workload, Workload::kLoad);
  EXPECT_EQ(options.concurrency, 16);
  EXPECT_EQ(options.channels, 1);
  EXPECT_EQ(options.sessions, 10000);
  EXPECT_EQ(options.users, 1000);  // one per 10 sessions
  EXPECT_FALSE(options.json);
}

TEST(LoadgenOptionsTest, EveryFlag) {
  ASSERT_OK_AND_ASSIGN(
      ParsedCommandLine parsed,
      ParseLoadgenCommandLine(
          {"--target=10.0.0.5:50051", "--workload=mixed", "--concurrency=64", "--channels=4",
           "--duration=30s", "--warmup=5s", "--sessions=500", "--payload-bytes=1024", "--users=7",
           "--json", "--tls-ca=ca.pem", "--tls-cert=c.pem", "--tls-key=k.pem"},
          FakeEnv({})));
  const LoadgenOptions& options = parsed.options;
  EXPECT_EQ(options.client.server, "10.0.0.5:50051");
  EXPECT_EQ(options.workload, Workload::kMixed);
  EXPECT_EQ(options.concurrency, 64);
  EXPECT_EQ(options.channels, 4);
  EXPECT_EQ(options.duration, absl::Seconds(30));
  EXPECT_EQ(options.warmup, absl::Seconds(5));
  EXPECT_EQ(options.sessions, 500);
  EXPECT_EQ(options.payload_bytes, 1024);
  EXPECT_EQ(options.users, 7);
  EXPECT_TRUE(options.json);
  EXPECT_EQ(options.client.tls_ca_file, "ca.pem");
  EXPECT_EQ(options.client.tls_cert_file, "c.pem");
  EXPECT_EQ(options.client.tls_key_file, "k.pem");
}

TEST(LoadgenOptionsTest, ServerIsAnAliasOfTarget) {
  ASSERT_OK_AND_ASSIGN(ParsedCommandLine parsed,
                       ParseLoadgenCommandLine({"--server=sessiond:50051"}, FakeEnv({})));
  EXPECT_EQ(parsed.options.client.server, "sessiond:50051");
  ExpectUsageError({"--server=a:1", "--target=b:2"}, "differ");
}

TEST(LoadgenOptionsTest, TokenComesFromTheEnvironment) {
  ASSERT_OK_AND_ASSIGN(ParsedCommandLine parsed,
                       ParseLoadgenCommandLine({}, FakeEnv({{"USERSESSIONS_TOKEN", "secret"}})));
  EXPECT_EQ(parsed.options.client.token, "secret");
  ASSERT_OK_AND_ASSIGN(parsed, ParseLoadgenCommandLine(
                                   {"--token=flag"}, FakeEnv({{"USERSESSIONS_TOKEN", "secret"}})));
  EXPECT_EQ(parsed.options.client.token, "flag");
}

TEST(LoadgenOptionsTest, EveryWorkloadNameRoundTrips) {
  for (absl::string_view name : {"load", "load-touch", "save", "create", "mixed", "list", "ping"}) {
    ASSERT_OK_AND_ASSIGN(Workload workload, ParseWorkload(name));
    EXPECT_EQ(WorkloadName(workload), name);
  }
}

TEST(LoadgenOptionsTest, BadValuesAreUsageErrors) {
  ExpectUsageError({"--workload=read"}, "load-touch");
  ExpectUsageError({"--concurrency=0"}, "concurrency");
  ExpectUsageError({"--duration=0"}, "duration");
  ExpectUsageError({"--bogus"}, "bogus");
  ExpectUsageError({"extra"}, "extra");
}

}  // namespace
}  // namespace usersessions::loadgen
