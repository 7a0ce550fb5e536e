#include "server/auth/token_table.h"

#include <fstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::usersessions::testing::StatusIs;

std::string HashLine(absl::string_view role, absl::string_view token) {
  return absl::StrCat(role, " sha256:", HexEncode(Sha256(token)));
}

TEST(TokenTableTest, FindsTheRoleOfEachListedToken) {
  ASSERT_OK_AND_ASSIGN(
      TokenTable table,
      TokenTable::Parse(absl::StrCat("# host apps\n", HashLine("engine", "engine-old"), "\n",
                                     HashLine("engine", "engine-new"), "  # rotating\n\n", "\t",
                                     HashLine("admin", "ops"), "\r\n")));
  EXPECT_EQ(table.Find("engine-old"), Caller::Role::kEngine);
  EXPECT_EQ(table.Find("engine-new"), Caller::Role::kEngine);
  EXPECT_EQ(table.Find("ops"), Caller::Role::kAdmin);
  EXPECT_EQ(table.Find("unknown"), std::nullopt);
  EXPECT_EQ(table.Find(""), std::nullopt);
  EXPECT_EQ(table.Find("engine-old "), std::nullopt);
  EXPECT_EQ(table.CountOf(Caller::Role::kEngine), 2);
  EXPECT_EQ(table.CountOf(Caller::Role::kAdmin), 1);
}

TEST(TokenTableTest, AcceptsUpperCaseHexAndRepeatedLines) {
  const std::string upper =
      absl::StrCat("admin sha256:", absl::AsciiStrToUpper(HexEncode(Sha256("ops"))));
  ASSERT_OK_AND_ASSIGN(TokenTable table,
                       TokenTable::Parse(absl::StrCat(upper, "\n", HashLine("admin", "ops"))));
  EXPECT_EQ(table.Find("ops"), Caller::Role::kAdmin);
  EXPECT_EQ(table.CountOf(Caller::Role::kAdmin), 1);
}

TEST(TokenTableTest, RejectsMalformedFilesNamingTheLineButNotItsContents) {
  const std::string good = HashLine("engine", "t");
  const std::string hex = HexEncode(Sha256("secret-token"));
  struct Case {
    std::string contents;
    std::string message;
  };
  const Case cases[] = {
      {"", "no tokens"},
      {"# only comments\n\n", "no tokens"},
      {absl::StrCat(good, "\nroot sha256:", hex), "line 2: the role must be engine or admin"},
      {absl::StrCat("engine ", hex), "line 1: the hash must start with sha256:"},
      {absl::StrCat("engine sha256:", hex.substr(1)), "64 hex digits"},
      {absl::StrCat("engine sha256:", hex, "0"), "64 hex digits"},
      {absl::StrCat("engine sha256:", hex.substr(1), "g"), "64 hex digits"},
      {absl::StrCat("engine sha256:", hex, " extra"), "line 1: expected `<role> sha256:<hex>`"},
      {"engine", "line 1: expected"},
      {absl::StrCat("engine sha256:", hex, "\nadmin sha256:", hex), "line 2: this token is"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<TokenTable> table = TokenTable::Parse(c.contents);
    EXPECT_THAT(table, StatusIs(absl::StatusCode::kInvalidArgument)) << c.contents;
    EXPECT_THAT(std::string(table.status().message()), HasSubstr(c.message)) << c.contents;
    EXPECT_THAT(std::string(table.status().message()), Not(HasSubstr(hex.substr(1, 20))));
  }
}

TEST(TokenTableTest, LoadsAFileAndReportsUnreadableOnes) {
  usersessions::testing::TempDir dir;
  const std::string path = dir.path() + "/tokens";
  std::ofstream(path) << HashLine("admin", "ops") << "\n";
  ASSERT_OK_AND_ASSIGN(TokenTable table, LoadTokenTable(path));
  EXPECT_EQ(table.Find("ops"), Caller::Role::kAdmin);

  EXPECT_THAT(LoadTokenTable(dir.path() + "/missing"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  std::ofstream(path) << "admin sha256:beef\n";
  absl::StatusOr<TokenTable> bad = LoadTokenTable(path);
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr(path + ": line 1"));
}

}  // namespace
}  // namespace usersessions::server
