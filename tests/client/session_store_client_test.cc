// SessionStoreClient against the real SessionStore service over gRPC on loopback (port 0),
// backed by a real SQLite store: every RPC, error codes and reasons, pagination, async calls.
#include "client/session_store_client.h"

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/grpc/session_store_service.h"
#include "server/storage/store_factory.h"
#include "tests/client/async_result.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::client {
namespace {

using ::testing::SizeIs;
using usersessions::testing::StatusIs;
using usersessions::testing::StatusIsWithReason;

// A well-formed session key that names no session.
const std::string kUnknownKey(43, 'A');

// Counts ListSessions calls on the way to a real connection.
class CountingConnection final : public SessionStoreConnection {
 public:
  explicit CountingConnection(std::shared_ptr<SessionStoreConnection> real)
      : real_(std::move(real)) {}
  int list_calls() const { return list_calls_.load(); }

  absl::StatusOr<v1::ListSessionsResponse> ListSessions(
      const v1::ListSessionsRequest& request) override {
    ++list_calls_;
    return real_->ListSessions(request);
  }
  absl::StatusOr<v1::CreateSessionResponse> CreateSession(
      const v1::CreateSessionRequest& r) override {
    return real_->CreateSession(r);
  }
  absl::StatusOr<v1::LoadSessionResponse> LoadSession(const v1::LoadSessionRequest& r) override {
    return real_->LoadSession(r);
  }
  absl::StatusOr<v1::SaveSessionResponse> SaveSession(const v1::SaveSessionRequest& r) override {
    return real_->SaveSession(r);
  }
  absl::StatusOr<v1::CycleSessionKeyResponse> CycleSessionKey(
      const v1::CycleSessionKeyRequest& r) override {
    return real_->CycleSessionKey(r);
  }
  absl::StatusOr<v1::DeleteSessionResponse> DeleteSession(
      const v1::DeleteSessionRequest& r) override {
    return real_->DeleteSession(r);
  }
  absl::StatusOr<v1::GetSessionResponse> GetSession(const v1::GetSessionRequest& r) override {
    return real_->GetSession(r);
  }
  absl::StatusOr<v1::RevokeSessionResponse> RevokeSession(
      const v1::RevokeSessionRequest& r) override {
    return real_->RevokeSession(r);
  }
  absl::StatusOr<v1::RevokeUserSessionsResponse> RevokeUserSessions(
      const v1::RevokeUserSessionsRequest& r) override {
    return real_->RevokeUserSessions(r);
  }
  absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpiredSessions(
      const v1::DeleteExpiredSessionsRequest& r) override {
    return real_->DeleteExpiredSessions(r);
  }
  void AsyncCreateSession(const v1::CreateSessionRequest& r,
                          Callback<v1::CreateSessionResponse> done) override {
    real_->AsyncCreateSession(r, std::move(done));
  }
  void AsyncLoadSession(const v1::LoadSessionRequest& r,
                        Callback<v1::LoadSessionResponse> done) override {
    real_->AsyncLoadSession(r, std::move(done));
  }
  void AsyncSaveSession(const v1::SaveSessionRequest& r,
                        Callback<v1::SaveSessionResponse> done) override {
    real_->AsyncSaveSession(r, std::move(done));
  }
  void AsyncCycleSessionKey(const v1::CycleSessionKeyRequest& r,
                            Callback<v1::CycleSessionKeyResponse> done) override {
    real_->AsyncCycleSessionKey(r, std::move(done));
  }
  void AsyncDeleteSession(const v1::DeleteSessionRequest& r,
                          Callback<v1::DeleteSessionResponse> done) override {
    real_->AsyncDeleteSession(r, std::move(done));
  }

 private:
  std::shared_ptr<SessionStoreConnection> real_;
  std::atomic<int> list_calls_{0};
};

class SessionStoreClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::StoreOptions store_options;
    store_options.uri = "sqlite:" + dir_.File("sessions.db");
    ASSERT_OK_AND_ASSIGN(store_, server::OpenStore(store_options));
    ASSERT_OK(store_->Migrate());
    sessions_ = std::make_unique<server::SessionService>(store_.get(), &clock_, &random_,
                                                         server::SessionServiceOptions());
    management_ = std::make_unique<server::ManagementService>(store_.get(), &clock_, &page_tokens_,
                                                              &enricher_);
    service_ =
        std::make_unique<server::SessionStoreServiceImpl>(sessions_.get(), management_.get());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);

    ClientOptions options;
    options.server = absl::StrCat("127.0.0.1:", port);
    ASSERT_OK_AND_ASSIGN(auto connection, MakeSessionStoreConnection(options));
    counting_ = std::make_shared<CountingConnection>(std::move(connection));
    client_ = std::make_unique<SessionStoreClient>(counting_);
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  v1::CreateSessionResponse Create(const std::string& user_id,
                                   const std::string& user_agent = "curl/8.4.0") {
    v1::CreateSessionRequest request;
    request.set_user_id(user_id);
    request.mutable_client()->set_ip_address("203.0.113.7");
    request.mutable_client()->set_user_agent(user_agent);
    (*request.mutable_data()->mutable_fields())["cart"].set_string_value("book");
    auto created = client_->CreateSession(request);
    EXPECT_OK(created);
    return created.ok() ? *created : v1::CreateSessionResponse();
  }

  usersessions::testing::TempDir dir_;
  usersessions::testing::FakeClock clock_;
  OsSecureRandom random_;
  std::unique_ptr<server::Store> store_;
  server::PageTokenCodec page_tokens_{"client-test-page-token-secret"};
  server::SessionEnricher enricher_;
  std::unique_ptr<server::SessionService> sessions_;
  std::unique_ptr<server::ManagementService> management_;
  std::unique_ptr<server::SessionStoreServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<CountingConnection> counting_;
  std::unique_ptr<SessionStoreClient> client_;
};

TEST_F(SessionStoreClientTest, EngineRpcsSucceed) {
  v1::CreateSessionResponse created = Create("alice");
  ASSERT_EQ(created.session_key().size(), 43u);
  EXPECT_EQ(created.session().user_id(), "alice");

  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  ASSERT_OK_AND_ASSIGN(auto loaded, client_->LoadSession(load));
  EXPECT_EQ(loaded.session().data().fields().at("cart").string_value(), "book");

  v1::SaveSessionRequest save;
  save.set_session_key(created.session_key());
  (*save.mutable_data()->mutable_fields())["cart"].set_string_value("pen");
  save.set_expected_version(1);
  ASSERT_OK_AND_ASSIGN(auto saved, client_->SaveSession(save));
  EXPECT_EQ(saved.session().version(), 2);

  v1::CycleSessionKeyRequest cycle;
  cycle.set_session_key(created.session_key());
  ASSERT_OK_AND_ASSIGN(auto cycled, client_->CycleSessionKey(cycle));
  EXPECT_NE(cycled.session_key(), created.session_key());
  EXPECT_EQ(cycled.session().session_id(), created.session().session_id());

  v1::DeleteSessionRequest del;
  del.set_session_key(cycled.session_key());
  ASSERT_OK(client_->DeleteSession(del));
  load.set_session_key(cycled.session_key());
  EXPECT_THAT(client_->LoadSession(load),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(SessionStoreClientTest, ManagementRpcsSucceed) {
  v1::CreateSessionResponse first = Create("bob",
                                           "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
                                           "AppleWebKit/537.36 (KHTML, like Gecko) "
                                           "Chrome/127.0.0.0 Safari/537.36");
  v1::CreateSessionResponse second = Create("bob");
  v1::CreateSessionResponse third = Create("bob");

  v1::ListSessionsRequest list;
  list.set_user_id("bob");
  ASSERT_OK_AND_ASSIGN(auto listed, client_->ListSessions(list));
  EXPECT_THAT(listed.sessions(), SizeIs(3));

  v1::GetSessionRequest get;
  get.set_user_id("bob");
  get.set_session_id(first.session().session_id());
  ASSERT_OK_AND_ASSIGN(auto got, client_->GetSession(get));
  EXPECT_EQ(got.session().device().display(), "Chrome on macOS");
  EXPECT_FALSE(got.session().has_data());

  v1::RevokeSessionRequest revoke;
  revoke.set_user_id("bob");
  revoke.set_session_id(second.session().session_id());
  ASSERT_OK(client_->RevokeSession(revoke));

  v1::RevokeUserSessionsRequest revoke_all;
  revoke_all.set_user_id("bob");
  revoke_all.set_keep_session_id(third.session().session_id());
  ASSERT_OK_AND_ASSIGN(auto revoked, client_->RevokeUserSessions(revoke_all));
  EXPECT_EQ(revoked.revoked_count(), 1);

  v1::CreateSessionRequest short_lived;
  short_lived.mutable_ttl()->set_seconds(60);
  ASSERT_OK(client_->CreateSession(short_lived));
  ASSERT_OK(client_->CreateSession(short_lived));
  clock_.Advance(absl::Minutes(2));
  ASSERT_OK_AND_ASSIGN(auto cleaned, client_->DeleteExpiredSessions({}));
  EXPECT_EQ(cleaned.deleted_count(), 2);
  EXPECT_FALSE(cleaned.more_remaining());
}

TEST_F(SessionStoreClientTest, ErrorsKeepCodeAndReason) {
  v1::CreateSessionResponse created = Create("carol");

  v1::LoadSessionRequest unknown;
  unknown.set_session_key(kUnknownKey);
  EXPECT_THAT(client_->LoadSession(unknown),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));

  v1::LoadSessionRequest malformed;
  malformed.set_session_key("not-a-key");
  EXPECT_THAT(
      client_->LoadSession(malformed),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_SESSION_KEY));

  v1::SaveSessionRequest stale;
  stale.set_session_key(created.session_key());
  stale.set_expected_version(7);
  EXPECT_THAT(client_->SaveSession(stale),
              StatusIsWithReason(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT));

  v1::GetSessionRequest foreign;
  foreign.set_user_id("mallory");
  foreign.set_session_id(created.session().session_id());
  EXPECT_THAT(client_->GetSession(foreign),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));

  v1::ListSessionsRequest bad_token;
  bad_token.set_user_id("carol");
  bad_token.set_page_token("garbage");
  EXPECT_THAT(
      client_->ListSessions(bad_token),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_PAGE_TOKEN));
}

TEST_F(SessionStoreClientTest, ListAllSessionsWalksEveryPageWithoutDuplicates) {
  std::set<std::string> created_ids;
  for (int i = 0; i < 25; ++i) {
    created_ids.insert(Create("walker").session().session_id());
    clock_.Advance(absl::Seconds(1));  // Distinct activity times, and some equal ones below.
  }
  for (int i = 0; i < 3; ++i) created_ids.insert(Create("other").session().session_id());

  v1::ListSessionsRequest request;
  request.set_user_id("walker");
  request.set_page_size(4);
  ListSessionsRange range = client_->ListAllSessions(request);
  EXPECT_EQ(counting_->list_calls(), 0) << "the range must not call before it is walked";

  std::vector<std::string> seen;
  for (auto& session : range) {
    ASSERT_OK(session);
    EXPECT_EQ(session->user_id(), "walker");
    seen.push_back(session->session_id());
  }
  EXPECT_THAT(seen, SizeIs(25));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);
  EXPECT_EQ(counting_->list_calls(), 7);  // ceil(25 / 4)
}

TEST_F(SessionStoreClientTest, ListAllSessionsEndsWithTheError) {
  Create("dave");
  v1::ListSessionsRequest request;
  request.set_user_id("dave");
  request.set_page_token("tampered");
  std::vector<absl::Status> results;
  for (auto& session : client_->ListAllSessions(request)) results.push_back(session.status());
  ASSERT_THAT(results, SizeIs(1));
  EXPECT_THAT(results[0], StatusIsWithReason(absl::StatusCode::kInvalidArgument,
                                             v1::ERROR_REASON_INVALID_PAGE_TOKEN));
}

TEST_F(SessionStoreClientTest, AsyncLoadSessionDeliversTheResultToTheCallback) {
  v1::CreateSessionResponse created = Create("erin");
  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  absl::StatusOr<v1::LoadSessionResponse> loaded = testing::AwaitCallback<v1::LoadSessionResponse>(
      [&](Callback<v1::LoadSessionResponse> done) { client_->AsyncLoadSession(load, done); });
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->session().session_id(), created.session().session_id());
  EXPECT_EQ(loaded->session().data().fields().at("cart").string_value(), "book");

  load.set_session_key(kUnknownKey);
  EXPECT_THAT(
      testing::AwaitCallback<v1::LoadSessionResponse>(
          [&](Callback<v1::LoadSessionResponse> done) { client_->AsyncLoadSession(load, done); }),
      StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(SessionStoreClientTest, EveryAsyncEngineRpcSucceeds) {
  v1::CreateSessionRequest create;
  create.set_user_id("frank");
  ASSERT_OK_AND_ASSIGN(
      auto created, testing::AwaitCallback<v1::CreateSessionResponse>(
                        [&](auto done) { client_->AsyncCreateSession(create, std::move(done)); }));

  v1::SaveSessionRequest save;
  save.set_session_key(created.session_key());
  (*save.mutable_data()->mutable_fields())["n"].set_number_value(1);
  ASSERT_OK_AND_ASSIGN(auto saved, testing::AwaitCallback<v1::SaveSessionResponse>([&](auto done) {
                         client_->AsyncSaveSession(save, std::move(done));
                       }));
  EXPECT_EQ(saved.session().version(), 2);

  v1::CycleSessionKeyRequest cycle;
  cycle.set_session_key(created.session_key());
  ASSERT_OK_AND_ASSIGN(
      auto cycled, testing::AwaitCallback<v1::CycleSessionKeyResponse>(
                       [&](auto done) { client_->AsyncCycleSessionKey(cycle, std::move(done)); }));

  v1::DeleteSessionRequest del;
  del.set_session_key(cycled.session_key());
  EXPECT_OK(testing::AwaitCallback<v1::DeleteSessionResponse>(
      [&](auto done) { client_->AsyncDeleteSession(del, std::move(done)); }));

  v1::LoadSessionRequest load;
  load.set_session_key(cycled.session_key());
  EXPECT_THAT(client_->LoadSession(load), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(SessionStoreClientTest, CopiesShareOneConnection) {
  SessionStoreClient copy = *client_;
  EXPECT_EQ(copy.connection(), client_->connection());
  v1::CreateSessionResponse created = Create("gina");
  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  EXPECT_OK(copy.LoadSession(load));
}

TEST(SessionStoreClientCreateTest, RejectsAnUnreadableTlsFile) {
  ClientOptions options;
  options.tls_ca_file = "/nonexistent/ca.pem";
  auto client = SessionStoreClient::Create(options);
  EXPECT_THAT(client, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(client.status().message()), ::testing::HasSubstr("/nonexistent/ca.pem"));
}

}  // namespace
}  // namespace usersessions::client
