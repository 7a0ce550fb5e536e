// Fault injection: sessiond on MariaDB keeps running while the database is stopped and started
// again. Calls answer UNAVAILABLE and readiness goes NOT_SERVING during the outage; afterwards
// sessiond recovers without a restart and no acknowledged write is lost.
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/mysql_test_database.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

// Runs the MariaDB control script that scripts/test exported ("start" or "stop").
void ControlMariadb(const std::string& action) {
  const char* script = std::getenv("USERSESSIONS_TEST_MARIADB_SERVER");
  const char* dir = std::getenv("USERSESSIONS_TEST_MARIADB_DIR");
  ASSERT_NE(script, nullptr) << "USERSESSIONS_TEST_MARIADB_SERVER is not set (use scripts/test)";
  ASSERT_NE(dir, nullptr) << "USERSESSIONS_TEST_MARIADB_DIR is not set (use scripts/test)";
  const std::string command = absl::StrCat("\"", script, "\" ", action, " \"", dir, "\"");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

class MysqlOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    USERSESSIONS_REQUIRE_MYSQL();
    if (std::getenv("USERSESSIONS_TEST_MARIADB_SERVER") == nullptr) {
      if (RunningUnderCi()) FAIL() << "the fault test needs scripts/test's MariaDB control";
      GTEST_SKIP() << "run through scripts/test to control the MariaDB server";
    }
    ASSERT_OK_AND_ASSIGN(database_, MysqlTestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(process_, SessiondProcess::Start({"--listen=127.0.0.1:0", "--migrate",
                                                           "--store=" + database_->uri()}));
    auto channel = grpc::CreateChannel(process_->address(), grpc::InsecureChannelCredentials());
    stub_ = v1::SessionStore::NewStub(channel);
    health_ = grpc::health::v1::Health::NewStub(channel);
  }

  void TearDown() override {
    // Whatever happened, leave the shared server running for the other tests.
    if (std::getenv("USERSESSIONS_TEST_MARIADB_SERVER") != nullptr) ControlMariadb("start");
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(15));
    return context;
  }

  grpc::Status Save(const std::string& key, int n) {
    v1::SaveSessionRequest request;
    request.set_session_key(key);
    (*request.mutable_data()->mutable_fields())["n"].set_number_value(n);
    v1::SaveSessionResponse response;
    return stub_->SaveSession(Context().get(), request, &response);
  }

  grpc::Status Load(const std::string& key, v1::LoadSessionResponse* response) {
    v1::LoadSessionRequest request;
    request.set_session_key(key);
    return stub_->LoadSession(Context().get(), request, response);
  }

  HealthCheckResponse::ServingStatus Readiness() {
    grpc::health::v1::HealthCheckRequest request;
    HealthCheckResponse response;
    if (!health_->Check(Context().get(), request, &response).ok())
      return HealthCheckResponse::UNKNOWN;
    return response.status();
  }

  HealthCheckResponse::ServingStatus Liveness() {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service("liveness");
    HealthCheckResponse response;
    if (!health_->Check(Context().get(), request, &response).ok())
      return HealthCheckResponse::UNKNOWN;
    return response.status();
  }

  // Polls `condition` until it holds or `timeout` passes.
  template <typename Condition>
  static bool Eventually(Condition condition, absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (condition()) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return condition();
  }

  std::unique_ptr<MysqlTestDatabase> database_;
  std::unique_ptr<SessiondProcess> process_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

TEST_F(MysqlOutageTest, RecoversWithoutRestartAndLosesNoAcknowledgedWrite) {
  v1::CreateSessionRequest create;
  v1::CreateSessionResponse created;
  ASSERT_TRUE(stub_->CreateSession(Context().get(), create, &created).ok());
  const std::string key = created.session_key();
  int acknowledged = 0;
  for (int n = 1; n <= 20; ++n) {
    ASSERT_TRUE(Save(key, n).ok());
    acknowledged = n;
  }
  ASSERT_TRUE(
      Eventually([&] { return Readiness() == HealthCheckResponse::SERVING; }, absl::Seconds(10)));

  ControlMariadb("stop");

  // Writes attempted during the outage fail cleanly; none is acknowledged.
  int attempted = acknowledged;
  grpc::Status during = Save(key, ++attempted);
  EXPECT_EQ(during.error_code(), grpc::StatusCode::UNAVAILABLE) << during.error_message();
  auto info = GetErrorInfo(during);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "STORE_UNAVAILABLE");
  v1::LoadSessionResponse loaded;
  EXPECT_EQ(Load(key, &loaded).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(Eventually([&] { return Readiness() == HealthCheckResponse::NOT_SERVING; },
                         absl::Seconds(10)));
  EXPECT_EQ(Liveness(), HealthCheckResponse::SERVING) << "an outage must never fail liveness";

  ControlMariadb("start");

  EXPECT_TRUE(Eventually([&] { return Load(key, &loaded).ok(); }, absl::Seconds(60)))
      << process_->Log();
  EXPECT_TRUE(
      Eventually([&] { return Readiness() == HealthCheckResponse::SERVING; }, absl::Seconds(10)));
  ASSERT_TRUE(Load(key, &loaded).ok());
  EXPECT_EQ(loaded.session().data().fields().at("n").number_value(), acknowledged);
  EXPECT_EQ(loaded.session().version(), 1 + acknowledged);

  // And it takes writes again, with no restart of sessiond.
  ASSERT_TRUE(Save(key, 100).ok());
  ASSERT_TRUE(Load(key, &loaded).ok());
  EXPECT_EQ(loaded.session().data().fields().at("n").number_value(), 100);
  EXPECT_EQ(process_->Terminate(), 0);
}

}  // namespace
}  // namespace usersessions::testing
