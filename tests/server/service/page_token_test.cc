#include "server/service/page_token.h"

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using usersessions::testing::StatusIsWithReason;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(PageTokenTest, RoundTripsTheCursor) {
  PageTokenCodec codec("secret-secret-secret");
  const std::string params = ListParamsFingerprint("alice", 1, "");
  ListCursor cursor{absl::FromUnixMicros(1'800'000'000'123'456), "ZjgKD_BYFUf2jcwmEmA4iw"};
  const std::string token = codec.Encode(cursor, params);
  ASSERT_OK_AND_ASSIGN(ListCursor decoded, codec.Decode(token, params));
  EXPECT_EQ(decoded.last_activity_time, cursor.last_activity_time);
  EXPECT_EQ(decoded.session_id, cursor.session_id);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
}

TEST(PageTokenTest, RejectsEveryAlteredByte) {
  PageTokenCodec codec("secret-secret-secret");
  const std::string params = ListParamsFingerprint("alice", 1, "q");
  const std::string token =
      codec.Encode({absl::FromUnixSeconds(1'800'000'000), "ZjgKD_BYFUf2jcwmEmA4iw"}, params);
  for (size_t i = 0; i < token.size(); ++i) {
    std::string altered = token;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    EXPECT_THAT(codec.Decode(altered, params),
                StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN))
        << "byte " << i;
  }
}

TEST(PageTokenTest, IsBoundToParametersAndSecret) {
  PageTokenCodec codec("secret-secret-secret");
  const std::string token = codec.Encode({absl::FromUnixSeconds(1), "ZjgKD_BYFUf2jcwmEmA4iw"},
                                         ListParamsFingerprint("alice", 1, ""));
  EXPECT_THAT(codec.Decode(token, ListParamsFingerprint("bob", 1, "")),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
  EXPECT_THAT(codec.Decode(token, ListParamsFingerprint("alice", 3, "")),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
  EXPECT_THAT(codec.Decode(token, ListParamsFingerprint("alice", 1, "x")),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
  PageTokenCodec other("another-secret-value");
  EXPECT_THAT(other.Decode(token, ListParamsFingerprint("alice", 1, "")),
              StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
  for (const char* garbage : {"", "x", "!!!!", "AAAA"}) {
    EXPECT_THAT(codec.Decode(garbage, ListParamsFingerprint("alice", 1, "")),
                StatusIsWithReason(kInvalid, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
  }
  // Fingerprints of different parameter splits never collide.
  EXPECT_NE(ListParamsFingerprint("a", 1, "b"), ListParamsFingerprint("a1", 1, "b"));
}

}  // namespace
}  // namespace usersessions::server
