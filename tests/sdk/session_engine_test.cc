#include "sdk/session_engine.h"

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
using ::testing::InSequence;
using ::testing::IsEmpty;
using testing::kKey;
using testing::kNewKey;
using testing::Loaded;
using testing::Request;
using testing::RequestWithKey;
using testing::Saved;
using ::usersessions::testing::StatusIs;

class SessionEngineTest : public testing::SessionEngineTestBase {
 protected:
  // Runs BeginAsync and returns what `done` received; the mock answers inline.
  absl::StatusOr<std::unique_ptr<Session>> BeginAsync(SessionEngine& engine,
                                                      const RequestContext& request) {
    absl::StatusOr<std::unique_ptr<Session>> out = absl::UnknownError("done not called");
    int calls = 0;
    engine.BeginAsync(request, [&](absl::StatusOr<std::unique_ptr<Session>> session) {
      ++calls;
      out = std::move(session);
    });
    EXPECT_EQ(calls, 1);
    return out;
  }

  struct Finished {
    std::unique_ptr<Session> session;
    absl::StatusOr<ResponseHeaders> headers = absl::UnknownError("done not called");
  };

  Finished FinishAsync(SessionEngine& engine, std::unique_ptr<Session> session, int status) {
    Finished out;
    int calls = 0;
    engine.FinishAsync(std::move(session), status,
                       [&](std::unique_ptr<Session> s, absl::StatusOr<ResponseHeaders> h) {
                         ++calls;
                         out.session = std::move(s);
                         out.headers = std::move(h);
                       });
    EXPECT_EQ(calls, 1);
    return out;
  }
};

TEST_F(SessionEngineTest, CreateValidatesOptions) {
  EXPECT_THAT(SessionEngine::Create(nullptr, SessionEngineOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument));

  SessionEngineOptions bad_cookie;
  bad_cookie.cookie.same_site = "None";
  bad_cookie.cookie.secure = false;
  EXPECT_THAT(SessionEngine::Create(mock_, bad_cookie),
              StatusIs(absl::StatusCode::kInvalidArgument));

  SessionEngineOptions bad_proxy;
  bad_proxy.trusted_proxies = {"10.0.0.0/8", "proxy.internal"};
  EXPECT_THAT(SessionEngine::Create(mock_, bad_proxy),
              StatusIs(absl::StatusCode::kInvalidArgument));

  SessionEngineOptions negative;
  negative.idle_timeout = -absl::Seconds(1);
  EXPECT_THAT(SessionEngine::Create(mock_, negative), StatusIs(absl::StatusCode::kInvalidArgument));

  EXPECT_OK(SessionEngine::Create(mock_, SessionEngineOptions()));
}

TEST_F(SessionEngineTest, BeginNeverCallsSessiond) {
  auto engine = MakeEngine();
  for (const RequestContext& request : {Request(), RequestWithKey(), Request("sessionid=junk"),
                                        Request("sessionid=junk; sessionid=" + kKey)}) {
    auto session = engine->Begin(request);
    ASSERT_NE(session, nullptr);
    EXPECT_FALSE(session->accessed());
  }
}

TEST_F(SessionEngineTest, BeginPicksTheFirstWellFormedDuplicate) {
  auto engine = MakeEngine();
  EXPECT_EQ(engine->Begin(Request("sessionid=junk; sessionid=" + kKey + "; sessionid=" + kNewKey))
                ->session_key(),
            kKey);
}

TEST_F(SessionEngineTest, SessionsOutliveTheEngine) {
  auto engine = MakeEngine();
  auto session = engine->Begin(RequestWithKey());
  engine.reset();
  EXPECT_CALL(*mock_, LoadSession).WillOnce(::testing::Return(Loaded(Data({{"a", "1"}}))));
  EXPECT_EQ(session->GetString("a"), "1");
}

TEST_F(SessionEngineTest, BeginAsyncWithoutCookieNeedsNoCall) {
  auto engine = MakeEngine();
  ASSERT_OK_AND_ASSIGN(auto session, BeginAsync(*engine, Request()));
  EXPECT_EQ(session->GetString("a", "none"), "none");
}

TEST_F(SessionEngineTest, BeginAsyncPreloadsWithOneAsyncLoad) {
  auto engine = MakeEngine();
  EXPECT_CALL(*mock_, AsyncLoadSession(HasKey(kKey), _))
      .WillOnce([](const v1::LoadSessionRequest& request,
                   client::Callback<v1::LoadSessionResponse> done) {
        EXPECT_EQ(request.client().ip_address(), "203.0.113.7");
        done(Loaded(Data({{"cart", "book"}}), "alice"));
      });
  ASSERT_OK_AND_ASSIGN(auto session, BeginAsync(*engine, RequestWithKey()));
  EXPECT_FALSE(session->accessed());              // Preloading is not the handler looking.
  EXPECT_EQ(session->GetString("cart"), "book");  // No blocking LoadSession: strict mock.
  ASSERT_OK_AND_ASSIGN(std::string user, session->user_id());
  EXPECT_EQ(user, "alice");
}

TEST_F(SessionEngineTest, BeginAsyncTurnsAStaleKeyIntoAFreshSession) {
  auto engine = MakeEngine();
  EXPECT_CALL(*mock_, AsyncLoadSession)
      .WillOnce([](const v1::LoadSessionRequest&, client::Callback<v1::LoadSessionResponse> done) {
        done(SessionNotFoundError());
      });
  ASSERT_OK_AND_ASSIGN(auto session, BeginAsync(*engine, RequestWithKey()));
  EXPECT_EQ(session->session_key(), "");
  EXPECT_EQ(session->GetString("cart", "none"), "none");
}

TEST_F(SessionEngineTest, BeginAsyncReportsAnUnreachableSessiond) {
  auto engine = MakeEngine();
  EXPECT_CALL(*mock_, AsyncLoadSession)
      .WillOnce([](const v1::LoadSessionRequest&, client::Callback<v1::LoadSessionResponse> done) {
        done(StoreUnavailableError("down"));
      });
  EXPECT_THAT(BeginAsync(*engine, RequestWithKey()), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(SessionEngineTest, FinishAsyncCreatesWithAsyncCreate) {
  auto engine = MakeEngine();
  ASSERT_OK_AND_ASSIGN(auto session, BeginAsync(*engine, Request()));
  EXPECT_OK(session->SetString("cart", "book"));
  EXPECT_CALL(*mock_, AsyncCreateSession)
      .WillOnce([](const v1::CreateSessionRequest& request,
                   client::Callback<v1::CreateSessionResponse> done) { done(Created(request)); });
  Finished finished = FinishAsync(*engine, std::move(session), 200);
  ASSERT_OK(finished.headers);
  EXPECT_THAT(finished.headers->set_cookie, ElementsAre(CookieFor(kNewKey)));
  ASSERT_NE(finished.session, nullptr);
  EXPECT_EQ(finished.session->session_key(), kNewKey);
}

TEST_F(SessionEngineTest, FinishAsyncChainsCycleAndSave) {
  auto engine = MakeEngine();
  InSequence order;
  EXPECT_CALL(*mock_, AsyncLoadSession)
      .WillOnce([](const v1::LoadSessionRequest&, client::Callback<v1::LoadSessionResponse> done) {
        done(Loaded(Data({{"cart", "book"}})));
      });
  EXPECT_CALL(*mock_, AsyncCycleSessionKey(HasKey(kKey), _))
      .WillOnce([](const v1::CycleSessionKeyRequest&,
                   client::Callback<v1::CycleSessionKeyResponse> done) {
        done(Cycled(Data({{"cart", "book"}}), ""));
      });
  EXPECT_CALL(*mock_, AsyncSaveSession(HasKey(kNewKey), _))
      .WillOnce([](const v1::SaveSessionRequest& request,
                   client::Callback<v1::SaveSessionResponse> done) {
        EXPECT_EQ(request.user_id(), "alice");
        done(Saved(request, "alice"));
      });
  ASSERT_OK_AND_ASSIGN(auto session, BeginAsync(*engine, RequestWithKey()));
  EXPECT_OK(session->Login("alice"));
  Finished finished = FinishAsync(*engine, std::move(session), 200);
  ASSERT_OK(finished.headers);
  EXPECT_THAT(finished.headers->set_cookie, ElementsAre(CookieFor(kNewKey)));
}

TEST_F(SessionEngineTest, FinishAsyncLogoutUsesAsyncDelete) {
  auto engine = MakeEngine();
  EXPECT_CALL(*mock_, AsyncDeleteSession(HasKey(kKey), _))
      .WillOnce(
          [](const v1::DeleteSessionRequest&, client::Callback<v1::DeleteSessionResponse> done) {
            done(v1::DeleteSessionResponse());
          });
  auto session = engine->Begin(RequestWithKey());
  session->Logout();
  Finished finished = FinishAsync(*engine, std::move(session), 200);
  ASSERT_OK(finished.headers);
  EXPECT_THAT(finished.headers->set_cookie, ElementsAre(BuildDeletionCookie(CookieOptions())));
}

TEST_F(SessionEngineTest, FinishAsyncSaveEveryRequestUsesAsyncLoad) {
  SessionEngineOptions options;
  options.save_every_request = true;
  auto engine = MakeEngine(options);
  InSequence order;
  EXPECT_CALL(*mock_, AsyncLoadSession)
      .WillOnce([](const v1::LoadSessionRequest&, client::Callback<v1::LoadSessionResponse> done) {
        done(Loaded(Data({{"a", "1"}})));
      });
  EXPECT_CALL(*mock_, AsyncSaveSession)
      .WillOnce([](const v1::SaveSessionRequest& request,
                   client::Callback<v1::SaveSessionResponse> done) { done(Saved(request, "")); });
  Finished finished = FinishAsync(*engine, engine->Begin(RequestWithKey()), 200);
  ASSERT_OK(finished.headers);
}

TEST_F(SessionEngineTest, FinishAsyncReportsErrors) {
  auto engine = MakeEngine();
  EXPECT_CALL(*mock_, AsyncCreateSession)
      .WillOnce(
          [](const v1::CreateSessionRequest&, client::Callback<v1::CreateSessionResponse> done) {
            done(StoreUnavailableError("down"));
          });
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("a", "1"));
  Finished finished = FinishAsync(*engine, std::move(session), 200);
  EXPECT_THAT(finished.headers, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_NE(finished.session, nullptr);
}

TEST_F(SessionEngineTest, FinishAsyncWithNothingToDoAnswersInline) {
  auto engine = MakeEngine();
  Finished finished = FinishAsync(*engine, engine->Begin(Request()), 200);
  ASSERT_OK(finished.headers);
  EXPECT_THAT(finished.headers->set_cookie, IsEmpty());
}

TEST_F(SessionEngineTest, AsyncCallbacksMayArriveOnAnotherThread) {
  auto engine = MakeEngine();
  std::thread grpc_thread;
  EXPECT_CALL(*mock_, AsyncCreateSession)
      .WillOnce([&](const v1::CreateSessionRequest& request,
                    client::Callback<v1::CreateSessionResponse> done) {
        grpc_thread = std::thread([request, done] { done(Created(request)); });
      });
  auto session = engine->Begin(Request());
  EXPECT_OK(session->SetString("a", "1"));
  absl::Notification finished;
  absl::StatusOr<ResponseHeaders> headers = absl::UnknownError("done not called");
  std::unique_ptr<Session> returned;
  engine->FinishAsync(std::move(session), 200,
                      [&](std::unique_ptr<Session> s, absl::StatusOr<ResponseHeaders> h) {
                        returned = std::move(s);
                        headers = std::move(h);
                        finished.Notify();
                      });
  ASSERT_TRUE(finished.WaitForNotificationWithTimeout(absl::Seconds(30)));
  grpc_thread.join();
  ASSERT_OK(headers);
  EXPECT_THAT(headers->set_cookie, ElementsAre(CookieFor(kNewKey)));
  EXPECT_EQ(returned->session_key(), kNewKey);
}

TEST_F(SessionEngineTest, FinishAsyncTwiceIsAnError) {
  auto engine = MakeEngine();
  Finished first = FinishAsync(*engine, engine->Begin(Request()), 200);
  ASSERT_OK(first.headers);
  Finished second = FinishAsync(*engine, std::move(first.session), 200);
  EXPECT_THAT(second.headers, StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace usersessions::sdk
