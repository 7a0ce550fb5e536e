// Merging the engine's Vary and Cache-Control wishes into headers a handler may already have set.
// Shared by the framework shims, so that every framework answers with the same header values.
#ifndef USERSESSIONS_SDK_INTERNAL_RESPONSE_HEADER_MERGE_H_
#define USERSESSIONS_SDK_INTERNAL_RESPONSE_HEADER_MERGE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace usersessions::sdk::internal {

// The non-empty, trimmed elements of comma-separated header lines, in order. Commas inside
// quoted strings (`no-cache="Set-Cookie, Foo"`) do not split.
inline std::vector<std::string> SplitHeaderList(const std::vector<std::string>& lines) {
  std::vector<std::string> elements;
  auto add = [&elements](absl::string_view element) {
    element = absl::StripAsciiWhitespace(element);
    if (!element.empty()) elements.emplace_back(element);
  };
  for (const std::string& line : lines) {
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (quoted && line[i] == '\\') {
        ++i;  // A quoted-pair: the next character is literal.
      } else if (line[i] == '"') {
        quoted = !quoted;
      } else if (line[i] == ',' && !quoted) {
        add(absl::string_view(line).substr(start, i - start));
        start = i + 1;
      }
    }
    if (start < line.size()) add(absl::string_view(line).substr(start));
  }
  return elements;
}

// The single Vary value that replaces the lines `existing`: their elements plus Cookie, unless
// one of them already is Cookie (any letter case) or "*" (varies on everything).
inline std::string MergeVaryCookie(const std::vector<std::string>& existing) {
  std::vector<std::string> elements = SplitHeaderList(existing);
  for (const std::string& element : elements) {
    if (element == "*") return "*";
    if (absl::EqualsIgnoreCase(element, "Cookie")) return absl::StrJoin(elements, ", ");
  }
  elements.push_back("Cookie");
  return absl::StrJoin(elements, ", ");
}

// The single Cache-Control value that replaces the lines `existing`: their directives without
// `public` and without a field-qualified `private="..."` (which would leave the rest of the
// response cacheable by shared caches), plus an unqualified `private`.
inline std::string MergeCacheControlPrivate(const std::vector<std::string>& existing) {
  std::vector<std::string> kept;
  for (std::string& directive : SplitHeaderList(existing)) {
    const absl::string_view name =
        absl::StripAsciiWhitespace(absl::string_view(directive).substr(0, directive.find('=')));
    if (absl::EqualsIgnoreCase(name, "public") || absl::EqualsIgnoreCase(name, "private")) {
      continue;
    }
    kept.push_back(std::move(directive));
  }
  kept.push_back("private");
  return absl::StrJoin(kept, ", ");
}

}  // namespace usersessions::sdk::internal

#endif  // USERSESSIONS_SDK_INTERNAL_RESPONSE_HEADER_MERGE_H_
