// The routes of user-sessions-demo on a cpp-httplib server:
//   GET  /                  anonymous: a welcome page; signed in: the visit counter and the cart
//   GET  /login/            the sign-in form (?next=PATH is where to go afterwards)
//   POST /login/            username, password, csrf_token, next: 303 to next (or /) on success;
//                           401 and the form again for a wrong password; 403 for a bad token
//   POST /logout/           csrf_token (session-bound): signs out, 303 to /
//   POST /cart/             item, csrf_token: adds a product to the cart, 303 to /
//   POST /cart/clear/       csrf_token: empties the cart, 303 to /
//   /account/sessions/...   the "Active sessions" pages (sdk/views/session_views.h)
//   /admin/sessions/...     the admin listing, for the users marked admin
// Anything else is a 404 page; another method on a route above is a 405 with Allow.
//
// No route creates a session record for a visitor who has not signed in: the sign-in form is
// protected by a signed double-submit cookie (login_csrf.h), not by a session-bound token.
#ifndef USERSESSIONS_EXAMPLES_DEMO_DEMO_APP_H_
#define USERSESSIONS_EXAMPLES_DEMO_DEMO_APP_H_

#include <httplib.h>

#include "examples/demo/demo_users.h"
#include "examples/demo/login_csrf.h"
#include "sdk/httplib/session_middleware.h"
#include "sdk/session_engine.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/session_views.h"

namespace usersessions::demo {

// What the routes use; everything must outlive the server.
struct DemoAppParts {
  const sdk::SessionEngine* engine = nullptr;
  const DemoUsers* users = nullptr;
  const LoginCsrf* login_csrf = nullptr;
  // Mounted at their own prefixes (normally /account/sessions/ and /admin/sessions/).
  const sdk::views::SessionViews* session_views = nullptr;
  const sdk::views::AdminSessionViews* admin_views = nullptr;
  // Told why a request was answered with 503 (sessiond unreachable, say). May be null.
  sdk::httplib_shim::SessionErrorHandler on_error;
};

// Registers the routes above on `server`, and an error handler that gives error responses
// without a body a short HTML page. All pointers in `parts` must be set.
void MountDemoApp(httplib::Server& server, const DemoAppParts& parts);

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_DEMO_APP_H_
