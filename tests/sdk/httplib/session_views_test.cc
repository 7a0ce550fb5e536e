// The views mounted on cpp-httplib, over real HTTP on loopback, against the real sessiond (SQLite
// in a private folder): two browsers of one user, ending sessions, CSRF, routing, the admin
// listing, and 503 while sessiond is down.
#include "sdk/httplib/session_views.h"

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "client/session_store_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/sdk/views/page_scraping.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/user_agents.h"

namespace usersessions::sdk::httplib_shim {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using usersessions::testing::SessiondProcess;
using usersessions::testing::TempDir;
using views::testing::CsrfTokenIn;
using views::testing::SessionIdsIn;

constexpr const char* kIphoneSafari = usersessions::testing::kIphoneSafariUserAgent;
constexpr const char* kMacChrome = usersessions::testing::kMacChromeUserAgent;

struct Reply {
  int status = 0;
  std::string body;
  std::string location;
  std::string allow;
  std::string content_type;
};

// A browser with its own user agent and cookie jar; never follows redirects.
class Browser {
 public:
  Browser(int port, std::string user_agent)
      : client_("127.0.0.1", port), user_agent_(std::move(user_agent)) {
    client_.set_connection_timeout(5);
    client_.set_read_timeout(30);
  }

  Reply Get(const std::string& path, httplib::Headers extra = {}) {
    return Record(client_.Get(path.c_str(), WithDefaults(std::move(extra))));
  }
  Reply Post(const std::string& path, const std::string& form, httplib::Headers extra = {}) {
    return Record(client_.Post(path.c_str(), WithDefaults(std::move(extra)), form,
                               "application/x-www-form-urlencoded"));
  }
  Reply Login(const std::string& user) { return Post("/login/", "username=" + user); }
  const std::string& cookie() const { return cookie_; }

 private:
  httplib::Headers WithDefaults(httplib::Headers headers) const {
    headers.emplace("User-Agent", user_agent_);
    if (!cookie_.empty()) headers.emplace("Cookie", "sessionid=" + cookie_);
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
    reply.location = result->get_header_value("Location");
    reply.allow = result->get_header_value("Allow");
    reply.content_type = result->get_header_value("Content-Type");
    auto [begin, end] = result->headers.equal_range("Set-Cookie");
    for (auto it = begin; it != end; ++it) {
      absl::string_view pair = absl::string_view(it->second).substr(0, it->second.find(';'));
      if (!absl::ConsumePrefix(&pair, "sessionid=")) continue;
      cookie_ = absl::StrContains(it->second, "Max-Age=0") ? "" : std::string(pair);
    }
    return reply;
  }

  httplib::Client client_;
  std::string user_agent_;
  std::string cookie_;
};

class HttplibSessionViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        sessiond_, SessiondProcess::Start(
                       {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("sessions.db")}));
    client::ClientOptions options;
    options.server = sessiond_->address();
    options.max_retries = 0;
    ASSERT_OK_AND_ASSIGN(connection_, client::MakeSessionStoreConnection(options));
    SessionEngineOptions engine_options;
    engine_options.cookie.secure = false;  // Plain HTTP.
    ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, engine_options));
    ASSERT_OK_AND_ASSIGN(views_, views::SessionViews::Create(connection_, {}));
    views::AdminSessionViewsOptions admin_options;
    admin_options.is_admin = [](const std::string& user_id, Session&) { return user_id == "root"; };
    // With auth off on loopback every caller has the admin role; a deployment gives this
    // connection its own admin token.
    ASSERT_OK_AND_ASSIGN(admin_views_,
                         views::AdminSessionViews::Create(connection_, admin_options));

    server_.Post("/login/",
                 WithSession(*engine_,
                             [](const httplib::Request& request, httplib::Response& response,
                                Session& session) -> absl::Status {
                               response.set_redirect("/", 303);
                               return session.Login(request.get_param_value("username"));
                             }));
    MountSessionViews(server_, *engine_, *views_);
    MountAdminSessionViews(server_, *engine_, *admin_views_);
    server_.Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("home", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    server_thread_ = std::thread([this] { server_.listen_after_bind(); });
  }

  void TearDown() override {
    server_.stop();
    if (server_thread_.joinable()) server_thread_.join();
  }

  // The signed-in user's page; fails the test unless it is a 200.
  std::string Page(Browser& browser) {
    const Reply reply = browser.Get("/account/sessions/");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.body;
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::shared_ptr<client::SessionStoreConnection> connection_;
  std::unique_ptr<SessionEngine> engine_;
  std::unique_ptr<views::SessionViews> views_;
  std::unique_ptr<views::AdminSessionViews> admin_views_;
  httplib::Server server_;
  std::thread server_thread_;
  int port_ = 0;
};

TEST_F(HttplibSessionViewsTest, AnonymousVisitorIsRedirectedToLogin) {
  Browser browser(port_, kMacChrome);
  const Reply reply = browser.Get("/account/sessions/");
  EXPECT_EQ(reply.status, 303);
  // httplib's client percent-decodes header values; on the wire next is encoded (see the unit
  // tests and the Beast test).
  EXPECT_EQ(reply.location, "/login/?next=/account/sessions/");
  EXPECT_EQ(browser.cookie(), "");  // No session record for a mere visit.
}

TEST_F(HttplibSessionViewsTest, ListsBothDevicesAndEndsTheOtherOne) {
  Browser phone(port_, kIphoneSafari);
  Browser laptop(port_, kMacChrome);
  ASSERT_EQ(phone.Login("alice").status, 303);
  ASSERT_EQ(laptop.Login("alice").status, 303);

  const std::string html = Page(laptop);
  EXPECT_THAT(html, HasSubstr("Safari on iPhone"));
  EXPECT_THAT(html, HasSubstr("Chrome on macOS"));
  EXPECT_THAT(html, HasSubstr("Unknown location"));  // Loopback has none.
  EXPECT_THAT(html, HasSubstr("(127.0.0.1)"));
  EXPECT_THAT(html, Not(HasSubstr(phone.cookie())));
  EXPECT_THAT(html, Not(HasSubstr(laptop.cookie())));
  const std::vector<std::string> ids = SessionIdsIn(html);
  ASSERT_THAT(ids, SizeIs(2));
  // Newest activity first: the laptop just loaded this page... unless both fall in the same
  // activity resolution; so find the phone's row by its device instead.
  const std::string phone_id =
      html.find("Safari on iPhone") < html.find("Chrome on macOS") ? ids[0] : ids[1];

  // Forged or missing token: 403, and the phone stays signed in.
  EXPECT_EQ(laptop.Post("/account/sessions/" + phone_id + "/delete/", "").status, 403);
  EXPECT_EQ(laptop.Post("/account/sessions/" + phone_id + "/delete/", "csrf_token=forged").status,
            403);
  EXPECT_EQ(phone.Get("/account/sessions/").status, 200);

  const Reply ended =
      laptop.Post("/account/sessions/" + phone_id + "/delete/", "csrf_token=" + CsrfTokenIn(html));
  EXPECT_EQ(ended.status, 303);
  EXPECT_EQ(ended.location, "/account/sessions/");

  EXPECT_EQ(phone.Get("/account/sessions/").status, 303);  // Signed out.
  EXPECT_THAT(SessionIdsIn(Page(laptop)), SizeIs(1));
}

TEST_F(HttplibSessionViewsTest, TokenInTheHeaderWorksForScripts) {
  Browser laptop(port_, kMacChrome);
  Browser phone(port_, kIphoneSafari);
  laptop.Login("alice");
  phone.Login("alice");
  const std::string token = CsrfTokenIn(Page(laptop));

  const Reply reply = laptop.Post("/account/sessions/other/delete/", "",
                                  {{"X-CSRF-Token", token}, {"Accept", "application/json"}});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "{\"revokedCount\":\"1\"}");
  EXPECT_EQ(phone.Get("/account/sessions/").status, 303);
}

TEST_F(HttplibSessionViewsTest, EndAllOtherSessionsKeepsThisOne) {
  Browser a(port_, kMacChrome);
  Browser b(port_, kIphoneSafari);
  Browser c(port_, "curl/8.4.0");
  for (Browser* browser : {&a, &b, &c}) browser->Login("alice");

  const Reply reply =
      a.Post("/account/sessions/other/delete/", "csrf_token=" + CsrfTokenIn(Page(a)));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(b.Get("/account/sessions/").status, 303);
  EXPECT_EQ(c.Get("/account/sessions/").status, 303);
  const std::string html = Page(a);
  EXPECT_THAT(SessionIdsIn(html), SizeIs(1));
  EXPECT_THAT(html, HasSubstr("No other active sessions"));
}

TEST_F(HttplibSessionViewsTest, EndingTheCurrentSessionLogsOut) {
  Browser browser(port_, kMacChrome);
  browser.Login("alice");
  const std::string html = Page(browser);
  const std::string own_id = SessionIdsIn(html).at(0);

  const Reply reply =
      browser.Post("/account/sessions/" + own_id + "/delete/", "csrf_token=" + CsrfTokenIn(html));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.location, "/");
  EXPECT_EQ(browser.cookie(), "");  // The cookie was deleted.
  EXPECT_EQ(browser.Get("/account/sessions/").status, 303);
}

TEST_F(HttplibSessionViewsTest, ForeignSessionIdIs404) {
  Browser alice(port_, kMacChrome);
  Browser bob(port_, kIphoneSafari);
  alice.Login("alice");
  bob.Login("bob");
  const std::string bob_id = SessionIdsIn(Page(bob)).at(0);

  EXPECT_EQ(alice
                .Post("/account/sessions/" + bob_id + "/delete/",
                      "csrf_token=" + CsrfTokenIn(Page(alice)))
                .status,
            404);
  EXPECT_EQ(bob.Get("/account/sessions/").status, 200);  // Untouched.
}

TEST_F(HttplibSessionViewsTest, RoutingMethodsAndJson) {
  Browser browser(port_, kMacChrome);
  browser.Login("alice");
  const Reply get_delete = browser.Get("/account/sessions/AbC-_dEf-_gHi-_jKl-_mN/delete/");
  EXPECT_EQ(get_delete.status, 405);
  EXPECT_EQ(get_delete.allow, "POST");
  EXPECT_EQ(browser.Get("/account/sessions/other/delete/").status, 405);
  EXPECT_EQ(browser.Get("/account/sessions/unknown").status, 404);
  EXPECT_EQ(browser.Get("/").body, "home");  // Other routes are not taken over.

  const Reply json = browser.Get("/account/sessions/", {{"Accept", "application/json"}});
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_THAT(json.body, HasSubstr("\"current\":true"));
  EXPECT_THAT(json.body, Not(HasSubstr(browser.cookie())));

  const Reply dutch = browser.Get("/account/sessions/", {{"Accept-Language", "nl-NL,nl;q=0.9"}});
  EXPECT_THAT(dutch.body, HasSubstr("Chrome op macOS"));
}

TEST_F(HttplibSessionViewsTest, AdminListingIsBehindThePredicateAndEndsSelectedSessions) {
  Browser alice(port_, kIphoneSafari);
  Browser root(port_, kMacChrome);
  alice.Login("alice");
  root.Login("root");

  EXPECT_EQ(alice.Get("/admin/sessions/").status, 403);
  EXPECT_EQ(Browser(port_, kMacChrome).Get("/admin/sessions/").status, 303);

  const Reply listing = root.Get("/admin/sessions/?q=alice");
  ASSERT_EQ(listing.status, 200);
  const std::vector<std::string> ids = SessionIdsIn(listing.body);
  ASSERT_THAT(ids, SizeIs(1));
  EXPECT_THAT(listing.body, HasSubstr("Safari on iPhone"));

  const Reply ended =
      root.Post("/admin/sessions/delete/",
                "csrf_token=" + CsrfTokenIn(listing.body) + "&q=alice&session_id=" + ids[0]);
  EXPECT_EQ(ended.status, 303);
  EXPECT_EQ(ended.location, "/admin/sessions/?q=alice");
  EXPECT_EQ(alice.Get("/account/sessions/").status, 303);
  EXPECT_EQ(root.Post("/admin/sessions/delete/", "session_id=" + ids[0]).status, 403);
}

TEST_F(HttplibSessionViewsTest, SessiondDownAnswers503) {
  Browser browser(port_, kMacChrome);
  browser.Login("alice");
  ASSERT_EQ(sessiond_->Terminate(), 0);
  EXPECT_EQ(browser.Get("/account/sessions/").status, 503);
}

}  // namespace
}  // namespace usersessions::sdk::httplib_shim
