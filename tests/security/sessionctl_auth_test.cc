// sessionctl as an operator uses it against a sessiond with tokens and mutual TLS: its token line
// from `hash-token` is what sessiond accepts, the token comes from --token or USERSESSIONS_TOKEN,
// and the TLS files from --tls-ca/--tls-cert/--tls-key (or their environment variables).
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "client/sessionctl/cli.h"
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

struct CtlResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs sessionctl in-process with `stdin_text` and exactly the environment `env`.
CtlResult Ctl(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
              const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  const SystemClock clock;
  sessionctl::Environment environment;
  environment.in = &in;
  environment.out = &out;
  environment.err = &err;
  environment.clock = &clock;
  environment.env = [&env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  CtlResult result;
  result.exit_code = sessionctl::RunSessionctl(args, environment);
  result.out = out.str();
  result.err = err.str();
  return result;
}

TEST(SessionctlAuthTest, HashTokenLinesTokensAndTlsFlagsWorkAgainstASecuredSessiond) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(client::testing::TestCertificates certs,
                       client::testing::MakeTestCertificates());
  WriteFile(dir.File("ca.pem"), certs.ca_cert);
  WriteFile(dir.File("server.pem"), certs.server_cert);
  WriteFile(dir.File("server.key"), certs.server_key);
  WriteFile(dir.File("client.pem"), certs.client_cert);
  WriteFile(dir.File("client.key"), certs.client_key);

  CtlResult engine_line = Ctl({"hash-token", "--role", "engine"}, {}, "ctl-engine-token\n");
  CtlResult admin_line = Ctl({"hash-token", "--role", "admin"}, {}, "ctl-admin-token\n");
  ASSERT_EQ(engine_line.exit_code, 0) << engine_line.err;
  ASSERT_EQ(admin_line.exit_code, 0) << admin_line.err;
  WriteFile(dir.File("tokens"),
            "# sessionctl hash-token output\n" + engine_line.out + admin_line.out);

  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start(
          {"--listen=127.0.0.1:0", "--store=sqlite:" + dir.File("s.db"), "--cleanup-interval=0",
           "--auth-tokens-file=" + dir.File("tokens"), "--tls-cert=" + dir.File("server.pem"),
           "--tls-key=" + dir.File("server.key"), "--tls-client-ca=" + dir.File("ca.pem")}));
  const std::map<std::string, std::string> tls_env = {
      {"USERSESSIONS_SERVER", process->address()},
      {"USERSESSIONS_TLS_CA", dir.File("ca.pem")},
      {"USERSESSIONS_TLS_CERT", dir.File("client.pem")},
      {"USERSESSIONS_TLS_KEY", dir.File("client.key")},
      {"USERSESSIONS_TIMEOUT", "5s"},
  };
  auto with = [&](std::map<std::string, std::string> extra) {
    extra.insert(tls_env.begin(), tls_env.end());
    return extra;
  };

  CtlResult admin = Ctl({"list"}, with({{"USERSESSIONS_TOKEN", "ctl-admin-token"}}));
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  CtlResult admin_flag = Ctl({"--token", "ctl-admin-token", "clear-expired"}, with({}));
  EXPECT_EQ(admin_flag.exit_code, 0) << admin_flag.err;

  CtlResult engine = Ctl({"list"}, with({{"USERSESSIONS_TOKEN", "ctl-engine-token"}}));
  EXPECT_EQ(engine.exit_code, 1);
  EXPECT_THAT(engine.err, HasSubstr("admin"));
  CtlResult engine_own =
      Ctl({"list", "--user", "alice"}, with({{"USERSESSIONS_TOKEN", "ctl-engine-token"}}));
  EXPECT_EQ(engine_own.exit_code, 0) << engine_own.err;

  CtlResult anonymous = Ctl({"list", "--user", "alice"}, with({}));
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_THAT(anonymous.err, HasSubstr("missing credentials"));

  CtlResult no_client_cert = Ctl({"--tls-ca", dir.File("ca.pem"), "--server", process->address(),
                                  "--timeout", "5s", "--token", "ctl-admin-token", "list"},
                                 {});
  EXPECT_EQ(no_client_cert.exit_code, 1);
}

}  // namespace
}  // namespace usersessions::testing
