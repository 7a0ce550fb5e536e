// Where to send a browser after it signs in: the `next` parameter of /login/, as far as it is
// safe to follow.
#ifndef USERSESSIONS_EXAMPLES_DEMO_NEXT_URL_H_
#define USERSESSIONS_EXAMPLES_DEMO_NEXT_URL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace usersessions::demo {

// Returns `next` if it is a path on this site: it starts with exactly one '/' (not "//", and not
// "/\", which browsers read as "//"), and holds no control characters, spaces or backslashes.
// Anything else (empty, absolute or scheme-relative URLs such as "https://evil.example/" or
// "//evil.example/", "javascript:...") gives "/", so the login form is never an open redirect.
// Thread-safe (pure function).
std::string SafeNextPath(absl::string_view next);

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_NEXT_URL_H_
