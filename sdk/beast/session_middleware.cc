#include "sdk/beast/session_middleware.h"

#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "sdk/internal/response_header_merge.h"

namespace usersessions::sdk::beast_shim {
namespace {

namespace http = boost::beast::http;
namespace net = boost::asio;

constexpr int kServiceUnavailable = 503;

// Every value of header `name`, in order.
template <typename Fields, typename Name>
std::vector<std::string> HeaderValues(const Fields& fields, Name name) {
  std::vector<std::string> values;
  auto [begin, end] = fields.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    values.emplace_back(it->value().data(), it->value().size());
  }
  return values;
}

// An executor that keeps `executor`'s context from running out of work while a copy of it lives,
// so that a completion posted from a gRPC thread still finds the event loop running.
net::any_io_executor Tracked(const net::any_io_executor& executor) {
  return net::prefer(executor, net::execution::outstanding_work.tracked);
}

// Finishes `session` and posts the response to send: `response` (or, after `handler_error` or a
// failed Finish, a 503) plus the session's headers.
void FinishAndPost(const SessionEngine& engine, std::unique_ptr<Session> session,
                   StringResponse response, absl::Status handler_error,
                   const net::any_io_executor& executor, ResponseCallback done) {
  const int http_status = handler_error.ok() ? response.result_int() : kServiceUnavailable;
  // std::function needs copyable callables, so the response travels in a shared holder.
  auto held = std::make_shared<StringResponse>(std::move(response));
  engine.FinishAsync(
      std::move(session), http_status,
      [held, handler_error = std::move(handler_error), executor = Tracked(executor),
       done = std::move(done)](std::unique_ptr<Session> session,
                               absl::StatusOr<ResponseHeaders> headers) mutable {
        absl::Status error = !handler_error.ok() ? std::move(handler_error) : headers.status();
        StringResponse out = std::move(*held);
        if (!error.ok()) out = MakeServiceUnavailable(out.version(), out.keep_alive());
        if (headers.ok()) ApplyResponseHeaders(*headers, out);
        // The session goes along, so that it (and the engine state it shares) is released on
        // the application's executor rather than on a gRPC thread.
        net::post(executor, [done = std::move(done), out = std::move(out), error = std::move(error),
                             session = std::move(session)]() mutable {
          done(std::move(out), std::move(error));
        });
      });
}

// The state of one AsyncHandleRequest, shared by its callbacks.
struct Round {
  Round(const SessionEngine& engine, StringRequest request, net::any_io_executor executor,
        SessionHandler handler, ResponseCallback done)
      : engine(engine),
        request(std::move(request)),
        executor(std::move(executor)),
        handler(std::move(handler)),
        done(std::move(done)) {}

  const SessionEngine& engine;
  StringRequest request;
  net::any_io_executor executor;
  SessionHandler handler;
  ResponseCallback done;
};

}  // namespace

RequestContext MakeRequestContext(const http::request_header<>& request,
                                  const net::ip::tcp::endpoint& peer) {
  RequestContext context;
  context.remote_addr = peer.address().to_string();
  context.cookie_header = absl::StrJoin(HeaderValues(request, http::field::cookie), "; ");
  context.x_forwarded_for = HeaderValues(request, "X-Forwarded-For");
  context.forwarded = HeaderValues(request, "Forwarded");
  const auto user_agent = request[http::field::user_agent];
  context.user_agent.assign(user_agent.data(), user_agent.size());
  return context;
}

void ApplyResponseHeaders(const ResponseHeaders& headers, http::response_header<>& response) {
  for (const std::string& cookie : headers.set_cookie) {
    response.insert(http::field::set_cookie, cookie);
  }
  if (headers.vary_cookie) {
    response.set(http::field::vary,
                 internal::MergeVaryCookie(HeaderValues(response, http::field::vary)));
  }
  if (headers.cache_control_private) {
    response.set(http::field::cache_control, internal::MergeCacheControlPrivate(HeaderValues(
                                                 response, http::field::cache_control)));
  }
}

StringResponse MakeServiceUnavailable(unsigned version, bool keep_alive) {
  StringResponse response(http::status::service_unavailable, version);
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(keep_alive);
  response.body() = "Service Unavailable";
  response.prepare_payload();
  return response;
}

void AsyncBeginSession(const SessionEngine& engine, const http::request_header<>& request,
                       const net::ip::tcp::endpoint& peer, const net::any_io_executor& executor,
                       SessionCallback done) {
  engine.BeginAsync(
      MakeRequestContext(request, peer),
      [executor = Tracked(executor),
       done = std::move(done)](absl::StatusOr<std::unique_ptr<Session>> session) mutable {
        net::post(executor, [done = std::move(done), session = std::move(session)]() mutable {
          done(std::move(session));
        });
      });
}

void AsyncFinishSession(const SessionEngine& engine, std::unique_ptr<Session> session,
                        StringResponse response, const net::any_io_executor& executor,
                        ResponseCallback done) {
  FinishAndPost(engine, std::move(session), std::move(response), absl::OkStatus(), executor,
                std::move(done));
}

void AsyncHandleRequest(const SessionEngine& engine, StringRequest request,
                        const net::ip::tcp::endpoint& peer, const net::any_io_executor& executor,
                        SessionHandler handler, ResponseCallback done) {
  auto round = std::make_shared<Round>(engine, std::move(request), executor, std::move(handler),
                                       std::move(done));
  AsyncBeginSession(engine, round->request, peer, executor,
                    [round](absl::StatusOr<std::unique_ptr<Session>> session) {
                      const StringRequest& request = round->request;
                      if (!session.ok()) {
                        round->done(MakeServiceUnavailable(request.version(), request.keep_alive()),
                                    session.status());
                        return;
                      }
                      StringResponse response(http::status::ok, request.version());
                      response.keep_alive(request.keep_alive());
                      absl::Status handled = round->handler(request, response, **session);
                      response.prepare_payload();
                      FinishAndPost(round->engine, *std::move(session), std::move(response),
                                    std::move(handled), round->executor, std::move(round->done));
                    });
}

void AsyncLoadUpgradeSession(const SessionEngine& engine, const http::request_header<>& request,
                             const net::ip::tcp::endpoint& peer,
                             const net::any_io_executor& executor, SessionCallback done) {
  if (!boost::beast::websocket::is_upgrade(request)) {
    net::post(Tracked(executor), [done = std::move(done)]() mutable {
      done(absl::InvalidArgumentError("not a WebSocket upgrade request"));
    });
    return;
  }
  AsyncBeginSession(engine, request, peer, executor, std::move(done));
}

}  // namespace usersessions::sdk::beast_shim
