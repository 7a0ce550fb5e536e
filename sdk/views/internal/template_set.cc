#include "sdk/views/internal/template_set.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace usersessions::sdk::views::internal {

namespace mustache = kainjow::mustache;

absl::StatusOr<TemplateSet> TemplateSet::Create(const TemplateMap& overrides,
                                                const std::vector<std::string>& names) {
  for (const auto& [name, text] : overrides) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown template \"", name, "\"; these views use ", absl::StrJoin(names, ", ")));
    }
  }
  TemplateSet set;
  for (const std::string& name : names) {
    auto it = overrides.find(name);
    std::string text = it != overrides.end() ? it->second : std::string(DefaultTemplate(name));
    mustache::mustache parsed(text);
    if (!parsed.is_valid()) {
      return absl::InvalidArgumentError(
          absl::StrCat("template \"", name, "\" does not parse: ", parsed.error_message()));
    }
    set.texts_.emplace(name, std::move(text));
  }
  return set;
}

std::string TemplateSet::Render(absl::string_view name, mustache::data data) const {
  for (const auto& [partial_name, text] : texts_) {
    // A page is no partial of itself; its name may be a data key too ("sessions").
    if (partial_name == name) continue;
    const std::string* partial_text = &text;
    data.set(partial_name, mustache::partial([partial_text] { return *partial_text; }));
  }
  auto it = texts_.find(name);
  if (it == texts_.end()) return "";
  mustache::mustache parsed(it->second);
  return parsed.render(data);
}

mustache::data PageData(const Catalog& catalog) {
  mustache::data strings;
  for (size_t i = 0; i < kMessageCount; ++i) {
    strings.set(std::string(MessageName(static_cast<Msg>(i))), std::string(catalog.text[i]));
  }
  mustache::data data;
  data.set("lang", std::string(catalog.language));
  data.set("t", strings);
  return data;
}

}  // namespace usersessions::sdk::views::internal
