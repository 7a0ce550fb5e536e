#include "sdk/views/csrf.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/encoding.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/views/view_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk::views {
namespace {

using ::testing::Return;
using usersessions::testing::IsOk;
using usersessions::testing::StatusIs;

class CsrfTest : public testing::ViewTestBase {
 protected:
  // CheckCsrfToken's answer; fails the test on an error.
  static bool Check(Session& session, absl::string_view token) {
    absl::StatusOr<bool> valid = CheckCsrfToken(session, token);
    EXPECT_THAT(valid.status(), IsOk());
    return valid.ok() && *valid;
  }
};

TEST_F(CsrfTest, TokensAreMaskedPerCallAndAllValid) {
  auto session = SignedIn();
  const std::string first = TokenFor(*session);
  const std::string second = TokenFor(*session);
  EXPECT_EQ(first.size(), 86u);
  EXPECT_NE(first, second);
  EXPECT_EQ(Check(*session, first), true);
  EXPECT_EQ(Check(*session, second), true);
  EXPECT_FALSE(session->modified());  // The secret was already there.
}

TEST_F(CsrfTest, RejectsEmptyMalformedAndTamperedTokens) {
  auto session = SignedIn();
  std::string token = TokenFor(*session);
  EXPECT_EQ(Check(*session, ""), false);
  EXPECT_EQ(Check(*session, "not base64!"), false);
  EXPECT_EQ(Check(*session, token.substr(0, 43)), false);
  EXPECT_EQ(Check(*session, testing::kCsrfSecret), false);  // The raw secret.
  token[10] = token[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Check(*session, token), false);
}

TEST_F(CsrfTest, FirstTokenCreatesTheSecretInTheSession) {
  EXPECT_CALL(*mock_, LoadSession)
      .WillOnce(Return(sdk::testing::Loaded(sdk::testing::Data({}), "alice")));
  auto session = engine_->Begin(sdk::testing::RequestWithKey());
  EXPECT_EQ(Check(*session, "anything"), false);  // No secret; none created.
  EXPECT_FALSE(session->modified());

  const std::string token = TokenFor(*session);
  EXPECT_TRUE(session->modified());
  EXPECT_EQ(Base64UrlDecode(session->GetString(kCsrfSessionKey))->size(), 32u);
  EXPECT_EQ(Check(*session, token), true);
}

TEST_F(CsrfTest, LoadErrorsArePassedOn) {
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(absl::UnavailableError("down")));
  auto session = engine_->Begin(sdk::testing::RequestWithKey());
  EXPECT_THAT(CsrfToken(*session).status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(CheckCsrfToken(*session, "x").status(), StatusIs(absl::StatusCode::kUnavailable));
}

class FailingRandom final : public SecureRandom {
 public:
  absl::StatusOr<std::string> Bytes(size_t) override { return absl::InternalError("no entropy"); }
};

TEST_F(CsrfTest, RandomFailureIsInternal) {
  auto session = SignedIn();
  FailingRandom random;
  EXPECT_THAT(CsrfToken(*session, random).status(), StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace usersessions::sdk::views
