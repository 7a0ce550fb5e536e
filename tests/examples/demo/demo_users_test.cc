#include "examples/demo/demo_users.h"

#include <fstream>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::demo {
namespace {

using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

TEST(DemoUsersTest, DefaultsAreAliceTheAdminAndBob) {
  const DemoUsers users = DemoUsers::Defaults();
  EXPECT_EQ(users.size(), 2u);
  EXPECT_TRUE(users.Authenticate("alice", "alice"));
  EXPECT_TRUE(users.IsAdmin("alice"));
  EXPECT_TRUE(users.Authenticate("bob", "bob"));
  EXPECT_FALSE(users.IsAdmin("bob"));
}

TEST(DemoUsersTest, ParsesAccountsCommentsAndBlankLines) {
  ASSERT_OK_AND_ASSIGN(DemoUsers users, DemoUsers::Parse("# demo accounts\n"
                                                         "carol:s3cret:admin\r\n"
                                                         "\n"
                                                         "  dave@example.com:p@ss  \n"
                                                         "erin:pw\n"));
  EXPECT_EQ(users.size(), 3u);
  EXPECT_TRUE(users.Authenticate("carol", "s3cret"));
  EXPECT_TRUE(users.IsAdmin("carol"));
  EXPECT_TRUE(users.Authenticate("dave@example.com", "p@ss"));
  EXPECT_TRUE(users.Authenticate("erin", "pw"));
  EXPECT_FALSE(users.IsAdmin("erin"));
}

TEST(DemoUsersTest, RejectsWrongPasswordsAndUnknownUsers) {
  const DemoUsers users = DemoUsers::Defaults();
  EXPECT_FALSE(users.Authenticate("alice", "bob"));
  EXPECT_FALSE(users.Authenticate("alice", ""));
  EXPECT_FALSE(users.Authenticate("alice", "alice "));
  EXPECT_FALSE(users.Authenticate("mallory", "alice"));
  EXPECT_FALSE(users.Authenticate("", ""));
  EXPECT_FALSE(users.IsAdmin("mallory"));
}

struct BadFileCase {
  const char* text;
  const char* message;
};

void PrintTo(const BadFileCase& c, std::ostream* os) { *os << absl::CEscape(c.text); }

class DemoUsersBadFileTest : public ::testing::TestWithParam<BadFileCase> {};

TEST_P(DemoUsersBadFileTest, IsInvalidArgumentNamingTheLine) {
  EXPECT_THAT(DemoUsers::Parse(GetParam().text), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(DemoUsers::Parse(GetParam().text).status().message()),
              HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DemoUsersBadFileTest,
    ::testing::Values(BadFileCase{"alice\n", "line 1: expected user:password"},
                      BadFileCase{"alice:a\nbob:\n", "line 2: empty password"},
                      BadFileCase{":pw\n", "line 1: the user name"},
                      BadFileCase{"al ice:pw\n", "line 1: the user name"},
                      BadFileCase{"alice:pw:root\n", "line 1: unknown role \"root\""},
                      BadFileCase{"alice:pw:admin:x\n", "line 1: too many ':'"},
                      BadFileCase{"alice:a\nalice:b\n", "line 2: user \"alice\" is listed twice"},
                      BadFileCase{"# nobody\n\n", "no accounts"}));

TEST(DemoUsersTest, LoadsAFile) {
  usersessions::testing::TempDir dir;
  const std::string path = dir.path() + "/users.txt";
  std::ofstream(path) << "zoe:pw:admin\n";
  ASSERT_OK_AND_ASSIGN(DemoUsers users, DemoUsers::Load(path));
  EXPECT_TRUE(users.IsAdmin("zoe"));
}

TEST(DemoUsersTest, LoadNamesTheFileInErrors) {
  usersessions::testing::TempDir dir;
  EXPECT_THAT(DemoUsers::Load(dir.path() + "/missing.txt"), StatusIs(absl::StatusCode::kNotFound));
  const std::string path = dir.path() + "/users.txt";
  std::ofstream(path) << "zoe\n";
  const absl::Status status = DemoUsers::Load(path).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(status.message()), HasSubstr(path + ": line 1"));
}

}  // namespace
}  // namespace usersessions::demo
