#include "sdk/internal/session_state.h"

#include "common/errors.h"
#include "gtest/gtest.h"
#include "tests/sdk/session_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk::internal {
namespace {

using ::usersessions::testing::StatusIs;

SessionState WithKey() {
  SessionState state;
  state.key = sdk::testing::kKey;
  state.client.set_ip_address("203.0.113.7");
  state.client.set_user_agent("UA");
  return state;
}

TEST(MakeLoadRequest, CarriesKeyAndClient) {
  const v1::LoadSessionRequest request = MakeLoadRequest(WithKey());
  EXPECT_EQ(request.session_key(), sdk::testing::kKey);
  EXPECT_EQ(request.client().ip_address(), "203.0.113.7");
  EXPECT_EQ(request.client().user_agent(), "UA");
}

TEST(IsStaleKeyError, OnlyNotFoundAndInvalidKey) {
  EXPECT_TRUE(IsStaleKeyError(SessionNotFoundError()));
  EXPECT_TRUE(IsStaleKeyError(absl::NotFoundError("gone")));
  EXPECT_TRUE(IsStaleKeyError(InvalidArgumentError(v1::ERROR_REASON_INVALID_SESSION_KEY, "bad")));
  EXPECT_FALSE(IsStaleKeyError(InvalidArgumentError(v1::ERROR_REASON_INVALID_IP_ADDRESS, "ip")));
  EXPECT_FALSE(IsStaleKeyError(absl::UnavailableError("down")));
  EXPECT_FALSE(IsStaleKeyError(absl::OkStatus()));
}

TEST(ApplyLoadResult, LoadedRecord) {
  SessionState state = WithKey();
  ApplyLoadResult(state, sdk::testing::Loaded(sdk::testing::Data({{"a", "1"}}), "alice", 3));
  EXPECT_TRUE(state.loaded);
  EXPECT_TRUE(state.record_exists);
  EXPECT_TRUE(state.touched);
  EXPECT_EQ(state.key, sdk::testing::kKey);
  EXPECT_EQ(state.user_id, "alice");
  EXPECT_EQ(state.data.fields().at("a").string_value(), "1");
  EXPECT_FALSE(state.record.has_data());
  EXPECT_EQ(state.record.version(), 3);
}

TEST(ApplyLoadResult, StaleKeyGivesFreshSession) {
  SessionState state = WithKey();
  ApplyLoadResult(state, SessionNotFoundError());
  EXPECT_TRUE(state.loaded);
  EXPECT_FALSE(state.record_exists);
  EXPECT_TRUE(state.load_status.ok());
  EXPECT_EQ(state.key, "");
}

TEST(ApplyLoadResult, OtherErrorsAreKept) {
  SessionState state = WithKey();
  ApplyLoadResult(state, StoreUnavailableError("down"));
  EXPECT_FALSE(state.loaded);
  EXPECT_THAT(state.load_status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(state.key, sdk::testing::kKey);

  SessionState invalid = WithKey();
  ApplyLoadResult(invalid, InvalidArgumentError(v1::ERROR_REASON_INVALID_IP_ADDRESS, "ip"));
  EXPECT_THAT(invalid.load_status, StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace usersessions::sdk::internal
