// A visit counter with sign-in on cpp-httplib: the smallest host application of the session
// engine. With sessiond running on 127.0.0.1:50051:
//
//   httplib_minimal --port=8000
//   curl -b jar -c jar http://127.0.0.1:8000/                    # visits: 1, user: (anonymous)
//   curl -b jar -c jar -d user=alice http://127.0.0.1:8000/login
//   curl -b jar -c jar http://127.0.0.1:8000/                    # visits: 2, user: alice
//   curl -b jar -c jar -d '' http://127.0.0.1:8000/logout
#include <httplib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "client/session_store_connection.h"
#include "sdk/httplib/session_middleware.h"
#include "sdk/session.h"
#include "sdk/session_engine.h"

namespace {

namespace sdk = usersessions::sdk;
using sdk::httplib_shim::WithSession;

absl::Status Home(const httplib::Request&, httplib::Response& response, sdk::Session& session) {
  const int64_t visits = static_cast<int64_t>(session.GetNumber("visits")) + 1;
  if (absl::Status status = session.SetNumber("visits", visits); !status.ok()) return status;
  absl::StatusOr<std::string> user = session.user_id();
  if (!user.ok()) return user.status();
  response.set_content(
      absl::StrCat("visits: ", visits, ", user: ", user->empty() ? "(anonymous)" : *user, "\n"),
      "text/plain");
  return absl::OkStatus();
}

absl::Status Login(const httplib::Request& request, httplib::Response& response,
                   sdk::Session& session) {
  // A real application checks a password here.
  const std::string user = request.get_param_value("user");
  if (user.empty()) {
    response.status = 400;
    response.set_content("missing form field: user\n", "text/plain");
    return absl::OkStatus();
  }
  // A new session key (session fixation defence); another user's data is flushed first.
  if (absl::Status status = session.Login(user); !status.ok()) return status;
  response.set_redirect("/", 303);
  return absl::OkStatus();
}

absl::Status Logout(const httplib::Request&, httplib::Response& response, sdk::Session& session) {
  session.Logout();  // Ends the record; the cookie is deleted.
  response.set_redirect("/", 303);
  return absl::OkStatus();
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

  auto log_error = [](const httplib::Request& request, const absl::Status& error) {
    std::fprintf(stderr, "%s %s: 503: %s\n", request.method.c_str(), request.path.c_str(),
                 error.ToString().c_str());
  };
  httplib::Server server;
  server.Get("/", WithSession(**engine, Home, log_error));
  server.Post("/login", WithSession(**engine, Login, log_error));
  server.Post("/logout", WithSession(**engine, Logout, log_error));

  std::printf("listening on http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  if (!server.listen("127.0.0.1", port)) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1:%d\n", port);
    return 1;
  }
  return 0;
}
