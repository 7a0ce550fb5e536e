#include "examples/demo/theme.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace usersessions::demo {
namespace {

// Uses the views' colour variables (--us-*), so light and dark mode follow along.
constexpr char kDemoRules[] = R"css(
.demo-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1.25rem;
  padding: 0.75rem 1.5rem; background: var(--us-card); border-bottom: 1px solid var(--us-border); }
.demo-nav a, .demo-link { color: var(--us-fg); text-decoration: none; font: inherit;
  font-size: 0.9375rem; font-weight: 500; background: none; border: 0; padding: 0.25rem 0;
  cursor: pointer; }
.demo-nav a:hover, .demo-link:hover { color: var(--us-accent); text-decoration: underline; }
.demo-nav a[aria-current="page"] { color: var(--us-accent); font-weight: 600; }
.demo-nav .demo-brand { margin-right: auto; font-weight: 700; }
.demo-nav form { margin: 0; }
.demo-user { color: var(--us-muted); font-size: 0.875rem; }
.demo-body { padding: 1.25rem; }
.demo-body h2 { margin: 0 0 0.5rem; font-size: 1rem; font-weight: 600; }
.demo-body p { margin: 0 0 0.75rem; }
.demo-body p:last-child { margin-bottom: 0; }
.demo-body a:not(.us-button) { color: var(--us-accent); }
.demo-muted { color: var(--us-muted); font-size: 0.875rem; }
.demo-form { display: flex; flex-direction: column; gap: 1rem; max-width: 22rem; }
.demo-form .us-field input { font-size: 1rem; }
.demo-form .us-button { align-self: flex-start; }
.us-button--primary { background: var(--us-accent); border-color: var(--us-accent); color: #ffffff; }
.us-button--primary:hover { background: var(--us-accent); border-color: var(--us-fg); filter: brightness(0.92); }
@media (prefers-color-scheme: dark) { .us-button--primary, .us-button--primary:hover { color: #0d1117; } }
.demo-error { margin: 0 0 1rem; padding: 0.625rem 0.875rem; border: 1px solid var(--us-danger);
  border-radius: 8px; background: var(--us-danger-soft); color: var(--us-danger); font-weight: 600; }
.demo-count { margin: 0 0 0.25rem; font-size: 2.25rem; font-weight: 700; line-height: 1.1; }
.demo-cart { margin: 0 0 1rem; padding-left: 1.25rem; }
.demo-products { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; padding: 0;
  list-style: none; }
.demo-products form { margin: 0; }
@media (max-width: 640px) {
  .demo-nav { padding: 0.75rem 1rem; }
  .demo-nav .demo-brand { flex-basis: 100%; }
}
)css";

constexpr char kSessionsNav[] = R"html(<nav class="demo-nav" aria-label="Main">
  <a class="demo-brand" href="/">user-sessions demo</a>
  <a href="/">Home</a>
  <a href="/account/sessions/" aria-current="page">Active sessions</a>
  <form method="post" action="/logout/">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <button type="submit" class="demo-link">Sign out</button>
  </form>
</nav>
)html";

// Only administrators reach the admin listing, so its bar always offers the link back to it.
constexpr char kAdminNav[] = R"html(<nav class="demo-nav" aria-label="Main">
  <a class="demo-brand" href="/">user-sessions demo</a>
  <a href="/">Home</a>
  <a href="/account/sessions/">Active sessions</a>
  <a href="/admin/sessions/" aria-current="page">All sessions</a>
  <form method="post" action="/logout/">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <button type="submit" class="demo-link">Sign out</button>
  </form>
</nav>
)html";

absl::StatusOr<sdk::views::TemplateMap> WithNav(const char* name, absl::string_view nav) {
  std::string page(sdk::views::DefaultTemplate(name));
  const std::string body_tag = "<body>\n";
  const size_t body_at = page.find(body_tag);
  if (body_at == std::string::npos) {
    return absl::InternalError(
        absl::StrCat("the views' default \"", name, "\" template has no <body> line"));
  }
  page.insert(body_at + body_tag.size(), std::string(nav));
  return sdk::views::TemplateMap{{sdk::views::kStylesTemplate, DemoStyles()},
                                 {name, std::move(page)}};
}

}  // namespace

const std::string& DemoStyles() {
  static const auto* const styles = new std::string(
      absl::StrCat(sdk::views::DefaultTemplate(sdk::views::kStylesTemplate), kDemoRules));
  return *styles;
}

absl::StatusOr<sdk::views::TemplateMap> SessionsTemplateOverrides() {
  return WithNav(sdk::views::kSessionsTemplate, kSessionsNav);
}

absl::StatusOr<sdk::views::TemplateMap> AdminTemplateOverrides() {
  return WithNav(sdk::views::kAdminSessionsTemplate, kAdminNav);
}

}  // namespace usersessions::demo
