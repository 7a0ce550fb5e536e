#include "client/sessionctl/token_hash.h"

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sessionctl {
namespace {

using usersessions::testing::StatusIs;

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr char kAbcHash[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(TokensFileLineTest, HashesTheTokenWithoutItsTrailingNewline) {
  EXPECT_EQ(*TokensFileLine("admin", "abc"), std::string("admin sha256:") + kAbcHash);
  EXPECT_EQ(*TokensFileLine("engine", "abc\n"), std::string("engine sha256:") + kAbcHash);
  EXPECT_EQ(*TokensFileLine("engine", "abc\r\n"), std::string("engine sha256:") + kAbcHash);
}

TEST(TokensFileLineTest, RejectsBadRolesAndTokens) {
  EXPECT_THAT(TokensFileLine("root", "abc"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("", "abc"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("admin", ""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("admin", "\n"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("admin", "abc\n\n"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("admin", "a b"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokensFileLine("admin", "caf\xc3\xa9"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace usersessions::sessionctl
