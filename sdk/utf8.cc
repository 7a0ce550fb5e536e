#include "sdk/utf8.h"

#include <cstddef>
#include <cstdint>

namespace usersessions::sdk {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";

// Decodes the sequence at text[pos]. Returns the number of bytes of a well-formed sequence, or
// -n when the n bytes at pos form a maximal ill-formed subpart (n >= 1) to replace with one
// U+FFFD. Bounds per Unicode table 3-7, which excludes overlongs, surrogates and values above
// U+10FFFF by narrowing the range of the second byte.
ptrdiff_t DecodeOne(absl::string_view text, size_t pos) {
  const auto lead = static_cast<uint8_t>(text[pos]);
  if (lead < 0x80) return 1;
  int continuation_bytes;
  uint8_t lower = 0x80;
  uint8_t upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation_bytes = 1;
  } else if (lead == 0xE0) {
    continuation_bytes = 2;
    lower = 0xA0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    continuation_bytes = 2;
  } else if (lead == 0xED) {
    continuation_bytes = 2;
    upper = 0x9F;
  } else if (lead == 0xF0) {
    continuation_bytes = 3;
    lower = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    continuation_bytes = 3;
  } else if (lead == 0xF4) {
    continuation_bytes = 3;
    upper = 0x8F;
  } else {
    return -1;  // 80..C1 and F5..FF never start a sequence.
  }
  size_t next = pos + 1;
  for (int i = 0; i < continuation_bytes; ++i, ++next) {
    if (next >= text.size()) return -static_cast<ptrdiff_t>(next - pos);
    const auto byte = static_cast<uint8_t>(text[next]);
    if (byte < lower || byte > upper) return -static_cast<ptrdiff_t>(next - pos);
    lower = 0x80;
    upper = 0xBF;
  }
  return static_cast<ptrdiff_t>(next - pos);
}

}  // namespace

std::string SanitizeUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const ptrdiff_t length = DecodeOne(text, pos);
    if (length > 0) {
      out.append(text.data() + pos, static_cast<size_t>(length));
      pos += static_cast<size_t>(length);
    } else {
      out.append(kReplacement.data(), kReplacement.size());
      pos += static_cast<size_t>(-length);
    }
  }
  return out;
}

bool IsValidUtf8(absl::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const ptrdiff_t length = DecodeOne(text, pos);
    if (length < 0) return false;
    pos += static_cast<size_t>(length);
  }
  return true;
}

}  // namespace usersessions::sdk
