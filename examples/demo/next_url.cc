#include "examples/demo/next_url.h"

namespace usersessions::demo {

std::string SafeNextPath(absl::string_view next) {
  if (next.empty() || next.front() != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (char c : next) {
    const unsigned char byte = static_cast<unsigned char>(c);
    // Browsers drop tabs and newlines from URLs, and some treat '\' as '/': reject both rather
    // than guess how a browser will rebuild the URL.
    if (byte <= 0x20 || byte == 0x7f || c == '\\') return "/";
  }
  return std::string(next);
}

}  // namespace usersessions::demo
