#include "sdk/views/admin_session_views.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
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
using internal::FormFields;
using internal::Msg;

constexpr absl::string_view kDeletePath = "delete/";
constexpr int kMaxPageSize = 1000;

// The listing's filters, read from a query string or a posted form. Unknown values fall back to
// the defaults (active, all users).
struct Filters {
  std::string state = "active";
  std::string scope = "all";
  std::string query;

  static Filters From(const FormFields& fields) {
    Filters filters;
    const std::string state = internal::FirstValue(fields, "state");
    if (state == "expired" || state == "all") filters.state = state;
    if (internal::FirstValue(fields, "scope") == "mine") filters.scope = "mine";
    filters.query = internal::FirstValue(fields, "q");
    return filters;
  }

  v1::StateFilter StateFilter() const {
    if (state == "expired") return v1::STATE_FILTER_EXPIRED;
    if (state == "all") return v1::STATE_FILTER_ALL;
    return v1::STATE_FILTER_ACTIVE;
  }

  // The query string that reproduces these filters (defaults left out), plus `page_token`.
  std::string Query(const std::string& page_token = "") const {
    return internal::BuildQuery({{"state", state == "active" ? "" : state},
                                 {"scope", scope == "all" ? "" : scope},
                                 {"q", query},
                                 {"page_token", page_token}});
  }
};

std::string WithQuery(const std::string& path, const std::string& query) {
  return query.empty() ? path : absl::StrCat(path, "?", query);
}

// Options for a <select>: value, label and whether it is selected.
mustache::data Choices(const std::vector<std::pair<std::string, Msg>>& choices,
                       const std::string& selected, const Catalog& catalog) {
  mustache::data list(mustache::data::type::list);
  for (const auto& [value, label] : choices) {
    mustache::data choice;
    choice.set("value", value);
    choice.set("label", std::string(catalog.Get(label)));
    choice.set("selected", value == selected);
    list.push_back(choice);
  }
  return list;
}

}  // namespace

struct AdminSessionViews::Impl {
  std::shared_ptr<client::SessionStoreConnection> connection;
  AdminSessionViewsOptions options;
  internal::TemplateSet templates;
  std::shared_ptr<const Clock> clock;

  absl::StatusOr<ViewResponse> List(const ViewRequest& request, Session& session,
                                    const std::string& user_id) const;
  absl::StatusOr<ViewResponse> EndSelected(const ViewRequest& request, const FormFields& form,
                                           Session& session) const;
};

absl::StatusOr<std::unique_ptr<AdminSessionViews>> AdminSessionViews::Create(
    std::shared_ptr<client::SessionStoreConnection> admin_connection,
    AdminSessionViewsOptions options) {
  if (admin_connection == nullptr) {
    return absl::InvalidArgumentError("admin_connection must not be null");
  }
  if (options.is_admin == nullptr) return absl::InvalidArgumentError("is_admin must be set");
  if (options.page_size < 1 || options.page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must be 1 to ", kMaxPageSize, ", got ", options.page_size));
  }
  RETURN_IF_ERROR(internal::ValidateLocalUrl("prefix", options.prefix, /*is_prefix=*/true));
  RETURN_IF_ERROR(internal::ValidateLocalUrl("login_url", options.login_url, false));
  RETURN_IF_ERROR(internal::ValidateLanguage(options.language));
  ASSIGN_OR_RETURN(
      internal::TemplateSet templates,
      internal::TemplateSet::Create(options.templates,
                                    {kStylesTemplate, kHeaderTemplate, kAdminSessionsTemplate}));
  std::shared_ptr<const Clock> clock = options.clock;
  if (clock == nullptr) clock = std::make_shared<SystemClock>();
  auto impl = std::make_unique<Impl>(Impl{std::move(admin_connection), std::move(options),
                                          std::move(templates), std::move(clock)});
  return std::unique_ptr<AdminSessionViews>(new AdminSessionViews(std::move(impl)));
}

AdminSessionViews::AdminSessionViews(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
AdminSessionViews::~AdminSessionViews() = default;

const AdminSessionViewsOptions& AdminSessionViews::options() const { return impl_->options; }

bool AdminSessionViews::Matches(absl::string_view path) const {
  return internal::PathMatches(impl_->options.prefix, path);
}

absl::StatusOr<ViewResponse> AdminSessionViews::Handle(const ViewRequest& request,
                                                       Session& session) const {
  if (!Matches(request.path)) return internal::TextResponse(404, "Not Found");
  const absl::string_view rest =
      absl::string_view(request.path).substr(impl_->options.prefix.size());
  const bool is_list = rest.empty();
  if (!is_list && rest != kDeletePath) return internal::TextResponse(404, "Not Found");
  if (is_list && request.method != "GET" && request.method != "HEAD") {
    return internal::MethodNotAllowed("GET, HEAD");
  }
  if (!is_list && request.method != "POST") return internal::MethodNotAllowed("POST");

  ASSIGN_OR_RETURN(const std::string user_id, session.user_id());
  if (user_id.empty()) return internal::LoginRedirect(impl_->options.login_url, request);
  if (!impl_->options.is_admin(user_id, session)) {
    return internal::TextResponse(403, "Forbidden: administrators only");
  }
  if (is_list) return impl_->List(request, session, user_id);

  const FormFields form = internal::RequestForm(request);
  ASSIGN_OR_RETURN(const bool csrf_ok, internal::HasValidCsrfToken(request, form, session));
  if (!csrf_ok) return internal::TextResponse(403, "Forbidden: CSRF token missing or incorrect");
  return impl_->EndSelected(request, form, session);
}

absl::StatusOr<ViewResponse> AdminSessionViews::Impl::List(const ViewRequest& request,
                                                           Session& session,
                                                           const std::string& user_id) const {
  const Catalog& catalog = internal::ChooseLanguage(options.language, request.accept_language);
  const FormFields parameters = internal::ParseUrlEncoded(request.query);
  const Filters filters = Filters::From(parameters);
  const std::string page_token = internal::FirstValue(parameters, "page_token");

  v1::ListSessionsRequest list;
  if (filters.scope == "mine") list.set_user_id(user_id);
  list.set_state_filter(filters.StateFilter());
  list.set_query(filters.query);
  list.set_current_session_key(session.session_key());
  list.set_language_code(std::string(catalog.language));
  list.set_page_size(options.page_size);
  list.set_page_token(page_token);
  const absl::StatusOr<v1::ListSessionsResponse> listed = connection->ListSessions(list);
  if (absl::IsInvalidArgument(listed.status())) {
    return internal::TextResponse(400, absl::StrCat("Bad Request: ", listed.status().message()));
  }
  if (!listed.ok()) return listed.status();
  if (internal::WantsJson(request.accept)) return internal::JsonResponse(*listed);

  ASSIGN_OR_RETURN(const std::string csrf_token, CsrfToken(session));
  const absl::Time now = clock->Now();
  mustache::data rows(mustache::data::type::list);
  for (const v1::Session& listed_session : listed->sessions()) {
    const internal::SessionRow row = internal::MakeSessionRow(listed_session, catalog, now);
    mustache::data data;
    data.set("id", row.session_id);
    data.set("user_id", row.user_id);
    data.set("anonymous", row.user_id.empty());
    data.set("device", row.device);
    data.set("device_known", row.device_known);
    data.set("location", row.location);
    data.set("location_known", row.location_known);
    data.set("ip_address", row.ip_address);
    data.set("has_ip", !row.ip_address.empty());
    data.set("user_agent", listed_session.user_agent());
    data.set("last_activity", row.last_activity);
    data.set("last_activity_time", row.last_activity_time);
    data.set("current", row.current);
    data.set("expired", row.expired);
    rows.push_back(data);
  }
  mustache::data data = internal::PageData(catalog);
  data.set("sessions", rows);
  data.set("has_sessions", listed->sessions_size() > 0);
  data.set("csrf_token", csrf_token);
  data.set("list_url", options.prefix);
  data.set("delete_url", absl::StrCat(options.prefix, kDeletePath));
  data.set("state", filters.state);
  data.set("scope", filters.scope);
  data.set("q", filters.query);
  data.set("state_choices", Choices({{"active", Msg::kStateActive},
                                     {"expired", Msg::kStateExpired},
                                     {"all", Msg::kStateAll}},
                                    filters.state, catalog));
  data.set("scope_choices",
           Choices({{"all", Msg::kScopeAll}, {"mine", Msg::kScopeMine}}, filters.scope, catalog));
  data.set("has_next_page", !listed->next_page_token().empty());
  data.set("next_page_url", WithQuery(options.prefix, filters.Query(listed->next_page_token())));
  data.set("is_later_page", !page_token.empty());
  data.set("first_page_url", WithQuery(options.prefix, filters.Query()));
  return internal::HtmlResponse(catalog, templates.Render(kAdminSessionsTemplate, std::move(data)));
}

absl::StatusOr<ViewResponse> AdminSessionViews::Impl::EndSelected(const ViewRequest& request,
                                                                  const FormFields& form,
                                                                  Session& session) const {
  std::vector<std::string> ids = internal::AllValues(form, "session_id");
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  bool ended_current = false;
  for (const std::string& id : ids) {
    if (!internal::IsSessionIdSyntax(id)) continue;
    v1::RevokeSessionRequest revoke;
    revoke.set_session_id(id);  // No user_id: an admin may end anyone's session.
    const absl::StatusOr<v1::RevokeSessionResponse> revoked = connection->RevokeSession(revoke);
    if (absl::IsNotFound(revoked.status())) continue;  // Already gone.
    if (!revoked.ok()) return revoked.status();
    if (id == session.session_id()) ended_current = true;
  }
  if (ended_current) session.Logout();
  if (internal::WantsJson(request.accept)) return internal::NoContent();
  return internal::SeeOther(WithQuery(options.prefix, Filters::From(form).Query()));
}

}  // namespace usersessions::sdk::views
