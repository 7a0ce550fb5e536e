#include "sdk/views/session_views.h"

#include <kainjow/mustache.hpp>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"
#include "sdk/views/csrf.h"
#include "sdk/views/internal/language.h"
#include "sdk/views/internal/session_row.h"
#include "sdk/views/internal/template_set.h"
#include "sdk/views/internal/url_encoding.h"
#include "sdk/views/internal/view_support.h"

namespace usersessions::sdk::views {
namespace {

namespace mustache = kainjow::mustache;
using internal::Catalog;
using internal::Msg;

// Sessions per page, newest activity first; a user with more gets a link to the next page.
constexpr int kPageSize = 100;

constexpr absl::string_view kDeleteSuffix = "/delete/";
constexpr absl::string_view kOtherDeletePath = "other/delete/";

enum class Route { kList, kDeleteOne, kDeleteOthers, kUnknown };

struct Target {
  Route route = Route::kUnknown;
  std::string session_id;  // For kDeleteOne.
};

// Routes the path below the prefix.
Target Resolve(absl::string_view rest) {
  if (rest.empty()) return {Route::kList, ""};
  if (rest == kOtherDeletePath) return {Route::kDeleteOthers, ""};
  if (absl::ConsumeSuffix(&rest, kDeleteSuffix) && internal::IsSessionIdSyntax(rest)) {
    return {Route::kDeleteOne, std::string(rest)};
  }
  return {};
}

mustache::data RowData(const internal::SessionRow& row, absl::string_view prefix) {
  mustache::data data;
  data.set("id", row.session_id);
  data.set("device", row.device);
  data.set("device_known", row.device_known);
  data.set("device_kind", row.device_kind);
  data.set(absl::StrCat("kind_", row.device_kind), true);
  data.set("location", row.location);
  data.set("location_known", row.location_known);
  data.set("ip_address", row.ip_address);
  data.set("has_ip", !row.ip_address.empty());
  data.set("last_activity", row.last_activity);
  data.set("last_activity_time", row.last_activity_time);
  data.set("current", row.current);
  data.set("delete_url", absl::StrCat(prefix, row.session_id, kDeleteSuffix));
  return data;
}

}  // namespace

struct SessionViews::Impl {
  std::shared_ptr<client::SessionStoreConnection> connection;
  SessionViewsOptions options;
  internal::TemplateSet templates;
  std::shared_ptr<const Clock> clock;

  absl::StatusOr<ViewResponse> List(const ViewRequest& request, Session& session,
                                    const std::string& user_id, const Catalog& catalog) const;
  absl::StatusOr<ViewResponse> DeleteOne(const ViewRequest& request, Session& session,
                                         const std::string& user_id,
                                         const std::string& session_id) const;
  absl::StatusOr<ViewResponse> DeleteOthers(const ViewRequest& request, Session& session,
                                            const std::string& user_id) const;
};

absl::StatusOr<std::unique_ptr<SessionViews>> SessionViews::Create(
    std::shared_ptr<client::SessionStoreConnection> connection, SessionViewsOptions options) {
  if (connection == nullptr) return absl::InvalidArgumentError("connection must not be null");
  RETURN_IF_ERROR(internal::ValidateLocalUrl("prefix", options.prefix, /*is_prefix=*/true));
  RETURN_IF_ERROR(internal::ValidateLocalUrl("login_url", options.login_url, false));
  RETURN_IF_ERROR(
      internal::ValidateLocalUrl("logout_redirect_url", options.logout_redirect_url, false));
  RETURN_IF_ERROR(internal::ValidateLanguage(options.language));
  ASSIGN_OR_RETURN(internal::TemplateSet templates,
                   internal::TemplateSet::Create(
                       options.templates, {kStylesTemplate, kHeaderTemplate, kSessionsTemplate}));
  std::shared_ptr<const Clock> clock = options.clock;
  if (clock == nullptr) clock = std::make_shared<SystemClock>();
  auto impl = std::make_unique<Impl>(
      Impl{std::move(connection), std::move(options), std::move(templates), std::move(clock)});
  return std::unique_ptr<SessionViews>(new SessionViews(std::move(impl)));
}

SessionViews::SessionViews(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
SessionViews::~SessionViews() = default;

const SessionViewsOptions& SessionViews::options() const { return impl_->options; }

bool SessionViews::Matches(absl::string_view path) const {
  return internal::PathMatches(impl_->options.prefix, path);
}

absl::StatusOr<ViewResponse> SessionViews::Handle(const ViewRequest& request,
                                                  Session& session) const {
  if (!Matches(request.path)) return internal::TextResponse(404, "Not Found");
  const Target target =
      Resolve(absl::string_view(request.path).substr(impl_->options.prefix.size()));
  const bool is_get = request.method == "GET" || request.method == "HEAD";
  switch (target.route) {
    case Route::kUnknown:
      return internal::TextResponse(404, "Not Found");
    case Route::kList:
      if (!is_get) return internal::MethodNotAllowed("GET, HEAD");
      break;
    case Route::kDeleteOne:
    case Route::kDeleteOthers:
      if (request.method != "POST") return internal::MethodNotAllowed("POST");
      break;
  }

  ASSIGN_OR_RETURN(const std::string user_id, session.user_id());
  if (user_id.empty()) return internal::LoginRedirect(impl_->options.login_url, request);

  if (target.route == Route::kList) {
    return impl_->List(request, session, user_id,
                       internal::ChooseLanguage(impl_->options.language, request.accept_language));
  }
  const internal::FormFields form = internal::RequestForm(request);
  ASSIGN_OR_RETURN(const bool csrf_ok, internal::HasValidCsrfToken(request, form, session));
  if (!csrf_ok) return internal::TextResponse(403, "Forbidden: CSRF token missing or incorrect");
  if (target.route == Route::kDeleteOne) {
    return impl_->DeleteOne(request, session, user_id, target.session_id);
  }
  return impl_->DeleteOthers(request, session, user_id);
}

absl::StatusOr<ViewResponse> SessionViews::Impl::List(const ViewRequest& request, Session& session,
                                                      const std::string& user_id,
                                                      const Catalog& catalog) const {
  v1::ListSessionsRequest list;
  list.set_user_id(user_id);
  list.set_state_filter(v1::STATE_FILTER_ACTIVE);
  list.set_current_session_key(session.session_key());
  list.set_language_code(std::string(catalog.language));
  list.set_page_size(kPageSize);
  const std::string page_token =
      internal::FirstValue(internal::ParseUrlEncoded(request.query), "page_token");
  list.set_page_token(page_token);
  const absl::StatusOr<v1::ListSessionsResponse> response = connection->ListSessions(list);
  if (absl::IsInvalidArgument(response.status())) {  // A stale or foreign page token.
    return internal::TextResponse(400, absl::StrCat("Bad Request: ", response.status().message()));
  }
  if (!response.ok()) return response.status();
  const v1::ListSessionsResponse& listed = *response;
  if (internal::WantsJson(request.accept)) return internal::JsonResponse(listed);

  ASSIGN_OR_RETURN(const std::string csrf_token, CsrfToken(session));
  const absl::Time now = clock->Now();
  mustache::data rows(mustache::data::type::list);
  int others = 0;
  for (const v1::Session& listed_session : listed.sessions()) {
    const internal::SessionRow row = internal::MakeSessionRow(listed_session, catalog, now);
    if (!row.current) ++others;
    rows.push_back(RowData(row, options.prefix));
  }
  mustache::data data = internal::PageData(catalog);
  data.set("sessions", rows);
  data.set("session_count", std::to_string(listed.sessions_size()));
  data.set("has_other_sessions", others > 0);
  data.set("other_count", std::to_string(others));
  data.set("csrf_token", csrf_token);
  data.set("list_url", options.prefix);
  data.set("other_delete_url", absl::StrCat(options.prefix, kOtherDeletePath));
  data.set("has_next_page", !listed.next_page_token().empty());
  data.set(
      "next_page_url",
      absl::StrCat(options.prefix, "?page_token=", internal::UrlEncode(listed.next_page_token())));
  data.set("is_later_page", !page_token.empty());
  data.set("first_page_url", options.prefix);
  data.set("has_pages", !page_token.empty() || !listed.next_page_token().empty());
  return internal::HtmlResponse(catalog, templates.Render(kSessionsTemplate, std::move(data)));
}

absl::StatusOr<ViewResponse> SessionViews::Impl::DeleteOne(const ViewRequest& request,
                                                           Session& session,
                                                           const std::string& user_id,
                                                           const std::string& session_id) const {
  v1::RevokeSessionRequest revoke;
  revoke.set_user_id(user_id);
  revoke.set_session_id(session_id);
  const absl::StatusOr<v1::RevokeSessionResponse> revoked = connection->RevokeSession(revoke);
  if (absl::IsNotFound(revoked.status())) return internal::TextResponse(404, "Not Found");
  if (!revoked.ok()) return revoked.status();
  if (session_id == session.session_id()) {
    session.Logout();
    return internal::SeeOther(options.logout_redirect_url);
  }
  if (internal::WantsJson(request.accept)) return internal::NoContent();
  return internal::SeeOther(options.prefix);
}

absl::StatusOr<ViewResponse> SessionViews::Impl::DeleteOthers(const ViewRequest& request,
                                                              Session& session,
                                                              const std::string& user_id) const {
  v1::RevokeUserSessionsRequest revoke;
  revoke.set_user_id(user_id);
  revoke.set_keep_session_key(session.session_key());
  ASSIGN_OR_RETURN(const v1::RevokeUserSessionsResponse revoked,
                   connection->RevokeUserSessions(revoke));
  if (internal::WantsJson(request.accept)) return internal::JsonResponse(revoked);
  return internal::SeeOther(options.prefix);
}

}  // namespace usersessions::sdk::views
