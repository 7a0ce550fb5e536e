#include "sdk/httplib/session_middleware.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "sdk/internal/response_header_merge.h"

namespace usersessions::sdk::httplib_shim {
namespace {

constexpr int kServiceUnavailable = 503;

// Every value of header `name`, in order (httplib compares names case-insensitively).
std::vector<std::string> HeaderValues(const httplib::Headers& headers, const std::string& name) {
  std::vector<std::string> values;
  auto [begin, end] = headers.equal_range(name);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

// Replaces every line of header `name` with one line carrying `value`.
void ReplaceHeader(httplib::Headers& headers, const std::string& name, std::string value) {
  headers.erase(name);
  headers.emplace(name, std::move(value));
}

}  // namespace

RequestContext MakeRequestContext(const httplib::Request& request) {
  RequestContext context;
  context.remote_addr = request.remote_addr;
  context.cookie_header = absl::StrJoin(HeaderValues(request.headers, "Cookie"), "; ");
  context.x_forwarded_for = HeaderValues(request.headers, "X-Forwarded-For");
  context.forwarded = HeaderValues(request.headers, "Forwarded");
  context.user_agent = request.get_header_value("User-Agent");
  return context;
}

void ApplyResponseHeaders(const ResponseHeaders& headers, httplib::Response& response) {
  for (const std::string& cookie : headers.set_cookie) {
    response.headers.emplace("Set-Cookie", cookie);
  }
  if (headers.vary_cookie) {
    ReplaceHeader(response.headers, "Vary",
                  internal::MergeVaryCookie(HeaderValues(response.headers, "Vary")));
  }
  if (headers.cache_control_private) {
    ReplaceHeader(
        response.headers, "Cache-Control",
        internal::MergeCacheControlPrivate(HeaderValues(response.headers, "Cache-Control")));
  }
}

void SetServiceUnavailable(httplib::Response& response) {
  // Swapping (rather than assigning) lets the discarded response release a content provider the
  // handler may have set, as httplib expects.
  httplib::Response replacement;
  replacement.status = kServiceUnavailable;
  replacement.set_header("Cache-Control", "no-store");
  replacement.set_content("Service Unavailable", "text/plain; charset=utf-8");
  std::swap(response, replacement);
}

httplib::Server::Handler WithSession(const SessionEngine& engine, SessionHandler handler,
                                     SessionErrorHandler on_error) {
  return [&engine, handler = std::move(handler), on_error = std::move(on_error)](
             const httplib::Request& request, httplib::Response& response) {
    std::unique_ptr<Session> session = engine.Begin(MakeRequestContext(request));
    const absl::Status handled = handler(request, response, *session);
    // httplib turns a status the handler left unset (-1) into 200 after this returns.
    const int http_status =
        !handled.ok() ? kServiceUnavailable : (response.status < 0 ? 200 : response.status);
    absl::StatusOr<ResponseHeaders> headers = engine.Finish(*session, http_status);
    if (!handled.ok() || !headers.ok()) {
      if (on_error) on_error(request, handled.ok() ? headers.status() : handled);
      SetServiceUnavailable(response);
    }
    if (headers.ok()) ApplyResponseHeaders(*headers, response);
  };
}

}  // namespace usersessions::sdk::httplib_shim
