// Byte encodings shared by the server, client and SDK.
#ifndef USERSESSIONS_COMMON_ENCODING_H_
#define USERSESSIONS_COMMON_ENCODING_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace usersessions {

// RFC 4648 section 5 base64url without padding.
std::string Base64UrlEncode(absl::string_view bytes);

// Strict inverse of Base64UrlEncode: rejects padding, other alphabets, and non-canonical trailing
// bits, so every byte string has exactly one accepted encoding.
std::optional<std::string> Base64UrlDecode(absl::string_view text);

// Returns the 32-byte SHA-256 digest of `data`.
std::string Sha256(absl::string_view data);

// Lower-case hexadecimal.
std::string HexEncode(absl::string_view bytes);

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_ENCODING_H_
