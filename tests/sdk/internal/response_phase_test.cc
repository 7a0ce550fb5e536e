// The response-phase rules, exercised through SessionEngine::Finish.
#include "sdk/internal/response_phase.h"

#include <string>

#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/sdk/session_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk {
namespace {

using ::testing::_;
using testing::Created;
using testing::Cycled;
using testing::Data;
using ::testing::ElementsAre;
using testing::HasKey;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::IsEmpty;
using testing::kKey;
using testing::kNewKey;
using testing::Loaded;
using testing::Request;
using testing::RequestWithKey;
using ::testing::Return;
using testing::Saved;
using ::usersessions::testing::StatusIs;
using ::usersessions::testing::StatusIsWithReason;

class ResponsePhaseTest : public testing::SessionEngineTestBase {
 protected:
  std::string DeletionCookie() const { return BuildDeletionCookie(CookieOptions()); }
};

TEST_F(ResponsePhaseTest, UntouchedSessionCostsNothing) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
  EXPECT_FALSE(headers.vary_cookie);
  EXPECT_FALSE(headers.cache_control_private);
}

TEST_F(ResponsePhaseTest, ReadOnlyAnonymousVisitCreatesNoRecord) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_EQ(session->GetString("cart", "empty"), "empty");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
  EXPECT_TRUE(headers.vary_cookie);
  EXPECT_TRUE(headers.cache_control_private);
}

TEST_F(ResponsePhaseTest, SessionEmptiedBeforeTheResponseCreatesNoRecord) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("tmp", "1"));
  EXPECT_OK(session->Erase("tmp"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
}

TEST_F(ResponsePhaseTest, FirstSaveCreatesWithDataOwnerClientAndTtl) {
  SessionEngineOptions options;
  options.idle_timeout = absl::Hours(2);
  auto engine = MakeEngine(options);
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("cart", "book"));
  EXPECT_OK(session->SetUser("alice"));
  v1::CreateSessionRequest seen;
  EXPECT_CALL(*mock_, CreateSession).WillOnce([&](const v1::CreateSessionRequest& request) {
    seen = request;
    return Created(request);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_EQ(seen.data().fields().at("cart").string_value(), "book");
  EXPECT_EQ(seen.user_id(), "alice");
  EXPECT_EQ(seen.client().ip_address(), "203.0.113.7");
  EXPECT_EQ(seen.client().user_agent(), "Mozilla/5.0 (Test)");
  EXPECT_EQ(seen.ttl().seconds(), 7200);
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey, absl::Hours(2))));
  EXPECT_TRUE(headers.vary_cookie);
  EXPECT_TRUE(headers.cache_control_private);
  EXPECT_EQ(session->session_key(), kNewKey);
  EXPECT_EQ(session->session_id(), testing::kSessionId);
}

TEST_F(ResponsePhaseTest, CreateWithoutConfiguredTimeoutUsesServerDefault) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("cart", "book"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& request) {
    EXPECT_FALSE(request.has_ttl());
    return Created(request);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));  // Server's idle timeout.
}

TEST_F(ResponsePhaseTest, SecondSaveInTheSameRequestKeepsAllData) {
  // The seed lost the keys set before a new session's first save; here a session is written once,
  // at the end, with everything.
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("a", "1"));
  EXPECT_OK(session->SetString("b", "2"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& request) {
    EXPECT_EQ(request.data().fields().size(), 2u);
    return Created(request);
  });
  EXPECT_OK(engine->Finish(*session, 200));
}

TEST_F(ResponsePhaseTest, ReadingRefreshesTheCookieButSavesNothing) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession)
      .WillOnce(Return(Loaded(Data({{"cart", "book"}}), "", 1, absl::Hours(1))));
  EXPECT_EQ(session->GetString("cart"), "book");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kKey, absl::Hours(1))));
  EXPECT_THAT(headers.set_cookie[0], HasSubstr("Max-Age=3600"));
}

TEST_F(ResponsePhaseTest, BrowserSessionCookieIsNotRefreshed) {
  SessionEngineOptions options;
  options.cookie.persistent = false;
  auto engine = MakeEngine(options);
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"cart", "book"}}))));
  EXPECT_EQ(session->GetString("cart"), "book");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
}

TEST_F(ResponsePhaseTest, ModifiedSessionIsSavedWithItsOtherKeys) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice", 4)));
  EXPECT_OK(session->SetString("b", "2"));
  EXPECT_CALL(*mock_, SaveSession(HasKey(kKey))).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_EQ(r.data().fields().size(), 2u);
    EXPECT_FALSE(r.has_user_id());  // Unchanged owner is not rewritten.
    EXPECT_FALSE(r.has_client());   // The load already recorded the client.
    EXPECT_FALSE(r.has_ttl());
    EXPECT_EQ(r.expected_version(), 0);
    return Saved(r, "alice", 5);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kKey)));
  EXPECT_EQ(session->version(), 5);
}

TEST_F(ResponsePhaseTest, SetUserAndSetExpiryAreWritten) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_OK(session->SetUser("alice"));
  EXPECT_OK(session->SetExpiry(absl::Minutes(30)));
  EXPECT_CALL(*mock_, SaveSession).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_TRUE(r.has_user_id());
    EXPECT_EQ(r.user_id(), "alice");
    EXPECT_EQ(r.ttl().seconds(), 1800);
    return Saved(r, "alice");
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kKey, absl::Minutes(30))));
}

TEST_F(ResponsePhaseTest, SaveEveryRequestLoadsAndSavesUntouchedSessions) {
  SessionEngineOptions options;
  options.save_every_request = true;
  auto engine = MakeEngine(options);
  auto session = engine->Begin(RequestWithKey());
  InSequence order;
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_CALL(*mock_, SaveSession).WillOnce([](const v1::SaveSessionRequest& r) {
    return Saved(r, "");
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kKey)));
  EXPECT_FALSE(headers.vary_cookie);           // The handler never looked.
  EXPECT_TRUE(headers.cache_control_private);  // But a cookie goes out.
}

TEST_F(ResponsePhaseTest, SaveEveryRequestCreatesNothingForEmptyAnonymousVisits) {
  SessionEngineOptions options;
  options.save_every_request = true;
  auto engine = MakeEngine(options);
  auto session = engine->Begin(Request());
  EXPECT_EQ(session->GetString("a"), "");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
}

TEST_F(ResponsePhaseTest, GarbageCookieIsClearedWithoutAnyCall) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request("sessionid=../../etc/passwd"));
  EXPECT_EQ(session->session_key(), "");
  EXPECT_EQ(session->GetString("cart", "none"), "none");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
}

TEST_F(ResponsePhaseTest, GarbageCookieIsReplacedWhenSomethingIsStored) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request("sessionid=garbage"));
  EXPECT_OK(session->SetString("cart", "book"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    return Created(r);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
}

class StaleKeyTest : public ResponsePhaseTest,
                     public ::testing::WithParamInterface<absl::Status> {};

TEST_P(StaleKeyTest, BecomesFreshAnonymousSessionWithoutRecordOrError) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(GetParam()));
  EXPECT_EQ(session->GetString("cart", "none"), "none");
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
  EXPECT_TRUE(headers.vary_cookie);
}

TEST_P(StaleKeyTest, StoringAfterwardsCreatesANewSession) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(GetParam()));
  EXPECT_OK(session->SetString("cart", "book"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    EXPECT_EQ(r.data().fields().size(), 1u);
    return Created(r);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, StaleKeyTest,
    ::testing::Values(SessionNotFoundError(),
                      InvalidArgumentError(v1::ERROR_REASON_INVALID_SESSION_KEY, "malformed")));

TEST_F(ResponsePhaseTest, LoginCyclesTheKeyBeforeWritingTheOwner) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  InSequence order;
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"cart", "book"}}))));
  EXPECT_CALL(*mock_, CycleSessionKey(HasKey(kKey)))
      .WillOnce(Return(Cycled(Data({{"cart", "book"}}), "")));
  EXPECT_CALL(*mock_, SaveSession(HasKey(kNewKey))).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_EQ(r.user_id(), "alice");
    EXPECT_EQ(r.data().fields().at("cart").string_value(), "book");
    return Saved(r, "alice");
  });
  EXPECT_OK(session->Login("alice"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
  EXPECT_EQ(session->session_key(), kNewKey);
}

TEST_F(ResponsePhaseTest, LoginOnAFreshSessionCreatesItWithTheOwner) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    EXPECT_EQ(r.user_id(), "alice");
    return Created(r);
  });
  EXPECT_OK(session->Login("alice"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
}

TEST_F(ResponsePhaseTest, LoginAsAnotherUserFlushesTheOldSessionFirst) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  InSequence order;
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"secret", "x"}}), "bob")));
  EXPECT_CALL(*mock_, DeleteSession(HasKey(kKey))).WillOnce(Return(v1::DeleteSessionResponse()));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    EXPECT_EQ(r.user_id(), "alice");
    EXPECT_EQ(r.data().fields().count("secret"), 0u);
    EXPECT_EQ(r.data().fields().at("theme").string_value(), "dark");
    return Created(r);
  });
  EXPECT_OK(session->Login("alice"));
  EXPECT_OK(session->SetString("theme", "dark"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
}

TEST_F(ResponsePhaseTest, LoginAsTheSameUserCyclesAndKeepsData) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  InSequence order;
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, CycleSessionKey).WillOnce(Return(Cycled(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, SaveSession(HasKey(kNewKey))).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_EQ(r.data().fields().size(), 1u);
    return Saved(r, "alice");
  });
  EXPECT_OK(session->Login("alice"));
  EXPECT_OK(engine->Finish(*session, 200));
}

TEST_F(ResponsePhaseTest, CycleKeyAloneOnlyCycles) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, CycleSessionKey).WillOnce(Return(Cycled(Data({{"a", "1"}}), "alice")));
  EXPECT_OK(session->CycleKey());
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kNewKey)));
}

TEST_F(ResponsePhaseTest, LogoutDeletesRecordAndCookie) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, DeleteSession(HasKey(kKey))).WillOnce(Return(v1::DeleteSessionResponse()));
  session->Logout();
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
  EXPECT_TRUE(headers.vary_cookie);
}

TEST_F(ResponsePhaseTest, LogoutFailureIsReported) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, DeleteSession).WillOnce(Return(StoreUnavailableError("down")));
  session->Logout();
  EXPECT_THAT(engine->Finish(*session, 200), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ResponsePhaseTest, EmptiedSessionDeletesRecordAndCookie) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_CALL(*mock_, DeleteSession(HasKey(kKey))).WillOnce(Return(v1::DeleteSessionResponse()));
  EXPECT_OK(session->Erase("a"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
  EXPECT_EQ(session->session_key(), "");
}

TEST_F(ResponsePhaseTest, ClearedSessionDeletesRecordAndCookie) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, DeleteSession(HasKey(kKey))).WillOnce(Return(v1::DeleteSessionResponse()));
  EXPECT_OK(session->Clear());
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
}

TEST_F(ResponsePhaseTest, OwnerWithoutDataIsKept) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, SaveSession).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_TRUE(r.data().fields().empty());
    return Saved(r, "alice");
  });
  EXPECT_OK(session->Erase("a"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(CookieFor(kKey)));
}

TEST_F(ResponsePhaseTest, NotFoundOnSaveClearsCookieAndNeverRecreates) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "alice")));
  EXPECT_CALL(*mock_, SaveSession).WillOnce(Return(SessionNotFoundError()));
  // No CreateSession: the strict mock fails the test if one is made.
  EXPECT_OK(session->SetString("b", "2"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
  EXPECT_EQ(session->session_key(), "");
}

TEST_F(ResponsePhaseTest, NotFoundOnCycleClearsCookieAndNeverRecreates) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_CALL(*mock_, CycleSessionKey).WillOnce(Return(SessionNotFoundError()));
  EXPECT_OK(session->Login("alice"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
}

TEST_F(ResponsePhaseTest, UnavailableOnSaveIsReturned) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_CALL(*mock_, SaveSession).WillOnce(Return(StoreUnavailableError("down")));
  EXPECT_OK(session->SetString("b", "2"));
  EXPECT_THAT(
      engine->Finish(*session, 200),
      StatusIsWithReason(absl::StatusCode::kUnavailable, v1::ERROR_REASON_STORE_UNAVAILABLE));
}

TEST_F(ResponsePhaseTest, UnavailableOnCreateIsReturned) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_CALL(*mock_, CreateSession).WillOnce(Return(absl::UnavailableError("connect failed")));
  EXPECT_OK(session->SetString("a", "1"));
  EXPECT_THAT(engine->Finish(*session, 200), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ResponsePhaseTest, RejectedDataIsReturned) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_CALL(*mock_, CreateSession)
      .WillOnce(Return(InvalidArgumentError(v1::ERROR_REASON_DATA_TOO_LARGE, "too large")));
  EXPECT_OK(session->SetString("a", std::string(1000, 'x')));
  EXPECT_THAT(engine->Finish(*session, 200), StatusIsWithReason(absl::StatusCode::kInvalidArgument,
                                                                v1::ERROR_REASON_DATA_TOO_LARGE));
}

class ServerErrorTest : public ResponsePhaseTest, public ::testing::WithParamInterface<int> {};

TEST_P(ServerErrorTest, NothingIsSavedOrCreated) {
  auto engine = MakeEngine();
  auto fresh = engine->Begin(Request());
  EXPECT_OK(fresh->SetString("a", "1"));
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*fresh, GetParam()));
  EXPECT_THAT(headers.set_cookie, IsEmpty());

  auto existing = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_OK(existing->Login("alice"));
  EXPECT_OK(engine->Finish(*existing, GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Statuses, ServerErrorTest, ::testing::Values(500, 502, 503, 599));

TEST_F(ResponsePhaseTest, ClientErrorStatusStillSaves) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("a", "1"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    return Created(r);
  });
  EXPECT_OK(engine->Finish(*session, 404));
}

TEST_F(ResponsePhaseTest, ServerErrorStillCompletesALogout) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, DeleteSession(HasKey(kKey))).WillOnce(Return(v1::DeleteSessionResponse()));
  session->Logout();
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 500));
  EXPECT_THAT(headers.set_cookie, ElementsAre(DeletionCookie()));
}

TEST_F(ResponsePhaseTest, OptimisticConcurrencySendsTheVersionRead) {
  SessionEngineOptions options;
  options.optimistic_concurrency = true;
  auto engine = MakeEngine(options);
  auto session = engine->Begin(RequestWithKey());
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(Loaded(Data({{"a", "1"}}), "", 9)));
  EXPECT_CALL(*mock_, SaveSession).WillOnce([](const v1::SaveSessionRequest& r) {
    EXPECT_EQ(r.expected_version(), 9);
    return absl::StatusOr<v1::SaveSessionResponse>(
        MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT, "conflict"));
  });
  EXPECT_OK(session->SetString("a", "2"));
  EXPECT_THAT(engine->Finish(*session, 200),
              StatusIsWithReason(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT));
}

TEST_F(ResponsePhaseTest, CookieAttributesFollowTheOptions) {
  SessionEngineOptions options;
  options.cookie.name = "__Host-app";
  options.cookie.same_site = "Strict";
  options.idle_timeout = absl::Minutes(20);
  auto engine = MakeEngine(options);
  auto session = engine->Begin(Request("__Host-app=junk"));
  EXPECT_OK(session->SetString("a", "1"));
  EXPECT_CALL(*mock_, CreateSession).WillOnce([](const v1::CreateSessionRequest& r) {
    return Created(r);
  });
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, ElementsAre(BuildSetCookie(options.cookie, kNewKey,
                                                             absl::Minutes(20), clock_->Now())));
  EXPECT_THAT(headers.set_cookie[0], HasSubstr("__Host-app=" + kNewKey + ";"));
  EXPECT_THAT(headers.set_cookie[0], HasSubstr("Max-Age=1200"));
  EXPECT_THAT(headers.set_cookie[0], HasSubstr("SameSite=Strict"));
}

TEST_F(ResponsePhaseTest, NoDeletionCookieWhenTheBrowserSentNone) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  session->Flush();
  ASSERT_OK_AND_ASSIGN(ResponseHeaders headers, engine->Finish(*session, 200));
  EXPECT_THAT(headers.set_cookie, IsEmpty());
}

TEST_F(ResponsePhaseTest, FinishTwiceIsAnError) {
  auto engine = MakeEngine();
  auto session = engine->Begin(Request());
  EXPECT_OK(engine->Finish(*session, 200));
  EXPECT_THAT(engine->Finish(*session, 200), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace usersessions::sdk
