#include "examples/demo/login_csrf.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::demo {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using usersessions::testing::FakeClock;
using usersessions::testing::StatusIs;

// Counts up, so every call gives different bytes.
class CountingRandom final : public SecureRandom {
 public:
  explicit CountingRandom(int start = 1) : next_(start) {}
  absl::StatusOr<std::string> Bytes(size_t count) override {
    return std::string(count, static_cast<char>(next_++));
  }

 private:
  int next_;
};

class FailingRandom final : public SecureRandom {
 public:
  absl::StatusOr<std::string> Bytes(size_t) override { return absl::InternalError("no entropy"); }
};

class LoginCsrfTest : public ::testing::Test {
 protected:
  std::unique_ptr<LoginCsrf> Make(std::shared_ptr<SecureRandom> random) {
    auto csrf = LoginCsrf::Create(std::move(random), clock_, "/login/", /*secure_cookie=*/true);
    EXPECT_TRUE(csrf.ok()) << csrf.status();
    return csrf.ok() ? *std::move(csrf) : nullptr;
  }
  static std::string Cookie(const std::string& token) {
    return absl::StrCat("sessionid=x; ", LoginCsrf::kCookieName, "=", token, "; other=1");
  }

  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
  std::shared_ptr<CountingRandom> random_ = std::make_shared<CountingRandom>();
};

TEST_F(LoginCsrfTest, AcceptsTheTokenOfTheCookieItSet) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string token, csrf->NewToken());
  EXPECT_TRUE(csrf->Check(Cookie(token), token));
}

TEST_F(LoginCsrfTest, TokensDifferAndAreCookieSafe) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string first, csrf->NewToken());
  ASSERT_OK_AND_ASSIGN(std::string second, csrf->NewToken());
  EXPECT_NE(first, second);
  EXPECT_EQ(
      first.find_first_not_of("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"),
      std::string::npos);
}

TEST_F(LoginCsrfTest, RefusesAFieldThatDoesNotMatchTheCookie) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string first, csrf->NewToken());
  ASSERT_OK_AND_ASSIGN(std::string second, csrf->NewToken());
  EXPECT_FALSE(csrf->Check(Cookie(first), second));
  EXPECT_FALSE(csrf->Check(Cookie(first), ""));
  EXPECT_FALSE(csrf->Check("", first));
  EXPECT_FALSE(csrf->Check("sessionid=x", first));
}

TEST_F(LoginCsrfTest, RefusesAPlantedCookieWithoutThisProcesssMac) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string token, csrf->NewToken());
  // An attacker who can set cookies pairs a cookie and a field of their own.
  const std::string forged = absl::StrCat(token.substr(0, token.rfind('.') + 1), "AAAA");
  EXPECT_FALSE(csrf->Check(Cookie(forged), forged));
  EXPECT_FALSE(csrf->Check(Cookie("garbage"), "garbage"));
  // A token of another process (another key).
  auto other = Make(std::make_shared<CountingRandom>(100));
  ASSERT_OK_AND_ASSIGN(std::string foreign, other->NewToken());
  EXPECT_TRUE(other->Check(Cookie(foreign), foreign));
  EXPECT_FALSE(csrf->Check(Cookie(foreign), foreign));
}

TEST_F(LoginCsrfTest, RefusesATamperedExpiry) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string token, csrf->NewToken());
  const std::string later = absl::StrCat("9", token);
  EXPECT_FALSE(csrf->Check(Cookie(later), later));
}

TEST_F(LoginCsrfTest, TokensExpireAfterTheirLifetime) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string token, csrf->NewToken());
  clock_->Advance(LoginCsrf::kLifetime - absl::Seconds(1));
  EXPECT_TRUE(csrf->Check(Cookie(token), token));
  clock_->Advance(absl::Seconds(1));
  EXPECT_FALSE(csrf->Check(Cookie(token), token));
}

TEST_F(LoginCsrfTest, CookiesAreScopedStrictAndHttpOnly) {
  auto csrf = Make(random_);
  ASSERT_OK_AND_ASSIGN(std::string token, csrf->NewToken());
  const std::string set = csrf->SetCookie(token);
  EXPECT_THAT(set, HasSubstr(absl::StrCat(LoginCsrf::kCookieName, "=", token, ";")));
  EXPECT_THAT(set, HasSubstr("Max-Age=3600"));
  EXPECT_THAT(set, HasSubstr("Path=/login/"));
  EXPECT_THAT(set, HasSubstr("HttpOnly"));
  EXPECT_THAT(set, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(set, HasSubstr("Secure"));
  const std::string removal = csrf->DeleteCookie();
  EXPECT_THAT(removal, HasSubstr("Max-Age=0"));
  EXPECT_THAT(removal, HasSubstr("Path=/login/"));
  EXPECT_THAT(removal, Not(HasSubstr(token)));
}

TEST_F(LoginCsrfTest, RandomFailuresAreInternal) {
  EXPECT_THAT(LoginCsrf::Create(std::make_shared<FailingRandom>(), clock_, "/login/", false),
              StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace usersessions::demo
