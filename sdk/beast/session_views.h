// Serves the "Active sessions" views (sdk/views/) from a Boost.Beast server. Beast has no router,
// so the host's request dispatch asks Matches and hands the request over:
//
//   if (views.Matches(beast_shim::TargetPath(request))) {
//     beast_shim::AsyncHandleSessionViews(*engine, views, std::move(request), peer, strand,
//                                         blocking_pool.get_executor(), std::move(send));
//     return;
//   }
//
// The views make blocking management calls (ListSessions, RevokeSession, ...), which must not
// run on the event loop: they run on `blocking_executor` (a boost::asio::thread_pool's, say),
// and everything else (loading and saving the session, `done`) on `executor`, as in
// AsyncHandleRequest (session_middleware.h).
#ifndef USERSESSIONS_SDK_BEAST_SESSION_VIEWS_H_
#define USERSESSIONS_SDK_BEAST_SESSION_VIEWS_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>

#include "absl/strings/string_view.h"
#include "sdk/beast/session_middleware.h"
#include "sdk/session_engine.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/csrf.h"
#include "sdk/views/session_views.h"
#include "sdk/views/view_http.h"

namespace usersessions::sdk::beast_shim {

// The path part of the request target (before any '?'), for SessionViews::Matches.
absl::string_view TargetPath(const boost::beast::http::request_header<>& request);

// The translation: method, path and raw query (from the target), Accept, Accept-Language,
// Content-Type, body and X-CSRF-Token of `request`.
views::ViewRequest MakeViewRequest(const StringRequest& request);

// `view` as a Beast response with the given HTTP version and keep-alive, payload prepared.
StringResponse MakeViewResponse(const views::ViewResponse& view, unsigned version, bool keep_alive);

// Answers a request whose path views.Matches (routes and rules as
// httplib_shim::MountSessionViews): AsyncBeginSession on `executor`, SessionViews::Handle on
// `blocking_executor`, then AsyncFinishSession and `done` on `executor` with the response to
// write. The response is a 503 (and the status says why) when the session cannot be loaded,
// when the view fails (sessiond unreachable), or when Finish fails. `engine` and `views` must
// outlive the operation.
void AsyncHandleSessionViews(const SessionEngine& engine, const views::SessionViews& views,
                             StringRequest request, const boost::asio::ip::tcp::endpoint& peer,
                             const boost::asio::any_io_executor& executor,
                             const boost::asio::any_io_executor& blocking_executor,
                             ResponseCallback done);

// The same for the admin listing (AdminSessionViews::Handle).
void AsyncHandleAdminSessionViews(const SessionEngine& engine,
                                  const views::AdminSessionViews& views, StringRequest request,
                                  const boost::asio::ip::tcp::endpoint& peer,
                                  const boost::asio::any_io_executor& executor,
                                  const boost::asio::any_io_executor& blocking_executor,
                                  ResponseCallback done);

}  // namespace usersessions::sdk::beast_shim

#endif  // USERSESSIONS_SDK_BEAST_SESSION_VIEWS_H_
