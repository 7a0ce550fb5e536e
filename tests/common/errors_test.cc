#include "common/errors.h"

#include "gtest/gtest.h"

namespace usersessions {
namespace {

TEST(ErrorsTest, ReasonSurvivesOnTheStatus) {
  absl::Status status = InvalidArgumentError(v1::ERROR_REASON_DATA_TOO_DEEP, "too deep");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "too deep");
  EXPECT_EQ(GetErrorReason(status), v1::ERROR_REASON_DATA_TOO_DEEP);
  EXPECT_FALSE(GetErrorReason(absl::InternalError("x")).has_value());
  EXPECT_TRUE(WithErrorReason(absl::OkStatus(), v1::ERROR_REASON_DATA_TOO_DEEP).ok());
}

TEST(ErrorsTest, WireNamesDropThePrefixAndRoundTrip) {
  EXPECT_EQ(ErrorReasonName(v1::ERROR_REASON_SESSION_NOT_FOUND), "SESSION_NOT_FOUND");
  for (int value = v1::ErrorReason_MIN + 1; value <= v1::ErrorReason_MAX; ++value) {
    const auto reason = static_cast<ErrorReason>(value);
    EXPECT_EQ(ParseErrorReasonName(ErrorReasonName(reason)), reason);
  }
  EXPECT_FALSE(ParseErrorReasonName("NO_SUCH_REASON").has_value());
}

TEST(ErrorsTest, DefaultReasonFollowsTheCode) {
  EXPECT_EQ(DefaultErrorReason(absl::StatusCode::kUnavailable), v1::ERROR_REASON_STORE_UNAVAILABLE);
  EXPECT_EQ(DefaultErrorReason(absl::StatusCode::kInternal), v1::ERROR_REASON_UNSPECIFIED);
}

}  // namespace
}  // namespace usersessions
