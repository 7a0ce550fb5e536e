// The cpp-httplib shim over real HTTP on loopback, against the real sessiond (SQLite in a private
// folder): cookies across requests, client info in sessiond, key rotation at login, logout, and
// 503 whenever the session cannot be loaded or saved.
#include "sdk/httplib/session_middleware.h"

#include <httplib.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "client/session_store_client.h"
#include "client/session_store_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::sdk::httplib_shim {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using usersessions::testing::SessiondProcess;
using usersessions::testing::StatusIs;
using usersessions::testing::TempDir;

std::vector<std::string> Values(const httplib::Headers& headers, const std::string& name) {
  std::vector<std::string> values;
  auto [begin, end] = headers.equal_range(name);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

// Pure translation: no server needed.

TEST(MakeRequestContextTest, CollectsEveryRelevantHeaderLine) {
  httplib::Request request;
  request.remote_addr = "192.0.2.10";
  request.headers.emplace("Cookie", "a=1");
  request.headers.emplace("cookie", "sessionid=x");
  request.headers.emplace("X-Forwarded-For", "198.51.100.1, 198.51.100.2");
  request.headers.emplace("x-forwarded-for", "198.51.100.3");
  request.headers.emplace("Forwarded", "for=198.51.100.4");
  request.headers.emplace("User-Agent", "Agent/1.0");

  const RequestContext context = MakeRequestContext(request);
  EXPECT_EQ(context.remote_addr, "192.0.2.10");
  EXPECT_EQ(context.cookie_header, "a=1; sessionid=x");
  EXPECT_THAT(context.x_forwarded_for, ElementsAre("198.51.100.1, 198.51.100.2", "198.51.100.3"));
  EXPECT_THAT(context.forwarded, ElementsAre("for=198.51.100.4"));
  EXPECT_EQ(context.user_agent, "Agent/1.0");
}

TEST(MakeRequestContextTest, MissingHeadersStayEmpty) {
  httplib::Request request;
  request.remote_addr = "::1";
  const RequestContext context = MakeRequestContext(request);
  EXPECT_EQ(context.remote_addr, "::1");
  EXPECT_EQ(context.cookie_header, "");
  EXPECT_THAT(context.x_forwarded_for, IsEmpty());
  EXPECT_THAT(context.forwarded, IsEmpty());
  EXPECT_EQ(context.user_agent, "");
}

struct MergeCase {
  std::string name;
  std::vector<std::string> vary_before;
  std::vector<std::string> cache_control_before;
  std::string vary_after;
  std::string cache_control_after;
};

class ApplyResponseHeadersTest : public ::testing::TestWithParam<MergeCase> {};

TEST_P(ApplyResponseHeadersTest, MergesVaryAndCacheControl) {
  const MergeCase& test = GetParam();
  httplib::Response response;
  for (const std::string& value : test.vary_before) response.headers.emplace("Vary", value);
  for (const std::string& value : test.cache_control_before) {
    response.headers.emplace("Cache-Control", value);
  }
  ResponseHeaders headers;
  headers.set_cookie = {"sessionid=a; Path=/", "other=b"};
  headers.vary_cookie = true;
  headers.cache_control_private = true;

  ApplyResponseHeaders(headers, response);
  EXPECT_THAT(Values(response.headers, "Vary"), ElementsAre(test.vary_after));
  EXPECT_THAT(Values(response.headers, "Cache-Control"), ElementsAre(test.cache_control_after));
  EXPECT_THAT(Values(response.headers, "Set-Cookie"),
              ElementsAre("sessionid=a; Path=/", "other=b"));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ApplyResponseHeadersTest,
    ::testing::Values(
        MergeCase{"Empty", {}, {}, "Cookie", "private"},
        MergeCase{"KeepsOthers",
                  {"Accept-Encoding"},
                  {"max-age=60"},
                  "Accept-Encoding, Cookie",
                  "max-age=60, private"},
        MergeCase{"FoldsLines",
                  {"Accept-Encoding", "Accept-Language"},
                  {"no-cache", "max-age=0"},
                  "Accept-Encoding, Accept-Language, Cookie",
                  "no-cache, max-age=0, private"},
        MergeCase{"AlreadyVariesOnCookie", {"cookie"}, {"private"}, "cookie", "private"},
        MergeCase{"VaryStar", {"*"}, {}, "*", "private"},
        MergeCase{
            "PublicBecomesPrivate", {}, {"public, max-age=600"}, "Cookie", "max-age=600, private"},
        MergeCase{"QualifiedPrivateBecomesUnqualified",
                  {},
                  {"private=\"Set-Cookie, X-Token\", max-age=5"},
                  "Cookie",
                  "max-age=5, private"},
        MergeCase{"QuotedCommasStayTogether",
                  {},
                  {"no-cache=\"Set-Cookie, X-Token\""},
                  "Cookie",
                  "no-cache=\"Set-Cookie, X-Token\", private"}),
    [](const ::testing::TestParamInfo<MergeCase>& info) { return info.param.name; });

TEST(ApplyResponseHeadersTest, AddsNothingUnasked) {
  httplib::Response response;
  response.headers.emplace("Cache-Control", "public");
  ApplyResponseHeaders(ResponseHeaders(), response);
  EXPECT_THAT(Values(response.headers, "Cache-Control"), ElementsAre("public"));
  EXPECT_FALSE(response.has_header("Vary"));
  EXPECT_FALSE(response.has_header("Set-Cookie"));
}

TEST(SetServiceUnavailableTest, ReplacesTheWholeResponse) {
  httplib::Response response;
  response.status = 302;
  response.set_header("Location", "/elsewhere");
  response.set_content("moved", "text/html");
  SetServiceUnavailable(response);
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, "Service Unavailable");
  EXPECT_FALSE(response.has_header("Location"));
  EXPECT_EQ(response.get_header_value("Cache-Control"), "no-store");
}

// Over real HTTP, against sessiond.

constexpr char kCookieName[] = "sessionid";
constexpr char kUserAgent[] = "ShimTest/1.0 (X11; Linux x86_64)";

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  std::vector<std::string> set_cookie;
};

// A tiny browser: one httplib::Client and a jar for the session cookie.
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) {
    client_.set_connection_timeout(5);
    client_.set_read_timeout(30);
  }

  Reply Get(const std::string& path, httplib::Headers extra = {}) {
    AddCookie(extra);
    return Record(client_.Get(path.c_str(), extra));
  }
  Reply Post(const std::string& path, const std::string& form = "", httplib::Headers extra = {}) {
    AddCookie(extra);
    return Record(client_.Post(path.c_str(), extra, form, "application/x-www-form-urlencoded"));
  }

  // The session cookie's value; "" when the jar has none.
  const std::string& cookie() const { return cookie_; }
  void set_cookie(std::string value) { cookie_ = std::move(value); }

 private:
  void AddCookie(httplib::Headers& headers) const {
    if (!cookie_.empty()) headers.emplace("Cookie", absl::StrCat(kCookieName, "=", cookie_));
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
    reply.set_cookie = Values(result->headers, "Set-Cookie");
    for (const std::string& line : reply.set_cookie) {
      absl::string_view pair = absl::string_view(line).substr(0, line.find(';'));
      if (!absl::ConsumePrefix(&pair, absl::StrCat(kCookieName, "="))) continue;
      cookie_ = absl::StrContains(line, "Max-Age=0") ? "" : std::string(pair);
    }
    return reply;
  }

  httplib::Client client_;
  std::string cookie_;
};

class HttplibShimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        sessiond_, SessiondProcess::Start(
                       {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("sessions.db")}));
    client::ClientOptions options;
    options.server = sessiond_->address();
    ASSERT_OK_AND_ASSIGN(connection_, client::MakeSessionStoreConnection(options));
  }

  void TearDown() override {
    server_.stop();
    if (server_thread_.joinable()) server_thread_.join();
  }

  // Starts the application: a visit counter with login and logout.
  void StartApp(SessionEngineOptions options = {}) {
    options.cookie.secure = false;  // Plain HTTP.
    ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, std::move(options)));
    auto on_error = [this](const httplib::Request& request, const absl::Status& error) {
      absl::MutexLock lock(&mutex_);
      errors_.push_back(error);
    };
    server_.Get("/count", WithSession(
                              *engine_,
                              [](const httplib::Request&, httplib::Response& response,
                                 Session& session) -> absl::Status {
                                const double count = session.GetNumber("count") + 1;
                                if (absl::Status s = session.SetNumber("count", count); !s.ok()) {
                                  return s;
                                }
                                response.set_content(absl::StrCat(count), "text/plain");
                                return absl::OkStatus();
                              },
                              on_error));
    server_.Get("/whoami", WithSession(
                               *engine_,
                               [](const httplib::Request&, httplib::Response& response,
                                  Session& session) -> absl::Status {
                                 absl::StatusOr<std::string> user = session.user_id();
                                 if (!user.ok()) return user.status();
                                 response.set_content(user->empty() ? "(anonymous)" : *user,
                                                      "text/plain");
                                 return absl::OkStatus();
                               },
                               on_error));
    server_.Post("/login", WithSession(
                               *engine_,
                               [](const httplib::Request& request, httplib::Response& response,
                                  Session& session) -> absl::Status {
                                 response.set_redirect("/", 303);
                                 return session.Login(request.get_param_value("user"));
                               },
                               on_error));
    server_.Post("/logout", WithSession(
                                *engine_,
                                [](const httplib::Request&, httplib::Response& response,
                                   Session& session) -> absl::Status {
                                  session.Logout();
                                  response.set_redirect("/", 303);
                                  return absl::OkStatus();
                                },
                                on_error));
    // Writes, then fails: nothing may be saved.
    server_.Get("/fail", WithSession(
                             *engine_,
                             [](const httplib::Request&, httplib::Response& response,
                                Session& session) -> absl::Status {
                               if (absl::Status s = session.SetNumber("count", 100); !s.ok()) {
                                 return s;
                               }
                               response.set_content("all good", "text/plain");
                               return absl::UnavailableError("payment service unreachable");
                             },
                             on_error));
    // Signs out, then fails: the logout still happens.
    server_.Post("/logout-then-fail",
                 WithSession(
                     *engine_,
                     [](const httplib::Request&, httplib::Response&, Session& session) {
                       session.Logout();
                       return absl::InternalError("template error");
                     },
                     on_error));
    // Sets its own caching headers, which the shim merges with the session's.
    server_.Get("/cached", WithSession(
                               *engine_,
                               [](const httplib::Request&, httplib::Response& response,
                                  Session& session) -> absl::Status {
                                 response.set_header("Vary", "Accept-Encoding");
                                 response.set_header("Cache-Control", "public, max-age=60");
                                 response.set_content(session.GetString("name", "nobody"),
                                                      "text/plain");
                                 return absl::OkStatus();
                               },
                               on_error));
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    server_thread_ = std::thread([this] { server_.listen_after_bind(); });
  }

  // Every session of `user_id`, as sessiond lists it.
  std::vector<v1::Session> SessionsOf(const std::string& user_id) {
    client::SessionStoreClient client(connection_);
    v1::ListSessionsRequest request;
    request.set_user_id(user_id);
    absl::StatusOr<v1::ListSessionsResponse> response = client.ListSessions(request);
    EXPECT_OK(response);
    if (!response.ok()) return {};
    return {response->sessions().begin(), response->sessions().end()};
  }

  std::vector<absl::Status> Errors() {
    absl::MutexLock lock(&mutex_);
    return errors_;
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::shared_ptr<client::SessionStoreConnection> connection_;
  std::unique_ptr<SessionEngine> engine_;
  httplib::Server server_;
  std::thread server_thread_;
  int port_ = 0;
  absl::Mutex mutex_;
  std::vector<absl::Status> errors_ ABSL_GUARDED_BY(mutex_);
};

TEST_F(HttplibShimTest, TwoRequestsKeepTheSession) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);

  const Reply first = browser.Get("/count");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "1");
  ASSERT_THAT(first.set_cookie, SizeIs(1));
  EXPECT_THAT(first.set_cookie[0], HasSubstr("HttpOnly"));
  EXPECT_THAT(first.set_cookie[0], HasSubstr("SameSite=Lax"));
  EXPECT_THAT(browser.cookie(), SizeIs(43));
  EXPECT_THAT(Values(first.headers, "Vary"), ElementsAre("Cookie"));
  EXPECT_THAT(Values(first.headers, "Cache-Control"), ElementsAre("private"));

  const std::string key = browser.cookie();
  const Reply second = browser.Get("/count");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "2");
  EXPECT_EQ(browser.cookie(), key);
  EXPECT_THAT(Errors(), IsEmpty());
}

TEST_F(HttplibShimTest, ReadsEveryCookieLine) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");

  // Two Cookie lines, the session cookie in the second.
  Browser other(port_);
  const Reply reply = other.Get(
      "/count",
      {{"Cookie", "theme=dark"}, {"Cookie", absl::StrCat("sessionid=", browser.cookie())}});
  EXPECT_EQ(reply.body, "2");
}

TEST_F(HttplibShimTest, ClientIpThroughTrustedProxyAndUserAgentReachSessiond) {
  SessionEngineOptions options;
  options.trusted_proxies = {"127.0.0.0/8"};
  ASSERT_NO_FATAL_FAILURE(StartApp(options));
  Browser browser(port_);

  // Two X-Forwarded-For lines: the client, then a trusted hop (skipped).
  const Reply reply = browser.Post("/login", "user=alice",
                                   {{"User-Agent", kUserAgent},
                                    {"X-Forwarded-For", "198.51.100.23"},
                                    {"X-Forwarded-For", "127.0.0.2"}});
  EXPECT_EQ(reply.status, 303);

  const std::vector<v1::Session> sessions = SessionsOf("alice");
  ASSERT_THAT(sessions, SizeIs(1));
  EXPECT_EQ(sessions[0].ip_address(), "198.51.100.23");
  EXPECT_EQ(sessions[0].user_agent(), kUserAgent);
}

TEST_F(HttplibShimTest, UntrustedPeerCannotForgeItsAddress) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  browser.Post("/login", "user=bob",
               {{"User-Agent", kUserAgent}, {"X-Forwarded-For", "198.51.100.23"}});

  const std::vector<v1::Session> sessions = SessionsOf("bob");
  ASSERT_THAT(sessions, SizeIs(1));
  EXPECT_EQ(sessions[0].ip_address(), "127.0.0.1");
}

TEST_F(HttplibShimTest, LoginRotatesTheKey) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");
  const std::string anonymous_key = browser.cookie();

  const Reply login = browser.Post("/login", "user=alice");
  EXPECT_EQ(login.status, 303);
  ASSERT_THAT(login.set_cookie, SizeIs(1));
  EXPECT_THAT(browser.cookie(), SizeIs(43));
  EXPECT_NE(browser.cookie(), anonymous_key);

  // The data came along; the new key names alice's session.
  EXPECT_EQ(browser.Get("/whoami").body, "alice");
  EXPECT_EQ(browser.Get("/count").body, "2");

  // The old key is dead: a fresh anonymous session, and the browser is told to drop the cookie.
  Browser attacker(port_);
  attacker.set_cookie(anonymous_key);
  const Reply stale = attacker.Get("/whoami");
  EXPECT_EQ(stale.status, 200);
  EXPECT_EQ(stale.body, "(anonymous)");
  ASSERT_THAT(stale.set_cookie, SizeIs(1));
  EXPECT_THAT(stale.set_cookie[0], HasSubstr("Max-Age=0"));
}

TEST_F(HttplibShimTest, LogoutClearsTheCookieAndTheRecord) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  browser.Post("/login", "user=carol");
  const std::string key = browser.cookie();
  ASSERT_THAT(key, SizeIs(43));
  ASSERT_THAT(SessionsOf("carol"), SizeIs(1));

  const Reply logout = browser.Post("/logout");
  EXPECT_EQ(logout.status, 303);
  ASSERT_THAT(logout.set_cookie, SizeIs(1));
  EXPECT_THAT(logout.set_cookie[0], HasSubstr("sessionid=;"));
  EXPECT_THAT(logout.set_cookie[0], HasSubstr("Max-Age=0"));
  EXPECT_EQ(browser.cookie(), "");
  EXPECT_THAT(SessionsOf("carol"), IsEmpty());

  Browser replay(port_);
  replay.set_cookie(key);
  EXPECT_EQ(replay.Get("/whoami").body, "(anonymous)");
}

TEST_F(HttplibShimTest, MergesTheHandlersCachingHeaders) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  const Reply reply = browser.Get("/cached");
  EXPECT_EQ(reply.body, "nobody");
  EXPECT_THAT(Values(reply.headers, "Vary"), ElementsAre("Accept-Encoding, Cookie"));
  EXPECT_THAT(Values(reply.headers, "Cache-Control"), ElementsAre("max-age=60, private"));
  // Read-only and anonymous: no record, no cookie.
  EXPECT_THAT(reply.set_cookie, IsEmpty());
  EXPECT_THAT(SessionsOf(""), IsEmpty());
}

TEST_F(HttplibShimTest, HandlerErrorAnswers503AndSavesNothing) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");

  const Reply failed = browser.Get("/fail");
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.body, "Service Unavailable");
  EXPECT_THAT(Errors(), ElementsAre(StatusIs(absl::StatusCode::kUnavailable)));

  EXPECT_EQ(browser.Get("/count").body, "2");
}

TEST_F(HttplibShimTest, LogoutInAFailedRequestStillSignsOut) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  browser.Post("/login", "user=erin");
  ASSERT_THAT(SessionsOf("erin"), SizeIs(1));

  const Reply failed = browser.Post("/logout-then-fail");
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.body, "Service Unavailable");
  ASSERT_THAT(failed.set_cookie, SizeIs(1));
  EXPECT_THAT(failed.set_cookie[0], HasSubstr("Max-Age=0"));
  EXPECT_THAT(SessionsOf("erin"), IsEmpty());
  EXPECT_THAT(Errors(), ElementsAre(StatusIs(absl::StatusCode::kInternal)));
}

TEST_F(HttplibShimTest, SessiondDownAnswers503) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");
  ASSERT_EQ(sessiond_->Terminate(), 0);

  // Loading the session fails.
  const Reply load = browser.Get("/count");
  EXPECT_EQ(load.status, 503);
  EXPECT_EQ(load.body, "Service Unavailable");
  EXPECT_THAT(load.set_cookie, IsEmpty());
  EXPECT_THAT(Values(load.headers, "Cache-Control"), ElementsAre("no-store"));

  // Creating one fails.
  Browser newcomer(port_);
  const Reply create = newcomer.Get("/count");
  EXPECT_EQ(create.status, 503);
  EXPECT_EQ(create.body, "Service Unavailable");
  EXPECT_THAT(create.set_cookie, IsEmpty());

  EXPECT_THAT(Errors(), ElementsAre(StatusIs(absl::StatusCode::kUnavailable),
                                    StatusIs(absl::StatusCode::kUnavailable)));
}

TEST_F(HttplibShimTest, InvalidUtf8UserAgentIsCleanedBeforeItReachesSessiond) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  const Reply reply =
      browser.Post("/login", "user=mallory", {{"User-Agent", "Evil\xff\xfe/1.0 (\xc3\x28)"}});
  EXPECT_EQ(reply.status, 303);
  const std::vector<v1::Session> sessions = SessionsOf("mallory");
  ASSERT_THAT(sessions, SizeIs(1));
  EXPECT_EQ(sessions[0].user_agent(), "Evil\xef\xbf\xbd\xef\xbf\xbd/1.0 (\xef\xbf\xbd()");
  EXPECT_THAT(Errors(), IsEmpty());
}

TEST_F(HttplibShimTest, HostileCookiesBecomeAFreshAnonymousSession) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  const std::string forged(43, 'A');  // Well-formed, but no such session.
  const std::string half(5000, 'x');  // Two such lines exceed the SDK's 8 KiB Cookie limit.
  const std::vector<httplib::Headers> hostile = {
      {{"Cookie", absl::StrCat("a=", half)}, {"Cookie", absl::StrCat("sessionid=", forged)}},
      {{"Cookie", absl::StrCat("sessionid=", std::string(5000, 'A'))}},
      {{"Cookie", "sessionid=garbage; sessionid=; sessionid=\"; =x; ;;"}},
      {{"Cookie", absl::StrCat("sessionid=", forged)}},
      {{"Cookie", absl::StrCat("sessionid=", forged, "; sessionid=", forged)}},
  };
  for (const httplib::Headers& headers : hostile) {
    Browser browser(port_);
    const Reply reply = browser.Get("/count", headers);
    EXPECT_EQ(reply.status, 200) << headers.begin()->second.substr(0, 40);
    EXPECT_EQ(reply.body, "1") << headers.begin()->second.substr(0, 40);
    EXPECT_NE(browser.cookie(), forged);
  }
  EXPECT_THAT(Errors(), IsEmpty());
}

}  // namespace
}  // namespace usersessions::sdk::httplib_shim
