// sessiond with --tls-cert/--tls-key and with --tls-client-ca (mutual TLS), called through the
// client library's TLS options. Certificates are generated for each run, never checked in.
#include <memory>
#include <string>

#include "client/session_store_client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/internal/test_certificates.h"
#include "tests/security/secured_sessiond.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::testing {
namespace {

using ::testing::HasSubstr;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(certs_, client::testing::MakeTestCertificates());
    ASSERT_OK_AND_ASSIGN(other_certs_, client::testing::MakeTestCertificates());
    WriteFile(dir_.File("ca.pem"), certs_.ca_cert);
    WriteFile(dir_.File("server.pem"), certs_.server_cert);
    WriteFile(dir_.File("server.key"), certs_.server_key);
    WriteFile(dir_.File("client.pem"), certs_.client_cert);
    WriteFile(dir_.File("client.key"), certs_.client_key);
    WriteFile(dir_.File("other-client.pem"), other_certs_.client_cert);
    WriteFile(dir_.File("other-client.key"), other_certs_.client_key);
    WriteTokensFile(dir_.File("tokens"), {{"engine", kEngineToken}});
  }

  std::vector<std::string> ServerArgs(bool mutual) {
    std::vector<std::string> args = {"--listen=127.0.0.1:0",
                                     "--health-listen=127.0.0.1:0",
                                     "--store=sqlite:" + dir_.File("s.db"),
                                     "--cleanup-interval=0",
                                     "--auth-tokens-file=" + dir_.File("tokens"),
                                     "--tls-cert=" + dir_.File("server.pem"),
                                     "--tls-key=" + dir_.File("server.key")};
    if (mutual) args.push_back("--tls-client-ca=" + dir_.File("ca.pem"));
    return args;
  }

  // CreateSession through the client library with `options` aimed at `address`.
  absl::Status CreateSession(const std::string& address, client::ClientOptions options) {
    options.server = address;
    options.token = kEngineToken;
    options.max_retries = 0;
    absl::StatusOr<client::SessionStoreClient> client = client::SessionStoreClient::Create(options);
    if (!client.ok()) return client.status();
    v1::CreateSessionRequest request;
    request.set_user_id("alice");
    return client->CreateSession(request).status();
  }

  client::ClientOptions Tls() {
    client::ClientOptions options;
    options.tls_ca_file = dir_.File("ca.pem");
    return options;
  }

  client::ClientOptions MutualTls(const std::string& prefix = "") {
    client::ClientOptions options = Tls();
    options.tls_cert_file = dir_.File(prefix + "client.pem");
    options.tls_key_file = dir_.File(prefix + "client.key");
    return options;
  }

  TempDir dir_;
  client::testing::TestCertificates certs_;
  client::testing::TestCertificates other_certs_;
};

TEST_F(TlsTest, TlsPortServesTlsClientsAndRefusesPlaintext) {
  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start(ServerArgs(/*mutual=*/false)));
  EXPECT_OK(CreateSession(process->address(), Tls()));
  EXPECT_THAT(CreateSession(process->address(), client::ClientOptions()),
              StatusIs(absl::StatusCode::kUnavailable));
  // A client that trusts another CA refuses the server.
  client::ClientOptions wrong_ca;
  WriteFile(dir_.File("other-ca.pem"), other_certs_.ca_cert);
  wrong_ca.tls_ca_file = dir_.File("other-ca.pem");
  EXPECT_THAT(CreateSession(process->address(), wrong_ca),
              StatusIs(absl::StatusCode::kUnavailable));
  // Kubelet probes use the plaintext health port.
  const std::string health = process->Log().substr(process->Log().find("\"health_listening\":\""));
  const std::string health_address = health.substr(20, health.find('"', 20) - 20);
  EXPECT_EQ(CheckHealth(health_address), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(TlsTest, MutualTlsRequiresAClientCertificateFromTheConfiguredCa) {
  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start(ServerArgs(/*mutual=*/true)));
  EXPECT_OK(CreateSession(process->address(), MutualTls()));
  EXPECT_THAT(CreateSession(process->address(), Tls()), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(CreateSession(process->address(), MutualTls("other-")),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(CreateSession(process->address(), client::ClientOptions()),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, TokensAreStillRequiredOverMutualTls) {
  ASSERT_OK_AND_ASSIGN(auto process, SessiondProcess::Start(ServerArgs(/*mutual=*/true)));
  client::ClientOptions options = MutualTls();
  options.server = process->address();
  options.max_retries = 0;
  ASSERT_OK_AND_ASSIGN(client::SessionStoreClient client,
                       client::SessionStoreClient::Create(options));
  EXPECT_THAT(client.CreateSession(v1::CreateSessionRequest()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(TlsTest, BadTlsFilesStopSessiondAtStart) {
  WriteFile(dir_.File("garbage.pem"), "not a certificate\n");
  const std::string store = "--store=sqlite:" + dir_.File("s.db");
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--tls-cert=" + dir_.File("missing.pem"), "--tls-key=" + dir_.File("server.key")},
       "--tls-cert: cannot read"},
      {{"--tls-cert=" + dir_.File("garbage.pem"), "--tls-key=" + dir_.File("server.key")},
       "holds no PEM certificate"},
      {{"--tls-cert=" + dir_.File("server.pem"), "--tls-key=" + dir_.File("client.key")},
       "is not the key of the certificate"},
      {{"--tls-cert=" + dir_.File("server.pem"), "--tls-key=" + dir_.File("server.key"),
        "--tls-client-ca=" + dir_.File("garbage.pem")},
       "--tls-client-ca"},
      {{"--tls-cert=" + dir_.File("server.pem")},
       "--tls-cert and --tls-key must be given together"},
      {{"--tls-client-ca=" + dir_.File("ca.pem")}, "--tls-client-ca needs --tls-cert"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = c.args;
    args.push_back("--listen=127.0.0.1:0");
    args.push_back(store);
    ProcessResult result = RunSessiond(args);
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_THAT(result.output, HasSubstr(c.message));
  }
}

TEST_F(TlsTest, NonLoopbackNeedsTokensOrInsecure) {
  const std::string store = "--store=sqlite:" + dir_.File("s.db");
  ProcessResult refused = RunSessiond({"--listen=0.0.0.0:0", store});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.output, HasSubstr("refusing to listen on 0.0.0.0:0 without authentication"));

  ASSERT_OK_AND_ASSIGN(auto secured,
                       SessiondProcess::Start({"--listen=0.0.0.0:0", store, "--cleanup-interval=0",
                                               "--auth-tokens-file=" + dir_.File("tokens"),
                                               "--tls-cert=" + dir_.File("server.pem"),
                                               "--tls-key=" + dir_.File("server.key")}));
  EXPECT_THAT(secured->Log(), ::testing::Not(HasSubstr("travel in clear")));
  EXPECT_THAT(secured->Log(), ::testing::Not(HasSubstr("without authentication")));
  EXPECT_EQ(secured->Terminate(), 0);

  ASSERT_OK_AND_ASSIGN(auto plaintext_tokens,
                       SessiondProcess::Start({"--listen=0.0.0.0:0", store, "--cleanup-interval=0",
                                               "--auth-tokens-file=" + dir_.File("tokens")}));
  EXPECT_TRUE(plaintext_tokens->WaitForLog("bearer tokens travel in clear", absl::Seconds(10)));
  EXPECT_EQ(plaintext_tokens->Terminate(), 0);

  ASSERT_OK_AND_ASSIGN(
      auto insecure,
      SessiondProcess::Start({"--listen=0.0.0.0:0", store, "--cleanup-interval=0", "--insecure"}));
  EXPECT_TRUE(insecure->WaitForLog("serving without authentication on a non-loopback address",
                                   absl::Seconds(10)));
  EXPECT_EQ(insecure->Terminate(), 0);
}

}  // namespace
}  // namespace usersessions::testing
