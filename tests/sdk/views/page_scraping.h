// Reads what a browser would from the rendered sessions pages, for the shim tests.
#ifndef USERSESSIONS_TESTS_SDK_VIEWS_PAGE_SCRAPING_H_
#define USERSESSIONS_TESTS_SDK_VIEWS_PAGE_SCRAPING_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace usersessions::sdk::views::testing {

// The value of the first attribute `name="..."` that follows `marker` in `html`; "" if none.
inline std::string AttributeAfter(absl::string_view html, absl::string_view marker,
                                  absl::string_view name) {
  size_t at = html.find(marker);
  if (at == absl::string_view::npos) return "";
  const std::string prefix = std::string(name) + "=\"";
  at = html.find(prefix, at);
  if (at == absl::string_view::npos) return "";
  at += prefix.size();
  const size_t end = html.find('"', at);
  return end == absl::string_view::npos ? "" : std::string(html.substr(at, end - at));
}

// The CSRF token of the page's first form.
inline std::string CsrfTokenIn(absl::string_view html) {
  return AttributeAfter(html, "name=\"csrf_token\"", "value");
}

// The session ids of the listed rows, in page order.
inline std::vector<std::string> SessionIdsIn(absl::string_view html) {
  std::vector<std::string> ids;
  const absl::string_view marker = "data-session-id=\"";
  for (size_t at = html.find(marker); at != absl::string_view::npos; at = html.find(marker, at)) {
    at += marker.size();
    ids.emplace_back(html.substr(at, html.find('"', at) - at));
  }
  return ids;
}

}  // namespace usersessions::sdk::views::testing

#endif  // USERSESSIONS_TESTS_SDK_VIEWS_PAGE_SCRAPING_H_
