#include "server/auth/authenticator.h"

#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::server {
namespace {

using ::usersessions::testing::StatusIs;
using ::usersessions::testing::StatusIsWithReason;

std::string HashLine(absl::string_view role, absl::string_view token) {
  return absl::StrCat(role, " sha256:", HexEncode(Sha256(token)), "\n");
}

TokenTable Table(const std::string& contents) {
  absl::StatusOr<TokenTable> table = TokenTable::Parse(contents);
  EXPECT_OK(table);
  return *std::move(table);
}

absl::StatusOr<Caller> Authenticate(const Authenticator& authenticator,
                                    std::vector<absl::string_view> headers) {
  return authenticator.Authenticate(headers);
}

TEST(AuthenticatorTest, WithoutTokensEveryCallerIsAdmin) {
  const Authenticator& authenticator = Authenticator::AllowAll();
  EXPECT_FALSE(authenticator.enabled());
  ASSERT_OK_AND_ASSIGN(Caller caller, Authenticate(authenticator, {}));
  EXPECT_TRUE(caller.is_admin());
  ASSERT_OK_AND_ASSIGN(caller, Authenticate(authenticator, {"Bearer whatever"}));
  EXPECT_TRUE(caller.is_admin());
}

TEST(AuthenticatorTest, GivesEachTokenItsRole) {
  Authenticator authenticator(
      Table(absl::StrCat(HashLine("engine", "app-token"), HashLine("admin", "ops-token"))));
  EXPECT_TRUE(authenticator.enabled());
  ASSERT_OK_AND_ASSIGN(Caller engine, Authenticate(authenticator, {"Bearer app-token"}));
  EXPECT_EQ(engine.role, Caller::Role::kEngine);
  ASSERT_OK_AND_ASSIGN(Caller admin, Authenticate(authenticator, {"bearer  ops-token "}));
  EXPECT_EQ(admin.role, Caller::Role::kAdmin);
  ASSERT_OK_AND_ASSIGN(admin, Authenticate(authenticator, {"BEARER\tops-token"}));
  EXPECT_EQ(admin.role, Caller::Role::kAdmin);
}

TEST(AuthenticatorTest, RefusesMissingMalformedAndUnknownCredentials) {
  Authenticator authenticator(Table(HashLine("engine", "app-token")));
  const std::vector<std::vector<absl::string_view>> refused = {
      {},
      {""},
      {"app-token"},
      {"Bearer"},
      {"Bearer "},
      {"Bearerapp-token"},
      {"Basic YXBwOnRva2Vu"},
      {"Bearer app-token2"},
      {"Bearer APP-TOKEN"},
      {"Bearer app-token", "Bearer app-token"},
  };
  for (const auto& headers : refused) {
    absl::StatusOr<Caller> caller = Authenticate(authenticator, headers);
    EXPECT_THAT(caller, StatusIsWithReason(absl::StatusCode::kUnauthenticated,
                                           v1::ERROR_REASON_UNAUTHENTICATED))
        << (headers.empty() ? "(none)" : headers.front());
    EXPECT_EQ(caller.status().message().find("app-token"), absl::string_view::npos);
  }
}

TEST(AuthenticatorTest, ReplaceSwitchesTokensAndAFailedReloadKeepsThem) {
  usersessions::testing::TempDir dir;
  const std::string path = dir.File("tokens");
  Authenticator authenticator(Table(HashLine("engine", "old")));

  std::ofstream(path) << HashLine("engine", "new");
  ASSERT_OK(authenticator.ReloadFrom(path));
  EXPECT_THAT(Authenticate(authenticator, {"Bearer old"}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_OK(Authenticate(authenticator, {"Bearer new"}));

  std::ofstream(path) << "engine sha256:truncated\n";
  EXPECT_THAT(authenticator.ReloadFrom(path), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(authenticator.ReloadFrom(dir.File("missing")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_OK(Authenticate(authenticator, {"Bearer new"}));
}

TEST(AuthenticatorTest, CallersNeverFailWhileTokensAreReplaced) {
  // Both tables accept "both"; readers must never see a half-replaced table.
  const std::string first = absl::StrCat(HashLine("engine", "both"), HashLine("engine", "a"));
  const std::string second = absl::StrCat(HashLine("engine", "both"), HashLine("engine", "b"));
  Authenticator authenticator(Table(first));
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        if (!Authenticate(authenticator, {"Bearer both"}).ok()) failures.fetch_add(1);
      }
    });
  }
  for (int i = 0; i < 500; ++i) authenticator.Replace(Table(i % 2 == 0 ? second : first));
  stop.store(true);
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace usersessions::server
