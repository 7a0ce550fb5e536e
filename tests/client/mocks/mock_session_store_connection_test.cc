// The shipped mock drives SessionStoreClient the way users' unit tests will.
#include "client/mocks/mock_session_store_connection.h"

#include "client/session_store_client.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::client {
namespace {

using ::testing::_;
using ::testing::Property;
using ::testing::Return;
using usersessions::testing::StatusIsWithReason;

TEST(MockSessionStoreConnectionTest, StandsInForTheRealConnection) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  v1::LoadSessionResponse loaded;
  loaded.mutable_session()->set_user_id("alice");
  EXPECT_CALL(*mock, LoadSession(Property(&v1::LoadSessionRequest::session_key, "good")))
      .WillOnce(Return(loaded));
  EXPECT_CALL(*mock, LoadSession(Property(&v1::LoadSessionRequest::session_key, "gone")))
      .WillOnce(Return(SessionNotFoundError()));

  SessionStoreClient client(mock);
  SessionStoreClient copy = client;
  v1::LoadSessionRequest request;
  request.set_session_key("good");
  ASSERT_OK_AND_ASSIGN(auto response, client.LoadSession(request));
  EXPECT_EQ(response.session().user_id(), "alice");
  request.set_session_key("gone");
  EXPECT_THAT(copy.LoadSession(request),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST(MockSessionStoreConnectionTest, AsyncCallbacksAreInvokedByTheAction) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  v1::CreateSessionResponse created;
  created.set_session_key(std::string(43, 'k'));
  EXPECT_CALL(*mock, AsyncCreateSession(_, _))
      .WillOnce(::testing::InvokeArgument<1>(absl::StatusOr<v1::CreateSessionResponse>(created)));

  SessionStoreClient client(mock);
  absl::StatusOr<v1::CreateSessionResponse> result;
  client.AsyncCreateSession(
      {}, [&](absl::StatusOr<v1::CreateSessionResponse> r) { result = std::move(r); });
  ASSERT_OK(result);
  EXPECT_EQ(result->session_key(), created.session_key());
}

TEST(MockSessionStoreConnectionTest, ListAllSessionsUsesTheMockedPages) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  v1::ListSessionsResponse page;
  page.add_sessions()->set_session_id("only");
  EXPECT_CALL(*mock, ListSessions).WillOnce(Return(page));
  SessionStoreClient client(mock);
  int count = 0;
  for (auto& session : client.ListAllSessions({})) {
    ASSERT_OK(session);
    EXPECT_EQ(session->session_id(), "only");
    ++count;
  }
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace usersessions::client
