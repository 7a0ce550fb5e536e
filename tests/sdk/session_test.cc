#include "sdk/session.h"

#include <string>
#include <vector>

#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/sdk/session_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk {
namespace {

using testing::Data;
using ::testing::ElementsAre;
using testing::HasKey;
using ::testing::IsEmpty;
using testing::kKey;
using testing::kSessionId;
using testing::Loaded;
using testing::Request;
using testing::RequestWithKey;
using ::testing::Return;
using ::usersessions::testing::IsOk;
using ::usersessions::testing::StatusIs;

class SessionTest : public testing::SessionEngineTestBase {};

TEST_F(SessionTest, NothingIsLoadedUntilFirstUse) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());  // StrictMock: any call would fail.
  EXPECT_FALSE(session->accessed());
  EXPECT_FALSE(session->modified());
  EXPECT_EQ(session->session_key(), kKey);
  EXPECT_EQ(session->session_id(), "");
  EXPECT_EQ(session->version(), 0);
}

TEST_F(SessionTest, LoadsExactlyOnceWithClientInfo) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  v1::LoadSessionRequest seen;
  EXPECT_CALL(*mock_, LoadSession(HasKey(kKey)))
      .WillOnce([&](const v1::LoadSessionRequest& request) {
        seen = request;
        return Loaded(Data({{"cart", "book"}}), "", 7);
      });
  EXPECT_EQ(session->GetString("cart"), "book");
  EXPECT_EQ(session->GetString("cart"), "book");
  ASSERT_OK_AND_ASSIGN(bool contains, session->Contains("cart"));
  EXPECT_TRUE(contains);
  EXPECT_TRUE(session->accessed());
  EXPECT_FALSE(session->modified());
  EXPECT_EQ(seen.client().ip_address(), "203.0.113.7");
  EXPECT_EQ(seen.client().user_agent(), "Mozilla/5.0 (Test)");
  EXPECT_EQ(session->session_id(), kSessionId);
  EXPECT_EQ(session->version(), 7);
}

TEST_F(SessionTest, ClientInfoUsesTrustedProxiesAndCleanUserAgent) {
  SessionEngineOptions options;
  options.trusted_proxies = {"10.0.0.0/8"};
  auto engine = MakeEngine(options);
  RequestContext request = RequestWithKey();
  request.remote_addr = "10.1.2.3";
  request.x_forwarded_for = {"198.51.100.9, 10.0.0.5"};
  request.user_agent = "Agent\xFF/1.0";
  auto session = engine->Begin(request);
  EXPECT_CALL(*mock_, LoadSession).WillOnce([](const v1::LoadSessionRequest& seen) {
    EXPECT_EQ(seen.client().ip_address(), "198.51.100.9");
    EXPECT_EQ(seen.client().user_agent(), "Agent\xEF\xBF\xBD/1.0");
    return Loaded(Data({}));
  });
  EXPECT_OK(session->Load());
  EXPECT_FALSE(session->accessed());  // Load alone does not make the response vary.
}

TEST_F(SessionTest, WithoutCookieNothingIsEverRead) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  ASSERT_OK_AND_ASSIGN(auto value, session->Get("cart"));
  EXPECT_FALSE(value.has_value());
  ASSERT_OK_AND_ASSIGN(std::string user, session->user_id());
  EXPECT_EQ(user, "");
  EXPECT_EQ(session->session_key(), "");
  EXPECT_TRUE(session->accessed());
}

TEST_F(SessionTest, TypedAccessors) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("name", "Ada"));
  EXPECT_OK(session->SetNumber("count", 3));
  EXPECT_OK(session->SetBool("beta", true));
  google::protobuf::Value list;
  list.mutable_list_value()->add_values()->set_string_value("x");
  EXPECT_OK(session->Set("list", list));

  EXPECT_EQ(session->GetString("name"), "Ada");
  EXPECT_EQ(session->GetNumber("count"), 3);
  EXPECT_TRUE(session->GetBool("beta"));
  ASSERT_OK_AND_ASSIGN(auto stored, session->Get("list"));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->list_value().values(0).string_value(), "x");

  // Missing keys and other kinds give the default.
  EXPECT_EQ(session->GetString("missing", "dflt"), "dflt");
  EXPECT_EQ(session->GetString("count", "dflt"), "dflt");
  EXPECT_EQ(session->GetNumber("name", -1), -1);
  EXPECT_FALSE(session->GetBool("name"));
  EXPECT_TRUE(session->GetBool("missing", true));

  ASSERT_OK_AND_ASSIGN(auto keys, session->Keys());
  EXPECT_THAT(keys, ElementsAre("beta", "count", "list", "name"));
  EXPECT_TRUE(session->modified());
}

TEST_F(SessionTest, EraseMarksModifiedOnlyWhenSomethingWasRemoved) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_OK(session->Erase("missing"));
  EXPECT_FALSE(session->modified());
  EXPECT_OK(session->Erase("a"));
  EXPECT_TRUE(session->modified());
  ASSERT_OK_AND_ASSIGN(auto keys, session->Keys());
  EXPECT_THAT(keys, IsEmpty());
}

TEST_F(SessionTest, StaleCookieBecomesFreshAnonymousSession) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(SessionNotFoundError()));
  ASSERT_OK_AND_ASSIGN(auto value, session->Get("cart"));
  EXPECT_FALSE(value.has_value());
  EXPECT_EQ(session->session_key(), "");
  EXPECT_EQ(session->session_id(), "");
}

TEST_F(SessionTest, LoadFailureIsStickyAndReported) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).Times(1).WillOnce(Return(StoreUnavailableError("down")));
  EXPECT_THAT(session->Get("cart"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(session->GetString("cart", "dflt"), "dflt");
  EXPECT_EQ(session->GetNumber("n", 5), 5);
  EXPECT_THAT(session->SetString("cart", "x"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(session->user_id(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(session->Login("alice"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(session->Keys(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(session->modified());
  EXPECT_THAT(engine->Finish(*session, 200), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(SessionTest, UserIdComesFromTheRecord) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({}), "alice")));
  ASSERT_OK_AND_ASSIGN(std::string user, session->user_id());
  EXPECT_EQ(user, "alice");
  EXPECT_OK(session->SetUser("bob"));
  ASSERT_OK_AND_ASSIGN(user, session->user_id());
  EXPECT_EQ(user, "bob");
  EXPECT_TRUE(session->modified());
}

TEST_F(SessionTest, LoginKeepsAnonymousDataAndSetsOwner) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"cart", "book"}}))));
  EXPECT_OK(session->Login("alice"));
  EXPECT_EQ(session->GetString("cart"), "book");
  ASSERT_OK_AND_ASSIGN(std::string user, session->user_id());
  EXPECT_EQ(user, "alice");
  EXPECT_TRUE(session->modified());
}

TEST_F(SessionTest, LoginAsAnotherUserDropsTheOldData) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"secret", "bob's"}}), "bob")));
  EXPECT_OK(session->Login("alice"));
  ASSERT_OK_AND_ASSIGN(auto secret, session->Get("secret"));
  EXPECT_FALSE(secret.has_value());
  EXPECT_EQ(session->session_key(), "");  // Forgotten: a new session starts.
}

TEST_F(SessionTest, LoginRejectsEmptyUser) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_THAT(session->Login(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SessionTest, FlushNeedsNoLoad) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  session->Flush();
  EXPECT_EQ(session->session_key(), "");
  EXPECT_TRUE(session->modified());
  ASSERT_OK_AND_ASSIGN(auto keys, session->Keys());  // Known empty: still no call.
  EXPECT_THAT(keys, IsEmpty());
}

TEST_F(SessionTest, ClearDropsDataAndOwner) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_OK(session->Clear());
  ASSERT_OK_AND_ASSIGN(std::string user, session->user_id());
  EXPECT_EQ(user, "");
  EXPECT_EQ(session->GetString("a", "gone"), "gone");
  EXPECT_EQ(session->session_key(), kKey);  // Clear keeps the key; Flush forgets it.
}

TEST_F(SessionTest, SetExpiryMustBePositive) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_THAT(session->SetExpiry(absl::ZeroDuration()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(session->SetExpiry(-absl::Seconds(1)), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(session->modified());
  EXPECT_OK(session->SetExpiry(absl::Minutes(30)));
  EXPECT_TRUE(session->modified());
}

TEST_F(SessionTest, CycleKeyWithoutRecordIsANoOp) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->CycleKey());
  EXPECT_FALSE(session->modified());
}

}  // namespace
}  // namespace usersessions::sdk
