// user-sessions-demo: the example host application of the SDK on cpp-httplib. See
// docs/demo.md; `user-sessions-demo --help` lists the flags.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/client_options.h"
#include "client/session_store_connection.h"
#include "common/clock.h"
#include "common/random.h"
#include "examples/demo/demo_app.h"
#include "examples/demo/demo_flags.h"
#include "examples/demo/demo_users.h"
#include "examples/demo/login_csrf.h"
#include "examples/demo/theme.h"
#include "sdk/session_engine.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/session_views.h"

namespace {

namespace demo = usersessions::demo;
namespace sdk = usersessions::sdk;
namespace client = usersessions::client;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "user-sessions-demo: %s\n", std::string(status.message()).c_str());
  return kExitError;
}

client::ClientOptions ClientOptionsFor(const demo::DemoFlags& flags, std::string token) {
  client::ClientOptions options;
  options.server = flags.sessiond;
  options.token = std::move(token);
  options.tls_ca_file = flags.tls_ca;
  options.tls_cert_file = flags.tls_cert;
  options.tls_key_file = flags.tls_key;
  return options;
}

// How a browser reaches `address`: wildcard hosts become the loopback address.
std::string BrowserUrl(const demo::ListenAddress& address, int port) {
  std::string host = address.host;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = absl::StrCat("[", host, "]");
  return absl::StrCat("http://", host, ":", port, "/");
}

int Run(const demo::DemoFlags& flags, sigset_t stop_signals) {
  absl::StatusOr<demo::DemoUsers> users = flags.demo_users.empty()
                                              ? demo::DemoUsers::Defaults()
                                              : demo::DemoUsers::Load(flags.demo_users);
  if (!users.ok()) return Fail(users.status());

  auto connection = client::MakeSessionStoreConnection(ClientOptionsFor(flags, flags.token));
  if (!connection.ok()) return Fail(connection.status());
  // The admin page talks to sessiond with its own credentials (role admin); the engine's
  // connection keeps role engine.
  auto admin_connection =
      client::MakeSessionStoreConnection(ClientOptionsFor(flags, flags.admin_token));
  if (!admin_connection.ok()) return Fail(admin_connection.status());

  sdk::SessionEngineOptions engine_options;
  engine_options.cookie.secure = false;  // The demo serves plain HTTP; keep Secure behind HTTPS.
  engine_options.trusted_proxies = flags.trusted_proxies;
  auto engine = sdk::SessionEngine::Create(*connection, std::move(engine_options));
  if (!engine.ok()) return Fail(engine.status());

  // The views get the demo's navigation bar through template overrides (theme.h).
  absl::StatusOr<sdk::views::TemplateMap> sessions_templates = demo::SessionsTemplateOverrides();
  if (!sessions_templates.ok()) return Fail(sessions_templates.status());
  absl::StatusOr<sdk::views::TemplateMap> admin_templates = demo::AdminTemplateOverrides();
  if (!admin_templates.ok()) return Fail(admin_templates.status());

  sdk::views::SessionViewsOptions views_options;
  views_options.templates = *std::move(sessions_templates);
  auto session_views = sdk::views::SessionViews::Create(*connection, std::move(views_options));
  if (!session_views.ok()) return Fail(session_views.status());
  sdk::views::AdminSessionViewsOptions admin_options;
  admin_options.templates = *std::move(admin_templates);
  const demo::DemoUsers& accounts = *users;
  admin_options.is_admin = [&accounts](const std::string& user_id, sdk::Session&) {
    return accounts.IsAdmin(user_id);
  };
  auto admin_views =
      sdk::views::AdminSessionViews::Create(*admin_connection, std::move(admin_options));
  if (!admin_views.ok()) return Fail(admin_views.status());

  auto login_csrf =
      demo::LoginCsrf::Create(std::make_shared<usersessions::OsSecureRandom>(),
                              std::make_shared<usersessions::SystemClock>(), "/login/",
                              /*secure_cookie=*/false);
  if (!login_csrf.ok()) return Fail(login_csrf.status());

  httplib::Server server;
  // httplib's default adds SO_REUSEPORT, which lets a second process share a port that is in
  // use; a demo started twice must fail instead. SO_REUSEADDR keeps quick restarts working.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  demo::DemoAppParts parts;
  parts.engine = engine->get();
  parts.users = &accounts;
  parts.login_csrf = login_csrf->get();
  parts.session_views = session_views->get();
  parts.admin_views = admin_views->get();
  parts.on_error = [](const httplib::Request& request, const absl::Status& error) {
    std::fprintf(stderr, "user-sessions-demo: %s %s: 503: %s\n", request.method.c_str(),
                 request.path.c_str(), error.ToString().c_str());
  };
  demo::MountDemoApp(server, parts);
  server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    std::fprintf(stderr, "%s %s %d\n", request.method.c_str(), request.path.c_str(),
                 response.status);
  });

  const demo::ListenAddress address = demo::ParseListenAddress(flags.listen).value();
  const int port = address.port == 0
                       ? server.bind_to_any_port(address.host)
                       : (server.bind_to_port(address.host, address.port) ? address.port : -1);
  if (port < 0) {
    return Fail(absl::UnavailableError(absl::StrCat("cannot listen on ", flags.listen)));
  }
  const std::string url = BrowserUrl(address, port);
  std::printf("user-sessions-demo: serving on %s with sessiond at %s\nopen %s\n", url.c_str(),
              flags.sessiond.c_str(), url.c_str());
  std::fflush(stdout);
  // Stops the server on SIGINT/SIGTERM. If the server ends on its own, it is woken with a
  // SIGTERM of its own, so that it never outlives `server`.
  std::atomic<bool> serving{true};
  std::thread stopper([&server, &serving, stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (serving.load()) {
      std::fprintf(stderr, "user-sessions-demo: stopping (signal %d)\n", signal_number);
    }
    server.stop();
  });
  const bool served = server.listen_after_bind();
  serving.store(false);
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served) {
    return Fail(absl::InternalError(absl::StrCat("serving on ", flags.listen, " failed")));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // SIGINT and SIGTERM are taken by one thread that stops the server, so in-flight requests
  // finish and the process exits 0. Blocked before any other thread starts, so all inherit it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<demo::DemoFlags> flags =
      demo::ParseDemoFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!flags.ok()) {
    std::fprintf(stderr, "user-sessions-demo: %s\n", std::string(flags.status().message()).c_str());
    return kExitUsage;
  }
  if (flags->help) {
    std::fputs(demo::DemoUsage().c_str(), stdout);
    return 0;
  }
  return Run(*flags, stop_signals);
}
