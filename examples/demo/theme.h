// The demo's look, shared by its own pages and the SDK's "Active sessions" pages: the views'
// stylesheet plus a navigation bar. The views get the bar through template overrides
// (SessionViewsOptions::templates), which is also how any host app fits the views into its site.
#ifndef USERSESSIONS_EXAMPLES_DEMO_THEME_H_
#define USERSESSIONS_EXAMPLES_DEMO_THEME_H_

#include <string>

#include "absl/status/statusor.h"
#include "sdk/views/templates.h"

namespace usersessions::demo {

// The views' default `styles` template followed by the demo's rules (navigation bar, forms,
// cart). Plain CSS, no Mustache tags.
const std::string& DemoStyles();

// Template overrides for the user's sessions page: `styles` (DemoStyles) and `sessions` (the
// default with the navigation bar at the top of <body>, whose sign-out form posts the page's
// csrf_token). INTERNAL if the default template no longer has the expected <body> tag.
absl::StatusOr<sdk::views::TemplateMap> SessionsTemplateOverrides();

// The same for the admin listing (`styles` and `admin_sessions`).
absl::StatusOr<sdk::views::TemplateMap> AdminTemplateOverrides();

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_THEME_H_
