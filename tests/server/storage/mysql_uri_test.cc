#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/mysql_store.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::usersessions::testing::StatusIs;

struct ValidCase {
  std::string name;
  std::string uri;
  MysqlUri expected;
};

class ParseMysqlUriValidTest : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ParseMysqlUriValidTest, Parses) {
  const ValidCase& test_case = GetParam();
  ASSERT_OK_AND_ASSIGN(MysqlUri uri, ParseMysqlUri(test_case.uri));
  EXPECT_EQ(uri.user, test_case.expected.user);
  EXPECT_EQ(uri.password, test_case.expected.password);
  EXPECT_EQ(uri.host, test_case.expected.host);
  EXPECT_EQ(uri.port, test_case.expected.port);
  EXPECT_EQ(uri.database, test_case.expected.database);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseMysqlUriValidTest,
    ::testing::Values(
        ValidCase{"Full",
                  "mysql://app:secret@db.example.com:3307/sessions",
                  {"app", "secret", "db.example.com", 3307, "sessions"}},
        ValidCase{"DefaultPort",
                  "mysql://app:secret@db/sessions",
                  {"app", "secret", "db", 3306, "sessions"}},
        ValidCase{"PercentEncoded",
                  "mysql://us%40er:p%40ss%3Aw%2Frd%25@127.0.0.1:33061/my%2Ddb",
                  {"us@er", "p@ss:w/rd%", "127.0.0.1", 33061, "my-db"}},
        ValidCase{"LowerCaseEscapes",
                  "mysql://app:%c3%a9t%c3%a9@h/d",
                  {"app", "\xc3\xa9t\xc3\xa9", "h", 3306, "d"}},
        ValidCase{"UnencodedAtAndColonInPassword",
                  "mysql://app:p@ss:word@h:1/d",
                  {"app", "p@ss:word", "h", 1, "d"}},
        ValidCase{"NoPassword", "mysql://app@h/d", {"app", "", "h", 3306, "d"}},
        ValidCase{"EmptyPassword", "mysql://app:@h/d", {"app", "", "h", 3306, "d"}},
        ValidCase{"Ipv6WithPort", "mysql://app:pw@[::1]:3307/d", {"app", "pw", "::1", 3307, "d"}},
        ValidCase{"Ipv6WithoutPort",
                  "mysql://app:pw@[2001:db8::5]/d",
                  {"app", "pw", "2001:db8::5", 3306, "d"}},
        ValidCase{"NoDatabaseWithSlash", "mysql://app:pw@h:3306/", {"app", "pw", "h", 3306, ""}},
        ValidCase{"NoDatabaseWithoutSlash", "mysql://app:pw@h:3306", {"app", "pw", "h", 3306, ""}},
        ValidCase{"HighestPort", "mysql://app:pw@h:65535/d", {"app", "pw", "h", 65535, "d"}},
        ValidCase{"SchemeIsCaseInsensitive", "MySQL://app:pw@h/d", {"app", "pw", "h", 3306, "d"}}),
    [](const ::testing::TestParamInfo<ValidCase>& info) { return info.param.name; });

struct InvalidCase {
  std::string name;
  std::string uri;
  // A phrase the message must contain, naming what is wrong.
  std::string expected_message;
};

// Every invalid URI carries this password: no error message may repeat it.
constexpr char kPassword[] = "hunter2secret";

class ParseMysqlUriInvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ParseMysqlUriInvalidTest, IsInvalidArgumentNamingTheProblemWithoutThePassword) {
  const InvalidCase& test_case = GetParam();
  absl::StatusOr<MysqlUri> uri = ParseMysqlUri(test_case.uri);
  EXPECT_THAT(uri, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(uri.status().message()), HasSubstr(test_case.expected_message));
  EXPECT_THAT(std::string(uri.status().message()), Not(HasSubstr(kPassword)));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseMysqlUriInvalidTest,
    ::testing::Values(
        InvalidCase{"Empty", "", "scheme"},
        InvalidCase{"OtherScheme", "postgres://app:hunter2secret@h/d", "scheme"},
        InvalidCase{"NoScheme", "app:hunter2secret@h/d", "scheme"},
        InvalidCase{"NoCredentials", "mysql://h/d", "user"},
        InvalidCase{"EmptyUser", "mysql://:hunter2secret@h/d", "user"},
        InvalidCase{"NoHost", "mysql://app:hunter2secret@/d", "host"},
        InvalidCase{"NoHostBeforePort", "mysql://app:hunter2secret@:3306/d", "host"},
        InvalidCase{"BadHostCharacter", "mysql://app:hunter2secret@ho st/d", "host"},
        InvalidCase{"NonNumericPort", "mysql://app:hunter2secret@h:abc/d", "port"},
        InvalidCase{"PortWithSuffix", "mysql://app:hunter2secret@h:3306x/d", "port"},
        InvalidCase{"EmptyPort", "mysql://app:hunter2secret@h:/d", "port"},
        InvalidCase{"PortZero", "mysql://app:hunter2secret@h:0/d", "port"},
        InvalidCase{"PortTooLarge", "mysql://app:hunter2secret@h:65536/d", "port"},
        InvalidCase{"NegativePort", "mysql://app:hunter2secret@h:-1/d", "port"},
        InvalidCase{"UnclosedIpv6", "mysql://app:hunter2secret@[::1/d", "IPv6"},
        InvalidCase{"BadPasswordEscape", "mysql://app:hunter2secret%zz@h/d", "password"},
        InvalidCase{"TruncatedPasswordEscape", "mysql://app:hunter2secret%4@h/d", "password"},
        InvalidCase{"BadUserEscape", "mysql://a%g1:hunter2secret@h/d", "user"},
        InvalidCase{"BadDatabaseEscape", "mysql://app:hunter2secret@h/d%", "database"},
        InvalidCase{"NestedDatabasePath", "mysql://app:hunter2secret@h/d/e", "database"},
        InvalidCase{"QueryParameters", "mysql://app:hunter2secret@h/d?ssl=true", "query"},
        InvalidCase{"Fragment", "mysql://app:hunter2secret@h/d#x", "query"}),
    [](const ::testing::TestParamInfo<InvalidCase>& info) { return info.param.name; });

}  // namespace
}  // namespace usersessions::server
