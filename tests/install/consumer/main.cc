// Uses the installed package against a running sessiond, given as HOST:PORT: the client library
// directly, then the session engine behind the cpp-httplib shim over real HTTP. Prints
// "consumer: ok" and exits 0 when everything behaved.
#include <httplib.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/session_store_client.h"
#include "common/errors.h"
#include "sdk/httplib/session_middleware.h"
#include "sdk/httplib/session_views.h"
#include "sdk/session_engine.h"
#include "usersessions/v1/session_store.pb.h"

namespace {

namespace client = usersessions::client;
namespace sdk = usersessions::sdk;
namespace v1 = usersessions::v1;

int Fail(const std::string& what) {
  std::fprintf(stderr, "consumer: FAIL %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SESSIOND_HOST:PORT\n", argv[0]);
    return 2;
  }
  client::ClientOptions options;
  options.server = argv[1];
  absl::StatusOr<client::SessionStoreClient> store = client::SessionStoreClient::Create(options);
  if (!store.ok()) return Fail(store.status().ToString());

  // The client library.
  v1::CreateSessionRequest create;
  (*create.mutable_data()->mutable_fields())["greeting"].set_string_value("hello");
  create.set_user_id("consumer");
  absl::StatusOr<v1::CreateSessionResponse> created = store->CreateSession(create);
  if (!created.ok()) return Fail("CreateSession: " + created.status().ToString());
  v1::LoadSessionRequest load;
  load.set_session_key(created->session_key());
  absl::StatusOr<v1::LoadSessionResponse> loaded = store->LoadSession(load);
  if (!loaded.ok()) return Fail("LoadSession: " + loaded.status().ToString());
  if (loaded->session().data().fields().at("greeting").string_value() != "hello" ||
      loaded->session().user_id() != "consumer") {
    return Fail("LoadSession returned " + loaded->session().DebugString());
  }
  load.set_session_key("not-a-key");
  absl::StatusOr<v1::LoadSessionResponse> bad = store->LoadSession(load);
  if (bad.status().code() != absl::StatusCode::kInvalidArgument ||
      usersessions::GetErrorReason(bad.status()) != v1::ERROR_REASON_INVALID_SESSION_KEY) {
    return Fail("a malformed key gave " + bad.status().ToString());
  }
  std::printf("consumer: client library ok\n");

  // The session engine behind the httplib shim: a visit counter over real HTTP.
  sdk::SessionEngineOptions engine_options;
  engine_options.cookie.secure = false;
  absl::StatusOr<std::unique_ptr<sdk::SessionEngine>> engine =
      sdk::SessionEngine::Create(store->connection(), engine_options);
  if (!engine.ok()) return Fail(engine.status().ToString());
  httplib::Server server;
  server.Get("/", sdk::httplib_shim::WithSession(
                      **engine,
                      [](const httplib::Request&, httplib::Response& response,
                         sdk::Session& session) -> absl::Status {
                        const double visits = session.GetNumber("visits") + 1;
                        if (absl::Status status = session.SetNumber("visits", visits);
                            !status.ok()) {
                          return status;
                        }
                        response.set_content(absl::StrCat(visits), "text/plain");
                        return absl::OkStatus();
                      }));
  // The "Active sessions" page, rendered from the templates compiled into the library.
  absl::StatusOr<std::unique_ptr<sdk::views::SessionViews>> views =
      sdk::views::SessionViews::Create(store->connection(), {});
  if (!views.ok()) return Fail(views.status().ToString());
  sdk::httplib_shim::MountSessionViews(server, **engine, **views);
  server.Post("/signin", sdk::httplib_shim::WithSession(
                             **engine, [](const httplib::Request&, httplib::Response& response,
                                          sdk::Session& session) {
                               response.set_redirect("/", 303);
                               return session.Login("consumer");
                             }));
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return Fail("cannot bind");
  std::thread serving([&server] { server.listen_after_bind(); });

  httplib::Client browser("127.0.0.1", port);
  std::string bodies;
  std::string cookie;
  for (int i = 0; i < 2; ++i) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    httplib::Result result = browser.Get("/", headers);
    if (!result || result->status != 200) break;
    bodies += result->body + " ";
    const std::string set_cookie = result->get_header_value("Set-Cookie");
    if (!set_cookie.empty()) cookie = set_cookie.substr(0, set_cookie.find(';'));
  }
  std::string page;
  if (httplib::Result signed_in = browser.Post("/signin", {{"Cookie", cookie}}, "", "text/plain");
      signed_in && signed_in->status == 303) {
    const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    if (!set_cookie.empty()) cookie = set_cookie.substr(0, set_cookie.find(';'));
    httplib::Result listed = browser.Get("/account/sessions/", {{"Cookie", cookie}});
    if (listed && listed->status == 200) page = listed->body;
  }
  server.stop();
  serving.join();
  if (bodies != "1 2 ") return Fail("visit counter answered \"" + bodies + "\"");
  std::printf("consumer: httplib shim ok\n");
  if (page.find("Active sessions") == std::string::npos ||
      page.find("(this session)") == std::string::npos) {
    return Fail("the sessions page answered \"" + page.substr(0, 200) + "\"");
  }
  std::printf("consumer: views ok\n");
  std::printf("consumer: ok\n");
  return 0;
}
