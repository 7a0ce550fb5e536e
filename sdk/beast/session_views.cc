#include "sdk/beast/session_views.h"

#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/beast/http/field.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"

namespace usersessions::sdk::beast_shim {
namespace {

namespace http = boost::beast::http;
namespace net = boost::asio;

using ViewFunction =
    std::function<absl::StatusOr<views::ViewResponse>(const views::ViewRequest&, Session&)>;

std::string HeaderValue(const http::request_header<>& request, absl::string_view name) {
  const auto value = request[boost::beast::string_view(name.data(), name.size())];
  return std::string(value.data(), value.size());
}

// Keeps `executor`'s context from running out of work while a copy lives (the event loop must
// still run when the blocking part posts back).
net::any_io_executor Tracked(const net::any_io_executor& executor) {
  return net::prefer(executor, net::execution::outstanding_work.tracked);
}

// The round of AsyncHandleSessionViews, for any view.
void AsyncHandleView(const SessionEngine& engine, ViewFunction view, StringRequest request,
                     const net::ip::tcp::endpoint& peer, const net::any_io_executor& executor,
                     const net::any_io_executor& blocking_executor, ResponseCallback done) {
  // std::function needs copyable callables, so the request travels in a shared holder.
  auto held = std::make_shared<const StringRequest>(std::move(request));
  AsyncBeginSession(
      engine, *held, peer, executor,
      [&engine, view = std::move(view), held, executor = Tracked(executor),
       blocking_executor = Tracked(blocking_executor),
       done = std::move(done)](absl::StatusOr<std::unique_ptr<Session>> session) mutable {
        if (!session.ok()) {
          done(MakeServiceUnavailable(held->version(), held->keep_alive()), session.status());
          return;
        }
        net::post(blocking_executor, [&engine, view = std::move(view), held, executor,
                                      done = std::move(done),
                                      session = std::move(*session)]() mutable {
          absl::StatusOr<views::ViewResponse> answer = view(MakeViewRequest(*held), *session);
          net::post(executor, [&engine, held, executor, done = std::move(done),
                               session = std::move(session), answer = std::move(answer)]() mutable {
            const unsigned version = held->version();
            const bool keep_alive = held->keep_alive();
            StringResponse response = answer.ok() ? MakeViewResponse(*answer, version, keep_alive)
                                                  : MakeServiceUnavailable(version, keep_alive);
            AsyncFinishSession(engine, std::move(session), std::move(response), executor,
                               [view_error = answer.status(), done = std::move(done)](
                                   StringResponse out, absl::Status finish_error) {
                                 done(std::move(out),
                                      view_error.ok() ? std::move(finish_error) : view_error);
                               });
          });
        });
      });
}

}  // namespace

absl::string_view TargetPath(const http::request_header<>& request) {
  const auto target = request.target();
  const absl::string_view text(target.data(), target.size());
  return text.substr(0, text.find('?'));
}

views::ViewRequest MakeViewRequest(const StringRequest& request) {
  views::ViewRequest view;
  const auto method = request.method_string();
  view.method.assign(method.data(), method.size());
  const auto target = request.target();
  const absl::string_view text(target.data(), target.size());
  const size_t question = text.find('?');
  view.path = std::string(text.substr(0, question));
  if (question != absl::string_view::npos) view.query = std::string(text.substr(question + 1));
  view.accept = HeaderValue(request, "Accept");
  view.accept_language = HeaderValue(request, "Accept-Language");
  view.content_type = HeaderValue(request, "Content-Type");
  view.body = request.body();
  view.csrf_header = HeaderValue(request, views::kCsrfHeader);
  return view;
}

StringResponse MakeViewResponse(const views::ViewResponse& view, unsigned version,
                                bool keep_alive) {
  StringResponse response(static_cast<http::status>(view.status), version);
  for (const auto& [name, value] : view.headers) {
    response.insert(boost::beast::string_view(name.data(), name.size()), value);
  }
  if (!view.content_type.empty()) {
    response.set(http::field::content_type, view.content_type);
    response.body() = view.body;
  }
  response.keep_alive(keep_alive);
  response.prepare_payload();
  return response;
}

void AsyncHandleSessionViews(const SessionEngine& engine, const views::SessionViews& views,
                             StringRequest request, const net::ip::tcp::endpoint& peer,
                             const net::any_io_executor& executor,
                             const net::any_io_executor& blocking_executor, ResponseCallback done) {
  AsyncHandleView(
      engine,
      [&views](const views::ViewRequest& view_request, Session& session) {
        return views.Handle(view_request, session);
      },
      std::move(request), peer, executor, blocking_executor, std::move(done));
}

void AsyncHandleAdminSessionViews(const SessionEngine& engine,
                                  const views::AdminSessionViews& views, StringRequest request,
                                  const net::ip::tcp::endpoint& peer,
                                  const net::any_io_executor& executor,
                                  const net::any_io_executor& blocking_executor,
                                  ResponseCallback done) {
  AsyncHandleView(
      engine,
      [&views](const views::ViewRequest& view_request, Session& session) {
        return views.Handle(view_request, session);
      },
      std::move(request), peer, executor, blocking_executor, std::move(done));
}

}  // namespace usersessions::sdk::beast_shim
