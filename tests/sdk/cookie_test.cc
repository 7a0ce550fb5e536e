#include "sdk/cookie.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::usersessions::testing::StatusIs;

// 43 characters of canonical base64url (32 bytes).
const std::string kKeyA = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const std::string kKeyB = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

auto Pair(const std::string& name, const std::string& value) {
  return ::testing::AllOf(Field(&CookiePair::name, name), Field(&CookiePair::value, value));
}

TEST(ParseCookieHeader, SplitsPairsAndToleratesSpacing) {
  EXPECT_THAT(ParseCookieHeader("a=b; c=d;e=f ;  g = h\t"),
              ElementsAre(Pair("a", "b"), Pair("c", "d"), Pair("e", "f"), Pair("g", "h")));
}

TEST(ParseCookieHeader, StripsOneLevelOfQuotes) {
  EXPECT_THAT(ParseCookieHeader("a=\"quoted\"; b=\"\"; c=\"half"),
              ElementsAre(Pair("a", "quoted"), Pair("b", ""), Pair("c", "\"half")));
}

TEST(ParseCookieHeader, KeepsDuplicatesInOrder) {
  EXPECT_THAT(ParseCookieHeader("s=1; t=2; s=3"),
              ElementsAre(Pair("s", "1"), Pair("t", "2"), Pair("s", "3")));
}

TEST(ParseCookieHeader, SkipsMalformedPairs) {
  EXPECT_THAT(ParseCookieHeader(";;novalue; =orphan; ok=1; ;x=a=b"),
              ElementsAre(Pair("ok", "1"), Pair("x", "a=b")));
  EXPECT_THAT(ParseCookieHeader(""), IsEmpty());
}

TEST(ParseCookieHeader, IgnoresOversizedValuesAndHeaders) {
  const std::string big_value(kMaxCookieValueBytes + 1, 'v');
  EXPECT_THAT(ParseCookieHeader("big=" + big_value + "; small=1"), ElementsAre(Pair("small", "1")));

  const std::string at_limit(kMaxCookieValueBytes, 'v');
  EXPECT_THAT(ParseCookieHeader("edge=" + at_limit), ElementsAre(Pair("edge", at_limit)));

  std::string huge = "sessionid=" + kKeyA + "; pad=";
  huge.append(kMaxCookieHeaderBytes, 'p');
  EXPECT_THAT(ParseCookieHeader(huge), IsEmpty());
}

TEST(IsWellFormedSessionKey, AcceptsOnlyCanonical43CharacterBase64Url) {
  EXPECT_TRUE(IsWellFormedSessionKey(kKeyA));
  EXPECT_TRUE(IsWellFormedSessionKey("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"));
  EXPECT_FALSE(IsWellFormedSessionKey(""));
  EXPECT_FALSE(IsWellFormedSessionKey(kKeyA.substr(1)));  // 42 characters.
  EXPECT_FALSE(IsWellFormedSessionKey(kKeyA + "A"));      // 44 characters.
  EXPECT_FALSE(IsWellFormedSessionKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"));  // Alphabet.
  EXPECT_FALSE(IsWellFormedSessionKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"));  // Bits.
  EXPECT_FALSE(IsWellFormedSessionKey("abcdefghijklmnopqrstuvwxyz0123456"));  // Django-style.
}

TEST(FindSessionCookie, FindsTheNamedCookie) {
  const SessionCookie cookie = FindSessionCookie("csrftoken=x; sessionid=" + kKeyA, "sessionid");
  EXPECT_TRUE(cookie.present);
  EXPECT_EQ(cookie.key, kKeyA);
}

TEST(FindSessionCookie, AbsentCookie) {
  const SessionCookie cookie = FindSessionCookie("other=" + kKeyA, "sessionid");
  EXPECT_FALSE(cookie.present);
  EXPECT_EQ(cookie.key, "");
}

TEST(FindSessionCookie, NamesAreCaseSensitive) {
  EXPECT_FALSE(FindSessionCookie("SessionID=" + kKeyA, "sessionid").present);
}

TEST(FindSessionCookie, GarbageValueIsPresentWithoutKey) {
  const SessionCookie cookie = FindSessionCookie("sessionid=not-a-key", "sessionid");
  EXPECT_TRUE(cookie.present);
  EXPECT_EQ(cookie.key, "");
}

TEST(FindSessionCookie, DuplicatesPickTheFirstWellFormedKey) {
  EXPECT_EQ(
      FindSessionCookie("sessionid=junk; sessionid=" + kKeyB + "; sessionid=" + kKeyA, "sessionid")
          .key,
      kKeyB);
  EXPECT_EQ(FindSessionCookie("sessionid=" + kKeyA + "; sessionid=" + kKeyB, "sessionid").key,
            kKeyA);
  const SessionCookie none = FindSessionCookie("sessionid=a; sessionid=b", "sessionid");
  EXPECT_TRUE(none.present);
  EXPECT_EQ(none.key, "");
}

TEST(FindSessionCookie, QuotedKeyIsAccepted) {
  EXPECT_EQ(FindSessionCookie("sessionid=\"" + kKeyA + "\"", "sessionid").key, kKeyA);
}

TEST(FindSessionCookie, OversizedHeaderCountsAsNoCookie) {
  std::string header = "sessionid=" + kKeyA + "; pad=";
  header.append(kMaxCookieHeaderBytes, 'p');
  EXPECT_FALSE(FindSessionCookie(header, "sessionid").present);
}

TEST(FormatHttpDate, UsesImfFixdate) {
  EXPECT_EQ(FormatHttpDate(absl::FromUnixSeconds(784111777)), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(absl::UnixEpoch()), "Thu, 01 Jan 1970 00:00:00 GMT");
}

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);  // Fri, 15 Jan 2027 08:00:00 GMT.

TEST(BuildSetCookie, DefaultsAreSecureHttpOnlyLaxPersistent) {
  EXPECT_EQ(BuildSetCookie(CookieOptions(), kKeyA, absl::Hours(336), kNow),
            "sessionid=" + kKeyA +
                "; Expires=Fri, 29 Jan 2027 08:00:00 GMT; Max-Age=1209600; Path=/; Secure; "
                "HttpOnly; SameSite=Lax");
}

TEST(BuildSetCookie, EachOptionShowsUp) {
  CookieOptions options;
  options.name = "__Secure-sid";
  options.same_site = "strict";
  options.domain = ".example.com";
  options.path = "/app";
  options.http_only = false;
  EXPECT_EQ(BuildSetCookie(options, "v", absl::Seconds(90), kNow),
            "__Secure-sid=v; Expires=Fri, 15 Jan 2027 08:01:30 GMT; Max-Age=90; "
            "Domain=.example.com; Path=/app; Secure; SameSite=Strict");

  options = CookieOptions();
  options.secure = false;
  options.same_site = "";
  options.path = "";
  EXPECT_EQ(BuildSetCookie(options, "v", absl::Seconds(90), kNow),
            "sessionid=v; Expires=Fri, 15 Jan 2027 08:01:30 GMT; Max-Age=90; HttpOnly");

  options = CookieOptions();
  options.same_site = "NONE";
  EXPECT_EQ(BuildSetCookie(options, "v", absl::Seconds(90), kNow),
            "sessionid=v; Expires=Fri, 15 Jan 2027 08:01:30 GMT; Max-Age=90; Path=/; Secure; "
            "HttpOnly; SameSite=None");
}

TEST(BuildSetCookie, NonPersistentHasNoLifetime) {
  CookieOptions options;
  options.persistent = false;
  EXPECT_EQ(BuildSetCookie(options, "v", absl::Hours(1), kNow),
            "sessionid=v; Path=/; Secure; HttpOnly; SameSite=Lax");
}

TEST(BuildSetCookie, ZeroMaxAgeGivesBrowserSessionCookieAndSubSecondRoundsUp) {
  EXPECT_EQ(BuildSetCookie(CookieOptions(), "v", absl::ZeroDuration(), kNow),
            "sessionid=v; Path=/; Secure; HttpOnly; SameSite=Lax");
  EXPECT_THAT(BuildSetCookie(CookieOptions(), "v", absl::Milliseconds(300), kNow),
              ::testing::HasSubstr("; Max-Age=1;"));
}

TEST(BuildDeletionCookie, ExpiresInThePastWithMatchingAttributes) {
  EXPECT_EQ(BuildDeletionCookie(CookieOptions()),
            "sessionid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; Secure; "
            "HttpOnly; SameSite=Lax");
  CookieOptions options;
  options.domain = "example.com";
  options.path = "/shop";
  EXPECT_EQ(BuildDeletionCookie(options),
            "sessionid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Domain=example.com; "
            "Path=/shop; Secure; HttpOnly; SameSite=Lax");
}

struct OptionsCase {
  const char* name;
  CookieOptions options;
  absl::StatusCode code;
};

CookieOptions With(void (*edit)(CookieOptions&)) {
  CookieOptions options;
  edit(options);
  return options;
}

class ValidateCookieOptionsTest : public ::testing::TestWithParam<OptionsCase> {};

TEST_P(ValidateCookieOptionsTest, Validates) {
  EXPECT_THAT(ValidateCookieOptions(GetParam().options), StatusIs(GetParam().code));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ValidateCookieOptionsTest,
    ::testing::Values(
        OptionsCase{"Defaults", CookieOptions(), absl::StatusCode::kOk},
        OptionsCase{"EmptyName", With([](CookieOptions& o) { o.name = ""; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"NameWithSpace", With([](CookieOptions& o) { o.name = "session id"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"NameWithSeparator", With([](CookieOptions& o) { o.name = "sid;x"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"NameWithEquals", With([](CookieOptions& o) { o.name = "a=b"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"TokenName", With([](CookieOptions& o) { o.name = "my_app.sid-1"; }),
                    absl::StatusCode::kOk},
        OptionsCase{"SameSiteStrict", With([](CookieOptions& o) { o.same_site = "Strict"; }),
                    absl::StatusCode::kOk},
        OptionsCase{"SameSiteOmitted", With([](CookieOptions& o) { o.same_site = ""; }),
                    absl::StatusCode::kOk},
        OptionsCase{"SameSiteUnknown", With([](CookieOptions& o) { o.same_site = "Loose"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"SameSiteNoneNeedsSecure", With([](CookieOptions& o) {
                      o.same_site = "None";
                      o.secure = false;
                    }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"SameSiteNoneSecure", With([](CookieOptions& o) { o.same_site = "None"; }),
                    absl::StatusCode::kOk},
        OptionsCase{"InsecureLaxForDevelopment", With([](CookieOptions& o) { o.secure = false; }),
                    absl::StatusCode::kOk},
        OptionsCase{"Domain", With([](CookieOptions& o) { o.domain = ".example.com"; }),
                    absl::StatusCode::kOk},
        OptionsCase{"DomainWithSemicolon",
                    With([](CookieOptions& o) { o.domain = "example.com; Secure"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"DomainDotOnly", With([](CookieOptions& o) { o.domain = "."; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"RelativePath", With([](CookieOptions& o) { o.path = "app"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"PathWithSemicolon", With([](CookieOptions& o) { o.path = "/a;b"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"PathWithNewline", With([](CookieOptions& o) { o.path = "/a\r\nX: y"; }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"NoPath", With([](CookieOptions& o) { o.path = ""; }), absl::StatusCode::kOk},
        OptionsCase{"SecurePrefixNeedsSecure", With([](CookieOptions& o) {
                      o.name = "__Secure-sid";
                      o.secure = false;
                    }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"HostPrefix", With([](CookieOptions& o) { o.name = "__Host-sid"; }),
                    absl::StatusCode::kOk},
        OptionsCase{"HostPrefixRejectsDomain", With([](CookieOptions& o) {
                      o.name = "__Host-sid";
                      o.domain = "example.com";
                    }),
                    absl::StatusCode::kInvalidArgument},
        OptionsCase{"HostPrefixNeedsRootPath", With([](CookieOptions& o) {
                      o.name = "__Host-sid";
                      o.path = "/app";
                    }),
                    absl::StatusCode::kInvalidArgument}),
    [](const ::testing::TestParamInfo<OptionsCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace usersessions::sdk
