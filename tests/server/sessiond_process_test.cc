// The real sessiond binary: start-up, default configuration, flag errors, health port,
// schema gating on MySQL, and SIGTERM.
#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/mysql_test_database.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {
namespace {

using ::testing::HasSubstr;
using grpc::health::v1::HealthCheckResponse;

HealthCheckResponse::ServingStatus CheckHealth(const std::string& address,
                                               const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return HealthCheckResponse::UNKNOWN;
  return response.status();
}

grpc::Status CreateSession(const std::string& address, v1::CreateSessionResponse* response) {
  auto stub = v1::SessionStore::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::CreateSessionRequest request;
  (*request.mutable_data()->mutable_fields())["cart"].set_string_value("book");
  return stub->CreateSession(&context, request, response);
}

TEST(SessiondProcessTest, ServesOnPortZeroAndDrainsOnSigterm) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto process,
                       SessiondProcess::Start({"--listen=127.0.0.1:0",
                                               "--store=sqlite:" + dir.File("s.db")}));
  EXPECT_THAT(process->address(), ::testing::StartsWith("127.0.0.1:"));
  EXPECT_NE(process->address(), "127.0.0.1:0");
  v1::CreateSessionResponse created;
  ASSERT_TRUE(CreateSession(process->address(), &created).ok());
  EXPECT_EQ(created.session_key().size(), 43u);
  EXPECT_EQ(CheckHealth(process->address(), ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(process->Terminate(), 0);
  EXPECT_THAT(process->Log(), HasSubstr("\"msg\":\"stopped\""));
  EXPECT_THAT(process->Log(), ::testing::Not(HasSubstr(created.session_key())));
}

TEST(SessiondProcessTest, NoFlagsServesTheEmbeddedDefault) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start({}, {}, dir.path()));
  EXPECT_EQ(process->address(), "127.0.0.1:50051");
  EXPECT_TRUE(std::filesystem::exists(dir.File("var/sessions.db")));
  v1::CreateSessionResponse created;
  EXPECT_TRUE(CreateSession(process->address(), &created).ok());
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondProcessTest, BadFlagValuesExitNonZeroWithOneLine) {
  for (const auto& [args, env, message] :
       std::vector<std::tuple<std::vector<std::string>, std::map<std::string, std::string>,
                              std::string>>{
           {{"--idle-timeout=soon"}, {}, "sessiond: --idle-timeout: invalid duration \"soon\""},
           {{}, {{"USERSESSIONS_MAX_DATA_DEPTH", "zero"}}, "USERSESSIONS_MAX_DATA_DEPTH"},
           {{"--store=postgres://x"}, {}, "unsupported store \"postgres\""},
           {{"--listen=0.0.0.0:0"}, {}, "refusing to listen"},
       }) {
    TempDir dir;
    ProcessResult result = RunSessiond(args, env, dir.path());
    EXPECT_NE(result.exit_code, 0) << message;
    EXPECT_THAT(result.output, HasSubstr(message));
    if (result.output.find("sessiond: ") == 0) {
      EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1)
          << result.output;
    }
  }
}

TEST(SessiondProcessTest, VersionAndHelp) {
  ProcessResult version = RunSessiond({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.output, HasSubstr("sessiond 0.1.0"));
  ProcessResult help = RunSessiond({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, HasSubstr("USERSESSIONS_IDLE_TIMEOUT"));
}

TEST(SessiondProcessTest, HealthListenServesProbesOnItsOwnPort) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto process,
                       SessiondProcess::Start({"--listen=127.0.0.1:0", "--health-listen=127.0.0.1:0",
                                               "--store=sqlite:" + dir.File("s.db")}));
  ASSERT_TRUE(process->WaitForLog("health_listening", absl::Seconds(5)));
  const std::string log = process->Log();
  const std::string marker = "\"health_listening\":\"";
  const size_t start = log.find(marker) + marker.size();
  const std::string health_address = log.substr(start, log.find('"', start) - start);
  EXPECT_EQ(CheckHealth(health_address, "liveness"), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(health_address, "usersessions.v1.SessionStore"),
            HealthCheckResponse::SERVING);
  // Only health is served there.
  v1::CreateSessionResponse created;
  EXPECT_EQ(CreateSession(health_address, &created).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondProcessTest, MysqlSchemaBehindRefusesToServeUntilMigrated) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_OK_AND_ASSIGN(auto database, MysqlTestDatabase::Create());
  const std::string store = "--store=" + database->uri();
  ProcessResult refused = RunSessiond({"--listen=127.0.0.1:0", store});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.output, HasSubstr("0001_create_sessions"));
  EXPECT_THAT(refused.output, HasSubstr("sessiond migrate"));

  ProcessResult migrated = RunSessiond({"migrate", store});
  EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_THAT(migrated.output, HasSubstr("0001_create_sessions"));
  ProcessResult again = RunSessiond({"migrate", store});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.output, HasSubstr("schema is up to date"));

  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start({"--listen=127.0.0.1:0", store}));
  v1::CreateSessionResponse created;
  EXPECT_TRUE(CreateSession(process->address(), &created).ok());
  EXPECT_EQ(process->Terminate(), 0);
}

}  // namespace
}  // namespace usersessions::testing
