// GoogleTest matchers for absl::Status and absl::StatusOr, which this Abseil version lacks.
#ifndef USERSESSIONS_TESTS_TESTING_STATUS_MATCHERS_H_
#define USERSESSIONS_TESTS_TESTING_STATUS_MATCHERS_H_

#include <optional>
#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace usersessions::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// Matches an OK Status or StatusOr.
MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

// Matches a Status or StatusOr with exactly `code`.
MATCHER_P(StatusIs, code, "has code " + absl::StatusCodeToString(code)) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

// Matches a Status or StatusOr with exactly `code` and ErrorReason `reason`.
MATCHER_P2(StatusIsWithReason, code, reason,
           "has code " + absl::StatusCodeToString(code) + " and reason " +
               ::usersessions::ErrorReasonName(reason)) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code && ::usersessions::GetErrorReason(status) == reason;
}

}  // namespace usersessions::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::usersessions::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::usersessions::testing::IsOk())

// ASSERT_OK_AND_ASSIGN(lhs, expr): asserts the StatusOr is OK and moves its value into lhs.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(USERSESSIONS_TEST_CONCAT_(status_or_, __LINE__), lhs, expr)
#define USERSESSIONS_TEST_CONCAT_INNER_(a, b) a##b
#define USERSESSIONS_TEST_CONCAT_(a, b) USERSESSIONS_TEST_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                               \
  ASSERT_OK(statusor);                                  \
  lhs = std::move(statusor).value()

#endif  // USERSESSIONS_TESTS_TESTING_STATUS_MATCHERS_H_
