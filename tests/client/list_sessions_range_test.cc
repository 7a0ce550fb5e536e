// ListSessionsRange over a mocked connection: laziness, page tokens, empty pages, and errors.
#include "client/list_sessions_range.h"

#include <string>
#include <vector>

#include "client/mocks/mock_session_store_connection.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::client {
namespace {

using ::testing::ElementsAre;
using ::testing::InSequence;
using ::testing::IsEmpty;
using ::testing::Property;
using ::testing::Return;
using usersessions::testing::StatusIs;

v1::ListSessionsResponse Page(std::vector<std::string> ids, std::string next_token) {
  v1::ListSessionsResponse page;
  for (const std::string& id : ids) page.add_sessions()->set_session_id(id);
  page.set_next_page_token(std::move(next_token));
  return page;
}

auto HasToken(const std::string& token) {
  return Property(&v1::ListSessionsRequest::page_token, token);
}

// Walks the whole range; each element becomes its session_id or "error:CODE".
std::vector<std::string> Walk(ListSessionsRange& range) {
  std::vector<std::string> out;
  for (auto& session : range) {
    out.push_back(session.ok() ? session->session_id()
                               : "error:" + absl::StatusCodeToString(session.status().code()));
  }
  return out;
}

TEST(ListSessionsRangeTest, CallsNothingUntilWalked) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  EXPECT_CALL(*mock, ListSessions).Times(0);
  ListSessionsRange range(mock, v1::ListSessionsRequest());
}

TEST(ListSessionsRangeTest, FollowsPageTokensAndKeepsTheRequest) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  InSequence in_order;
  EXPECT_CALL(*mock,
              ListSessions(AllOf(HasToken(""), Property(&v1::ListSessionsRequest::user_id, "alice"),
                                 Property(&v1::ListSessionsRequest::page_size, 2))))
      .WillOnce(Return(Page({"a", "b"}, "t1")));
  EXPECT_CALL(*mock, ListSessions(AllOf(HasToken("t1"),
                                        Property(&v1::ListSessionsRequest::user_id, "alice"))))
      .WillOnce(Return(Page({"c", "d"}, "t2")));
  EXPECT_CALL(*mock, ListSessions(HasToken("t2"))).WillOnce(Return(Page({"e"}, "")));
  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_page_size(2);
  ListSessionsRange range(mock, request);
  EXPECT_THAT(Walk(range), ElementsAre("a", "b", "c", "d", "e"));
}

TEST(ListSessionsRangeTest, SkipsEmptyPagesThatCarryAToken) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  InSequence in_order;
  EXPECT_CALL(*mock, ListSessions(HasToken(""))).WillOnce(Return(Page({}, "t1")));
  EXPECT_CALL(*mock, ListSessions(HasToken("t1"))).WillOnce(Return(Page({"a"}, "")));
  ListSessionsRange range(mock, v1::ListSessionsRequest());
  EXPECT_THAT(Walk(range), ElementsAre("a"));
}

TEST(ListSessionsRangeTest, AnEmptyListingIsAnEmptyRange) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  EXPECT_CALL(*mock, ListSessions).WillOnce(Return(Page({}, "")));
  ListSessionsRange range(mock, v1::ListSessionsRequest());
  EXPECT_THAT(Walk(range), IsEmpty());
}

TEST(ListSessionsRangeTest, AnErrorIsTheLastElement) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  InSequence in_order;
  EXPECT_CALL(*mock, ListSessions(HasToken(""))).WillOnce(Return(Page({"a"}, "t1")));
  EXPECT_CALL(*mock, ListSessions(HasToken("t1")))
      .WillOnce(Return(absl::UnavailableError("store down")));
  ListSessionsRange range(mock, v1::ListSessionsRequest());
  EXPECT_THAT(Walk(range), ElementsAre("a", "error:UNAVAILABLE"));
  // The walk is over: walking again yields nothing and calls nothing.
  EXPECT_THAT(Walk(range), IsEmpty());
}

TEST(ListSessionsRangeTest, AServerRepeatingItsTokenEndsTheWalkWithAnError) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  InSequence in_order;
  EXPECT_CALL(*mock, ListSessions(HasToken(""))).WillOnce(Return(Page({"a"}, "t1")));
  EXPECT_CALL(*mock, ListSessions(HasToken("t1"))).WillOnce(Return(Page({"b"}, "t1")));
  ListSessionsRange range(mock, v1::ListSessionsRequest());
  EXPECT_THAT(Walk(range), ElementsAre("a", "error:INTERNAL"));
}

TEST(ListSessionsRangeTest, StopsFetchingWhenTheCallerStops) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  EXPECT_CALL(*mock, ListSessions).WillOnce(Return(Page({"a", "b"}, "t1")));
  ListSessionsRange range(mock, v1::ListSessionsRequest());
  auto it = range.begin();
  ASSERT_NE(it, range.end());
  EXPECT_EQ((*it)->session_id(), "a");
  ++it;
  EXPECT_EQ((*it)->session_id(), "b");
}

TEST(ListSessionsRangeTest, ElementsCanBeMovedOutAndIteratorsSurviveAMove) {
  auto mock = std::make_shared<MockSessionStoreConnection>();
  EXPECT_CALL(*mock, ListSessions).WillOnce(Return(Page({"a", "b"}, "")));
  ListSessionsRange original(mock, v1::ListSessionsRequest());
  auto it = original.begin();
  ListSessionsRange moved = std::move(original);
  std::vector<v1::Session> taken;
  for (; it != moved.end(); ++it) taken.push_back(*std::move(*it));
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[1].session_id(), "b");
}

}  // namespace
}  // namespace usersessions::client
