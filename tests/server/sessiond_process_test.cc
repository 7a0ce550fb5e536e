// The real sessiond binary: start-up, default configuration, flag errors, health port,
// schema gating on MySQL, and SIGTERM.
#include "tests/testing/sessiond_process.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/mysql_test_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;

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
  auto stub =
      v1::SessionStore::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::CreateSessionRequest request;
  (*request.mutable_data()->mutable_fields())["cart"].set_string_value("book");
  return stub->CreateSession(&context, request, response);
}

TEST(SessiondProcessTest, ServesOnPortZeroAndDrainsOnSigterm) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db")}));
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
  for (const auto& [args, env, message] : std::vector<
           std::tuple<std::vector<std::string>, std::map<std::string, std::string>, std::string>>{
           {{"--idle-timeout=soon"}, {}, "sessiond: --idle-timeout: invalid duration \"soon\""},
           {{}, {{"USERSESSIONS_MAX_DATA_DEPTH", "zero"}}, "USERSESSIONS_MAX_DATA_DEPTH"},
           {{"--store=postgres://x"}, {}, "unsupported store \"postgres\""},
           {{"--listen=0.0.0.0:0"}, {}, "refusing to listen"},
       }) {
    TempDir dir;
    ProcessResult result = RunSessiond(args, env, dir.path());
    EXPECT_NE(result.exit_code, 0) << message;
    EXPECT_THAT(result.output, HasSubstr(message));
    // Rejected while parsing the command line: one line, before anything starts.
    EXPECT_THAT(result.output, ::testing::StartsWith("sessiond: "));
    EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
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
  ASSERT_OK_AND_ASSIGN(
      auto process, SessiondProcess::Start({"--listen=127.0.0.1:0", "--health-listen=127.0.0.1:0",
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
  EXPECT_EQ(CreateSession(health_address, &created).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(process->Terminate(), 0);
}

std::unique_ptr<v1::SessionStore::Stub> Stub(const std::string& address) {
  return v1::SessionStore::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
}

grpc::Status CreateFor(const std::string& address, const std::string& user, const std::string& ip,
                       int ttl_seconds = 0) {
  grpc::ClientContext context;
  v1::CreateSessionRequest request;
  request.set_user_id(user);
  request.mutable_client()->set_ip_address(ip);
  request.mutable_client()->set_user_agent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
      "Gecko) Version/17.1 Mobile/15E148 Safari/604.1");
  if (ttl_seconds > 0) request.mutable_ttl()->set_seconds(ttl_seconds);
  v1::CreateSessionResponse response;
  return Stub(address)->CreateSession(&context, request, &response);
}

TEST(SessiondProcessTest, GeoIpDatabaseFillsLocationsInListings) {
  TempDir dir;
  const std::string writer = USERSESSIONS_TEST_MMDB_WRITER;
  ASSERT_EQ(std::system(("perl " + writer + " " + dir.path()).c_str()), 0);
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db"),
                              "--geoip-db=" + dir.File("test_city.mmdb")}));
  ASSERT_TRUE(CreateFor(process->address(), "alice", "44.55.66.77").ok());
  grpc::ClientContext context;
  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_language_code("nl");
  v1::ListSessionsResponse response;
  ASSERT_TRUE(Stub(process->address())->ListSessions(&context, request, &response).ok());
  ASSERT_EQ(response.sessions_size(), 1);
  EXPECT_EQ(response.sessions(0).location().display(), "San Diego, Verenigde Staten");
  EXPECT_EQ(response.sessions(0).location().country_code(), "US");
  EXPECT_EQ(response.sessions(0).device().display(), "Safari on iPhone");
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondProcessTest, UnreadableGeoIpDatabaseFailsAtStart) {
  TempDir dir;
  ProcessResult result = RunSessiond({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db"),
                                      "--geoip-db=" + dir.File("missing.mmdb")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("missing.mmdb"));
}

TEST(SessiondProcessTest, ReplicasSharingThePageTokenSecretAcceptEachOthersTokens) {
  TempDir dir;
  {
    std::ofstream secret(dir.File("secret"));
    secret << "a-shared-secret-of-at-least-32-bytes\n";
    std::ofstream short_secret(dir.File("short"));
    short_secret << "short";
  }
  const std::vector<std::string> common = {"--listen=127.0.0.1:0",
                                           "--store=sqlite:" + dir.File("s.db"),
                                           "--page-token-secret-file=" + dir.File("secret")};
  ASSERT_OK_AND_ASSIGN(auto first, SessiondProcess::Start(common));
  ASSERT_OK_AND_ASSIGN(auto second, SessiondProcess::Start(common));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(CreateFor(first->address(), "alice", "10.0.0.1").ok());

  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_page_size(2);
  v1::ListSessionsResponse page1;
  grpc::ClientContext context1;
  ASSERT_TRUE(Stub(first->address())->ListSessions(&context1, request, &page1).ok());
  ASSERT_FALSE(page1.next_page_token().empty());
  request.set_page_token(page1.next_page_token());
  v1::ListSessionsResponse page2;
  grpc::ClientContext context2;
  ASSERT_TRUE(Stub(second->address())->ListSessions(&context2, request, &page2).ok());
  EXPECT_EQ(page2.sessions_size(), 1);

  ProcessResult rejected =
      RunSessiond({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db"),
                   "--page-token-secret-file=" + dir.File("short")});
  EXPECT_EQ(rejected.exit_code, 1);
  EXPECT_THAT(rejected.output, HasSubstr("at least 16"));
}

TEST(SessiondProcessTest, PeriodicCleanupDeletesExpiredSessions) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start({"--listen=127.0.0.1:0",
                                                             "--store=sqlite:" + dir.File("s.db"),
                                                             "--cleanup-interval=200ms"}));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(CreateFor(process->address(), "alice", "10.0.0.1", /*ttl_seconds=*/1).ok());
  }
  ASSERT_TRUE(CreateFor(process->address(), "alice", "10.0.0.1").ok());
  ASSERT_TRUE(process->WaitForLog("\"deleted\":\"3\"", absl::Seconds(15))) << process->Log();
  grpc::ClientContext context;
  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_state_filter(v1::STATE_FILTER_ALL);
  v1::ListSessionsResponse response;
  ASSERT_TRUE(Stub(process->address())->ListSessions(&context, request, &response).ok());
  EXPECT_EQ(response.sessions_size(), 1);
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
