// The Boost.Beast shim: translation (in-process), then a Beast event-loop server over real HTTP
// and WebSocket on loopback, against the real sessiond (SQLite in a private folder). The loop
// runs on two threads; every handler and completion must run on its connection's strand.
#include "sdk/beast/session_middleware.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
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
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "client/session_store_client.h"
#include "client/session_store_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::sdk::beast_shim {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using usersessions::testing::SessiondProcess;
using usersessions::testing::StatusIs;
using usersessions::testing::TempDir;

template <typename Fields>
std::vector<std::string> Values(const Fields& fields, absl::string_view name) {
  std::vector<std::string> values;
  auto [begin, end] = fields.equal_range(beast::string_view(name.data(), name.size()));
  for (auto it = begin; it != end; ++it) values.emplace_back(it->value());
  return values;
}

// Pure translation: no server needed.

TEST(MakeRequestContextTest, CollectsEveryRelevantHeaderLine) {
  StringRequest request(http::verb::get, "/", 11);
  request.insert(http::field::cookie, "a=1");
  request.insert("cookie", "sessionid=x");
  request.insert("X-Forwarded-For", "198.51.100.1, 198.51.100.2");
  request.insert("x-forwarded-for", "198.51.100.3");
  request.insert("Forwarded", "for=198.51.100.4");
  request.insert(http::field::user_agent, "Agent/1.0");
  const tcp::endpoint peer(net::ip::make_address("2001:db8::7"), 443);

  const RequestContext context = MakeRequestContext(request, peer);
  EXPECT_EQ(context.remote_addr, "2001:db8::7");
  EXPECT_EQ(context.cookie_header, "a=1; sessionid=x");
  EXPECT_THAT(context.x_forwarded_for, ElementsAre("198.51.100.1, 198.51.100.2", "198.51.100.3"));
  EXPECT_THAT(context.forwarded, ElementsAre("for=198.51.100.4"));
  EXPECT_EQ(context.user_agent, "Agent/1.0");
}

TEST(ApplyResponseHeadersTest, AddsCookiesAndMergesCachingHeaders) {
  StringResponse response(http::status::ok, 11);
  response.insert(http::field::vary, "Accept-Encoding");
  response.insert(http::field::cache_control, "public");
  response.insert(http::field::cache_control, "max-age=60");
  ResponseHeaders headers;
  headers.set_cookie = {"sessionid=a; Path=/", "other=b"};
  headers.vary_cookie = true;
  headers.cache_control_private = true;

  ApplyResponseHeaders(headers, response);
  EXPECT_THAT(Values(response, "Set-Cookie"), ElementsAre("sessionid=a; Path=/", "other=b"));
  EXPECT_THAT(Values(response, "Vary"), ElementsAre("Accept-Encoding, Cookie"));
  EXPECT_THAT(Values(response, "Cache-Control"), ElementsAre("max-age=60, private"));
}

TEST(MakeServiceUnavailableTest, IsA503ThatNoCacheStores) {
  const StringResponse response = MakeServiceUnavailable(10, true);
  EXPECT_EQ(response.result_int(), 503);
  EXPECT_EQ(response.version(), 10u);
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(response.body(), "Service Unavailable");
  EXPECT_EQ(response[http::field::cache_control], "no-store");
  EXPECT_EQ(response[http::field::content_length], "19");
}

// Over real HTTP, against sessiond.

constexpr char kUserAgent[] = "ShimTest/1.0 (X11; Linux x86_64)";

struct Reply {
  unsigned status = 0;
  std::string body;
  std::vector<std::string> set_cookie;
  std::vector<std::string> vary;
  std::vector<std::string> cache_control;
};

// A tiny browser over a plain socket: one connection per request, and a jar for the session
// cookie.
class Browser {
 public:
  explicit Browser(unsigned short port) : port_(port) {}

  Reply Get(const std::string& target,
            std::vector<std::pair<std::string, std::string>> extra = {}) {
    return Send(http::verb::get, target, "", std::move(extra));
  }
  Reply Post(const std::string& target, const std::string& form = "",
             std::vector<std::pair<std::string, std::string>> extra = {}) {
    return Send(http::verb::post, target, form, std::move(extra));
  }

  // Opens /ws: the handshake status (101 when accepted) and the server's first message.
  Reply OpenWebSocket() {
    net::io_context io;
    websocket::stream<tcp::socket> ws(io);
    ws.next_layer().connect(Endpoint());
    ws.set_option(websocket::stream_base::decorator([this](websocket::request_type& request) {
      if (!cookie_.empty()) request.set(http::field::cookie, "sessionid=" + cookie_);
    }));
    // The asynchronous handshake also fills `response` when the upgrade is declined.
    websocket::response_type response;
    beast::error_code error;
    ws.async_handshake(response, "127.0.0.1", "/ws",
                       [&error](beast::error_code result) { error = result; });
    io.run();
    Reply reply;
    reply.status = response.result_int();
    if (error) return reply;
    beast::flat_buffer buffer;
    ws.read(buffer, error);
    EXPECT_FALSE(error) << error.message();
    reply.body = beast::buffers_to_string(buffer.data());
    ws.close(websocket::close_code::normal, error);
    return reply;
  }

  const std::string& cookie() const { return cookie_; }
  void set_cookie(std::string value) { cookie_ = std::move(value); }

 private:
  tcp::endpoint Endpoint() const { return {net::ip::make_address("127.0.0.1"), port_}; }

  Reply Send(http::verb verb, const std::string& target, const std::string& form,
             std::vector<std::pair<std::string, std::string>> extra) {
    net::io_context io;
    tcp::socket socket(io);
    socket.connect(Endpoint());
    StringRequest request(verb, target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (!cookie_.empty()) request.insert(http::field::cookie, "sessionid=" + cookie_);
    for (const auto& [name, value] : extra) request.insert(name, value);
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
    reply.set_cookie = Values(response, "Set-Cookie");
    reply.vary = Values(response, "Vary");
    reply.cache_control = Values(response, "Cache-Control");
    for (const std::string& line : reply.set_cookie) {
      absl::string_view pair = absl::string_view(line).substr(0, line.find(';'));
      if (!absl::ConsumePrefix(&pair, "sessionid=")) continue;
      cookie_ = absl::StrContains(line, "Max-Age=0") ? "" : std::string(pair);
    }
    return reply;
  }

  unsigned short port_;
  std::string cookie_;
};

// Counts what ran where, across the loop's threads.
struct Observations {
  std::atomic<int> off_strand{0};
  absl::Mutex mutex;
  std::vector<absl::Status> errors ABSL_GUARDED_BY(mutex);
};

absl::Status Route(const StringRequest& request, StringResponse& response, Session& session) {
  response.set(http::field::content_type, "text/plain");
  const std::string target(request.target());
  if (target == "/count") {
    const double count = session.GetNumber("count") + 1;
    if (absl::Status status = session.SetNumber("count", count); !status.ok()) return status;
    response.body() = absl::StrCat(count);
  } else if (target == "/whoami") {
    absl::StatusOr<std::string> user = session.user_id();
    if (!user.ok()) return user.status();
    response.body() = user->empty() ? "(anonymous)" : *user;
  } else if (target == "/login") {
    absl::string_view form = request.body();
    if (!absl::ConsumePrefix(&form, "user=")) return absl::InvalidArgumentError("no user");
    response.result(http::status::see_other);
    response.set(http::field::location, "/");
    return session.Login(form);
  } else if (target == "/logout") {
    session.Logout();
    response.result(http::status::see_other);
    response.set(http::field::location, "/");
  } else if (target == "/fail") {
    if (absl::Status status = session.SetNumber("count", 100); !status.ok()) return status;
    return absl::UnavailableError("payment service unreachable");
  } else {
    response.result(http::status::not_found);
  }
  return absl::OkStatus();
}

// One server connection, as an application would write it: every step on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Strand = net::strand<net::io_context::executor_type>;

  Connection(tcp::socket socket, Strand strand, const SessionEngine& engine,
             Observations& observations)
      : stream_(std::move(socket)),
        strand_(std::move(strand)),
        engine_(engine),
        observations_(observations) {}

  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       if (error) return self->Close();
                       self->OnRequest();
                     });
  }

 private:
  void CheckOnStrand() {
    if (!strand_.running_in_this_thread()) ++observations_.off_strand;
  }

  void RecordError(const absl::Status& status) {
    if (status.ok()) return;
    absl::MutexLock lock(&observations_.mutex);
    observations_.errors.push_back(status);
  }

  void OnRequest() {
    beast::error_code error;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(error);
    if (error) return Close();
    if (websocket::is_upgrade(request_)) return Upgrade(peer);
    AsyncHandleRequest(
        engine_, std::move(request_), peer, strand_,
        [self = shared_from_this()](const StringRequest& request, StringResponse& response,
                                    Session& session) {
          self->CheckOnStrand();
          return Route(request, response, session);
        },
        [self = shared_from_this()](StringResponse response, absl::Status status) {
          self->CheckOnStrand();
          self->RecordError(status);
          self->Write(std::move(response));
        });
  }

  void Write(StringResponse response) {
    auto held = std::make_shared<StringResponse>(std::move(response));
    http::async_write(stream_, *held,
                      [self = shared_from_this(), held](beast::error_code error, std::size_t) {
                        if (error || !held->keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void Upgrade(const tcp::endpoint& peer) {
    AsyncLoadUpgradeSession(
        engine_, request_, peer, strand_,
        [self = shared_from_this()](absl::StatusOr<std::unique_ptr<Session>> session) {
          self->CheckOnStrand();
          if (!session.ok()) {
            self->RecordError(session.status());
            return self->Write(MakeServiceUnavailable(self->request_.version(), false));
          }
          const std::string user = (*session)->user_id().value_or("");
          if (user.empty()) {
            StringResponse forbidden(http::status::forbidden, self->request_.version());
            forbidden.keep_alive(false);
            forbidden.prepare_payload();
            return self->Write(std::move(forbidden));
          }
          auto ws =
              std::make_shared<websocket::stream<beast::tcp_stream>>(std::move(self->stream_));
          beast::get_lowest_layer(*ws).expires_after(std::chrono::seconds(30));
          ws->async_accept(self->request_, [ws, user](beast::error_code error) {
            if (error) return;
            auto greeting = std::make_shared<std::string>("hello " + user);
            ws->async_write(net::buffer(*greeting), [ws, greeting](beast::error_code, std::size_t) {
              // Until the client closes.
              auto buffer = std::make_shared<beast::flat_buffer>();
              ws->async_read(*buffer, [ws, buffer](beast::error_code, std::size_t) {});
            });
          });
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  Strand strand_;
  beast::flat_buffer buffer_;
  StringRequest request_;
  const SessionEngine& engine_;
  Observations& observations_;
};

// gRPC 1.51 aborts when the last channel is destroyed on one of its callback threads, and the
// cleanup of an asynchronous call (after its completion was delivered) may hold the last
// reference once a test has dropped its own. So the tests' connections live until the process
// exits.
void KeepUntilExit(std::shared_ptr<client::SessionStoreConnection> connection) {
  static auto* const kept = new std::vector<std::shared_ptr<client::SessionStoreConnection>>();
  kept->push_back(std::move(connection));
}

class BeastShimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        sessiond_, SessiondProcess::Start(
                       {"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("sessions.db")}));
    client::ClientOptions options;
    options.server = sessiond_->address();
    ASSERT_OK_AND_ASSIGN(connection_, client::MakeSessionStoreConnection(options));
    KeepUntilExit(connection_);
  }

  // Closes the acceptor and lets the loop run dry: it returns once every connection is closed
  // and no call to sessiond is in flight (the shim holds work on the loop while one is).
  void TearDown() override {
    net::post(loop_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    for (std::thread& thread : threads_) thread.join();
    EXPECT_EQ(observations_.off_strand.load(), 0);
  }

  void StartApp(SessionEngineOptions options = {}) {
    options.cookie.secure = false;  // Plain HTTP.
    ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, std::move(options)));
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { loop_.run(); });
  }

  void Accept() {
    auto strand = net::make_strand(loop_);
    acceptor_.async_accept(strand, [this, strand](beast::error_code error, tcp::socket socket) {
      if (error) return;
      std::make_shared<Connection>(std::move(socket), strand, *engine_, observations_)->Read();
      Accept();
    });
  }

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
    absl::MutexLock lock(&observations_.mutex);
    return observations_.errors;
  }

  TempDir dir_;
  std::unique_ptr<SessiondProcess> sessiond_;
  std::shared_ptr<client::SessionStoreConnection> connection_;
  std::unique_ptr<SessionEngine> engine_;
  Observations observations_;
  net::io_context loop_;
  tcp::acceptor acceptor_{loop_};
  std::vector<std::thread> threads_;
  unsigned short port_ = 0;
};

TEST_F(BeastShimTest, TwoRequestsKeepTheSession) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);

  const Reply first = browser.Get("/count");
  EXPECT_EQ(first.status, 200u);
  EXPECT_EQ(first.body, "1");
  ASSERT_THAT(first.set_cookie, SizeIs(1));
  EXPECT_THAT(browser.cookie(), SizeIs(43));
  EXPECT_THAT(first.vary, ElementsAre("Cookie"));
  EXPECT_THAT(first.cache_control, ElementsAre("private"));

  const std::string key = browser.cookie();
  const Reply second = browser.Get("/count");
  EXPECT_EQ(second.body, "2");
  EXPECT_EQ(browser.cookie(), key);
  EXPECT_THAT(Errors(), IsEmpty());
}

TEST_F(BeastShimTest, ClientIpThroughTrustedProxyAndUserAgentReachSessiond) {
  SessionEngineOptions options;
  options.trusted_proxies = {"127.0.0.0/8"};
  ASSERT_NO_FATAL_FAILURE(StartApp(options));
  Browser browser(port_);

  // RFC 7239 Forwarded, on two lines: the client, then a trusted hop (skipped).
  const Reply reply = browser.Post("/login", "user=alice",
                                   {{"User-Agent", kUserAgent},
                                    {"Forwarded", "for=\"[2001:db8::17]:4711\";proto=https"},
                                    {"Forwarded", "for=127.0.0.2"}});
  EXPECT_EQ(reply.status, 303u);

  const std::vector<v1::Session> sessions = SessionsOf("alice");
  ASSERT_THAT(sessions, SizeIs(1));
  EXPECT_EQ(sessions[0].ip_address(), "2001:db8::17");
  EXPECT_EQ(sessions[0].user_agent(), kUserAgent);
}

TEST_F(BeastShimTest, UntrustedPeerCannotForgeItsAddress) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  browser.Post("/login", "user=bob", {{"X-Forwarded-For", "198.51.100.23"}});

  const std::vector<v1::Session> sessions = SessionsOf("bob");
  ASSERT_THAT(sessions, SizeIs(1));
  EXPECT_EQ(sessions[0].ip_address(), "127.0.0.1");
}

TEST_F(BeastShimTest, LoginRotatesTheKey) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");
  const std::string anonymous_key = browser.cookie();

  const Reply login = browser.Post("/login", "user=alice");
  EXPECT_EQ(login.status, 303u);
  EXPECT_THAT(browser.cookie(), SizeIs(43));
  EXPECT_NE(browser.cookie(), anonymous_key);
  EXPECT_EQ(browser.Get("/whoami").body, "alice");
  EXPECT_EQ(browser.Get("/count").body, "2");

  Browser attacker(port_);
  attacker.set_cookie(anonymous_key);
  const Reply stale = attacker.Get("/whoami");
  EXPECT_EQ(stale.body, "(anonymous)");
  ASSERT_THAT(stale.set_cookie, SizeIs(1));
  EXPECT_THAT(stale.set_cookie[0], HasSubstr("Max-Age=0"));
}

TEST_F(BeastShimTest, LogoutClearsTheCookieAndTheRecord) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  browser.Post("/login", "user=carol");
  const std::string key = browser.cookie();
  ASSERT_THAT(key, SizeIs(43));
  ASSERT_THAT(SessionsOf("carol"), SizeIs(1));

  const Reply logout = browser.Post("/logout");
  EXPECT_EQ(logout.status, 303u);
  ASSERT_THAT(logout.set_cookie, SizeIs(1));
  EXPECT_THAT(logout.set_cookie[0], HasSubstr("sessionid=;"));
  EXPECT_THAT(logout.set_cookie[0], HasSubstr("Max-Age=0"));
  EXPECT_THAT(SessionsOf("carol"), IsEmpty());

  Browser replay(port_);
  replay.set_cookie(key);
  EXPECT_EQ(replay.Get("/whoami").body, "(anonymous)");
}

TEST_F(BeastShimTest, HandlerErrorAnswers503AndSavesNothing) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");

  const Reply failed = browser.Get("/fail");
  EXPECT_EQ(failed.status, 503u);
  EXPECT_EQ(failed.body, "Service Unavailable");
  EXPECT_THAT(Errors(), ElementsAre(StatusIs(absl::StatusCode::kUnavailable)));
  EXPECT_EQ(browser.Get("/count").body, "2");
}

TEST_F(BeastShimTest, SessiondDownAnswers503) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  ASSERT_EQ(browser.Get("/count").body, "1");
  ASSERT_EQ(sessiond_->Terminate(), 0);

  // The preload fails.
  const Reply load = browser.Get("/count");
  EXPECT_EQ(load.status, 503u);
  EXPECT_EQ(load.body, "Service Unavailable");
  EXPECT_THAT(load.set_cookie, IsEmpty());
  EXPECT_THAT(load.cache_control, ElementsAre("no-store"));

  // The create fails.
  Browser newcomer(port_);
  const Reply create = newcomer.Get("/count");
  EXPECT_EQ(create.status, 503u);
  EXPECT_THAT(create.set_cookie, IsEmpty());

  // The WebSocket's session cannot be loaded.
  EXPECT_EQ(browser.OpenWebSocket().status, 503u);

  EXPECT_THAT(Errors(), ElementsAre(StatusIs(absl::StatusCode::kUnavailable),
                                    StatusIs(absl::StatusCode::kUnavailable),
                                    StatusIs(absl::StatusCode::kUnavailable)));
}

TEST_F(BeastShimTest, WebSocketGetsTheSessionOfItsPage) {
  ASSERT_NO_FATAL_FAILURE(StartApp());
  Browser browser(port_);
  EXPECT_EQ(browser.OpenWebSocket().status, 403u);

  browser.Post("/login", "user=dave");
  const Reply greeting = browser.OpenWebSocket();
  EXPECT_EQ(greeting.status, 101u);
  EXPECT_EQ(greeting.body, "hello dave");
}

// Completions are posted to the executor, never run inside the initiating call, even when there
// is nothing to load.
TEST_F(BeastShimTest, CompletionsArePostedNotInlined) {
  ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, {}));
  net::io_context io;
  StringRequest request(http::verb::get, "/", 11);
  const tcp::endpoint peer(net::ip::make_address("127.0.0.1"), 1234);

  bool began = false;
  AsyncBeginSession(*engine_, request, peer, io.get_executor(),
                    [&began](absl::StatusOr<std::unique_ptr<Session>> session) {
                      EXPECT_OK(session);
                      began = true;
                    });
  EXPECT_FALSE(began);
  io.run();
  EXPECT_TRUE(began);
}

TEST_F(BeastShimTest, UpgradeSessionNeedsAnUpgradeRequest) {
  ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, {}));
  net::io_context io;
  StringRequest request(http::verb::get, "/ws", 11);
  const tcp::endpoint peer(net::ip::make_address("127.0.0.1"), 1234);

  absl::Status status = absl::UnknownError("not called");
  AsyncLoadUpgradeSession(
      *engine_, request, peer, io.get_executor(),
      [&status](absl::StatusOr<std::unique_ptr<Session>> session) { status = session.status(); });
  io.run();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
}

// The loop keeps running while a preload is in flight, even with no other work.
TEST_F(BeastShimTest, PendingLoadKeepsTheLoopRunning) {
  ASSERT_OK_AND_ASSIGN(engine_, SessionEngine::Create(connection_, {}));
  // A live session to load.
  client::SessionStoreClient client(connection_);
  v1::CreateSessionRequest create;
  (*create.mutable_data()->mutable_fields())["count"].set_number_value(7);
  ASSERT_OK_AND_ASSIGN(v1::CreateSessionResponse created, client.CreateSession(create));

  net::io_context io;
  StringRequest request(http::verb::get, "/", 11);
  request.set(http::field::cookie, "sessionid=" + created.session_key());
  const tcp::endpoint peer(net::ip::make_address("127.0.0.1"), 1234);
  double count = 0;
  AsyncBeginSession(*engine_, request, peer, io.get_executor(),
                    [&count](absl::StatusOr<std::unique_ptr<Session>> session) {
                      ASSERT_OK(session);
                      count = (*session)->GetNumber("count");
                    });
  io.run();  // Returns only after the completion ran.
  EXPECT_EQ(count, 7);
}

}  // namespace
}  // namespace usersessions::sdk::beast_shim
