#include "server/grpc/server_credentials.h"

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/internal/test_certificates.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::server {
namespace {

using ::testing::HasSubstr;
using ::usersessions::testing::StatusIs;

class ServerCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client::testing::TestCertificates certs,
                         client::testing::MakeTestCertificates());
    Write("ca.pem", certs.ca_cert);
    Write("server.pem", certs.server_cert);
    Write("server.key", certs.server_key);
    Write("client.key", certs.client_key);
    Write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
  }
  void Write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_.File(name)) << contents;
  }
  std::string File(const std::string& name) { return dir_.File(name); }

  usersessions::testing::TempDir dir_;
};

TEST_F(ServerCredentialsTest, PlaintextWithoutFiles) {
  ASSERT_OK_AND_ASSIGN(auto credentials, MakeServerCredentials({}));
  EXPECT_NE(credentials, nullptr);
}

TEST_F(ServerCredentialsTest, TlsAndMutualTlsWithGoodFiles) {
  ASSERT_OK_AND_ASSIGN(auto tls,
                       MakeServerCredentials({File("server.pem"), File("server.key"), ""}));
  EXPECT_NE(tls, nullptr);
  ASSERT_OK_AND_ASSIGN(
      auto mutual, MakeServerCredentials({File("server.pem"), File("server.key"), File("ca.pem")}));
  EXPECT_NE(mutual, nullptr);
}

TEST_F(ServerCredentialsTest, BadFilesAreNamedInTheError) {
  const struct {
    TlsFiles files;
    std::string message;
  } cases[] = {
      {{File("missing.pem"), File("server.key"), ""}, "--tls-cert: cannot read"},
      {{File("server.pem"), File("missing.key"), ""}, "--tls-key: cannot read"},
      {{File("garbage.pem"), File("server.key"), ""}, "holds no PEM certificate"},
      {{File("server.pem"), File("ca.pem"), ""}, "holds no PEM private key"},
      {{File("server.pem"), File("client.key"), ""}, "is not the key of the certificate"},
      {{File("server.pem"), File("server.key"), File("missing.pem")}, "--tls-client-ca: cannot"},
      {{File("server.pem"), File("server.key"), File("server.key")},
       "--tls-client-ca: " + File("server.key") + " holds no PEM certificate"},
  };
  for (const auto& c : cases) {
    auto credentials = MakeServerCredentials(c.files);
    EXPECT_THAT(credentials, StatusIs(absl::StatusCode::kFailedPrecondition)) << c.message;
    EXPECT_THAT(std::string(credentials.status().message()), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace usersessions::server
