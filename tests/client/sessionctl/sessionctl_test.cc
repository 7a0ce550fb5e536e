// sessionctl end to end: the real binary against a real sessiond (SQLite in a private folder),
// checking its output, its exit codes and what it changed on the server.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "client/session_store_client.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace usersessions::sessionctl {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using usersessions::testing::SessiondProcess;
using usersessions::testing::TempDir;

constexpr char kChromeOnMac[] =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/127.0.0.0 Safari/537.36";
constexpr char kCurl[] = "curl/8.4.0";

struct CtlResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Runs the sessionctl binary with `args`, `stdin_text` on its stdin, no USERSESSIONS_* variables
// from this process, plus `env`. Killed after a minute.
CtlResult RunSessionctl(const std::vector<std::string>& args, const std::string& stdin_text = "",
                        const std::map<std::string, std::string>& env = {}) {
  TempDir dir;
  const std::string in_path = dir.File("stdin");
  const std::string out_path = dir.File("stdout");
  const std::string err_path = dir.File("stderr");
  std::ofstream(in_path) << stdin_text;

  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!absl::StartsWith(*entry, "USERSESSIONS_")) env_strings.emplace_back(*entry);
  }
  for (const auto& [name, value] : env) env_strings.push_back(absl::StrCat(name, "=", value));
  std::vector<char*> envp;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings = {USERSESSIONS_SESSIONCTL_PATH};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const pid_t pid = fork();
  if (pid == 0) {
    const int in_fd = open(in_path.c_str(), O_RDONLY);
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) _exit(126);
    dup2(in_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  CtlResult run;
  int status = 0;
  const absl::Time deadline = absl::Now() + absl::Minutes(1);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      ADD_FAILURE() << "sessionctl did not finish within a minute";
      return run;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  return run;
}

std::ostream& operator<<(std::ostream& os, const CtlResult& run) {
  return os << "exit " << run.exit_code << "\nstdout:\n" << run.out << "stderr:\n" << run.err;
}

// The data rows of a table (every line but the header).
std::vector<std::string> Rows(const std::string& table) {
  std::vector<std::string> lines = absl::StrSplit(table, '\n', absl::SkipEmpty());
  if (!lines.empty()) lines.erase(lines.begin());
  return lines;
}

// A loopback port that nothing listens on.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

class SessionctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(sessiond_,
                         SessiondProcess::Start({"--listen=127.0.0.1:0",
                                                 "--store=sqlite:" + dir_.File("sessions.db"),
                                                 "--cleanup-interval=0"}));
    server_flag_ = "--server=" + sessiond_->address();
    client::ClientOptions options;
    options.server = sessiond_->address();
    ASSERT_OK_AND_ASSIGN(auto client, client::SessionStoreClient::Create(options));
    client_ = std::make_unique<client::SessionStoreClient>(std::move(client));
  }

  std::string Create(const std::string& user_id, const std::string& user_agent,
                     int ttl_seconds = 0) {
    v1::CreateSessionRequest request;
    request.set_user_id(user_id);
    request.mutable_client()->set_ip_address("198.51.100.20");
    request.mutable_client()->set_user_agent(user_agent);
    if (ttl_seconds > 0) request.mutable_ttl()->set_seconds(ttl_seconds);
    auto created = client_->CreateSession(request);
    EXPECT_OK(created);
    return created.ok() ? created->session().session_id() : "";
  }

  // Runs `sessionctl COMMAND --server=ADDR ARGS...`.
  CtlResult Ctl(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin() + std::min<size_t>(1, args.size()), server_flag_);
    return RunSessionctl(args, stdin_text);
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::string server_flag_;
  std::unique_ptr<client::SessionStoreClient> client_;
};

TEST_F(SessionctlTest, ListPrintsAnAlignedTable) {
  const std::string alice = Create("alice", kChromeOnMac);
  const std::string bob = Create("bob", kCurl);
  const std::string anonymous = Create("", kCurl);

  CtlResult run = Ctl({"list"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.err, IsEmpty());
  std::vector<std::string> lines = absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(4)) << run;
  EXPECT_THAT(lines[0], AllOf(HasSubstr("SESSION ID"), HasSubstr("USER"), HasSubstr("IP"),
                              HasSubstr("DEVICE"), HasSubstr("LOCATION"),
                              HasSubstr("LAST ACTIVITY"), HasSubstr("STATE")));
  // Aligned: every column starts at the same offset on every line.
  const size_t device_column = lines[0].find("DEVICE");
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.size() > device_column && line[device_column - 1] == ' ' &&
                line[device_column] != ' ')
        << line;
  }
  EXPECT_THAT(run.out, HasSubstr("Chrome on macOS"));
  EXPECT_THAT(run.out, HasSubstr("curl"));
  EXPECT_THAT(run.out, HasSubstr("(anonymous)"));
  EXPECT_TRUE(absl::StrContains(run.out, "just now") || absl::StrContains(run.out, "minute"));
  EXPECT_THAT(run.out, HasSubstr("active"));
  for (const std::string& id : {alice, bob, anonymous}) EXPECT_THAT(run.out, HasSubstr(id));
}

TEST_F(SessionctlTest, ListJsonIsOneArrayOfProto3Json) {
  const std::string alice = Create("alice", kChromeOnMac);
  const std::string bob = Create("bob", kCurl);
  CtlResult run = Ctl({"list", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run;
  v1::ListSessionsResponse parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage("{\"sessions\":" + run.out + "}", &parsed).ok())
      << run;
  std::vector<std::string> ids;
  for (const v1::Session& session : parsed.sessions()) ids.push_back(session.session_id());
  EXPECT_THAT(ids, UnorderedElementsAre(alice, bob));
  EXPECT_EQ(Ctl({"list", "--json", "--user", "nobody"}).out, "[]\n");
}

TEST_F(SessionctlTest, ListFiltersByUserSearchStateAndLimit) {
  const std::string alice = Create("alice", kChromeOnMac);
  const std::string bob = Create("bob", kCurl);
  Create("carol", kCurl);

  CtlResult by_user = Ctl({"list", "--user", "alice"});
  ASSERT_EQ(by_user.exit_code, 0) << by_user;
  ASSERT_THAT(Rows(by_user.out), SizeIs(1)) << by_user;
  EXPECT_THAT(by_user.out, HasSubstr(alice));

  CtlResult by_search = Ctl({"list", "--search", "curl"});
  ASSERT_EQ(by_search.exit_code, 0) << by_search;
  EXPECT_THAT(Rows(by_search.out), SizeIs(2)) << by_search;
  EXPECT_THAT(by_search.out, Not(HasSubstr(alice)));

  CtlResult limited = Ctl({"list", "--limit", "2"});
  ASSERT_EQ(limited.exit_code, 0) << limited;
  EXPECT_THAT(Rows(limited.out), SizeIs(2)) << limited;

  CtlResult expired = Ctl({"list", "--state", "expired"});
  ASSERT_EQ(expired.exit_code, 0) << expired;
  EXPECT_THAT(Rows(expired.out), IsEmpty()) << expired;
}

TEST_F(SessionctlTest, ShowPrintsOneSession) {
  const std::string alice = Create("alice", kChromeOnMac);
  CtlResult run = Ctl({"show", "--session", alice, "--user", "alice"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, HasSubstr("SESSION ID:    " + alice));
  EXPECT_THAT(run.out, HasSubstr("USER:          alice"));
  EXPECT_THAT(run.out, HasSubstr("DEVICE:        Chrome on macOS"));
  EXPECT_THAT(run.out, HasSubstr("IP:            198.51.100.20"));

  CtlResult json = Ctl({"show", "--session", alice, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  v1::Session parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &parsed).ok()) << json;
  EXPECT_EQ(parsed.session_id(), alice);
}

TEST_F(SessionctlTest, AnUnknownSessionIsNotFoundWithExitOne) {
  Create("alice", kCurl);
  const std::string unknown = "AAAAAAAAAAAAAAAAAAAAAA";
  CtlResult run = Ctl({"show", "--session", unknown});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("NOT_FOUND"));
  EXPECT_THAT(run.err, HasSubstr("SESSION_NOT_FOUND"));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run;
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(SessionctlTest, RevokeEndsTheSession) {
  const std::string alice = Create("alice", kChromeOnMac);
  const std::string other = Create("alice", kCurl);
  CtlResult run = Ctl({"revoke", "--session", alice, "--user", "alice"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, HasSubstr(alice));

  CtlResult listed = Ctl({"list", "--user", "alice"});
  EXPECT_THAT(listed.out, Not(HasSubstr(alice)));
  EXPECT_THAT(listed.out, HasSubstr(other));

  CtlResult again = Ctl({"revoke", "--session", alice});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_THAT(again.err, HasSubstr("NOT_FOUND"));
}

TEST_F(SessionctlTest, RevokeAllKeepsTheNamedSessionAndPrintsTheCount) {
  const std::string keep = Create("bob", kChromeOnMac);
  Create("bob", kCurl);
  Create("bob", kCurl);
  const std::string alice = Create("alice", kCurl);

  CtlResult run = Ctl({"revoke-all", "--user", "bob", "--keep", keep});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out, "revoked 2 sessions of user bob\n");

  CtlResult listed = Ctl({"list"});
  EXPECT_THAT(Rows(listed.out), SizeIs(2)) << listed;
  EXPECT_THAT(listed.out, AllOf(HasSubstr(keep), HasSubstr(alice)));
}

TEST_F(SessionctlTest, ClearExpiredDeletesExpiredSessions) {
  for (int i = 0; i < 3; ++i) Create("short", kCurl, /*ttl_seconds=*/1);
  const std::string lasting = Create("long", kCurl);

  // Wait, with a deadline, until the three have expired.
  v1::ListSessionsRequest expired;
  expired.set_state_filter(v1::STATE_FILTER_EXPIRED);
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (true) {
    auto listed = client_->ListSessions(expired);
    ASSERT_OK(listed);
    if (listed->sessions_size() == 3) break;
    ASSERT_LT(absl::Now(), deadline) << "sessions with a 1s ttl did not expire";
    absl::SleepFor(absl::Milliseconds(100));
  }

  CtlResult run = Ctl({"clear-expired", "--batch", "2"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, HasSubstr("deleted 3 expired sessions\n"));

  CtlResult all = Ctl({"list", "--state", "all"});
  ASSERT_THAT(Rows(all.out), SizeIs(1)) << all;
  EXPECT_THAT(all.out, HasSubstr(lasting));
  EXPECT_THAT(Ctl({"clear-expired"}).out, HasSubstr("deleted 0 expired sessions\n"));
}

TEST_F(SessionctlTest, ClientFlagsMayComeFirstAndFromTheEnvironment) {
  const std::string alice = Create("alice", kCurl);
  CtlResult first = RunSessionctl({server_flag_, "list", "--user", "alice"});
  ASSERT_EQ(first.exit_code, 0) << first;
  EXPECT_THAT(first.out, HasSubstr(alice));
  CtlResult env = RunSessionctl(
      {"list"}, "",
      {{"USERSESSIONS_SERVER", sessiond_->address()}, {"USERSESSIONS_TOKEN", "unused-until-auth"}});
  ASSERT_EQ(env.exit_code, 0) << env;
  EXPECT_THAT(env.out, HasSubstr(alice));
}

TEST(SessionctlStandaloneTest, HashTokenPrintsTheTokensFileLine) {
  CtlResult run = RunSessionctl({"hash-token", "--role", "engine"}, "abc\n");
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out,
            "engine sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
  CtlResult bad_role = RunSessionctl({"hash-token", "--role", "superuser"}, "abc\n");
  EXPECT_EQ(bad_role.exit_code, 2) << bad_role;
}

TEST(SessionctlStandaloneTest, ABadFlagIsAUsageError) {
  CtlResult run = RunSessionctl({"list", "--frobnicate"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_THAT(run.err, HasSubstr("--frobnicate"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST(SessionctlStandaloneTest, AServerThatIsDownIsUnavailableWithExitOne) {
  CtlResult run =
      RunSessionctl({"list", absl::StrCat("--server=127.0.0.1:", ClosedPort()), "--timeout=5s"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run;
}

}  // namespace
}  // namespace usersessions::sessionctl
