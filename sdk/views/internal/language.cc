#include "sdk/views/internal/language.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace usersessions::sdk::views::internal {
namespace {

struct Range {
  std::string primary;  // Lower case; "*" for any.
  double q = 1;
};

// The q parameter of a range's parameters ("q=0.8"); 1 when absent; -1 when malformed.
double QValue(const std::vector<absl::string_view>& parameters) {
  for (size_t i = 1; i < parameters.size(); ++i) {
    absl::string_view parameter = absl::StripAsciiWhitespace(parameters[i]);
    if (!absl::ConsumePrefix(&parameter, "q=") && !absl::ConsumePrefix(&parameter, "Q=")) {
      continue;
    }
    double q = 0;
    if (!absl::SimpleAtod(parameter, &q) || q < 0 || q > 1) return -1;
    return q;
  }
  return 1;
}

}  // namespace

const Catalog& NegotiateLanguage(absl::string_view accept_language) {
  std::vector<Range> ranges;
  for (absl::string_view item : absl::StrSplit(accept_language, ',', absl::SkipWhitespace())) {
    const std::vector<absl::string_view> parameters = absl::StrSplit(item, ';');
    const absl::string_view tag = absl::StripAsciiWhitespace(parameters[0]);
    const double q = QValue(parameters);
    if (tag.empty() || q <= 0) continue;
    const absl::string_view primary = tag.substr(0, tag.find('-'));
    ranges.push_back({absl::AsciiStrToLower(primary), q});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.q > b.q; });
  for (const Range& range : ranges) {
    if (range.primary == "*") return EnglishCatalog();
    if (const Catalog* catalog = FindCatalog(range.primary)) return *catalog;
  }
  return EnglishCatalog();
}

const Catalog& ChooseLanguage(absl::string_view fixed_language, absl::string_view accept_language) {
  if (!fixed_language.empty()) {
    if (const Catalog* catalog = FindCatalog(fixed_language)) return *catalog;
  }
  return NegotiateLanguage(accept_language);
}

}  // namespace usersessions::sdk::views::internal
