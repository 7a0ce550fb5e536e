// The engine semantics of DESIGN section 4, run against every Store backend: SQLite in a private
// file, and MySQL in a private database on the MariaDB that scripts/test starts.
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/encoding.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/service/session_service.h"
#include "server/service/thread_pool.h"
#include "tests/testing/counting_store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/store_backends.h"

namespace usersessions::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using usersessions::testing::CountingStore;
using usersessions::testing::FakeClock;
using usersessions::testing::StatusIs;
using usersessions::testing::StatusIsWithReason;

constexpr absl::Duration kIdle = absl::Hours(1);
constexpr absl::Duration kResolution = absl::Seconds(60);

template <typename Backend>
class SessionServiceConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Backend::kIsMysql) USERSESSIONS_REQUIRE_MYSQL();
    auto store = backend_.Open();
    ASSERT_OK(store);
    store_ = *std::move(store);
    ASSERT_OK(store_->Migrate());
    counting_ = std::make_unique<CountingStore>(store_.get());
    SessionServiceOptions options;
    options.idle_timeout = kIdle;
    options.activity_resolution = kResolution;
    options.data_limits.max_bytes = 4096;
    options.data_limits.max_depth = 8;
    service_ = std::make_unique<SessionService>(counting_.get(), &clock_, &random_, options);
  }

  static google::protobuf::Struct Data(absl::string_view json) {
    google::protobuf::Struct data;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(json), &data).ok());
    return data;
  }

  static v1::ClientInfo Client(absl::string_view ip, absl::string_view user_agent) {
    v1::ClientInfo client;
    client.set_ip_address(std::string(ip));
    client.set_user_agent(std::string(user_agent));
    return client;
  }

  // Creates a session owned by `user_id` with `json` data and returns the response.
  v1::CreateSessionResponse Create(absl::string_view json = R"({"cart":["book"]})",
                                   absl::string_view user_id = "alice") {
    v1::CreateSessionRequest request;
    *request.mutable_data() = Data(json);
    request.set_user_id(std::string(user_id));
    *request.mutable_client() = Client("203.0.113.7", "Mozilla/5.0 (iPhone)");
    auto response = service_->CreateSession(request);
    EXPECT_OK(response);
    return response.ok() ? *response : v1::CreateSessionResponse();
  }

  absl::StatusOr<v1::Session> Load(const std::string& key) {
    v1::LoadSessionRequest request;
    request.set_session_key(key);
    auto response = service_->LoadSession(request);
    if (!response.ok()) return response.status();
    return response->session();
  }

  absl::StatusOr<v1::Session> LoadAs(const std::string& key, absl::string_view ip,
                                     absl::string_view user_agent) {
    v1::LoadSessionRequest request;
    request.set_session_key(key);
    *request.mutable_client() = Client(ip, user_agent);
    auto response = service_->LoadSession(request);
    if (!response.ok()) return response.status();
    return response->session();
  }

  absl::StatusOr<v1::Session> Save(const std::string& key, absl::string_view json,
                                   int64_t expected_version = 0) {
    v1::SaveSessionRequest request;
    request.set_session_key(key);
    *request.mutable_data() = Data(json);
    request.set_expected_version(expected_version);
    auto response = service_->SaveSession(request);
    if (!response.ok()) return response.status();
    return response->session();
  }

  // LoadSessionAsync with `client` (if any), waited for; counts the work it hands to the
  // blocking executor in `blocking_submissions_`.
  absl::StatusOr<v1::Session> LoadAsync(const std::string& key,
                                        std::optional<v1::ClientInfo> client = std::nullopt) {
    v1::LoadSessionRequest request;
    request.set_session_key(key);
    if (client.has_value()) *request.mutable_client() = *client;
    absl::Notification called;
    absl::StatusOr<v1::LoadSessionResponse> result;
    service_->LoadSessionAsync(request, blocking_,
                               [&](absl::StatusOr<v1::LoadSessionResponse> response) {
                                 result = std::move(response);
                                 called.Notify();
                               });
    if (!called.WaitForNotificationWithTimeout(absl::Seconds(30))) {
      return absl::DeadlineExceededError("LoadSessionAsync never called back");
    }
    if (!result.ok()) return result.status();
    return result->session();
  }

  std::string RandomWellFormedKey() { return Base64UrlEncode(*random_.Bytes(32)); }

  // Runs work on a real thread pool and counts it.
  class CountingExecutor final : public Executor {
   public:
    void Submit(absl::AnyInvocable<void() &&> work) override {
      ++submitted_;
      pool_.Submit(std::move(work));
    }
    int submitted() const { return submitted_.load(); }

   private:
    std::atomic<int> submitted_{0};
    ThreadPool pool_{2};
  };
  CountingExecutor blocking_;

  Backend backend_;
  FakeClock clock_;
  OsSecureRandom random_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<CountingStore> counting_;
  std::unique_ptr<SessionService> service_;
};

TYPED_TEST_SUITE(SessionServiceConformanceTest, usersessions::testing::StoreBackends,
                 usersessions::testing::StoreBackendNames);

// --- Create and load ----------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, CreateThenLoadReturnsDataAndMetadata) {
  const absl::Time start = this->clock_.Now();
  v1::CreateSessionResponse created = this->Create(R"({"cart":["book"],"n":2})");
  EXPECT_EQ(created.session_key().size(), 43u);
  EXPECT_EQ(created.session().session_id().size(), 22u);
  EXPECT_EQ(created.session().version(), 1);

  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(created.session_key()));
  EXPECT_EQ(loaded.session_id(), created.session().session_id());
  EXPECT_EQ(loaded.user_id(), "alice");
  EXPECT_EQ(loaded.ip_address(), "203.0.113.7");
  EXPECT_EQ(loaded.user_agent(), "Mozilla/5.0 (iPhone)");
  EXPECT_EQ(loaded.data().fields().at("n").number_value(), 2);
  EXPECT_EQ(loaded.data().fields().at("cart").list_value().values(0).string_value(), "book");
  EXPECT_EQ(loaded.version(), 1);
  EXPECT_EQ(loaded.state(), v1::SESSION_STATE_ACTIVE);
  EXPECT_EQ(loaded.create_time().seconds(), absl::ToUnixSeconds(start));
  EXPECT_EQ(loaded.expire_time().seconds(), absl::ToUnixSeconds(start + kIdle));
  EXPECT_EQ(loaded.idle_timeout().seconds(), absl::ToInt64Seconds(kIdle));
}

TYPED_TEST(SessionServiceConformanceTest, AnonymousSessionHasNoOwner) {
  v1::CreateSessionResponse created = this->Create("{}", "");
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(created.session_key()));
  EXPECT_EQ(loaded.user_id(), "");
}

TYPED_TEST(SessionServiceConformanceTest, IpAddressIsStoredCanonically) {
  v1::CreateSessionRequest request;
  *request.mutable_client() = this->Client("::ffff:10.1.2.3", "ua");
  ASSERT_OK_AND_ASSIGN(auto created, this->service_->CreateSession(request));
  EXPECT_EQ(created.session().ip_address(), "10.1.2.3");
  ASSERT_OK_AND_ASSIGN(v1::Session loaded,
                       this->LoadAs(created.session_key(), "2001:DB8:0:0:0:0:0:1", "ua"));
  EXPECT_EQ(loaded.ip_address(), "2001:db8::1");
}

TYPED_TEST(SessionServiceConformanceTest, CreateWithTtlStoresItAsTheIdleTimeout) {
  v1::CreateSessionRequest request;
  request.mutable_ttl()->set_seconds(300);
  ASSERT_OK_AND_ASSIGN(auto created, this->service_->CreateSession(request));
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(created.session_key()));
  EXPECT_EQ(loaded.idle_timeout().seconds(), 300);
  this->clock_.Advance(absl::Seconds(301));
  EXPECT_THAT(this->Load(created.session_key()),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TYPED_TEST(SessionServiceConformanceTest, UnknownKeyIsNotFound) {
  EXPECT_THAT(this->Load(this->RandomWellFormedKey()),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

// --- Expiry ---------------------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, ExpiredSessionIsInvisibleToEveryEngineRpc) {
  v1::CreateSessionResponse created = this->Create();
  const std::string key = created.session_key();
  this->clock_.Advance(kIdle);  // expire_time == now: expired.

  EXPECT_THAT(this->Load(key), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->Save(key, R"({"x":1})"), StatusIs(absl::StatusCode::kNotFound));
  v1::CycleSessionKeyRequest cycle;
  cycle.set_session_key(key);
  EXPECT_THAT(this->service_->CycleSessionKey(cycle), StatusIs(absl::StatusCode::kNotFound));
  v1::DeleteSessionRequest del;
  del.set_session_key(key);
  EXPECT_OK(this->service_->DeleteSession(del));
}

TYPED_TEST(SessionServiceConformanceTest, IdleTimeoutSlidesOnActivity) {
  v1::CreateSessionResponse created = this->Create();
  const std::string key = created.session_key();
  for (int i = 0; i < 3; ++i) {
    this->clock_.Advance(kIdle - absl::Minutes(5));
    ASSERT_OK_AND_ASSIGN(v1::Session loaded,
                         this->LoadAs(key, "203.0.113.7", "Mozilla/5.0 (iPhone)"));
    EXPECT_EQ(loaded.expire_time().seconds(), absl::ToUnixSeconds(this->clock_.Now() + kIdle));
  }
  // Far beyond the first expiry, still alive thanks to the activity.
  EXPECT_OK(this->Load(key));
}

TYPED_TEST(SessionServiceConformanceTest, LoadWithoutClientDoesNotSlideTheExpiry) {
  v1::CreateSessionResponse created = this->Create();
  this->clock_.Advance(kIdle - absl::Minutes(1));
  EXPECT_OK(this->Load(created.session_key()));
  this->clock_.Advance(absl::Minutes(1));
  EXPECT_THAT(this->Load(created.session_key()), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(SessionServiceConformanceTest, AbsoluteTimeoutCapsTheSlidingExpiry) {
  SessionServiceOptions options = this->service_->options();
  options.absolute_timeout = absl::Hours(2);
  SessionService capped(this->counting_.get(), &this->clock_, &this->random_, options);
  v1::CreateSessionRequest request;
  *request.mutable_client() = this->Client("203.0.113.7", "ua");
  ASSERT_OK_AND_ASSIGN(auto created, capped.CreateSession(request));
  const absl::Time created_at = this->clock_.Now();

  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  *load.mutable_client() = this->Client("203.0.113.7", "ua");
  this->clock_.Advance(absl::Minutes(50));
  ASSERT_OK(capped.LoadSession(load));
  this->clock_.Advance(absl::Minutes(50));
  ASSERT_OK_AND_ASSIGN(auto loaded, capped.LoadSession(load));
  EXPECT_EQ(loaded.session().expire_time().seconds(),
            absl::ToUnixSeconds(created_at + absl::Hours(2)));
  this->clock_.Advance(absl::Minutes(21));
  EXPECT_THAT(capped.LoadSession(load), StatusIs(absl::StatusCode::kNotFound));
}

// --- Touch coalescing -----------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, RepeatedLoadsWithinTheResolutionWriteNothing) {
  v1::CreateSessionResponse created = this->Create();
  const std::string key = created.session_key();
  const int writes_before = this->counting_->writes();
  for (int i = 0; i < 50; ++i) {
    this->clock_.Advance(absl::Seconds(1));
    ASSERT_OK(this->LoadAs(key, "203.0.113.7", "Mozilla/5.0 (iPhone)"));
  }
  EXPECT_EQ(this->counting_->writes(), writes_before);
}

TYPED_TEST(SessionServiceConformanceTest, LoadWritesWhenClientChangesOrResolutionPasses) {
  v1::CreateSessionResponse created = this->Create();
  const std::string key = created.session_key();
  int writes = this->counting_->writes();

  ASSERT_OK_AND_ASSIGN(v1::Session moved,
                       this->LoadAs(key, "198.51.100.1", "Mozilla/5.0 (iPhone)"));
  EXPECT_EQ(this->counting_->writes(), ++writes);
  EXPECT_EQ(moved.ip_address(), "198.51.100.1");

  ASSERT_OK(this->LoadAs(key, "198.51.100.1", "Firefox"));
  EXPECT_EQ(this->counting_->writes(), ++writes);

  this->clock_.Advance(kResolution - absl::Seconds(1));
  ASSERT_OK(this->LoadAs(key, "198.51.100.1", "Firefox"));
  EXPECT_EQ(this->counting_->writes(), writes);

  this->clock_.Advance(absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(v1::Session touched, this->LoadAs(key, "198.51.100.1", "Firefox"));
  EXPECT_EQ(this->counting_->writes(), ++writes);
  EXPECT_EQ(touched.last_activity_time().seconds(), absl::ToUnixSeconds(this->clock_.Now()));
  EXPECT_EQ(touched.version(), 1) << "a touch must not change the version";

  ASSERT_OK_AND_ASSIGN(v1::Session reloaded, this->Load(key));
  EXPECT_EQ(reloaded.user_agent(), "Firefox");
  EXPECT_EQ(reloaded.last_activity_time().seconds(), absl::ToUnixSeconds(this->clock_.Now()));
}

// --- LoadSessionAsync (the hot path of the gRPC service) -------------------------------------

TYPED_TEST(SessionServiceConformanceTest, AsyncLoadReturnsWhatLoadReturns) {
  v1::CreateSessionResponse created = this->Create(R"({"cart":["book"],"n":2})");
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(created.session_key()));
  ASSERT_OK_AND_ASSIGN(v1::Session loaded_async, this->LoadAsync(created.session_key()));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(loaded_async, loaded))
      << loaded_async.DebugString() << "\nversus\n"
      << loaded.DebugString();
  EXPECT_EQ(loaded_async.data().fields().at("n").number_value(), 2);
}

TYPED_TEST(SessionServiceConformanceTest, AsyncLoadInSteadyStateWritesNothingAndNeverBlocks) {
  v1::CreateSessionResponse created = this->Create();
  const int writes_before = this->counting_->writes();
  for (int i = 0; i < 20; ++i) {
    this->clock_.Advance(absl::Seconds(1));
    ASSERT_OK(this->LoadAsync(created.session_key(),
                              this->Client("203.0.113.7", "Mozilla/5.0 (iPhone)")));
  }
  EXPECT_EQ(this->counting_->writes(), writes_before);
  EXPECT_EQ(this->blocking_.submitted(), 0)
      << "a load that writes nothing needs no blocking thread";
}

TYPED_TEST(SessionServiceConformanceTest, AsyncLoadRecordsActivityOnTheBlockingExecutor) {
  v1::CreateSessionResponse created = this->Create();
  const int writes_before = this->counting_->writes();
  ASSERT_OK_AND_ASSIGN(v1::Session moved, this->LoadAsync(created.session_key(),
                                                          this->Client("198.51.100.1", "Firefox")));
  EXPECT_EQ(moved.ip_address(), "198.51.100.1");
  EXPECT_EQ(moved.user_agent(), "Firefox");
  EXPECT_EQ(moved.version(), 1) << "a touch must not change the version";
  EXPECT_EQ(this->counting_->writes(), writes_before + 1);
  EXPECT_EQ(this->blocking_.submitted(), 1);

  this->clock_.Advance(kResolution);
  ASSERT_OK_AND_ASSIGN(
      v1::Session touched,
      this->LoadAsync(created.session_key(), this->Client("198.51.100.1", "Firefox")));
  EXPECT_EQ(touched.last_activity_time().seconds(), absl::ToUnixSeconds(this->clock_.Now()));
  EXPECT_EQ(this->counting_->writes(), writes_before + 2);
  ASSERT_OK_AND_ASSIGN(v1::Session reloaded, this->Load(created.session_key()));
  EXPECT_EQ(reloaded.last_activity_time().seconds(), absl::ToUnixSeconds(this->clock_.Now()));
}

TYPED_TEST(SessionServiceConformanceTest, AsyncLoadReportsTheSameErrorsAsLoad) {
  EXPECT_THAT(this->LoadAsync(this->RandomWellFormedKey()),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  EXPECT_THAT(this->LoadAsync("not a key"), StatusIs(absl::StatusCode::kInvalidArgument));
  v1::CreateSessionResponse created = this->Create();
  EXPECT_THAT(this->LoadAsync(created.session_key(), this->Client("not an ip", "Firefox")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  this->clock_.Advance(kIdle);
  EXPECT_THAT(this->LoadAsync(created.session_key()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(this->blocking_.submitted(), 0);
}

// Many loads in flight at once, as the gRPC service issues them: every one completes with its
// own session (on MySQL they share batched reads).
TYPED_TEST(SessionServiceConformanceTest, ConcurrentAsyncLoadsEachGetTheirOwnSession) {
  constexpr int kSessions = 40;
  std::vector<v1::CreateSessionResponse> created;
  for (int i = 0; i < kSessions; ++i) {
    created.push_back(this->Create(absl::StrCat(R"({"n":)", i, "}")));
  }
  absl::Mutex mu;
  int pending = kSessions;
  std::vector<absl::StatusOr<v1::LoadSessionResponse>> results(kSessions);
  for (int i = 0; i < kSessions; ++i) {
    v1::LoadSessionRequest request;
    request.set_session_key(created[i].session_key());
    this->service_->LoadSessionAsync(request, this->blocking_,
                                     [&, i](absl::StatusOr<v1::LoadSessionResponse> response) {
                                       absl::MutexLock lock(&mu);
                                       results[i] = std::move(response);
                                       --pending;
                                     });
  }
  absl::MutexLock lock(&mu);
  ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(
                                      +[](int* left) { return *left == 0; }, &pending),
                                  absl::Seconds(30)));
  for (int i = 0; i < kSessions; ++i) {
    ASSERT_OK(results[i]);
    EXPECT_EQ(results[i]->session().session_id(), created[i].session().session_id());
    EXPECT_EQ(results[i]->session().data().fields().at("n").number_value(), i);
  }
}

// --- Save -----------------------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, SaveReplacesDataAndBumpsVersion) {
  v1::CreateSessionResponse created = this->Create(R"({"a":1})");
  ASSERT_OK_AND_ASSIGN(v1::Session saved, this->Save(created.session_key(), R"({"b":2})", 1));
  EXPECT_EQ(saved.version(), 2);
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(created.session_key()));
  EXPECT_EQ(loaded.version(), 2);
  EXPECT_FALSE(loaded.data().fields().contains("a"));
  EXPECT_EQ(loaded.data().fields().at("b").number_value(), 2);
}

TYPED_TEST(SessionServiceConformanceTest, SaveKeepsAbsentOptionalFieldsAndClearsEmptyOwner) {
  v1::CreateSessionResponse created = this->Create();
  const std::string key = created.session_key();
  ASSERT_OK(this->Save(key, "{}"));
  ASSERT_OK_AND_ASSIGN(v1::Session kept, this->Load(key));
  EXPECT_EQ(kept.user_id(), "alice");
  EXPECT_EQ(kept.ip_address(), "203.0.113.7");
  EXPECT_EQ(kept.idle_timeout().seconds(), absl::ToInt64Seconds(kIdle));

  v1::SaveSessionRequest request;
  request.set_session_key(key);
  request.set_user_id("");
  *request.mutable_client() = this->Client("192.0.2.9", "curl/8.0");
  request.mutable_ttl()->set_seconds(600);
  ASSERT_OK(this->service_->SaveSession(request));
  ASSERT_OK_AND_ASSIGN(v1::Session changed, this->Load(key));
  EXPECT_EQ(changed.user_id(), "");
  EXPECT_EQ(changed.ip_address(), "192.0.2.9");
  EXPECT_EQ(changed.user_agent(), "curl/8.0");
  EXPECT_EQ(changed.idle_timeout().seconds(), 600);
  EXPECT_EQ(changed.expire_time().seconds(), absl::ToUnixSeconds(this->clock_.Now()) + 600);
}

TYPED_TEST(SessionServiceConformanceTest, SaveNeverCreatesASession) {
  const std::string key = this->RandomWellFormedKey();
  const int writes_before = this->counting_->writes();
  EXPECT_THAT(this->Save(key, R"({"a":1})"),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  EXPECT_THAT(this->Load(key), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(this->counting_->writes(), writes_before);
}

TYPED_TEST(SessionServiceConformanceTest, RevokedSessionIsNeverBroughtBack) {
  v1::CreateSessionResponse created = this->Create();
  v1::DeleteSessionRequest del;
  del.set_session_key(created.session_key());
  ASSERT_OK(this->service_->DeleteSession(del));
  EXPECT_THAT(this->Save(created.session_key(), R"({"a":1})", 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->Load(created.session_key()), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(SessionServiceConformanceTest, StaleExpectedVersionIsAbortedAndChangesNothing) {
  v1::CreateSessionResponse created = this->Create(R"({"a":1})");
  const std::string key = created.session_key();
  ASSERT_OK(this->Save(key, R"({"a":2})", 1));
  EXPECT_THAT(this->Save(key, R"({"a":3})", 1),
              StatusIsWithReason(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT));
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(key));
  EXPECT_EQ(loaded.version(), 2);
  EXPECT_EQ(loaded.data().fields().at("a").number_value(), 2);
}

TYPED_TEST(SessionServiceConformanceTest, InvalidSaveChangesNothing) {
  v1::CreateSessionResponse created = this->Create(R"({"a":1})");
  const std::string key = created.session_key();
  const int writes_before = this->counting_->writes();
  EXPECT_THAT(
      this->Save(key, absl::StrCat(R"({"big":")", std::string(5000, 'x'), R"("})")),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_DATA_TOO_LARGE));
  v1::SaveSessionRequest bad_ip;
  bad_ip.set_session_key(key);
  *bad_ip.mutable_client() = this->Client("300.1.1.1", "ua");
  EXPECT_THAT(
      this->service_->SaveSession(bad_ip),
      StatusIsWithReason(absl::StatusCode::kInvalidArgument, v1::ERROR_REASON_INVALID_IP_ADDRESS));
  EXPECT_EQ(this->counting_->writes(), writes_before);
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(key));
  EXPECT_EQ(loaded.version(), 1);
  EXPECT_EQ(loaded.data().fields().at("a").number_value(), 1);
}

TYPED_TEST(SessionServiceConformanceTest, ConcurrentSavesWithTheSameVersionHaveOneWinner) {
  v1::CreateSessionResponse created = this->Create(R"({"n":0})");
  const std::string key = created.session_key();
  constexpr int kWriters = 32;
  std::atomic<int> ok{0};
  std::atomic<int> aborted{0};
  std::atomic<int> other{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      absl::StatusOr<v1::Session> saved = this->Save(key, absl::StrCat(R"({"n":)", i + 1, "}"), 1);
      if (saved.ok()) {
        ++ok;
      } else if (absl::IsAborted(saved.status()) &&
                 GetErrorReason(saved.status()) == v1::ERROR_REASON_VERSION_CONFLICT) {
        ++aborted;
      } else {
        ++other;
        ADD_FAILURE() << saved.status();
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(aborted.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(key));
  EXPECT_EQ(loaded.version(), 2);
}

TYPED_TEST(SessionServiceConformanceTest, ConcurrentUnconditionalSavesAllLand) {
  v1::CreateSessionResponse created = this->Create(R"({"n":0})");
  const std::string key = created.session_key();
  constexpr int kWriters = 8;
  std::vector<std::thread> writers;
  std::atomic<int> ok{0};
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      if (this->Save(key, absl::StrCat(R"({"n":)", i, "}")).ok()) ++ok;
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(ok.load(), kWriters);
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(key));
  EXPECT_EQ(loaded.version(), 1 + kWriters);
}

// --- Cycle and delete -----------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, CycleKeyKeepsIdentityAndRetiresTheOldKey) {
  v1::CreateSessionResponse created = this->Create(R"({"a":1})");
  v1::CycleSessionKeyRequest request;
  request.set_session_key(created.session_key());
  ASSERT_OK_AND_ASSIGN(auto cycled, this->service_->CycleSessionKey(request));
  EXPECT_NE(cycled.session_key(), created.session_key());
  EXPECT_EQ(cycled.session().session_id(), created.session().session_id());
  EXPECT_EQ(cycled.session().user_id(), "alice");
  EXPECT_EQ(cycled.session().data().fields().at("a").number_value(), 1);

  EXPECT_THAT(this->Load(created.session_key()), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(v1::Session loaded, this->Load(cycled.session_key()));
  EXPECT_EQ(loaded.session_id(), created.session().session_id());
}

TYPED_TEST(SessionServiceConformanceTest, ConcurrentCyclesOfOneKeyHaveOneWinner) {
  v1::CreateSessionResponse created = this->Create();
  constexpr int kCyclers = 16;
  std::vector<std::thread> cyclers;
  std::vector<std::string> new_keys(kCyclers);
  std::atomic<int> not_found{0};
  for (int i = 0; i < kCyclers; ++i) {
    cyclers.emplace_back([&, i] {
      v1::CycleSessionKeyRequest request;
      request.set_session_key(created.session_key());
      auto cycled = this->service_->CycleSessionKey(request);
      if (cycled.ok()) {
        new_keys[i] = cycled->session_key();
      } else if (absl::IsNotFound(cycled.status())) {
        ++not_found;
      } else {
        ADD_FAILURE() << cycled.status();
      }
    });
  }
  for (auto& cycler : cyclers) cycler.join();
  EXPECT_EQ(not_found.load(), kCyclers - 1);
  int live = 0;
  for (const std::string& key : new_keys) {
    if (!key.empty() && this->Load(key).ok()) ++live;
  }
  EXPECT_EQ(live, 1);
}

TYPED_TEST(SessionServiceConformanceTest, DeleteIsIdempotent) {
  v1::CreateSessionResponse created = this->Create();
  v1::DeleteSessionRequest request;
  request.set_session_key(created.session_key());
  ASSERT_OK(this->service_->DeleteSession(request));
  ASSERT_OK(this->service_->DeleteSession(request));
  request.set_session_key(this->RandomWellFormedKey());
  EXPECT_OK(this->service_->DeleteSession(request));
  EXPECT_THAT(this->Load(created.session_key()), StatusIs(absl::StatusCode::kNotFound));
}

// --- Keys at rest ---------------------------------------------------------------------------

TYPED_TEST(SessionServiceConformanceTest, RawKeysAreNeverStored) {
  v1::CreateSessionResponse created = this->Create();
  ASSERT_OK(this->Save(created.session_key(), R"({"a":1})"));
  v1::CycleSessionKeyRequest request;
  request.set_session_key(created.session_key());
  ASSERT_OK_AND_ASSIGN(auto cycled, this->service_->CycleSessionKey(request));
  ASSERT_OK(this->LoadAs(cycled.session_key(), "192.0.2.1", "ua"));

  const std::string dump = this->backend_.DumpEverything();
  ASSERT_THAT(dump, HasSubstr(HashSessionKey(cycled.session_key())))
      << "the dump must contain the stored rows";
  EXPECT_THAT(dump, Not(HasSubstr(created.session_key())));
  EXPECT_THAT(dump, Not(HasSubstr(cycled.session_key())));
}

}  // namespace
}  // namespace usersessions::server
