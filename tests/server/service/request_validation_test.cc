#include "server/service/request_validation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using usersessions::testing::IsOk;
using usersessions::testing::StatusIsWithReason;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(ValidateSessionKeyTest, AcceptsOnlyCanonicalBase64UrlOf32Bytes) {
  const std::string good(43, 'A');
  EXPECT_THAT(ValidateSessionKey(good), IsOk());
  EXPECT_THAT(ValidateSessionKey("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"), IsOk());
  for (const std::string& bad :
       {std::string(), std::string(42, 'A'), std::string(44, 'A'), std::string(42, 'A') + "=",
        std::string(42, 'A') + "+", std::string(42, 'A') + "B" /* non-zero trailing bits */}) {
    EXPECT_THAT(ValidateSessionKey(bad),
                StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_SESSION_KEY))
        << bad;
  }
}

TEST(ValidateUserIdTest, AcceptsUtf8WithoutControlCharacters) {
  for (const std::string& good : {std::string(), std::string("alice"), std::string("42"),
                                  std::string("Zoë ☃"), std::string(255, 'u')}) {
    EXPECT_THAT(ValidateUserId(good), IsOk()) << good;
  }
  for (const std::string& bad :
       {std::string(256, 'u'), std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"),
        std::string("nul\0", 4), std::string("c1\xc2\x85"), std::string("bad\xff"),
        std::string("overlong\xc0\xaf"), std::string("surrogate\xed\xa0\x80")}) {
    EXPECT_THAT(ValidateUserId(bad),
                StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_USER_ID));
  }
}

TEST(CanonicalIpAddressTest, CanonicalizesAndRejects) {
  struct Case {
    std::string in;
    std::string out;
  };
  for (const Case& c : std::vector<Case>{{"", ""},
                                         {"203.0.113.7", "203.0.113.7"},
                                         {"::ffff:10.1.2.3", "10.1.2.3"},
                                         {"2001:DB8::0:1", "2001:db8::1"},
                                         {"::1", "::1"}}) {
    EXPECT_EQ(*CanonicalIpAddress(c.in), c.out);
  }
  for (const char* bad :
       {"1.2.3", "256.1.1.1", "example.com", "1.2.3.4:80", "[::1]", "fe80::1%eth0", " 1.2.3.4"}) {
    EXPECT_THAT(CanonicalIpAddress(bad),
                StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_IP_ADDRESS))
        << bad;
  }
  // An embedded NUL must not cut the text short for inet_pton.
  EXPECT_THAT(CanonicalIpAddress(std::string("127.0.0.1\0junk", 14)),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_IP_ADDRESS));
  EXPECT_THAT(CanonicalIpAddress(std::string("::1\0", 4)),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_IP_ADDRESS));
}

TEST(TruncateUserAgentTest, KeepsAtMost512CharactersWithoutSplittingUtf8) {
  EXPECT_EQ(TruncateUserAgent("curl/8.0"), "curl/8.0");
  EXPECT_EQ(TruncateUserAgent(std::string(600, 'a')).size(), 512u);
  std::string snowmen;
  for (int i = 0; i < 600; ++i) snowmen += "☃";
  EXPECT_EQ(TruncateUserAgent(snowmen).size(), 512u * 3);
}

TEST(ValidateTtlTest, RequiresAtLeastOneSecondAndNotTooLong) {
  google::protobuf::Duration ttl;
  ttl.set_seconds(90);
  EXPECT_EQ(*ValidateTtl(ttl), absl::Seconds(90));
  ttl.set_seconds(-1);
  EXPECT_THAT(ValidateTtl(ttl), StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_ARGUMENT));
  ttl.set_seconds(0);
  ttl.set_nanos(500);
  EXPECT_THAT(ValidateTtl(ttl), StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_ARGUMENT));
  ttl.set_nanos(0);
  ttl.set_seconds(absl::ToInt64Seconds(kMaxTtl) + 1);
  EXPECT_THAT(ValidateTtl(ttl), StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_ARGUMENT));
}

google::protobuf::Struct Nested(int depth, bool via_list) {
  google::protobuf::Struct root;
  google::protobuf::Struct* current = &root;
  for (int i = 1; i < depth; ++i) {
    google::protobuf::Value& value = (*current->mutable_fields())["n"];
    if (via_list && i + 1 < depth) {
      // A list counts as a level too.
      current = value.mutable_list_value()->add_values()->mutable_struct_value();
      ++i;
    } else {
      current = value.mutable_struct_value();
    }
  }
  return root;
}

TEST(SerializeDataTest, EnforcesDepthAndSize) {
  DataLimits limits{100, 4};
  EXPECT_THAT(SerializeData(Nested(4, false), limits), IsOk());
  EXPECT_THAT(SerializeData(Nested(5, false), limits),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_DATA_TOO_DEEP));
  EXPECT_THAT(SerializeData(Nested(4, true), limits), IsOk());
  EXPECT_THAT(SerializeData(Nested(6, true), limits),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_DATA_TOO_DEEP));

  google::protobuf::Struct big;
  (*big.mutable_fields())["s"].set_string_value(std::string(100, 'x'));
  EXPECT_THAT(SerializeData(big, limits),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_DATA_TOO_LARGE));
}

TEST(SerializeDataTest, RoundTripsThroughParseData) {
  google::protobuf::Struct data;
  (*data.mutable_fields())["cart"].mutable_list_value()->add_values()->set_string_value("book");
  (*data.mutable_fields())["n"].set_number_value(2.5);
  auto json = SerializeData(data, DataLimits{});
  ASSERT_THAT(json, IsOk());
  auto parsed = ParseData(*json);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->fields().at("n").number_value(), 2.5);
  EXPECT_EQ(parsed->fields().at("cart").list_value().values(0).string_value(), "book");
}

}  // namespace
}  // namespace usersessions::server
