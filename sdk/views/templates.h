// The Mustache templates of the views. Defaults are compiled into the library; a host app
// overrides any of them by name (see docs/views.md for each template's variables).
#ifndef USERSESSIONS_SDK_VIEWS_TEMPLATES_H_
#define USERSESSIONS_SDK_VIEWS_TEMPLATES_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace usersessions::sdk::views {

// Template names. kSessionsTemplate is the user's page, kAdminSessionsTemplate the admin's. Both
// pages include two partials: kStylesTemplate ({{> styles}}, inside their <style> element) and
// kHeaderTemplate ({{> header}}, first thing in <body>; empty by default), where a host app puts
// its own navigation bar without replacing a page.
inline constexpr char kStylesTemplate[] = "styles";
inline constexpr char kHeaderTemplate[] = "header";
inline constexpr char kSessionsTemplate[] = "sessions";
inline constexpr char kAdminSessionsTemplate[] = "admin_sessions";

// Template text by name. An options map holds only the overridden ones.
using TemplateMap = std::map<std::string, std::string>;

// The built-in template called `name`; empty for an unknown name.
absl::string_view DefaultTemplate(absl::string_view name);

// Reads the overrides in `directory`: each file named <template name>.mustache (of the names
// above) becomes an entry; other files are ignored, and a missing file keeps the default.
// NOT_FOUND if `directory` does not exist; INTERNAL if a file cannot be read.
absl::StatusOr<TemplateMap> LoadTemplateDirectory(const std::string& directory);

}  // namespace usersessions::sdk::views

#endif  // USERSESSIONS_SDK_VIEWS_TEMPLATES_H_
