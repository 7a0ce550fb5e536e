// The views served from a Boost.Beast event loop, over real HTTP on loopback, against the real
// sessiond (SQLite in a private folder). The management calls run on a separate thread pool;
// everything else on each connection's strand.
#include "sdk/beast/session_views.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
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

namespace usersessions::sdk::beast_shim {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using net::ip::tcp;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using usersessions::testing::SessiondProcess;
using usersessions::testing::TempDir;
using views::testing::CsrfTokenIn;
using views::testing::SessionIdsIn;

constexpr const char* kIphoneSafari = usersessions::testing::kIphoneSafariUserAgent;
constexpr const char* kMacChrome = usersessions::testing::kMacChromeUserAgent;

TEST(TranslationTest, ViewRequestFromBeastAndBack) {
  StringRequest request(http::verb::post, "/account/sessions/x/delete/?a=1&b=2", 11);
  request.set(http::field::accept, "application/json");
  request.set(http::field::accept_language, "nl");
  request.set(http::field::content_type, "application/x-www-form-urlencoded");
  request.set("X-CSRF-Token", "tok");
  request.body() = "csrf_token=t";
  EXPECT_EQ(TargetPath(request), "/account/sessions/x/delete/");

  const views::ViewRequest view = MakeViewRequest(request);
  EXPECT_EQ(view.method, "POST");
  EXPECT_EQ(view.path, "/account/sessions/x/delete/");
  EXPECT_EQ(view.query, "a=1&b=2");
  EXPECT_EQ(view.accept, "application/json");
  EXPECT_EQ(view.accept_language, "nl");
  EXPECT_EQ(view.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(view.body, "csrf_token=t");
  EXPECT_EQ(view.csrf_header, "tok");

  views::ViewResponse answer;
  answer.status = 303;
  answer.headers = {{"Location", "/login/?next=%2F"}, {"Cache-Control", "no-store"}};
  const StringResponse response = MakeViewResponse(answer, 11, true);
  EXPECT_EQ(response.result_int(), 303u);
  EXPECT_EQ(response[http::field::location], "/login/?next=%2F");
  EXPECT_EQ(response[http::field::cache_control], "no-store");
  EXPECT_TRUE(response.body().empty());
  EXPECT_TRUE(response.keep_alive());
}

struct Reply {
  unsigned status = 0;
  std::string body;
  std::string location;
  std::string allow;
};

// A browser with its own user agent and cookie jar; one connection per request.
class Browser {
 public:
  Browser(unsigned short port, std::string user_agent)
      : port_(port), user_agent_(std::move(user_agent)) {}

  Reply Get(const std::string& target, const std::string& accept = "text/html") {
    return Send(http::verb::get, target, "", accept);
  }
  Reply Post(const std::string& target, const std::string& form) {
    return Send(http::verb::post, target, form, "text/html");
  }
  Reply Login(const std::string& user) { return Post("/login/", "username=" + user); }
  const std::string& cookie() const { return cookie_; }

 private:
  Reply Send(http::verb verb, const std::string& target, const std::string& form,
             const std::string& accept) {
    net::io_context io;
    tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port_});
    StringRequest request(verb, target, 11);
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::user_agent, user_agent_);
    request.set(http::field::accept, accept);
    if (!cookie_.empty()) request.set(http::field::cookie, "sessionid=" + cookie_);
    if (verb == http::verb::post) {
      request.set(http::field::content_type, "application/x-www-form-urlencoded");
      request.body() = form;
    }
    request.prepare_payload();
    http::write(socket, request);
    beast::flat_buffer buffer;
    StringResponse response;
    http::read(socket, buffer, response);
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);

    Reply reply;
    reply.status = response.result_int();
    reply.body = response.body();
    reply.location = std::string(response[http::field::location]);
    reply.allow = std::string(response[http::field::allow]);
    for (auto it = response.find(http::field::set_cookie); it != response.end(); ++it) {
      if (it->name() != http::field::set_cookie) continue;
      const std::string line(it->value());
      absl::string_view pair = absl::string_view(line).substr(0, line.find(';'));
      if (!absl::ConsumePrefix(&pair, "sessionid=")) continue;
      cookie_ = absl::StrContains(line, "Max-Age=0") ? "" : std::string(pair);
    }
    return reply;
  }

  unsigned short port_;
  std::string user_agent_;
  std::string cookie_;
};

// The application: POST /login/ signs in (AsyncHandleRequest), the views do the rest.
struct App {
  const SessionEngine& engine;
  const views::SessionViews& views;
  const views::AdminSessionViews& admin_views;
  net::any_io_executor blocking;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, net::strand<net::io_context::executor_type> strand, const App& app)
      : stream_(std::move(socket)), strand_(std::move(strand)), app_(app) {}

  void Read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       if (!error) self->OnRequest();
                     });
  }

 private:
  void OnRequest() {
    beast::error_code error;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(error);
    if (error) return;
    auto write = [self = shared_from_this()](StringResponse response, absl::Status) {
      auto held = std::make_shared<StringResponse>(std::move(response));
      http::async_write(self->stream_, *held, [self, held](beast::error_code, std::size_t) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      });
    };
    const absl::string_view path = TargetPath(request_);
    if (app_.views.Matches(path)) {
      return AsyncHandleSessionViews(app_.engine, app_.views, std::move(request_), peer, strand_,
                                     app_.blocking, write);
    }
    if (app_.admin_views.Matches(path)) {
      return AsyncHandleAdminSessionViews(app_.engine, app_.admin_views, std::move(request_), peer,
                                          strand_, app_.blocking, write);
    }
    AsyncHandleRequest(
        app_.engine, std::move(request_), peer, strand_,
        [](const StringRequest& request, StringResponse& response, Session& session) {
          const std::string body = request.body();
          response.result(http::status::see_other);
          response.set(http::field::location, "/");
          return session.Login(body.substr(body.find('=') + 1));
        },
        write);
  }

  beast::tcp_stream stream_;
  net::strand<net::io_context::executor_type> strand_;
  const App& app_;
  beast::flat_buffer buffer_;
  StringRequest request_;
};

// gRPC 1.51 aborts when the last channel is destroyed on one of its callback threads; the
// connections live until the process exits (as in session_middleware_test.cc).
void KeepUntilExit(std::shared_ptr<client::SessionStoreConnection> connection) {
  static auto* const kept = new std::vector<std::shared_ptr<client::SessionStoreConnection>>();
  kept->push_back(std::move(connection));
}

class BeastSessionViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        sessiond_, SessiondProcess::Start(
                       {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("sessions.db")}));
    client::ClientOptions options;
    options.server = sessiond_->address();
    options.max_retries = 0;
    ASSERT_OK_AND_ASSIGN(connection_, client::MakeSessionStoreConnection(options));
    KeepUntilExit(connection_);
    SessionEngineOptions engine_options;
    engine_options.cookie.secure = false;  // Plain HTTP.
    ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, engine_options));
    ASSERT_OK_AND_ASSIGN(views_, views::SessionViews::Create(connection_, {}));
    views::AdminSessionViewsOptions admin_options;
    admin_options.is_admin = [](const std::string& user_id, Session&) { return user_id == "root"; };
    ASSERT_OK_AND_ASSIGN(admin_views_,
                         views::AdminSessionViews::Create(connection_, admin_options));
    app_ = std::make_unique<App>(App{*engine_, *views_, *admin_views_, pool_.get_executor()});

    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    Accept();
    loop_thread_ = std::thread([this] { loop_.run(); });
  }

  // Closes the acceptor; the loop returns once every connection is done and no call is in
  // flight.
  void TearDown() override {
    net::post(loop_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    if (loop_thread_.joinable()) loop_thread_.join();
    pool_.join();
  }

  void Accept() {
    auto strand = net::make_strand(loop_);
    acceptor_.async_accept(strand, [this, strand](beast::error_code error, tcp::socket socket) {
      if (error) return;
      std::make_shared<Connection>(std::move(socket), strand, *app_)->Read();
      Accept();
    });
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::shared_ptr<client::SessionStoreConnection> connection_;
  std::unique_ptr<SessionEngine> engine_;
  std::unique_ptr<views::SessionViews> views_;
  std::unique_ptr<views::AdminSessionViews> admin_views_;
  net::thread_pool pool_{2};
  std::unique_ptr<App> app_;
  net::io_context loop_;
  tcp::acceptor acceptor_{loop_};
  std::thread loop_thread_;
  unsigned short port_ = 0;
};

TEST_F(BeastSessionViewsTest, AnonymousVisitorIsRedirectedWithAnEncodedNext) {
  Browser browser(port_, kMacChrome);
  const Reply reply = browser.Get("/account/sessions/");
  EXPECT_EQ(reply.status, 303u);
  EXPECT_EQ(reply.location, "/login/?next=%2Faccount%2Fsessions%2F");
}

TEST_F(BeastSessionViewsTest, ListsBothDevicesAndEndsTheOtherOne) {
  Browser phone(port_, kIphoneSafari);
  Browser laptop(port_, kMacChrome);
  ASSERT_EQ(phone.Login("alice").status, 303u);
  ASSERT_EQ(laptop.Login("alice").status, 303u);

  const Reply page = laptop.Get("/account/sessions/");
  ASSERT_EQ(page.status, 200u);
  EXPECT_THAT(page.body, HasSubstr("Safari on iPhone"));
  EXPECT_THAT(page.body, HasSubstr("Chrome on macOS"));
  EXPECT_THAT(page.body, Not(HasSubstr(phone.cookie())));
  const std::vector<std::string> ids = SessionIdsIn(page.body);
  ASSERT_THAT(ids, SizeIs(2));
  const std::string phone_id =
      page.body.find("Safari on iPhone") < page.body.find("Chrome on macOS") ? ids[0] : ids[1];

  EXPECT_EQ(laptop.Post("/account/sessions/" + phone_id + "/delete/", "csrf_token=x").status, 403u);
  const Reply ended = laptop.Post("/account/sessions/" + phone_id + "/delete/",
                                  "csrf_token=" + CsrfTokenIn(page.body));
  EXPECT_EQ(ended.status, 303u);
  EXPECT_EQ(phone.Get("/account/sessions/").status, 303u);
}

TEST_F(BeastSessionViewsTest, MethodsRoutesJsonAndAdmin) {
  Browser root(port_, kMacChrome);
  root.Login("root");
  const Reply get_delete = root.Get("/account/sessions/other/delete/");
  EXPECT_EQ(get_delete.status, 405u);
  EXPECT_EQ(get_delete.allow, "POST");
  EXPECT_EQ(root.Get("/account/sessions/a/b/").status, 404u);
  const Reply json = root.Get("/account/sessions/", "application/json");
  EXPECT_THAT(json.body, HasSubstr("\"current\":true"));
  const Reply admin = root.Get("/admin/sessions/?scope=mine");
  EXPECT_EQ(admin.status, 200u);
  EXPECT_THAT(SessionIdsIn(admin.body), SizeIs(1));
}

TEST_F(BeastSessionViewsTest, SessiondDownAnswers503) {
  Browser browser(port_, kMacChrome);
  browser.Login("alice");
  ASSERT_EQ(sessiond_->Terminate(), 0);
  EXPECT_EQ(browser.Get("/account/sessions/").status, 503u);
}

}  // namespace
}  // namespace usersessions::sdk::beast_shim
