// The real sessiond with --metrics-listen: the endpoint is announced in the log, and the counters
// move after real RPCs and a real cleanup run.
#include <httplib.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {
namespace {

using ::testing::HasSubstr;

// The value of the series `series` (name and labels exactly as exposed), if present.
std::optional<double> Value(const std::string& text, const std::string& series) {
  const std::string prefix = "\n" + series + " ";
  const size_t at = text.find(prefix);
  if (at == std::string::npos) return std::nullopt;
  const size_t start = at + prefix.size();
  double value = 0;
  if (!absl::SimpleAtod(text.substr(start, text.find('\n', start) - start), &value)) {
    return std::nullopt;
  }
  return value;
}

// The "metrics_listening" port from the start-up log.
int MetricsPort(const std::string& log) {
  const std::string key = "\"metrics_listening\":\"127.0.0.1:";
  const size_t at = log.find(key);
  if (at == std::string::npos) return 0;
  int port = 0;
  const size_t start = at + key.size();
  return absl::SimpleAtoi(log.substr(start, log.find('"', start) - start), &port) ? port : 0;
}

std::string Scrape(int port) {
  httplib::Client client("127.0.0.1", port);
  httplib::Result result = client.Get("/metrics");
  if (!result || result->status != 200) return "";
  return result->body;
}

std::string Series(const std::string& method, const std::string& code) {
  return absl::StrCat("usersessions_rpc_requests_total{method=\"usersessions.v1.SessionStore/",
                      method, "\",code=\"", code, "\"}");
}

TEST(SessiondMetricsProcessTest, CountersMoveAfterRealRpcsAndCleanup) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--metrics-listen=127.0.0.1:0",
                              "--cleanup-interval=1s", "--store=sqlite:" + dir.File("s.db")}));
  const int port = MetricsPort(process->Log());
  ASSERT_GT(port, 0) << process->Log();

  std::string text = Scrape(port);
  EXPECT_EQ(Value(text, "usersessions_build_info{version=\"0.1.0\",grpc_version=\"" +
                            std::string(grpc::Version()) + "\"}"),
            1);
  EXPECT_EQ(Value(text, Series("LoadSession", "OK")), std::nullopt);
  EXPECT_EQ(Value(text, "usersessions_store_errors_total{code=\"UNAVAILABLE\"}"), 0);

  auto stub = v1::SessionStore::NewStub(
      grpc::CreateChannel(process->address(), grpc::InsecureChannelCredentials()));
  v1::CreateSessionRequest create;
  create.mutable_ttl()->set_seconds(1);
  v1::CreateSessionResponse created;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub->CreateSession(&context, create, &created).ok());
  }
  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  v1::LoadSessionResponse loaded;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub->LoadSession(&context, load, &loaded).ok());
  }
  load.set_session_key("malformed");
  {
    grpc::ClientContext context;
    EXPECT_EQ(stub->LoadSession(&context, load, &loaded).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }

  text = Scrape(port);
  EXPECT_EQ(Value(text, Series("CreateSession", "OK")), 1) << text;
  EXPECT_EQ(Value(text, Series("LoadSession", "OK")), 1);
  EXPECT_EQ(Value(text, Series("LoadSession", "INVALID_ARGUMENT")), 1);
  EXPECT_EQ(Value(text,
                  "usersessions_rpc_duration_seconds_count{method=\"usersessions.v1."
                  "SessionStore/LoadSession\"}"),
            2);
  EXPECT_EQ(Value(text, "usersessions_store_pool_connections{state=\"in_use\"}"), 0);
  EXPECT_GE(Value(text, "usersessions_store_pool_connections{state=\"idle\"}").value_or(0), 1);

  // The session expires after 1s; a cleanup run every second deletes it.
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (Value(text, "usersessions_cleanup_deleted_sessions_total").value_or(0) < 1 &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    text = Scrape(port);
  }
  EXPECT_EQ(Value(text, "usersessions_cleanup_deleted_sessions_total"), 1) << text;
  EXPECT_GE(Value(text, "usersessions_cleanup_runs_total{result=\"done\"}").value_or(0), 1);
  EXPECT_EQ(Value(text, "usersessions_cleanup_runs_total{result=\"failed\"}"), 0);
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondMetricsProcessTest, OffByDefault) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db")}));
  EXPECT_THAT(process->Log(), ::testing::Not(HasSubstr("metrics_listening")));
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondMetricsProcessTest, EnvironmentVariableEnablesIt) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db")},
                             {{"USERSESSIONS_METRICS_LISTEN", "127.0.0.1:0"}}));
  const int port = MetricsPort(process->Log());
  ASSERT_GT(port, 0) << process->Log();
  EXPECT_THAT(Scrape(port), HasSubstr("# TYPE usersessions_rpc_requests_total counter\n"));
  EXPECT_EQ(process->Terminate(), 0);
}

TEST(SessiondMetricsProcessTest, UnbindableMetricsAddressExitsNonZero) {
  TempDir dir;
  // Taking the gRPC port for metrics too makes the metrics bind fail.
  ASSERT_OK_AND_ASSIGN(auto first, SessiondProcess::Start({"--listen=127.0.0.1:0",
                                                           "--store=sqlite:" + dir.File("a.db")}));
  ProcessResult result =
      RunSessiond({"--listen=127.0.0.1:0", "--metrics-listen=" + first->address(),
                   "--store=sqlite:" + dir.File("b.db")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("cannot listen"));
  EXPECT_EQ(first->Terminate(), 0);
}

}  // namespace
}  // namespace usersessions::testing
