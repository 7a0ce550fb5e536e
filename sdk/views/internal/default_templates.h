// The templates compiled into the library (generated from sdk/views/templates/*.mustache).
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_DEFAULT_TEMPLATES_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_DEFAULT_TEMPLATES_H_

#include <map>
#include <string>

namespace usersessions::sdk::views::internal {

// Template text by name (every name in templates.h).
const std::map<std::string, std::string, std::less<>>& DefaultTemplates();

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_DEFAULT_TEMPLATES_H_
