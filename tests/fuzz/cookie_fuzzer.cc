// Fuzzes the Cookie header parser: arbitrary headers must split into bounded pairs, and the
// session cookie found in them is either absent or a well-formed session key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "sdk/cookie.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace usersessions::sdk;
  const absl::string_view header(reinterpret_cast<const char*>(data), size);
  const std::vector<CookiePair> pairs = ParseCookieHeader(header);
  if (size > kMaxCookieHeaderBytes && !pairs.empty()) std::abort();
  for (const CookiePair& pair : pairs) {
    if (pair.name.empty() || pair.value.size() > kMaxCookieValueBytes) std::abort();
    if (pair.name.find(';') != std::string::npos || pair.value.find(';') != std::string::npos) {
      std::abort();
    }
  }
  const SessionCookie cookie = FindSessionCookie(header, "sessionid");
  if (!cookie.key.empty() && (!cookie.present || !IsWellFormedSessionKey(cookie.key))) {
    std::abort();
  }
  return 0;
}
