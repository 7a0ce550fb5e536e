// The management semantics of DESIGN section 3 (listing, filters, search, pagination, scoping,
// revocation, cleanup), run against every Store backend.
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/management_service.h"
#include "server/service/session_service.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/store_backends.h"

namespace usersessions::server {
namespace {

using usersessions::testing::FakeClock;
using usersessions::testing::StatusIs;
using usersessions::testing::StatusIsWithReason;

constexpr char kChromeOnMac[] =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36";
constexpr char kSafariOnIphone[] =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

template <typename Backend>
class ManagementServiceConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Backend::kIsMysql) USERSESSIONS_REQUIRE_MYSQL();
    auto store = backend_.Open();
    ASSERT_OK(store);
    store_ = *std::move(store);
    ASSERT_OK(store_->Migrate());
    sessions_ =
        std::make_unique<SessionService>(store_.get(), &clock_, &random_, SessionServiceOptions{});
    management_ =
        std::make_unique<ManagementService>(store_.get(), &clock_, &page_tokens_, &enricher_);
  }

  // Creates a session and advances the clock a little, so that activity times differ.
  v1::CreateSessionResponse Create(absl::string_view user_id, absl::string_view ip,
                                   absl::string_view user_agent, int ttl_seconds = 0) {
    v1::CreateSessionRequest request;
    request.set_user_id(std::string(user_id));
    request.mutable_client()->set_ip_address(std::string(ip));
    request.mutable_client()->set_user_agent(std::string(user_agent));
    (*request.mutable_data()->mutable_fields())["secret"].set_string_value("data");
    if (ttl_seconds > 0) request.mutable_ttl()->set_seconds(ttl_seconds);
    auto response = sessions_->CreateSession(request);
    EXPECT_OK(response);
    clock_.Advance(absl::Seconds(1));
    return response.ok() ? *response : v1::CreateSessionResponse();
  }

  absl::StatusOr<v1::ListSessionsResponse> List(absl::string_view user_id,
                                                v1::StateFilter state = v1::STATE_FILTER_ACTIVE,
                                                absl::string_view query = "", int page_size = 0,
                                                absl::string_view page_token = "",
                                                Caller caller = Caller::Engine()) {
    v1::ListSessionsRequest request;
    request.set_user_id(std::string(user_id));
    request.set_state_filter(state);
    request.set_query(std::string(query));
    request.set_page_size(page_size);
    request.set_page_token(std::string(page_token));
    if (user_id.empty()) caller = Caller::Admin();
    return management_->ListSessions(request, caller);
  }

  bool Loads(const std::string& key) {
    v1::LoadSessionRequest request;
    request.set_session_key(key);
    return sessions_->LoadSession(request).ok();
  }

  Backend backend_;
  FakeClock clock_;
  OsSecureRandom random_;
  PageTokenCodec page_tokens_{"0123456789abcdef0123456789abcdef"};
  SessionEnricher enricher_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<SessionService> sessions_;
  std::unique_ptr<ManagementService> management_;
};

TYPED_TEST_SUITE(ManagementServiceConformanceTest, usersessions::testing::StoreBackends,
                 usersessions::testing::StoreBackendNames);

TYPED_TEST(ManagementServiceConformanceTest, ListsOneUsersSessionsNewestFirstWithoutData) {
  auto alice_mac = this->Create("alice", "203.0.113.7", kChromeOnMac);
  this->Create("bob", "198.51.100.1", kSafariOnIphone);
  auto alice_phone = this->Create("alice", "198.51.100.2", kSafariOnIphone);

  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_current_session_key(alice_phone.session_key());
  ASSERT_OK_AND_ASSIGN(auto listed, this->management_->ListSessions(request, Caller::Engine()));
  ASSERT_EQ(listed.sessions_size(), 2);
  EXPECT_TRUE(listed.next_page_token().empty());
  const v1::Session& newest = listed.sessions(0);
  EXPECT_EQ(newest.session_id(), alice_phone.session().session_id());
  EXPECT_TRUE(newest.current());
  EXPECT_FALSE(newest.has_data());
  EXPECT_EQ(newest.device().display(), "Safari on iPhone");
  EXPECT_EQ(newest.device().browser(), "Safari");
  EXPECT_EQ(newest.device().os(), "iPhone");
  EXPECT_EQ(newest.state(), v1::SESSION_STATE_ACTIVE);
  EXPECT_EQ(listed.sessions(1).session_id(), alice_mac.session().session_id());
  EXPECT_FALSE(listed.sessions(1).current());
  EXPECT_EQ(listed.sessions(1).device().display(), "Chrome on macOS");
  EXPECT_EQ(listed.sessions(1).ip_address(), "203.0.113.7");
}

TYPED_TEST(ManagementServiceConformanceTest, StateFiltersSplitActiveFromExpired) {
  this->Create("alice", "203.0.113.7", kChromeOnMac, /*ttl_seconds=*/10);
  this->Create("alice", "203.0.113.8", kChromeOnMac, /*ttl_seconds=*/10);
  this->clock_.Advance(absl::Seconds(30));
  auto live = this->Create("alice", "203.0.113.9", kChromeOnMac);

  ASSERT_OK_AND_ASSIGN(auto active, this->List("alice", v1::STATE_FILTER_ACTIVE));
  ASSERT_EQ(active.sessions_size(), 1);
  EXPECT_EQ(active.sessions(0).session_id(), live.session().session_id());
  ASSERT_OK_AND_ASSIGN(auto unspecified, this->List("alice", v1::STATE_FILTER_UNSPECIFIED));
  EXPECT_EQ(unspecified.sessions_size(), 1);
  ASSERT_OK_AND_ASSIGN(auto expired, this->List("alice", v1::STATE_FILTER_EXPIRED));
  ASSERT_EQ(expired.sessions_size(), 2);
  EXPECT_EQ(expired.sessions(0).state(), v1::SESSION_STATE_EXPIRED);
  ASSERT_OK_AND_ASSIGN(auto all, this->List("alice", v1::STATE_FILTER_ALL));
  EXPECT_EQ(all.sessions_size(), 3);
}

TYPED_TEST(ManagementServiceConformanceTest, QueryMatchesIpUserAgentOrUserId) {
  this->Create("alice", "203.0.113.7", kChromeOnMac);
  this->Create("bob", "198.51.100.1", kSafariOnIphone);
  this->Create("carol", "2001:db8::7", "curl/8.4.0");

  auto count = [this](absl::string_view query) {
    auto listed = this->List("", v1::STATE_FILTER_ACTIVE, query);
    EXPECT_OK(listed);
    return listed.ok() ? listed->sessions_size() : -1;
  };
  EXPECT_EQ(count("203.0.113"), 1);
  EXPECT_EQ(count("iPhone"), 1);
  EXPECT_EQ(count("curl/"), 1);
  EXPECT_EQ(count("caro"), 1);
  EXPECT_EQ(count("2001:db8"), 1);
  EXPECT_EQ(count("CURL"), 0) << "the match is case-sensitive";
  EXPECT_EQ(count("%"), 0) << "no wildcard semantics";
  EXPECT_EQ(count(""), 3);
  ASSERT_OK_AND_ASSIGN(auto bob_only, this->List("bob", v1::STATE_FILTER_ACTIVE, "Mozilla"));
  EXPECT_EQ(bob_only.sessions_size(), 1);
}

TYPED_TEST(ManagementServiceConformanceTest, PaginationHasNoDuplicatesOrGapsWhileSessionsAreAdded) {
  std::set<std::string> expected;
  for (int i = 0; i < 120; ++i) {
    expected.insert(
        this->Create("alice", absl::StrCat("10.0.", i / 200, ".", i % 200 + 1), kChromeOnMac)
            .session()
            .session_id());
  }
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    ASSERT_OK_AND_ASSIGN(auto page, this->List("alice", v1::STATE_FILTER_ACTIVE, "", 7, token));
    for (const v1::Session& session : page.sessions()) {
      EXPECT_TRUE(seen.insert(session.session_id()).second) << "duplicate " << session.session_id();
    }
    token = page.next_page_token();
    ++pages;
    this->Create("alice", "192.0.2.1", kChromeOnMac);  // Added while the walk runs.
  } while (!token.empty() && pages < 100);
  for (const std::string& id : expected) EXPECT_TRUE(seen.count(id)) << "gap: " << id;
  EXPECT_EQ(pages, 18);  // ceil(120 / 7); the sessions added meanwhile are newer than the cursor.
}

TYPED_TEST(ManagementServiceConformanceTest, PageSizeIsDefaultedCappedAndValidated) {
  for (int i = 0; i < 55; ++i) this->Create("alice", "10.0.0.1", kChromeOnMac);
  ASSERT_OK_AND_ASSIGN(auto defaulted, this->List("alice"));
  EXPECT_EQ(defaulted.sessions_size(), 50);
  EXPECT_FALSE(defaulted.next_page_token().empty());
  ASSERT_OK_AND_ASSIGN(auto capped, this->List("alice", v1::STATE_FILTER_ACTIVE, "", 5000));
  EXPECT_EQ(capped.sessions_size(), 55);
  EXPECT_THAT(
      this->List("alice", v1::STATE_FILTER_ACTIVE, "", -1),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_ARGUMENT));
  EXPECT_THAT(this->List("alice", static_cast<v1::StateFilter>(42)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TYPED_TEST(ManagementServiceConformanceTest, TamperedOrForeignPageTokensAreRejected) {
  for (int i = 0; i < 5; ++i) this->Create("alice", "10.0.0.1", kChromeOnMac);
  ASSERT_OK_AND_ASSIGN(auto first, this->List("alice", v1::STATE_FILTER_ACTIVE, "", 2));
  std::string token = first.next_page_token();
  ASSERT_FALSE(token.empty());
  ASSERT_OK(this->List("alice", v1::STATE_FILTER_ACTIVE, "", 2, token));

  std::string tampered = token;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  for (const auto& [user, state, query, page_token] :
       std::vector<std::tuple<std::string, v1::StateFilter, std::string, std::string>>{
           {"alice", v1::STATE_FILTER_ACTIVE, "", tampered},
           {"alice", v1::STATE_FILTER_ACTIVE, "", "garbage!"},
           {"alice", v1::STATE_FILTER_ACTIVE, "", token.substr(1)},
           {"bob", v1::STATE_FILTER_ACTIVE, "", token},
           {"alice", v1::STATE_FILTER_ALL, "", token},
           {"alice", v1::STATE_FILTER_ACTIVE, "10.0", token},
       }) {
    EXPECT_THAT(
        this->List(user, state, query, 2, page_token),
        StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_PAGE_TOKEN))
        << user << " " << state << " " << query;
  }
  PageTokenCodec other_secret("another secret, another replica");
  ManagementService other(this->store_.get(), &this->clock_, &other_secret, &this->enricher_);
  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_page_token(token);
  EXPECT_THAT(
      other.ListSessions(request, Caller::Engine()),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
}

TYPED_TEST(ManagementServiceConformanceTest, AllUsersNeedTheAdminRole) {
  this->Create("alice", "10.0.0.1", kChromeOnMac);
  v1::ListSessionsRequest request;
  EXPECT_THAT(
      this->management_->ListSessions(request, Caller::Engine()),
      StatusIsWithReason(absl::StatusCode::kPermissionDenied, v1::ERROR_REASON_PERMISSION_DENIED));
  ASSERT_OK_AND_ASSIGN(auto listed, this->management_->ListSessions(request, Caller::Admin()));
  EXPECT_EQ(listed.sessions_size(), 1);
  v1::DeleteExpiredSessionsRequest cleanup;
  EXPECT_THAT(this->management_->DeleteExpiredSessions(cleanup, Caller::Engine()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TYPED_TEST(ManagementServiceConformanceTest, GetSessionIsOwnerScoped) {
  auto alice = this->Create("alice", "203.0.113.7", kChromeOnMac);
  v1::GetSessionRequest request;
  request.set_user_id("alice");
  request.set_session_id(alice.session().session_id());
  ASSERT_OK_AND_ASSIGN(auto got, this->management_->GetSession(request, Caller::Engine()));
  EXPECT_EQ(got.session().user_id(), "alice");
  EXPECT_FALSE(got.session().has_data());
  EXPECT_EQ(got.session().device().display(), "Chrome on macOS");

  request.set_user_id("bob");
  EXPECT_THAT(this->management_->GetSession(request, Caller::Engine()),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  request.set_user_id("");
  EXPECT_THAT(this->management_->GetSession(request, Caller::Engine()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(this->management_->GetSession(request, Caller::Admin()));
  request.set_session_id("not-an-id");
  EXPECT_THAT(this->management_->GetSession(request, Caller::Admin()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TYPED_TEST(ManagementServiceConformanceTest, CrossUserRevokeIsNotFoundAndChangesNothing) {
  auto alice = this->Create("alice", "203.0.113.7", kChromeOnMac);
  v1::RevokeSessionRequest request;
  request.set_user_id("bob");
  request.set_session_id(alice.session().session_id());
  EXPECT_THAT(this->management_->RevokeSession(request, Caller::Engine()),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  EXPECT_TRUE(this->Loads(alice.session_key()));

  request.set_user_id("alice");
  ASSERT_OK(this->management_->RevokeSession(request, Caller::Engine()));
  EXPECT_FALSE(this->Loads(alice.session_key()));
  EXPECT_THAT(this->management_->RevokeSession(request, Caller::Engine()),
              StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(ManagementServiceConformanceTest, AdminRevokesAnySessionById) {
  auto alice = this->Create("alice", "203.0.113.7", kChromeOnMac);
  v1::RevokeSessionRequest request;
  request.set_session_id(alice.session().session_id());
  EXPECT_THAT(this->management_->RevokeSession(request, Caller::Engine()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(this->management_->RevokeSession(request, Caller::Admin()));
  EXPECT_FALSE(this->Loads(alice.session_key()));
}

TYPED_TEST(ManagementServiceConformanceTest, RevokeAllKeepsExactlyTheKeptSession) {
  auto keep = this->Create("alice", "10.0.0.1", kChromeOnMac);
  auto other1 = this->Create("alice", "10.0.0.2", kSafariOnIphone);
  auto other2 = this->Create("alice", "10.0.0.3", kSafariOnIphone);
  this->Create("alice", "10.0.0.4", kSafariOnIphone, /*ttl_seconds=*/1);
  this->clock_.Advance(absl::Seconds(5));  // The last one is now expired.
  auto bob = this->Create("bob", "10.0.0.5", kChromeOnMac);

  v1::RevokeUserSessionsRequest request;
  request.set_user_id("alice");
  request.set_keep_session_key(keep.session_key());
  ASSERT_OK_AND_ASSIGN(auto revoked,
                       this->management_->RevokeUserSessions(request, Caller::Engine()));
  EXPECT_EQ(revoked.revoked_count(), 2);
  EXPECT_TRUE(this->Loads(keep.session_key()));
  EXPECT_FALSE(this->Loads(other1.session_key()));
  EXPECT_FALSE(this->Loads(other2.session_key()));
  EXPECT_TRUE(this->Loads(bob.session_key()));
  ASSERT_OK_AND_ASSIGN(auto left, this->List("alice", v1::STATE_FILTER_ALL));
  ASSERT_EQ(left.sessions_size(), 1) << "the expired row goes too";
  EXPECT_EQ(left.sessions(0).session_id(), keep.session().session_id());

  v1::RevokeUserSessionsRequest by_id;
  by_id.set_user_id("alice");
  by_id.set_keep_session_id(keep.session().session_id());
  ASSERT_OK_AND_ASSIGN(revoked, this->management_->RevokeUserSessions(by_id, Caller::Engine()));
  EXPECT_EQ(revoked.revoked_count(), 0);

  v1::RevokeUserSessionsRequest everywhere;
  everywhere.set_user_id("alice");
  ASSERT_OK_AND_ASSIGN(revoked,
                       this->management_->RevokeUserSessions(everywhere, Caller::Engine()));
  EXPECT_EQ(revoked.revoked_count(), 1);
  EXPECT_FALSE(this->Loads(keep.session_key()));

  v1::RevokeUserSessionsRequest nobody;
  EXPECT_THAT(this->management_->RevokeUserSessions(nobody, Caller::Admin()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TYPED_TEST(ManagementServiceConformanceTest, CleanupDeletesExpiredRowsInBatches) {
  for (int i = 0; i < 25; ++i) this->Create("alice", "10.0.0.1", kChromeOnMac, 10);
  std::vector<std::string> live;
  this->clock_.Advance(absl::Seconds(60));
  for (int i = 0; i < 5; ++i)
    live.push_back(this->Create("bob", "10.0.0.2", kChromeOnMac).session_key());

  ASSERT_OK_AND_ASSIGN(auto result, this->management_->DeleteExpired(10, absl::Seconds(10)));
  EXPECT_EQ(result.deleted_count(), 25);
  EXPECT_FALSE(result.more_remaining());
  ASSERT_OK_AND_ASSIGN(auto expired, this->List("", v1::STATE_FILTER_EXPIRED));
  EXPECT_EQ(expired.sessions_size(), 0);
  for (const std::string& key : live) EXPECT_TRUE(this->Loads(key));

  v1::DeleteExpiredSessionsRequest request;
  request.set_batch_size(10001);
  EXPECT_THAT(this->management_->DeleteExpiredSessions(request, Caller::Admin()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_batch_size(0);
  ASSERT_OK_AND_ASSIGN(result, this->management_->DeleteExpiredSessions(request, Caller::Admin()));
  EXPECT_EQ(result.deleted_count(), 0);
}

TYPED_TEST(ManagementServiceConformanceTest, OnlyOneCleanupRunsAtATime) {
  std::atomic<bool> inner_ran{false};
  ASSERT_OK_AND_ASSIGN(bool outer_ran, this->store_->RunExclusiveCleanup([&]() -> absl::Status {
    // A second cleaner (another replica) finds the lock taken.
    std::thread other([&] {
      auto ran = this->store_->RunExclusiveCleanup([&] {
        inner_ran = true;
        return absl::OkStatus();
      });
      ASSERT_OK(ran);
      EXPECT_FALSE(*ran);
    });
    other.join();
    return absl::OkStatus();
  }));
  EXPECT_TRUE(outer_ran);
  EXPECT_FALSE(inner_ran.load());
}

}  // namespace
}  // namespace usersessions::server
