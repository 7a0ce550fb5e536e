// sessionctl's commands over the shipped mock connection: what they ask sessiond, what they
// print, and their exit codes.
#include "client/sessionctl/commands.h"

#include <sstream>

#include "client/mocks/mock_session_store_connection.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace usersessions::sessionctl {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::IsEmpty;
using ::testing::Property;
using ::testing::Return;
using ::testing::StartsWith;

class CommandsTest : public ::testing::Test {
 protected:
  CommandOutput Output() { return CommandOutput{&out_, &err_, &clock_}; }

  std::shared_ptr<client::MockSessionStoreConnection> mock_ =
      std::make_shared<client::MockSessionStoreConnection>();
  client::SessionStoreClient client_{mock_};
  usersessions::testing::FakeClock clock_;
  std::ostringstream out_;
  std::ostringstream err_;
};

v1::ListSessionsResponse Page(int first, int count, std::string next_token) {
  v1::ListSessionsResponse page;
  for (int i = first; i < first + count; ++i) {
    page.add_sessions()->set_session_id("s" + std::to_string(i));
  }
  page.set_next_page_token(std::move(next_token));
  return page;
}

TEST_F(CommandsTest, ListAsksForTheFiltersAndStopsAtTheLimit) {
  EXPECT_CALL(*mock_, ListSessions(AllOf(
                          Property(&v1::ListSessionsRequest::user_id, "alice"),
                          Property(&v1::ListSessionsRequest::state_filter, v1::STATE_FILTER_ALL),
                          Property(&v1::ListSessionsRequest::query, "curl"),
                          Property(&v1::ListSessionsRequest::page_size, 3))))
      .WillOnce(Return(Page(0, 3, "more")));
  ListArgs args;
  args.user = "alice";
  args.state = v1::STATE_FILTER_ALL;
  args.search = "curl";
  args.limit = 3;
  EXPECT_EQ(RunList(client_, args, Output()), kExitOk);
  EXPECT_THAT(out_.str(), StartsWith("SESSION ID"));
  EXPECT_THAT(out_.str(), HasSubstr("\ns2 "));
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(CommandsTest, ListJsonWalksEveryPageIntoOneArray) {
  InSequence in_order;
  EXPECT_CALL(*mock_, ListSessions(Property(&v1::ListSessionsRequest::page_size, 1000)))
      .WillOnce(Return(Page(0, 2, "t")));
  EXPECT_CALL(*mock_, ListSessions(Property(&v1::ListSessionsRequest::page_token, "t")))
      .WillOnce(Return(Page(2, 1, "")));
  ListArgs args;
  args.json = true;
  EXPECT_EQ(RunList(client_, args, Output()), kExitOk);
  EXPECT_EQ(
      out_.str(),
      "[\n  {\"sessionId\":\"s0\"},\n  {\"sessionId\":\"s1\"},\n  {\"sessionId\":\"s2\"}\n]\n");
}

TEST_F(CommandsTest, ListFailureIsOneLineAndExitOne) {
  EXPECT_CALL(*mock_, ListSessions)
      .WillOnce(Return(MakeError(absl::StatusCode::kPermissionDenied,
                                 v1::ERROR_REASON_PERMISSION_DENIED, "admin role required")));
  EXPECT_EQ(RunList(client_, ListArgs(), Output()), kExitCallFailed);
  EXPECT_EQ(err_.str(),
            "sessionctl: ListSessions failed: PERMISSION_DENIED: admin role required (reason: "
            "PERMISSION_DENIED)\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(CommandsTest, ShowPrintsTheSessionOrTheError) {
  v1::GetSessionResponse found;
  found.mutable_session()->set_session_id("abc");
  EXPECT_CALL(*mock_, GetSession(AllOf(Property(&v1::GetSessionRequest::session_id, "abc"),
                                       Property(&v1::GetSessionRequest::user_id, "u"))))
      .WillOnce(Return(found));
  EXPECT_CALL(*mock_, GetSession(Property(&v1::GetSessionRequest::session_id, "zzz")))
      .WillOnce(Return(SessionNotFoundError()));
  EXPECT_EQ(RunShow(client_, {"abc", "u", false}, Output()), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("SESSION ID:    abc\n"));
  EXPECT_EQ(RunShow(client_, {"zzz", "", false}, Output()), kExitCallFailed);
  EXPECT_THAT(err_.str(), HasSubstr("NOT_FOUND"));
}

TEST_F(CommandsTest, RevokeAllPrintsTheCount) {
  v1::RevokeUserSessionsResponse revoked;
  revoked.set_revoked_count(3);
  EXPECT_CALL(*mock_, RevokeUserSessions(
                          AllOf(Property(&v1::RevokeUserSessionsRequest::user_id, "bob"),
                                Property(&v1::RevokeUserSessionsRequest::keep_session_id, "k"))))
      .WillOnce(Return(revoked));
  EXPECT_EQ(RunRevokeAll(client_, {"bob", "k"}, Output()), kExitOk);
  EXPECT_EQ(out_.str(), "revoked 3 sessions of user bob\n");
}

v1::DeleteExpiredSessionsResponse Deleted(int64_t count, bool more) {
  v1::DeleteExpiredSessionsResponse response;
  response.set_deleted_count(count);
  response.set_more_remaining(more);
  return response;
}

TEST_F(CommandsTest, ClearExpiredLoopsWhileRowsRemain) {
  EXPECT_CALL(*mock_, DeleteExpiredSessions(
                          AllOf(Property(&v1::DeleteExpiredSessionsRequest::batch_size, 500),
                                Property(&v1::DeleteExpiredSessionsRequest::max_duration,
                                         Property(&google::protobuf::Duration::seconds, 4)))))
      .WillOnce(Return(Deleted(1000, true)))
      .WillOnce(Return(Deleted(1000, true)))
      .WillOnce(Return(Deleted(7, false)));
  ClearExpiredArgs args;
  args.batch_size = 500;
  args.max_duration_per_call = absl::Seconds(4);
  EXPECT_EQ(RunClearExpired(client_, args, Output()), kExitOk);
  EXPECT_EQ(out_.str(),
            "deleted 1000 (total 1000)...\n"
            "deleted 1000 (total 2000)...\n"
            "deleted 2007 expired sessions\n");
}

TEST_F(CommandsTest, ClearExpiredGivesUpWhenNothingCanBeDeleted) {
  EXPECT_CALL(*mock_, DeleteExpiredSessions(_)).WillOnce(Return(Deleted(0, true)));
  EXPECT_EQ(RunClearExpired(client_, ClearExpiredArgs(), Output()), kExitCallFailed);
  EXPECT_THAT(err_.str(), HasSubstr("DEADLINE_EXCEEDED"));
}

TEST_F(CommandsTest, ClearExpiredReportsProgressBeforeAFailure) {
  EXPECT_CALL(*mock_, DeleteExpiredSessions(_))
      .WillOnce(Return(Deleted(10, true)))
      .WillOnce(Return(absl::UnavailableError("store down")));
  EXPECT_EQ(RunClearExpired(client_, ClearExpiredArgs(), Output()), kExitCallFailed);
  EXPECT_THAT(out_.str(), HasSubstr("deleted 10 before the failure\n"));
  EXPECT_THAT(err_.str(), HasSubstr("DeleteExpiredSessions failed: UNAVAILABLE: store down"));
}

TEST_F(CommandsTest, RevokeNamesTheSession) {
  EXPECT_CALL(*mock_, RevokeSession(Property(&v1::RevokeSessionRequest::session_id, "s1")))
      .WillOnce(Return(v1::RevokeSessionResponse()));
  EXPECT_EQ(RunRevoke(client_, {"s1", ""}, Output()), kExitOk);
  EXPECT_EQ(out_.str(), "revoked session s1\n");
}

}  // namespace
}  // namespace usersessions::sessionctl
