// The demo's routes over real HTTP on loopback, against the real sessiond (SQLite in a private
// folder): what each route answers, and which requests create session records.
#include "examples/demo/demo_app.h"

#include <httplib.h>

#include <cctype>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/client_options.h"
#include "client/session_store_connection.h"
#include "common/clock.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/session_views.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::demo {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using usersessions::testing::SessiondProcess;
using usersessions::testing::TempDir;

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A small browser: one connection and a cookie jar (paths are ignored; the demo's cookies do
// not collide).
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(30); }

  Reply Get(const std::string& path) { return Record(client_.Get(path.c_str(), Headers())); }
  Reply Post(const std::string& path, const std::string& form) {
    return Record(client_.Post(path.c_str(), Headers(), form, "application/x-www-form-urlencoded"));
  }

  bool HasCookie(const std::string& name) const { return jar_.count(name) > 0; }

 private:
  httplib::Headers Headers() const {
    std::vector<std::string> pairs;
    for (const auto& [name, value] : jar_) pairs.push_back(absl::StrCat(name, "=", value));
    httplib::Headers headers;
    if (!pairs.empty()) headers.emplace("Cookie", absl::StrJoin(pairs, "; "));
    return headers;
  }

  Reply Record(const httplib::Result& result) {
    Reply reply;
    if (!result) {
      ADD_FAILURE() << "HTTP request failed: " << httplib::to_string(result.error());
      return reply;
    }
    reply.status = result->status;
    reply.body = result->body;
    reply.headers = result->headers;
    auto [begin, end] = result->headers.equal_range("Set-Cookie");
    for (auto it = begin; it != end; ++it) {
      const std::string pair = it->second.substr(0, it->second.find(';'));
      const size_t eq = pair.find('=');
      if (absl::StrContains(it->second, "Max-Age=0")) {
        jar_.erase(pair.substr(0, eq));
      } else {
        jar_[pair.substr(0, eq)] = pair.substr(eq + 1);
      }
    }
    return reply;
  }

  httplib::Client client_;
  std::map<std::string, std::string> jar_;
};

// The value of the first hidden csrf_token field in `html`.
std::string CsrfField(const std::string& html) {
  std::smatch match;
  static const std::regex kField(R"re(name="csrf_token" value="([^"]*)")re");
  return std::regex_search(html, match, kField) ? match[1].str() : "";
}

// An application/x-www-form-urlencoded body.
std::string Form(const std::map<std::string, std::string>& fields) {
  std::vector<std::string> pairs;
  for (const auto& [name, value] : fields) {
    std::string encoded;
    for (unsigned char c : value) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.push_back(static_cast<char>(c));
      } else {
        absl::StrAppend(&encoded, "%", absl::Hex(c, absl::kZeroPad2));
      }
    }
    pairs.push_back(absl::StrCat(name, "=", encoded));
  }
  return absl::StrJoin(pairs, "&");
}

class DemoAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        sessiond_, SessiondProcess::Start(
                       {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("sessions.db")}));
    client::ClientOptions options;
    options.server = sessiond_->address();
    ASSERT_OK_AND_ASSIGN(connection_, client::MakeSessionStoreConnection(options));

    sdk::SessionEngineOptions engine_options;
    engine_options.cookie.secure = false;
    ASSERT_OK_AND_ASSIGN(engine_, sdk::SessionEngine::Create(connection_, engine_options));
    ASSERT_OK_AND_ASSIGN(session_views_, sdk::views::SessionViews::Create(connection_, {}));
    sdk::views::AdminSessionViewsOptions admin_options;
    admin_options.is_admin = [this](const std::string& user, sdk::Session&) {
      return users_.IsAdmin(user);
    };
    ASSERT_OK_AND_ASSIGN(admin_views_,
                         sdk::views::AdminSessionViews::Create(connection_, admin_options));
    ASSERT_OK_AND_ASSIGN(login_csrf_,
                         LoginCsrf::Create(std::make_shared<OsSecureRandom>(),
                                           std::make_shared<SystemClock>(), "/login/", false));

    DemoAppParts parts;
    parts.engine = engine_.get();
    parts.users = &users_;
    parts.login_csrf = login_csrf_.get();
    parts.session_views = session_views_.get();
    parts.admin_views = admin_views_.get();
    MountDemoApp(server_, parts);
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    // The socket is bound, so requests queue until the thread accepts them.
    server_thread_ = std::thread([this] { server_.listen_after_bind(); });
  }

  void TearDown() override {
    server_.stop();
    if (server_thread_.joinable()) server_thread_.join();
  }

  // Every record in sessiond (sessiond's auth is off on loopback: this caller is an admin).
  int RecordCount() {
    v1::ListSessionsRequest request;
    request.set_state_filter(v1::STATE_FILTER_ALL);
    auto response = connection_->ListSessions(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? response->sessions_size() : -1;
  }

  // Signs `user` in through the form; returns the POST's reply.
  Reply SignIn(Browser& browser, const std::string& user, const std::string& password,
               const std::string& next = "") {
    const Reply form = browser.Get("/login/");
    EXPECT_EQ(form.status, 200);
    return browser.Post("/login/", Form({{"username", user},
                                         {"password", password},
                                         {"csrf_token", CsrfField(form.body)},
                                         {"next", next}}));
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::shared_ptr<client::SessionStoreConnection> connection_;
  std::unique_ptr<sdk::SessionEngine> engine_;
  std::unique_ptr<sdk::views::SessionViews> session_views_;
  std::unique_ptr<sdk::views::AdminSessionViews> admin_views_;
  std::unique_ptr<LoginCsrf> login_csrf_;
  const DemoUsers users_ = DemoUsers::Defaults();
  httplib::Server server_;
  std::thread server_thread_;
  int port_ = 0;
};

TEST_F(DemoAppTest, AnonymousPagesCreateNoRecord) {
  Browser browser(port_);
  const Reply home = browser.Get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_THAT(home.body, HasSubstr("<h1>Welcome</h1>"));
  const Reply login = browser.Get("/login/?next=/account/sessions/");
  EXPECT_EQ(login.status, 200);
  EXPECT_THAT(login.body, HasSubstr(R"(name="next" value="/account/sessions/")"));
  EXPECT_EQ(login.Header("Cache-Control").find("no-store"), 0u);
  EXPECT_TRUE(browser.HasCookie(LoginCsrf::kCookieName));
  EXPECT_FALSE(browser.HasCookie("sessionid"));
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(DemoAppTest, WrongPasswordIs401WithTheFormAndNoRecord) {
  Browser browser(port_);
  const Reply reply = SignIn(browser, "alice", "wrong");
  EXPECT_EQ(reply.status, 401);
  EXPECT_THAT(reply.body, HasSubstr("Wrong user name or password."));
  EXPECT_THAT(reply.body, HasSubstr(R"(value="alice")"));
  EXPECT_FALSE(browser.HasCookie("sessionid"));
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(DemoAppTest, SignInWithoutTheFormsTokenIs403) {
  Browser browser(port_);
  browser.Get("/login/");
  const Reply forged = browser.Post(
      "/login/", Form({{"username", "alice"}, {"password", "alice"}, {"csrf_token", "forged"}}));
  EXPECT_EQ(forged.status, 403);
  Browser no_cookie(port_);
  const Reply form = Browser(port_).Get("/login/");
  const Reply cross_site = no_cookie.Post(
      "/login/",
      Form({{"username", "alice"}, {"password", "alice"}, {"csrf_token", CsrfField(form.body)}}));
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(DemoAppTest, SignInCreatesTheUsersRecordAndFollowsOnlyLocalNext) {
  Browser browser(port_);
  const Reply reply = SignIn(browser, "alice", "alice", "/account/sessions/");
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("Location"), "/account/sessions/");
  EXPECT_TRUE(browser.HasCookie("sessionid"));
  EXPECT_FALSE(browser.HasCookie(LoginCsrf::kCookieName));
  EXPECT_EQ(RecordCount(), 1);

  Browser other(port_);
  EXPECT_EQ(SignIn(other, "bob", "bob", "//evil.example/").Header("Location"), "/");
}

TEST_F(DemoAppTest, HomeCountsVisitsAndKeepsACart) {
  Browser browser(port_);
  SignIn(browser, "bob", "bob");
  EXPECT_THAT(browser.Get("/").body, HasSubstr(R"(id="visits">1<)"));
  const Reply home = browser.Get("/");
  EXPECT_THAT(home.body, HasSubstr(R"(id="visits">2<)"));
  EXPECT_THAT(home.body, HasSubstr("Your cart is empty."));
  EXPECT_THAT(home.body, Not(HasSubstr("/admin/sessions/")));  // bob is no admin.
  const std::string token = CsrfField(home.body);

  EXPECT_EQ(browser.Post("/cart/", Form({{"item", "book"}, {"csrf_token", "forged"}})).status, 403);
  EXPECT_EQ(browser.Post("/cart/", Form({{"item", "car"}, {"csrf_token", token}})).status, 400);
  const Reply added = browser.Post("/cart/", Form({{"item", "book"}, {"csrf_token", token}}));
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(added.Header("Location"), "/");
  EXPECT_THAT(browser.Get("/").body, HasSubstr("<li>a book</li>"));

  EXPECT_EQ(browser.Post("/cart/clear/", Form({{"csrf_token", token}})).status, 303);
  EXPECT_THAT(browser.Get("/").body, HasSubstr("Your cart is empty."));
}

TEST_F(DemoAppTest, AdminsSeeTheAdminLink) {
  Browser browser(port_);
  SignIn(browser, "alice", "alice");
  EXPECT_THAT(browser.Get("/").body, HasSubstr(R"(href="/admin/sessions/")"));
}

TEST_F(DemoAppTest, CartNeedsASignedInUser) {
  Browser browser(port_);
  const Reply reply = browser.Post("/cart/", Form({{"item", "book"}}));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("Location"), "/login/?next=/");
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(DemoAppTest, LogoutNeedsTheSessionsTokenAndEndsTheRecord) {
  Browser browser(port_);
  SignIn(browser, "alice", "alice");
  const std::string token = CsrfField(browser.Get("/").body);
  EXPECT_EQ(browser.Post("/logout/", Form({{"csrf_token", "forged"}})).status, 403);
  EXPECT_EQ(RecordCount(), 1);

  const Reply reply = browser.Post("/logout/", Form({{"csrf_token", token}}));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("Location"), "/");
  EXPECT_FALSE(browser.HasCookie("sessionid"));
  EXPECT_EQ(RecordCount(), 0);
  EXPECT_THAT(browser.Get("/").body, HasSubstr("<h1>Welcome</h1>"));
}

TEST_F(DemoAppTest, WrongMethodsAndUnknownPaths) {
  Browser browser(port_);
  const Reply logout = browser.Get("/logout/");
  EXPECT_EQ(logout.status, 405);
  EXPECT_EQ(logout.Header("Allow"), "POST");
  const Reply missing = browser.Get("/nowhere/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr("Page not found"));
  EXPECT_EQ(missing.Header("Content-Type"), "text/html; charset=utf-8");
}

TEST_F(DemoAppTest, MountsTheSessionViews) {
  Browser browser(port_);
  const Reply anonymous = browser.Get("/account/sessions/");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_THAT(anonymous.Header("Location"), HasSubstr("/login/?next="));
  SignIn(browser, "alice", "alice");
  EXPECT_EQ(browser.Get("/account/sessions/").status, 200);
  EXPECT_EQ(browser.Get("/admin/sessions/").status, 200);
  Browser bob(port_);
  SignIn(bob, "bob", "bob");
  EXPECT_EQ(bob.Get("/admin/sessions/").status, 403);
}

}  // namespace
}  // namespace usersessions::demo
