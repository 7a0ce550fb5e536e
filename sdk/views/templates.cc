#include "sdk/views/templates.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sdk/views/internal/default_templates.h"

namespace usersessions::sdk::views {

absl::string_view DefaultTemplate(absl::string_view name) {
  const auto& templates = internal::DefaultTemplates();
  auto it = templates.find(name);
  return it == templates.end() ? absl::string_view() : absl::string_view(it->second);
}

absl::StatusOr<TemplateMap> LoadTemplateDirectory(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return absl::NotFoundError(absl::StrCat("template directory ", directory, " not found"));
  }
  TemplateMap templates;
  for (const auto& [name, default_text] : internal::DefaultTemplates()) {
    const std::filesystem::path path =
        std::filesystem::path(directory) / absl::StrCat(name, ".mustache");
    if (!std::filesystem::exists(path, error)) continue;
    std::ifstream file(path, std::ios::binary);
    std::string text;
    if (file.is_open()) text.assign(std::istreambuf_iterator<char>(file), {});
    if (!file.is_open() || file.bad()) {
      return absl::InternalError(absl::StrCat("cannot read template ", path.string()));
    }
    templates.emplace(name, std::move(text));
  }
  return templates;
}

}  // namespace usersessions::sdk::views
