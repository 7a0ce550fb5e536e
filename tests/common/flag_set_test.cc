#include "common/flag_set.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

struct Flags {
  std::string listen = "127.0.0.1:50051";
  absl::Duration idle = absl::Hours(336);
  int64_t depth = 32;
  bool migrate = false;
  FlagSet set{"usage"};
  Flags() {
    set.AddString("listen", &listen, "address");
    set.AddDuration("idle-timeout", &idle, "idle");
    set.AddInt64("max-data-depth", &depth, 1, 100, "depth");
    set.AddBool("migrate", &migrate, "migrate");
  }
};

TEST(FlagSetTest, ParsesBothFormsAndPositionals) {
  Flags f;
  auto positional = f.set.Parse(
      {"migrate", "--listen", "0.0.0.0:1", "--idle-timeout=90s", "--migrate", "--max-data-depth=5"},
      Env({}));
  ASSERT_OK(positional);
  EXPECT_THAT(*positional, ElementsAre("migrate"));
  EXPECT_EQ(f.listen, "0.0.0.0:1");
  EXPECT_EQ(f.idle, absl::Seconds(90));
  EXPECT_EQ(f.depth, 5);
  EXPECT_TRUE(f.migrate);
}

TEST(FlagSetTest, EnvironmentAppliesAndTheCommandLineWins) {
  Flags f;
  ASSERT_OK(f.set.Parse({"--listen=127.0.0.1:9"}, Env({{"USERSESSIONS_IDLE_TIMEOUT", "2h"},
                                                       {"USERSESSIONS_LISTEN", "127.0.0.1:8"},
                                                       {"USERSESSIONS_MIGRATE", "true"}})));
  EXPECT_EQ(f.idle, absl::Hours(2));
  EXPECT_EQ(f.listen, "127.0.0.1:9");
  EXPECT_TRUE(f.migrate);
}

TEST(FlagSetTest, BadValuesNameTheFlagOrVariable) {
  struct Case {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--idle-timeout=forever"}, {}, "--idle-timeout: invalid duration"},
           {{"--idle-timeout=-5s"}, {}, "must not be negative"},
           {{"--max-data-depth=0"}, {}, "--max-data-depth: 0 is out of range"},
           {{"--max-data-depth=x"}, {}, "invalid integer"},
           {{"--migrate=maybe"}, {}, "invalid boolean"},
           {{"--nope"}, {}, "unknown flag --nope"},
           {{"--listen"}, {}, "--listen: missing value"},
           {{}, {{"USERSESSIONS_MAX_DATA_DEPTH", "1000"}}, "USERSESSIONS_MAX_DATA_DEPTH: 1000"},
       }) {
    Flags f;
    auto result = f.set.Parse(c.args, Env(c.env));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(std::string(result.status().message()), HasSubstr(c.message));
  }
}

TEST(FlagSetTest, UsageListsFlagsWithEnvironmentVariables) {
  Flags f;
  EXPECT_THAT(f.set.Usage(), HasSubstr("--idle-timeout=VALUE"));
  EXPECT_THAT(f.set.Usage(), HasSubstr("USERSESSIONS_IDLE_TIMEOUT"));
  EXPECT_EQ(FlagEnvVarName("max-data-bytes"), "USERSESSIONS_MAX_DATA_BYTES");
}

}  // namespace
}  // namespace usersessions
