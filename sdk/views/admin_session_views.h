// The administrators' listing of everyone's sessions, framework-neutral (the shims mount it like
// SessionViews). It talks to sessiond over its own connection, configured with a token of role
// admin that the host app gives to this handler alone; the engine's connection keeps role engine.
//
// Routes, below AdminSessionViewsOptions::prefix (default /admin/sessions/):
//   GET  {prefix}?state=active|expired|all&scope=all|mine&q=TEXT&page_token=T
//        the listing (HTML; JSON with Accept: application/json): state (default active), all
//        users or only the admin's own sessions (default all), a search over IP address, user
//        agent and user id, and pages of AdminSessionViewsOptions::page_size with a "next page"
//        link
//   POST {prefix}delete/   ends the sessions whose ids are posted as repeated session_id fields
//        (checkboxes), then 303 back to the listing with the same filters (form fields state,
//        scope, q)
// Another method on a route gets 405 with Allow; another path below the prefix gets 404.
#ifndef USERSESSIONS_SDK_VIEWS_ADMIN_SESSION_VIEWS_H_
#define USERSESSIONS_SDK_VIEWS_ADMIN_SESSION_VIEWS_H_

#include <functional>
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

// Decides whether the signed-in `user_id` (never empty) may use the admin listing. `session` is
// the request's session, for hosts that keep a role in it. Called on the request's thread; must
// not throw.
using AdminPredicate = std::function<bool(const std::string& user_id, Session& session)>;

struct AdminSessionViewsOptions {
  // Required: who is an administrator.
  AdminPredicate is_admin;
  // Where the listing lives; must start and end with '/'.
  std::string prefix = "/admin/sessions/";
  // Where anonymous visitors are sent, with ?next=.
  std::string login_url = "/login/";
  // As SessionViewsOptions::language.
  std::string language;
  // Sessions per page, 1 to 1000.
  int page_size = 50;
  // Template overrides by name (kAdminSessionsTemplate, kStylesTemplate, kHeaderTemplate).
  TemplateMap templates;
  // Time source for "5 minutes ago"; null uses the system clock. For tests.
  std::shared_ptr<const Clock> clock;
};

// Thread-safe and immutable: one instance serves every request.
class AdminSessionViews {
 public:
  // `admin_connection` must carry an admin-role token (with sessiond's auth off, on loopback,
  // every caller is admin). Must not be null. INVALID_ARGUMENT for a null is_admin, a page_size
  // out of range, and as SessionViews::Create for prefix, URLs, language and templates.
  static absl::StatusOr<std::unique_ptr<AdminSessionViews>> Create(
      std::shared_ptr<client::SessionStoreConnection> admin_connection,
      AdminSessionViewsOptions options);

  AdminSessionViews(const AdminSessionViews&) = delete;
  AdminSessionViews& operator=(const AdminSessionViews&) = delete;
  ~AdminSessionViews();

  // True if `path` is the prefix or lies below it.
  bool Matches(absl::string_view path) const;

  // Answers one request (whose path Matches): 303 to login_url?next=... for an anonymous
  // session, 403 for a signed-in user that is_admin refuses; otherwise the routes above. The
  // bulk POST needs a valid CSRF token (403 otherwise, nothing ended); ids that are already
  // gone are skipped. A page token that sessiond refuses (stale, or for other filters) gets 400.
  // Errors (answer 503): the session's load error and sessiond's other errors.
  absl::StatusOr<ViewResponse> Handle(const ViewRequest& request, Session& session) const;

  const AdminSessionViewsOptions& options() const;

 private:
  struct Impl;
  explicit AdminSessionViews(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace usersessions::sdk::views

#endif  // USERSESSIONS_SDK_VIEWS_ADMIN_SESSION_VIEWS_H_
