// Mounts the "Active sessions" views (sdk/views/) on a cpp-httplib server:
//
//   auto views = usersessions::sdk::views::SessionViews::Create(connection, {}).value();
//   usersessions::sdk::httplib_shim::MountSessionViews(server, *engine, *views);
//
// Each mounted request runs inside WithSession (session_middleware.h): the engine loads and
// saves the session, and the view's response gets the session cookie and caching headers.
#ifndef USERSESSIONS_SDK_HTTPLIB_SESSION_VIEWS_H_
#define USERSESSIONS_SDK_HTTPLIB_SESSION_VIEWS_H_

#include <httplib.h>

#include "sdk/httplib/session_middleware.h"
#include "sdk/session_engine.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/csrf.h"
#include "sdk/views/session_views.h"
#include "sdk/views/view_http.h"

namespace usersessions::sdk::httplib_shim {

// Routes every request whose path is views.options().prefix or lies below it, for GET (and
// so HEAD), POST, PUT, PATCH, DELETE and OPTIONS, to SessionViews::Handle:
//   GET  {prefix}                      list (HTML, or JSON with Accept: application/json)
//   POST {prefix}{session_id}/delete/  end one session (303; the current one: logout, 303 to
//                                      the logout URL)
//   POST {prefix}other/delete/         end all other sessions (303)
// GET on the delete routes gets 405 with Allow: POST; an unknown path below the prefix 404; a
// POST without a valid CSRF token 403; an anonymous visitor 303 to the login URL with ?next=.
// When sessiond fails (the view's error), the response is WithSession's 503 and `on_error` is
// told why. `engine` and `views` must outlive the server. Register these routes before a
// catch-all route of the host app: httplib tries routes in registration order.
void MountSessionViews(httplib::Server& server, const SessionEngine& engine,
                       const views::SessionViews& views, SessionErrorHandler on_error = nullptr);

// The same for the admin listing (AdminSessionViews::Handle), under its prefix (default
// /admin/sessions/): GET {prefix} with the filters as query parameters, POST {prefix}delete/.
// Anonymous: 303 to the login URL; signed in but not an admin (the host's predicate): 403.
void MountAdminSessionViews(httplib::Server& server, const SessionEngine& engine,
                            const views::AdminSessionViews& views,
                            SessionErrorHandler on_error = nullptr);

// The translation, for hosts that route themselves: the method, path, raw query (from the
// request target), Accept, Accept-Language, Content-Type, body and X-CSRF-Token of `request`.
views::ViewRequest MakeViewRequest(const httplib::Request& request);

// Puts `view` into `response`: status, headers, and the body with its content type.
void ApplyViewResponse(const views::ViewResponse& view, httplib::Response& response);

}  // namespace usersessions::sdk::httplib_shim

#endif  // USERSESSIONS_SDK_HTTPLIB_SESSION_VIEWS_H_
