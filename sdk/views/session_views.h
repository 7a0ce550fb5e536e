// The "Active sessions" pages of the signed-in user, framework-neutral: a shim turns the HTTP
// request into a ViewRequest, hands it with the request's Session to SessionViews::Handle, and
// sends the ViewResponse back (sdk/httplib/session_views.h and sdk/beast/session_views.h do this).
//
// Routes, below SessionViewsOptions::prefix (default /account/sessions/):
//   GET  {prefix}                    the list (HTML; JSON with Accept: application/json)
//   POST {prefix}{session_id}/delete/  ends one of the user's sessions
//   POST {prefix}other/delete/       ends all the user's sessions but this one
// HEAD is answered like GET. Another method on a route gets 405 with Allow; another path below
// the prefix gets 404.
#ifndef USERSESSIONS_SDK_VIEWS_SESSION_VIEWS_H_
#define USERSESSIONS_SDK_VIEWS_SESSION_VIEWS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/session_store_connection.h"
#include "common/clock.h"
#include "sdk/session.h"
#include "sdk/views/templates.h"
#include "sdk/views/view_http.h"

namespace usersessions::sdk::views {

struct SessionViewsOptions {
  // Where the pages live; must start and end with '/'.
  std::string prefix = "/account/sessions/";
  // Where anonymous visitors are sent, with ?next=<the requested path, URL-encoded> (or &next=
  // if login_url already has a query).
  std::string login_url = "/login/";
  // Where ending the current session lands (303), as Django's LOGOUT_REDIRECT_URL.
  std::string logout_redirect_url = "/";
  // "en" or "nl" fixes the pages' language; empty picks it per request from Accept-Language
  // (q-values honoured; English when nothing matches). The chosen code is also sent to sessiond
  // as ListSessionsRequest.language_code, so location names follow it.
  std::string language;
  // Template overrides by name (kSessionsTemplate, kStylesTemplate, kHeaderTemplate); the rest
  // stay the defaults. See LoadTemplateDirectory.
  TemplateMap templates;
  // Time source for "5 minutes ago"; null uses the system clock. For tests.
  std::shared_ptr<const Clock> clock;
};

// Thread-safe and immutable: one instance serves every request.
class SessionViews {
 public:
  // `connection` makes the management calls (ListSessions, RevokeSession, RevokeUserSessions)
  // on behalf of the session's owner; the engine's connection (role engine) will do. Must not be
  // null. INVALID_ARGUMENT for a prefix or URL that is empty or does not start with '/' (the
  // prefix must also end with '/'), an unsupported language, an unknown template name, or a
  // template that does not parse (the message names it).
  static absl::StatusOr<std::unique_ptr<SessionViews>> Create(
      std::shared_ptr<client::SessionStoreConnection> connection, SessionViewsOptions options);

  SessionViews(const SessionViews&) = delete;
  SessionViews& operator=(const SessionViews&) = delete;
  ~SessionViews();

  // True if `path` is the prefix or lies below it: the requests Handle answers.
  bool Matches(absl::string_view path) const;

  // Answers one request (whose path Matches) for `session`, the request's session:
  // - anonymous session: 303 to login_url?next=...;
  // - the list: the owner's active sessions, newest activity first, with location and IP,
  //   device, last activity and "(this session)"; never a session key;
  // - every POST needs a valid CSRF token (form field csrf_token or header X-CSRF-Token, see
  //   csrf.h), else 403 and nothing changes;
  // - ending a session: 404 for an id that is not one of the owner's sessions; ending the
  //   current one logs out (session.Logout()) and answers 303 to logout_redirect_url, any other
  //   303 back to the list (204 for a request that accepts JSON);
  // - ending the others: RevokeUserSessions keeping this session; 303 back to the list (JSON:
  //   200 {"revokedCount": "N"}).
  // Responses are not cacheable (Cache-Control: no-store) and carry Content-Language.
  // Errors (answer 503, nothing is saved): the session's load error and sessiond's errors other
  // than NOT_FOUND on a revoke (UNAVAILABLE when it cannot be reached).
  absl::StatusOr<ViewResponse> Handle(const ViewRequest& request, Session& session) const;

  const SessionViewsOptions& options() const;

 private:
  struct Impl;
  explicit SessionViews(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace usersessions::sdk::views

#endif  // USERSESSIONS_SDK_VIEWS_SESSION_VIEWS_H_
