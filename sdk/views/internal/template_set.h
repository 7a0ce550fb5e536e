// The views' Mustache templates (the compiled-in defaults plus the host's overrides), validated
// once, and rendered with kainjow mustache.
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_TEMPLATE_SET_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_TEMPLATE_SET_H_

#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sdk/views/internal/catalog.h"
#include "sdk/views/templates.h"

namespace usersessions::sdk::views::internal {

// Immutable; thread-safe (each render parses its own copy, as kainjow's renderer keeps state).
class TemplateSet {
 public:
  // The templates `names` (defaults, replaced by `overrides`). INVALID_ARGUMENT for an override
  // not among `names` or a template that does not parse; the message names the template.
  static absl::StatusOr<TemplateSet> Create(const TemplateMap& overrides,
                                            const std::vector<std::string>& names);

  // Renders template `name` with `data`, where every other template of the set is available as a
  // partial ({{> styles}}).
  std::string Render(absl::string_view name, kainjow::mustache::data data) const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

// The data every page gets: lang (the catalog's language) and t.<message name> for each string.
kainjow::mustache::data PageData(const Catalog& catalog);

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_TEMPLATE_SET_H_
