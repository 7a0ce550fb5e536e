// A visit counter with sign-in on Boost.Beast: the smallest event-loop host application of the
// session engine. Nothing blocks the loop: the shim loads and saves sessions with asynchronous
// calls and resumes on the connection's strand. With sessiond running on 127.0.0.1:50051:
//
//   beast_minimal --port=8000
//   curl -b jar -c jar http://127.0.0.1:8000/                    # visits: 1, user: (anonymous)
//   curl -b jar -c jar -d user=alice http://127.0.0.1:8000/login
//   curl -b jar -c jar http://127.0.0.1:8000/                    # visits: 2, user: alice
//   curl -b jar -c jar -d '' http://127.0.0.1:8000/logout
//
// GET /ws is a WebSocket that greets the signed-in user with "hello USER" (403 when anonymous).
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "client/session_store_connection.h"
#include "sdk/beast/session_middleware.h"
#include "sdk/session.h"
#include "sdk/session_engine.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace websocket = beast::websocket;
namespace sdk = usersessions::sdk;
namespace shim = usersessions::sdk::beast_shim;
using tcp = net::ip::tcp;

// The value of `name` in an application/x-www-form-urlencoded body (no percent-decoding: enough
// for this example's user names).
std::string FormField(absl::string_view body, absl::string_view name) {
  for (absl::string_view pair : absl::StrSplit(body, '&')) {
    if (absl::ConsumePrefix(&pair, name) && absl::ConsumePrefix(&pair, "=")) {
      return std::string(pair);
    }
  }
  return "";
}

// Routes a request; runs on the connection's strand and never blocks.
absl::Status Handle(const shim::StringRequest& request, shim::StringResponse& response,
                    sdk::Session& session) {
  response.set(http::field::content_type, "text/plain");
  const auto target = request.target();
  if (target == "/" && request.method() == http::verb::get) {
    const int64_t visits = static_cast<int64_t>(session.GetNumber("visits")) + 1;
    if (absl::Status status = session.SetNumber("visits", visits); !status.ok()) return status;
    absl::StatusOr<std::string> user = session.user_id();
    if (!user.ok()) return user.status();
    response.body() =
        absl::StrCat("visits: ", visits, ", user: ", user->empty() ? "(anonymous)" : *user, "\n");
  } else if (target == "/login" && request.method() == http::verb::post) {
    // A real application checks a password here.
    const std::string user = FormField(request.body(), "user");
    if (user.empty()) {
      response.result(http::status::bad_request);
      response.body() = "missing form field: user\n";
      return absl::OkStatus();
    }
    if (absl::Status status = session.Login(user); !status.ok()) return status;
    response.result(http::status::see_other);
    response.set(http::field::location, "/");
  } else if (target == "/logout" && request.method() == http::verb::post) {
    session.Logout();
    response.result(http::status::see_other);
    response.set(http::field::location, "/");
  } else {
    response.result(http::status::not_found);
    response.body() = "not found\n";
  }
  return absl::OkStatus();
}

// One HTTP connection; every handler runs on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const sdk::SessionEngine& engine)
      : stream_(std::move(socket)), engine_(engine) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       if (error) return self->Close();
                       self->OnRequest();
                     });
  }

  void OnRequest() {
    beast::error_code error;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(error);
    if (error) return Close();
    if (websocket::is_upgrade(request_)) return Upgrade(peer);
    shim::AsyncHandleRequest(
        engine_, std::move(request_), peer, stream_.get_executor(), Handle,
        [self = shared_from_this()](shim::StringResponse response, absl::Status status) {
          if (!status.ok()) std::fprintf(stderr, "503: %s\n", status.ToString().c_str());
          self->Write(std::move(response));
        });
  }

  void Write(shim::StringResponse response) {
    auto held = std::make_shared<shim::StringResponse>(std::move(response));
    http::async_write(stream_, *held,
                      [self = shared_from_this(), held](beast::error_code error, std::size_t) {
                        if (error || !held->keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  // The WebSocket gets the session of the page that opens it, before the handshake is answered.
  void Upgrade(const tcp::endpoint& peer) {
    shim::AsyncLoadUpgradeSession(
        engine_, request_, peer, stream_.get_executor(),
        [self = shared_from_this()](absl::StatusOr<std::unique_ptr<sdk::Session>> session) {
          if (!session.ok()) {
            return self->Write(shim::MakeServiceUnavailable(self->request_.version(), false));
          }
          const std::string user = (*session)->user_id().value_or("");
          if (user.empty()) {
            shim::StringResponse forbidden(http::status::forbidden, self->request_.version());
            forbidden.keep_alive(false);
            forbidden.prepare_payload();
            return self->Write(std::move(forbidden));
          }
          auto ws =
              std::make_shared<websocket::stream<beast::tcp_stream>>(std::move(self->stream_));
          beast::get_lowest_layer(*ws).expires_never();
          ws->async_accept(self->request_, [ws, user](beast::error_code error) {
            if (error) return;
            auto greeting = std::make_shared<std::string>("hello " + user);
            ws->async_write(net::buffer(*greeting), [ws, greeting](beast::error_code, std::size_t) {
              ws->async_close(websocket::close_code::normal, [ws](beast::error_code) {});
            });
          });
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  shim::StringRequest request_;
  const sdk::SessionEngine& engine_;
};

void Accept(tcp::acceptor& acceptor, const sdk::SessionEngine& engine) {
  acceptor.async_accept(net::make_strand(acceptor.get_executor()),
                        [&acceptor, &engine](beast::error_code error, tcp::socket socket) {
                          if (error) return;  // The acceptor was closed.
                          std::make_shared<Connection>(std::move(socket), engine)->Start();
                          Accept(acceptor, engine);
                        });
}

}  // namespace

int main(int argc, char** argv) {
  usersessions::client::ClientOptions client_options;  // sessiond at 127.0.0.1:50051
  int port = 8000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--server=")) {
      client_options.server = arg.substr(9);
    } else if (!absl::StartsWith(arg, "--port=") || !absl::SimpleAtoi(arg.substr(7), &port)) {
      std::fprintf(stderr, "usage: %s [--server=HOST:PORT] [--port=PORT]\n", argv[0]);
      return 2;
    }
  }
  if (const char* token = std::getenv("USERSESSIONS_TOKEN")) client_options.token = token;

  // The event loop outlives the engine: completions of calls still in flight at shutdown are
  // posted to it.
  net::io_context loop;
  auto connection = usersessions::client::MakeSessionStoreConnection(client_options);
  if (!connection.ok()) {
    std::fprintf(stderr, "%s\n", connection.status().ToString().c_str());
    return 1;
  }
  sdk::SessionEngineOptions options;
  options.cookie.secure = false;  // Plain HTTP on localhost only; keep Secure behind HTTPS.
  auto engine = sdk::SessionEngine::Create(*std::move(connection), std::move(options));
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }

  beast::error_code error;
  tcp::acceptor acceptor(loop);
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port));
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1:%d: %s\n", port, error.message().c_str());
    return 1;
  }
  Accept(acceptor, **engine);

  net::signal_set signals(loop, SIGINT, SIGTERM);
  signals.async_wait([&loop](beast::error_code, int) { loop.stop(); });

  std::printf("listening on http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  loop.run();
  return 0;
}
