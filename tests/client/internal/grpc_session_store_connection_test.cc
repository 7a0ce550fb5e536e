// The gRPC connection against scripted SessionStore services on loopback (port 0): bearer
// token metadata, which calls are retried on UNAVAILABLE, deadlines, channel arguments, and
// TLS / mutual TLS with certificates made for the test.
#include "client/internal/grpc_session_store_connection.h"

#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/security/server_credentials.h"
#include "gtest/gtest.h"
#include "tests/client/async_result.h"
#include "tests/client/internal/test_certificates.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::client::internal {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using usersessions::testing::StatusIs;
using usersessions::testing::StatusIsWithReason;

const grpc::Status kUnavailable(grpc::StatusCode::UNAVAILABLE, "try again");

// Answers each method with scripted statuses (OK once the script is used up) and records every
// call's authorization metadata. Thread-safe.
class ScriptedService final : public v1::SessionStore::Service {
 public:
  void Script(const std::string& method, std::vector<grpc::Status> statuses) {
    absl::MutexLock lock(&mu_);
    auto& script = scripts_[method];
    script.insert(script.end(), statuses.begin(), statuses.end());
  }
  int Calls(const std::string& method) {
    absl::MutexLock lock(&mu_);
    return calls_[method];
  }
  std::vector<std::string> Authorizations() {
    absl::MutexLock lock(&mu_);
    return authorizations_;
  }
  // LoadSession blocks until Release() (or 30 seconds). Release() is for one thread at a time.
  void BlockLoadSession() {
    absl::MutexLock lock(&mu_);
    block_load_ = true;
  }
  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }
  // The session_id LoadSession answers with.
  void SetLoadedSessionId(std::string id) {
    absl::MutexLock lock(&mu_);
    loaded_session_id_ = std::move(id);
  }

  grpc::Status CreateSession(grpc::ServerContext* context, const v1::CreateSessionRequest*,
                             v1::CreateSessionResponse*) override {
    return Handle("CreateSession", context);
  }
  grpc::Status LoadSession(grpc::ServerContext* context, const v1::LoadSessionRequest*,
                           v1::LoadSessionResponse* response) override {
    bool block;
    {
      absl::MutexLock lock(&mu_);
      block = block_load_;
      response->mutable_session()->set_session_id(loaded_session_id_);
    }
    grpc::Status status = Handle("LoadSession", context);
    if (block) release_.WaitForNotificationWithTimeout(absl::Seconds(30));
    return status;
  }
  grpc::Status SaveSession(grpc::ServerContext* context, const v1::SaveSessionRequest*,
                           v1::SaveSessionResponse*) override {
    return Handle("SaveSession", context);
  }
  grpc::Status CycleSessionKey(grpc::ServerContext* context, const v1::CycleSessionKeyRequest*,
                               v1::CycleSessionKeyResponse*) override {
    return Handle("CycleSessionKey", context);
  }
  grpc::Status DeleteSession(grpc::ServerContext* context, const v1::DeleteSessionRequest*,
                             v1::DeleteSessionResponse*) override {
    return Handle("DeleteSession", context);
  }
  grpc::Status ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest*,
                            v1::ListSessionsResponse*) override {
    return Handle("ListSessions", context);
  }
  grpc::Status GetSession(grpc::ServerContext* context, const v1::GetSessionRequest*,
                          v1::GetSessionResponse*) override {
    return Handle("GetSession", context);
  }
  grpc::Status RevokeSession(grpc::ServerContext* context, const v1::RevokeSessionRequest*,
                             v1::RevokeSessionResponse*) override {
    return Handle("RevokeSession", context);
  }
  grpc::Status RevokeUserSessions(grpc::ServerContext* context,
                                  const v1::RevokeUserSessionsRequest*,
                                  v1::RevokeUserSessionsResponse*) override {
    return Handle("RevokeUserSessions", context);
  }
  grpc::Status DeleteExpiredSessions(grpc::ServerContext* context,
                                     const v1::DeleteExpiredSessionsRequest*,
                                     v1::DeleteExpiredSessionsResponse*) override {
    return Handle("DeleteExpiredSessions", context);
  }

 private:
  grpc::Status Handle(const std::string& method, grpc::ServerContext* context) {
    absl::MutexLock lock(&mu_);
    ++calls_[method];
    const auto& metadata = context->client_metadata();
    auto authorization = metadata.find("authorization");
    authorizations_.push_back(
        authorization == metadata.end()
            ? "<none>"
            : std::string(authorization->second.data(), authorization->second.size()));
    auto& script = scripts_[method];
    if (script.empty()) return grpc::Status::OK;
    grpc::Status status = script.front();
    script.pop_front();
    return status;
  }

  absl::Mutex mu_;
  std::map<std::string, std::deque<grpc::Status>> scripts_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> calls_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> authorizations_ ABSL_GUARDED_BY(mu_);
  bool block_load_ ABSL_GUARDED_BY(mu_) = false;
  std::string loaded_session_id_ ABSL_GUARDED_BY(mu_) = "loaded";
  absl::Notification release_;
};

// Runs a ScriptedService on 127.0.0.1 with the given credentials.
class ScriptedServer {
 public:
  explicit ScriptedServer(
      std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials()) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", std::move(credentials), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
  }
  ~ScriptedServer() {
    service_.Release();
    if (server_ != nullptr) server_->Shutdown();
  }

  bool started() const { return server_ != nullptr; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  ScriptedService& service() { return service_; }

 private:
  ScriptedService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

ClientOptions FastRetryOptions(const std::string& address) {
  ClientOptions options;
  options.server = address;
  options.max_retries = 3;
  options.initial_backoff = absl::Milliseconds(1);
  options.max_backoff = absl::Milliseconds(5);
  return options;
}

std::shared_ptr<SessionStoreConnection> Connect(const ClientOptions& options) {
  auto connection = MakeSessionStoreConnection(options);
  EXPECT_OK(connection);
  return connection.ok() ? *connection : nullptr;
}

TEST(GrpcSessionStoreConnectionTest, SendsTheBearerTokenOnEveryCall) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  ClientOptions options = FastRetryOptions(server.address());
  options.token = "s3cret-token";
  auto connection = Connect(options);

  ASSERT_OK(connection->LoadSession({}));
  ASSERT_OK(connection->ListSessions({}));
  ASSERT_OK(connection->CreateSession({}));
  ASSERT_OK(testing::AwaitCallback<v1::LoadSessionResponse>(
      [&](auto done) { connection->AsyncLoadSession({}, std::move(done)); }));
  EXPECT_THAT(server.service().Authorizations(),
              ElementsAre("Bearer s3cret-token", "Bearer s3cret-token", "Bearer s3cret-token",
                          "Bearer s3cret-token"));
}

TEST(GrpcSessionStoreConnectionTest, SendsNoAuthorizationWithoutAToken) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  auto connection = Connect(FastRetryOptions(server.address()));
  ASSERT_OK(connection->GetSession({}));
  EXPECT_THAT(server.service().Authorizations(), ElementsAre("<none>"));
}

TEST(GrpcSessionStoreConnectionTest, RetriesLoadSessionOnUnavailableUntilItSucceeds) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("LoadSession", {kUnavailable, kUnavailable});
  auto connection = Connect(FastRetryOptions(server.address()));
  ASSERT_OK_AND_ASSIGN(auto loaded, connection->LoadSession({}));
  EXPECT_EQ(loaded.session().session_id(), "loaded");
  EXPECT_EQ(server.service().Calls("LoadSession"), 3);
}

// Calls `method` once through the connection and returns its status.
using Invoke = std::function<absl::Status(SessionStoreConnection&)>;
const std::map<std::string, Invoke>& Invokers() {
  static const auto* invokers = new std::map<std::string, Invoke>{
      {"CreateSession", [](auto& c) { return c.CreateSession({}).status(); }},
      {"LoadSession", [](auto& c) { return c.LoadSession({}).status(); }},
      {"SaveSession", [](auto& c) { return c.SaveSession({}).status(); }},
      {"CycleSessionKey", [](auto& c) { return c.CycleSessionKey({}).status(); }},
      {"DeleteSession", [](auto& c) { return c.DeleteSession({}).status(); }},
      {"ListSessions", [](auto& c) { return c.ListSessions({}).status(); }},
      {"GetSession", [](auto& c) { return c.GetSession({}).status(); }},
      {"RevokeSession", [](auto& c) { return c.RevokeSession({}).status(); }},
      {"RevokeUserSessions", [](auto& c) { return c.RevokeUserSessions({}).status(); }},
      {"DeleteExpiredSessions", [](auto& c) { return c.DeleteExpiredSessions({}).status(); }},
  };
  return *invokers;
}

class RetryPolicyTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RetryPolicyTest, RetriesOnlyCallsThatAreSafeToRepeat) {
  const std::string& method = GetParam();
  const bool safe =
      method != "CreateSession" && method != "SaveSession" && method != "CycleSessionKey";
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script(method, {kUnavailable});
  auto connection = Connect(FastRetryOptions(server.address()));
  const absl::Status status = Invokers().at(method)(*connection);
  if (safe) {
    EXPECT_OK(status);
    EXPECT_EQ(server.service().Calls(method), 2);
  } else {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_EQ(server.service().Calls(method), 1) << method << " must never be repeated";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryRpc, RetryPolicyTest,
                         ::testing::Values("CreateSession", "LoadSession", "SaveSession",
                                           "CycleSessionKey", "DeleteSession", "ListSessions",
                                           "GetSession", "RevokeSession", "RevokeUserSessions",
                                           "DeleteExpiredSessions"),
                         [](const auto& info) { return info.param; });

TEST(GrpcSessionStoreConnectionTest, GivesUpAfterMaxRetries) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("ListSessions", std::vector<grpc::Status>(10, kUnavailable));
  ClientOptions options = FastRetryOptions(server.address());
  options.max_retries = 2;
  auto connection = Connect(options);
  EXPECT_THAT(connection->ListSessions({}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(server.service().Calls("ListSessions"), 3);
}

TEST(GrpcSessionStoreConnectionTest, ZeroMaxRetriesMakesOneAttempt) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("LoadSession", {kUnavailable});
  ClientOptions options = FastRetryOptions(server.address());
  options.max_retries = 0;
  auto connection = Connect(options);
  EXPECT_THAT(connection->LoadSession({}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(server.service().Calls("LoadSession"), 1);
}

TEST(GrpcSessionStoreConnectionTest, AnswersOtherThanUnavailableAreNotRetried) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("LoadSession", {ToGrpcStatus(SessionNotFoundError())});
  auto connection = Connect(FastRetryOptions(server.address()));
  EXPECT_THAT(connection->LoadSession({}),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  EXPECT_EQ(server.service().Calls("LoadSession"), 1);
}

TEST(GrpcSessionStoreConnectionTest, AsyncLoadSessionRetriesOnUnavailable) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("LoadSession", {kUnavailable, kUnavailable});
  auto connection = Connect(FastRetryOptions(server.address()));
  ASSERT_OK_AND_ASSIGN(auto loaded, testing::AwaitCallback<v1::LoadSessionResponse>([&](auto done) {
                         connection->AsyncLoadSession({}, std::move(done));
                       }));
  EXPECT_EQ(loaded.session().session_id(), "loaded");
  EXPECT_EQ(server.service().Calls("LoadSession"), 3);
}

TEST(GrpcSessionStoreConnectionTest, AsyncCallsReportErrorsWithTheirReason) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("SaveSession",
                          {ToGrpcStatus(MakeError(absl::StatusCode::kAborted,
                                                  v1::ERROR_REASON_VERSION_CONFLICT, "conflict"))});
  server.service().Script("CreateSession", {kUnavailable});
  auto connection = Connect(FastRetryOptions(server.address()));
  EXPECT_THAT(testing::AwaitCallback<v1::SaveSessionResponse>(
                  [&](auto done) { connection->AsyncSaveSession({}, std::move(done)); }),
              StatusIsWithReason(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT));
  EXPECT_THAT(testing::AwaitCallback<v1::CreateSessionResponse>(
                  [&](auto done) { connection->AsyncCreateSession({}, std::move(done)); }),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(server.service().Calls("CreateSession"), 1);
}

TEST(GrpcSessionStoreConnectionTest, AsyncCallsOutliveTheConnection) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().Script("LoadSession", {kUnavailable});
  auto connection = Connect(FastRetryOptions(server.address()));
  absl::StatusOr<v1::LoadSessionResponse> loaded =
      testing::AwaitCallback<v1::LoadSessionResponse>([&](auto done) {
        connection->AsyncLoadSession({}, std::move(done));
        connection.reset();
      });
  EXPECT_OK(loaded);
}

TEST(GrpcSessionStoreConnectionTest, ADoneCallbackMayDropTheLastReference) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  for (int i = 0; i < 5; ++i) {
    auto connection = Connect(FastRetryOptions(server.address()));
    SessionStoreConnection* raw = connection.get();
    absl::StatusOr<v1::LoadSessionResponse> loaded =
        testing::AwaitCallback<v1::LoadSessionResponse>(
            [&](Callback<v1::LoadSessionResponse> done) {
              raw->AsyncLoadSession(
                  {}, [connection = std::move(connection),
                       done](absl::StatusOr<v1::LoadSessionResponse> result) mutable {
                    connection.reset();  // The last reference, released on a gRPC thread.
                    done(std::move(result));
                  });
            });
    EXPECT_OK(loaded);
  }
}

TEST(GrpcSessionStoreConnectionTest, AnAttemptPastTheCallTimeoutIsDeadlineExceeded) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().BlockLoadSession();
  ClientOptions options = FastRetryOptions(server.address());
  options.call_timeout = absl::Milliseconds(200);
  auto connection = Connect(options);
  const absl::Time start = absl::Now();
  EXPECT_THAT(connection->LoadSession({}), StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  EXPECT_EQ(server.service().Calls("LoadSession"), 1) << "DEADLINE_EXCEEDED is not retried";
  server.service().Release();
}

TEST(GrpcSessionStoreConnectionTest, AppliesChannelIntArgs) {
  ScriptedServer server;
  ASSERT_TRUE(server.started());
  server.service().SetLoadedSessionId(std::string(4096, 'x'));
  ClientOptions options = FastRetryOptions(server.address());
  options.channel_int_args["grpc.max_receive_message_length"] = 1024;
  auto connection = Connect(options);
  EXPECT_THAT(connection->LoadSession({}), StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(GrpcSessionStoreConnectionTest, UnreachableServerIsUnavailable) {
  ClientOptions options = FastRetryOptions("127.0.0.1:1");
  auto connection = Connect(options);
  EXPECT_THAT(connection->GetSession({}), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ClientOptionsTest, UnusableOptionsAreInvalidArgument) {
  usersessions::testing::TempDir dir;
  std::ofstream(dir.File("empty.pem")).close();
  std::ofstream(dir.File("cert.pem")) << "not really a certificate";
  struct Case {
    std::string name;
    std::function<void(ClientOptions&)> change;
    std::string message;  // a substring of the error
  };
  const std::vector<Case> cases = {
      {"MissingCa", [](auto& o) { o.tls_ca_file = "/nonexistent/ca.pem"; }, "/nonexistent/ca.pem"},
      {"EmptyCa", [&](auto& o) { o.tls_ca_file = dir.File("empty.pem"); }, "empty.pem"},
      {"MissingKey",
       [&](auto& o) {
         o.tls_cert_file = dir.File("cert.pem");
         o.tls_key_file = "/nonexistent/key.pem";
       },
       "/nonexistent/key.pem"},
      {"MissingCert",
       [&](auto& o) {
         o.tls_cert_file = "/nonexistent/cert.pem";
         o.tls_key_file = dir.File("cert.pem");
       },
       "/nonexistent/cert.pem"},
      {"CertWithoutKey", [&](auto& o) { o.tls_cert_file = dir.File("cert.pem"); }, "together"},
      {"ZeroTimeout", [](auto& o) { o.call_timeout = absl::ZeroDuration(); }, "call_timeout"},
      {"NegativeRetries", [](auto& o) { o.max_retries = -1; }, "max_retries"},
      {"TokenWithNewline", [](auto& o) { o.token = "abc\ndef"; }, "token"},
      {"EmptyServer", [](auto& o) { o.server = ""; }, "server"},
  };
  for (const Case& c : cases) {
    ClientOptions options;
    c.change(options);
    auto connection = MakeSessionStoreConnection(options);
    EXPECT_THAT(connection, StatusIs(absl::StatusCode::kInvalidArgument)) << c.name;
    EXPECT_THAT(std::string(connection.status().message()), HasSubstr(c.message)) << c.name;
  }
}

TEST(BackoffTest, GrowsExponentiallyWithJitterUpToTheMaximum) {
  Backoff backoff(absl::Milliseconds(100), absl::Seconds(1));
  for (int i = 0; i < 50; ++i) {
    const absl::Duration first = backoff.Delay(0);
    EXPECT_GE(first, absl::Milliseconds(50));
    EXPECT_LE(first, absl::Milliseconds(100));
    const absl::Duration third = backoff.Delay(2);
    EXPECT_GE(third, absl::Milliseconds(200));
    EXPECT_LE(third, absl::Milliseconds(400));
    const absl::Duration capped = backoff.Delay(30);
    EXPECT_GE(capped, absl::Milliseconds(500));
    EXPECT_LE(capped, absl::Seconds(1));
  }
  EXPECT_EQ(Backoff(absl::ZeroDuration(), absl::ZeroDuration()).Delay(3), absl::ZeroDuration());
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(certificates_, testing::MakeTestCertificates());
    Write("ca.pem", certificates_.ca_cert);
    Write("client.pem", certificates_.client_cert);
    Write("client.key", certificates_.client_key);
  }

  std::shared_ptr<grpc::ServerCredentials> ServerCredentials(bool require_client_cert) {
    grpc::SslServerCredentialsOptions options(
        require_client_cert ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                            : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    options.pem_root_certs = certificates_.ca_cert;
    options.pem_key_cert_pairs.push_back({certificates_.server_key, certificates_.server_cert});
    return grpc::SslServerCredentials(options);
  }

  void Write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_.File(name)) << contents;
  }

  usersessions::testing::TempDir dir_;
  testing::TestCertificates certificates_;
};

TEST_F(TlsTest, VerifiesTheServerAgainstTheCaFile) {
  ScriptedServer server(ServerCredentials(/*require_client_cert=*/false));
  ASSERT_TRUE(server.started());
  ClientOptions options = FastRetryOptions(server.address());
  options.tls_ca_file = dir_.File("ca.pem");
  EXPECT_OK(Connect(options)->LoadSession({}));

  ClientOptions plaintext = FastRetryOptions(server.address());
  plaintext.max_retries = 0;
  EXPECT_THAT(Connect(plaintext)->LoadSession({}), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, PresentsTheClientCertificateForMutualTls) {
  ScriptedServer server(ServerCredentials(/*require_client_cert=*/true));
  ASSERT_TRUE(server.started());
  ClientOptions options = FastRetryOptions(server.address());
  options.tls_ca_file = dir_.File("ca.pem");
  options.tls_cert_file = dir_.File("client.pem");
  options.tls_key_file = dir_.File("client.key");
  options.token = "t";
  EXPECT_OK(Connect(options)->LoadSession({}));
  EXPECT_THAT(server.service().Authorizations(), ElementsAre("Bearer t"));

  ClientOptions no_client_cert = FastRetryOptions(server.address());
  no_client_cert.tls_ca_file = dir_.File("ca.pem");
  no_client_cert.max_retries = 0;
  EXPECT_THAT(Connect(no_client_cert)->LoadSession({}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(server.service().Authorizations(), Each("Bearer t"));
}

}  // namespace
}  // namespace usersessions::client::internal
