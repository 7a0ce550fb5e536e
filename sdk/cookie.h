// The session cookie: reading it from a Cookie request header (RFC 6265 section 5.4, leniently)
// and writing Set-Cookie values for it (RFC 6265 section 4.1, strictly).
#ifndef USERSESSIONS_SDK_COOKIE_H_
#define USERSESSIONS_SDK_COOKIE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace usersessions::sdk {

// Cookie headers longer than this are ignored as a whole (treated as carrying no cookies).
inline constexpr size_t kMaxCookieHeaderBytes = 8 * 1024;
// Cookie pairs whose value is longer than this are ignored.
inline constexpr size_t kMaxCookieValueBytes = 4 * 1024;

// Attributes of the session cookie. The defaults are the safe ones for an HTTPS site.
struct CookieOptions {
  // Cookie name: an RFC 7230 token. Names starting with "__Secure-" require `secure`; names
  // starting with "__Host-" also require path "/" and no domain (the browser enforces the same).
  std::string name = "sessionid";
  // Send the cookie over HTTPS only. Turn off only for plain-HTTP development.
  bool secure = true;
  // Hide the cookie from JavaScript.
  bool http_only = true;
  // "Strict", "Lax" or "None" (any letter case), or "" to leave the attribute out.
  // "None" requires `secure`.
  std::string same_site = "Lax";
  // Domain attribute; empty leaves it out, so the cookie is host-only.
  std::string domain;
  // Path attribute; empty leaves it out. Otherwise it must start with '/'.
  std::string path = "/";
  // true: the cookie carries Max-Age and Expires (the session's idle timeout). false: a
  // browser-session cookie that the browser drops when it closes.
  bool persistent = true;
};

// OK, or INVALID_ARGUMENT naming the first offending option. Thread-safe (pure function).
absl::Status ValidateCookieOptions(const CookieOptions& options);

// One name=value pair of a Cookie header, with surrounding whitespace and one level of double
// quotes removed from the value.
struct CookiePair {
  std::string name;
  std::string value;
};

// Splits a Cookie header into its pairs, in order, keeping duplicates. Pairs without '=' or with
// an empty name are skipped, as are values longer than kMaxCookieValueBytes; a header longer than
// kMaxCookieHeaderBytes yields no pairs. A request with several Cookie header lines should join
// them with "; " first. Thread-safe (pure function).
std::vector<CookiePair> ParseCookieHeader(absl::string_view header);

// True if `value` has the form of a session key: exactly 43 characters of canonical unpadded
// base64url (32 bytes), which is what sessiond accepts. Thread-safe (pure function).
bool IsWellFormedSessionKey(absl::string_view value);

// The session cookie as found in a request.
struct SessionCookie {
  // The browser sent at least one cookie named like the session cookie (any value).
  bool present = false;
  // The first of those values that is a well-formed session key; empty if none is. Duplicates
  // arise when cookies with the same name but different Domain/Path attributes coexist; the
  // browser sends the most specific path first.
  std::string key;
};

// Finds the cookie called `name` in a Cookie header. Thread-safe (pure function).
SessionCookie FindSessionCookie(absl::string_view cookie_header, absl::string_view name);

// A Set-Cookie header value that stores `value`. With options.persistent and a positive `max_age`
// it carries Max-Age (whole seconds) and Expires (now + max_age, IMF-fixdate); otherwise it is a
// browser-session cookie. `value` must consist of cookie-octets (session keys do). `options` must
// be valid (see ValidateCookieOptions). Thread-safe (pure function).
std::string BuildSetCookie(const CookieOptions& options, absl::string_view value,
                           absl::Duration max_age, absl::Time now);

// A Set-Cookie header value that makes the browser drop the cookie: an empty value, Max-Age=0
// and an Expires in the past (1 January 1970), with the same Domain, Path, Secure and SameSite as
// the cookie it replaces (a browser matches on name, domain and path). Thread-safe.
std::string BuildDeletionCookie(const CookieOptions& options);

// Formats `time` as an HTTP IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", independent of
// the process locale. Thread-safe (pure function).
std::string FormatHttpDate(absl::Time time);

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_COOKIE_H_
