// The cpp-httplib shim of the session engine: wraps a route handler so that it receives the
// request's Session, and so that the response carries the session cookie and the caching headers
// the engine asks for.
//
//   server.Get("/", usersessions::sdk::httplib_shim::WithSession(
//                       *engine, [](const httplib::Request& request, httplib::Response& response,
//                                   usersessions::sdk::Session& session) -> absl::Status { ... }));
//
// httplib runs handlers on its worker threads and they may block, so this shim uses the blocking
// SessionEngine::Begin/Finish.
#ifndef USERSESSIONS_SDK_HTTPLIB_SESSION_MIDDLEWARE_H_
#define USERSESSIONS_SDK_HTTPLIB_SESSION_MIDDLEWARE_H_

#include <httplib.h>

#include <functional>

#include "absl/status/status.h"
#include "sdk/request_context.h"
#include "sdk/session.h"
#include "sdk/session_engine.h"

namespace usersessions::sdk::httplib_shim {

// A route handler that also gets the request's session. It fills `response` and returns OK, or
// returns an error to make the request fail with 503: typically the status of a Session method
// (UNAVAILABLE when sessiond cannot be reached). Nothing is saved for a failed request.
using SessionHandler =
    std::function<absl::Status(const httplib::Request&, httplib::Response&, Session&)>;

// Told why a request was answered with 503 instead of its handler's response: the handler's
// error, or else the error of SessionEngine::Finish. For logging; must not throw.
using SessionErrorHandler = std::function<void(const httplib::Request&, const absl::Status&)>;

// What the engine reads from `request`: the TCP peer address, every Cookie line (joined with
// "; "), every X-Forwarded-For and Forwarded line in order, and the User-Agent.
RequestContext MakeRequestContext(const httplib::Request& request);

// Adds `headers` to `response`: one Set-Cookie line per cookie; `Cookie` merged into Vary; and
// `private` merged into Cache-Control (replacing `public`). Existing Vary and Cache-Control lines
// are folded into one line each.
void ApplyResponseHeaders(const ResponseHeaders& headers, httplib::Response& response);

// Replaces `response` with a 503 "Service Unavailable" (text/plain, not cacheable): whatever the
// handler had put in it is dropped.
void SetServiceUnavailable(httplib::Response& response);

// Returns an httplib handler that runs the session round around `handler`:
//   1. SessionEngine::Begin with MakeRequestContext(request) (no I/O; the session loads itself
//      on first use);
//   2. `handler`;
//   3. SessionEngine::Finish with the response status (200 if the handler set none; 503 if it
//      failed), then ApplyResponseHeaders.
// If the handler or Finish fails, the response becomes SetServiceUnavailable's 503 (still with
// the headers of a successful Finish, such as a logout's cookie deletion) and `on_error`, if set,
// is told why; a failed save is never hidden behind the handler's 200.
//
// `engine` must outlive the returned handler. Thread-safe: httplib may call the handler from many
// threads at once.
httplib::Server::Handler WithSession(const SessionEngine& engine, SessionHandler handler,
                                     SessionErrorHandler on_error = nullptr);

}  // namespace usersessions::sdk::httplib_shim

#endif  // USERSESSIONS_SDK_HTTPLIB_SESSION_MIDDLEWARE_H_
