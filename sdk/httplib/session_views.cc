#include "sdk/httplib/session_views.h"

#include <functional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"

namespace usersessions::sdk::httplib_shim {
namespace {

using ViewFunction =
    std::function<absl::StatusOr<views::ViewResponse>(const views::ViewRequest&, Session&)>;

// `text` with every ECMAScript regex metacharacter escaped.
std::string RegexEscape(absl::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (absl::string_view("\\^$.|?*+()[]{}-/").find(c) != absl::string_view::npos) {
      escaped.push_back('\\');
    }
    escaped.push_back(c);
  }
  return escaped;
}

// Routes every method on `prefix` and below to `view`, inside WithSession.
void Mount(httplib::Server& server, const SessionEngine& engine, const std::string& prefix,
           ViewFunction view, SessionErrorHandler on_error) {
  const httplib::Server::Handler handler = WithSession(
      engine,
      [view = std::move(view)](const httplib::Request& request, httplib::Response& response,
                               Session& session) -> absl::Status {
        ASSIGN_OR_RETURN(const views::ViewResponse answer, view(MakeViewRequest(request), session));
        ApplyViewResponse(answer, response);
        return absl::OkStatus();
      },
      std::move(on_error));
  const std::string pattern = RegexEscape(prefix) + ".*";
  server.Get(pattern, handler);  // httplib answers HEAD with the GET handler.
  server.Post(pattern, handler);
  server.Put(pattern, handler);
  server.Patch(pattern, handler);
  server.Delete(pattern, handler);
  server.Options(pattern, handler);
}

}  // namespace

views::ViewRequest MakeViewRequest(const httplib::Request& request) {
  views::ViewRequest view;
  view.method = request.method;
  view.path = request.path;
  const size_t question = request.target.find('?');
  if (question != std::string::npos) view.query = request.target.substr(question + 1);
  view.accept = request.get_header_value("Accept");
  view.accept_language = request.get_header_value("Accept-Language");
  view.content_type = request.get_header_value("Content-Type");
  view.body = request.body;
  view.csrf_header = request.get_header_value(views::kCsrfHeader);
  return view;
}

void ApplyViewResponse(const views::ViewResponse& view, httplib::Response& response) {
  response.status = view.status;
  for (const auto& [name, value] : view.headers) response.headers.emplace(name, value);
  if (!view.content_type.empty()) response.set_content(view.body, view.content_type.c_str());
}

void MountSessionViews(httplib::Server& server, const SessionEngine& engine,
                       const views::SessionViews& views, SessionErrorHandler on_error) {
  Mount(
      server, engine, views.options().prefix,
      [&views](const views::ViewRequest& request, Session& session) {
        return views.Handle(request, session);
      },
      std::move(on_error));
}

void MountAdminSessionViews(httplib::Server& server, const SessionEngine& engine,
                            const views::AdminSessionViews& views, SessionErrorHandler on_error) {
  Mount(
      server, engine, views.options().prefix,
      [&views](const views::ViewRequest& request, Session& session) {
        return views.Handle(request, session);
      },
      std::move(on_error));
}

}  // namespace usersessions::sdk::httplib_shim
