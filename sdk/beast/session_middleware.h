// The Boost.Beast shim of the session engine, for event-loop servers: nothing here blocks on
// sessiond. A session that the cookie names is preloaded with one asynchronous LoadSession before
// the handler runs, and saved with asynchronous calls after it; completions are posted back to
// the executor the caller names (typically the connection's strand), never run inline.
//
// Three levels, from most to least convenient:
//   - AsyncHandleRequest: the whole round for a request with a string body (begin, handler,
//     finish), like httplib_shim::WithSession;
//   - AsyncBeginSession / AsyncFinishSession: the two halves, with the handler in between left to
//     the caller (a handler that itself waits on something, say);
//   - MakeRequestContext / ApplyResponseHeaders: the translation only, for driving
//     SessionEngine::BeginAsync/FinishAsync directly (responses with other body types).
// AsyncLoadUpgradeSession gives a WebSocket the session of the page that opened it.
//
// Lifetimes: `engine` must outlive every operation started on it. Each operation keeps its
// executor's execution context busy (outstanding work) until its completion has run, so the
// event loop does not return while a call to sessiond is in flight.
#ifndef USERSESSIONS_SDK_BEAST_SESSION_MIDDLEWARE_H_
#define USERSESSIONS_SDK_BEAST_SESSION_MIDDLEWARE_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sdk/request_context.h"
#include "sdk/session.h"
#include "sdk/session_engine.h"

namespace usersessions::sdk::beast_shim {

using StringRequest = boost::beast::http::request<boost::beast::http::string_body>;
using StringResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Receives the request's session (preloaded if the cookie named one), or the load error
// (UNAVAILABLE when sessiond cannot be reached: answer MakeServiceUnavailable).
using SessionCallback = std::function<void(absl::StatusOr<std::unique_ptr<Session>>)>;

// Receives the response to send, and why it is a 503 rather than the handler's response
// (OK when it is the handler's). The status is for logging.
using ResponseCallback = std::function<void(StringResponse, absl::Status)>;

// A request handler that also gets the request's session. It runs on the operation's executor,
// so it must not block; Session reads and writes never do here (the session is preloaded, and
// writes are recorded for the finish). It fills `response` (status 200 and the request's version
// and keep-alive to start with) and returns OK, or returns an error to answer 503 instead.
using SessionHandler = std::function<absl::Status(const StringRequest&, StringResponse&, Session&)>;

// What the engine reads from a request: `peer` as the remote address, every Cookie line (joined
// with "; "), every X-Forwarded-For and Forwarded line in order, and the User-Agent. Accepts any
// request<Body> (they derive from request_header<>).
RequestContext MakeRequestContext(const boost::beast::http::request_header<>& request,
                                  const boost::asio::ip::tcp::endpoint& peer);

// Adds `headers` to `response`: one Set-Cookie line per cookie; `Cookie` merged into Vary; and
// `private` merged into Cache-Control (replacing `public`). Existing Vary and Cache-Control lines
// are folded into one line each. Works on any response<Body>, and on the handshake response of
// a websocket::stream_base::decorator.
void ApplyResponseHeaders(const ResponseHeaders& headers,
                          boost::beast::http::response_header<>& response);

// A 503 "Service Unavailable" (text/plain, not cacheable) with the given HTTP version and
// keep-alive, payload prepared.
StringResponse MakeServiceUnavailable(unsigned version, bool keep_alive);

// SessionEngine::BeginAsync for `request`, with `done` posted to `executor`.
void AsyncBeginSession(const SessionEngine& engine,
                       const boost::beast::http::request_header<>& request,
                       const boost::asio::ip::tcp::endpoint& peer,
                       const boost::asio::any_io_executor& executor, SessionCallback done);

// SessionEngine::FinishAsync for `session` with the status of `response`; `done` is posted to
// `executor` with `response` plus the session's headers, or, if Finish failed, with a 503 that
// keeps the response's version and keep-alive, and the error. The payload of `response` is left
// as it is (call prepare_payload before).
void AsyncFinishSession(const SessionEngine& engine, std::unique_ptr<Session> session,
                        StringResponse response, const boost::asio::any_io_executor& executor,
                        ResponseCallback done);

// The whole round for one request: AsyncBeginSession, then `handler` on `executor`, then
// prepare_payload and AsyncFinishSession, then `done` on `executor` with the response to write.
// The response is a 503 (and the status says why) when the session cannot be loaded, when the
// handler fails, or when Finish fails; nothing is saved then, but a logout is still carried out
// and its cookie deletion still sent.
void AsyncHandleRequest(const SessionEngine& engine, StringRequest request,
                        const boost::asio::ip::tcp::endpoint& peer,
                        const boost::asio::any_io_executor& executor, SessionHandler handler,
                        ResponseCallback done);

// The session of a WebSocket upgrade request, as Django Channels puts it in scope["session"]:
// loaded without blocking (a fresh anonymous session when the cookie names none) and posted to
// `done` on `executor` before the caller answers the handshake, so that the caller can refuse
// the upgrade (say, 403 for an anonymous user), or accept it and keep the session for the
// socket's lifetime as a read-only snapshot. INVALID_ARGUMENT if `request` is not a WebSocket
// upgrade; the load errors of AsyncBeginSession otherwise (answer MakeServiceUnavailable instead
// of accepting).
//
// Writes after the handshake cannot reach the browser's cookie, so the caller should not Finish
// this session; to change the session, do it in an ordinary HTTP request.
void AsyncLoadUpgradeSession(const SessionEngine& engine,
                             const boost::beast::http::request_header<>& request,
                             const boost::asio::ip::tcp::endpoint& peer,
                             const boost::asio::any_io_executor& executor, SessionCallback done);

}  // namespace usersessions::sdk::beast_shim

#endif  // USERSESSIONS_SDK_BEAST_SESSION_MIDDLEWARE_H_
