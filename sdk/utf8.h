// UTF-8 repair for text that arrives from HTTP headers (user agents) and must travel in proto3
// `string` fields, which require valid UTF-8.
#ifndef USERSESSIONS_SDK_UTF8_H_
#define USERSESSIONS_SDK_UTF8_H_

#include <string>

#include "absl/strings/string_view.h"

namespace usersessions::sdk {

// Returns `text` with every ill-formed UTF-8 sequence replaced by U+FFFD (EF BF BD). Follows the
// Unicode "maximal subpart" practice (the WHATWG decoder): each maximal prefix of a valid
// sequence that is cut short, and each byte that cannot start a sequence, becomes exactly one
// U+FFFD. Overlong forms, surrogates (U+D800..U+DFFF) and code points above U+10FFFF are
// ill-formed. Valid input is returned unchanged, including NUL and other control characters.
// Thread-safe (pure function).
std::string SanitizeUtf8(absl::string_view text);

// True if `text` is well-formed UTF-8. Thread-safe (pure function).
bool IsValidUtf8(absl::string_view text);

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_UTF8_H_
