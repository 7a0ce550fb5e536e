#include "sdk/cookie.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "common/encoding.h"

namespace usersessions::sdk {
namespace {

constexpr size_t kSessionKeyLength = 43;
constexpr size_t kSessionKeyBytes = 32;

// RFC 7230 section 3.2.6 tchar.
bool IsTokenChar(char c) {
  if (absl::ascii_isalnum(static_cast<unsigned char>(c))) return true;
  return absl::string_view("!#$%&'*+-.^_`|~").find(c) != absl::string_view::npos;
}

bool IsToken(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

bool IsControl(char c) {
  const auto byte = static_cast<uint8_t>(c);
  return byte < 0x20 || byte == 0x7f;
}

// A domain attribute value: letters, digits, '-' and '.', optionally with a leading dot
// (which browsers ignore).
bool IsValidDomain(absl::string_view domain) {
  if (absl::StartsWith(domain, ".")) domain.remove_prefix(1);
  if (domain.empty()) return false;
  for (char c : domain) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

// RFC 6265 path-value: any CHAR except CTLs and ';'; we also require an absolute path.
bool IsValidPath(absl::string_view path) {
  if (!absl::StartsWith(path, "/")) return false;
  for (char c : path) {
    if (IsControl(c) || c == ';' || static_cast<uint8_t>(c) >= 0x80) return false;
  }
  return true;
}

// Returns "Strict", "Lax", "None" or "" for a valid same_site option; nothing otherwise.
bool NormalizeSameSite(absl::string_view same_site, std::string* normalized) {
  if (same_site.empty()) {
    *normalized = "";
  } else if (absl::EqualsIgnoreCase(same_site, "strict")) {
    *normalized = "Strict";
  } else if (absl::EqualsIgnoreCase(same_site, "lax")) {
    *normalized = "Lax";
  } else if (absl::EqualsIgnoreCase(same_site, "none")) {
    *normalized = "None";
  } else {
    return false;
  }
  return true;
}

absl::string_view TrimSpaces(absl::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Domain, Path, Secure, HttpOnly and SameSite, each preceded by "; ".
std::string CommonAttributes(const CookieOptions& options) {
  std::string attributes;
  if (!options.domain.empty()) absl::StrAppend(&attributes, "; Domain=", options.domain);
  if (!options.path.empty()) absl::StrAppend(&attributes, "; Path=", options.path);
  if (options.secure) absl::StrAppend(&attributes, "; Secure");
  if (options.http_only) absl::StrAppend(&attributes, "; HttpOnly");
  std::string same_site;
  if (NormalizeSameSite(options.same_site, &same_site) && !same_site.empty()) {
    absl::StrAppend(&attributes, "; SameSite=", same_site);
  }
  return attributes;
}

}  // namespace

absl::Status ValidateCookieOptions(const CookieOptions& options) {
  if (!IsToken(options.name)) {
    return absl::InvalidArgumentError("cookie name must be a non-empty HTTP token");
  }
  std::string same_site;
  if (!NormalizeSameSite(options.same_site, &same_site)) {
    return absl::InvalidArgumentError("cookie SameSite must be Strict, Lax, None or empty");
  }
  if (same_site == "None" && !options.secure) {
    return absl::InvalidArgumentError("cookie SameSite=None requires Secure");
  }
  if (!options.domain.empty() && !IsValidDomain(options.domain)) {
    return absl::InvalidArgumentError("cookie domain must be a host name");
  }
  if (!options.path.empty() && !IsValidPath(options.path)) {
    return absl::InvalidArgumentError(
        "cookie path must start with '/' and contain no ';' or control characters");
  }
  if (absl::StartsWith(options.name, "__Secure-") && !options.secure) {
    return absl::InvalidArgumentError("a __Secure- cookie name requires Secure");
  }
  if (absl::StartsWith(options.name, "__Host-") &&
      (!options.secure || options.path != "/" || !options.domain.empty())) {
    return absl::InvalidArgumentError(
        "a __Host- cookie name requires Secure, path \"/\" and no domain");
  }
  return absl::OkStatus();
}

std::vector<CookiePair> ParseCookieHeader(absl::string_view header) {
  std::vector<CookiePair> pairs;
  if (header.size() > kMaxCookieHeaderBytes) return pairs;
  for (absl::string_view part : absl::StrSplit(header, ';')) {
    const size_t equals = part.find('=');
    if (equals == absl::string_view::npos) continue;
    const absl::string_view name = TrimSpaces(part.substr(0, equals));
    absl::string_view value = TrimSpaces(part.substr(equals + 1));
    if (name.empty() || value.size() > kMaxCookieValueBytes) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    pairs.push_back(CookiePair{std::string(name), std::string(value)});
  }
  return pairs;
}

bool IsWellFormedSessionKey(absl::string_view value) {
  if (value.size() != kSessionKeyLength) return false;
  const auto decoded = Base64UrlDecode(value);
  return decoded.has_value() && decoded->size() == kSessionKeyBytes;
}

SessionCookie FindSessionCookie(absl::string_view cookie_header, absl::string_view name) {
  SessionCookie cookie;
  for (const CookiePair& pair : ParseCookieHeader(cookie_header)) {
    if (pair.name != name) continue;
    cookie.present = true;
    if (IsWellFormedSessionKey(pair.value)) {
      cookie.key = pair.value;
      break;
    }
  }
  return cookie;
}

std::string FormatHttpDate(absl::Time time) {
  static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const absl::CivilSecond civil = absl::ToCivilSecond(time, absl::UTCTimeZone());
  const absl::Weekday weekday = absl::GetWeekday(civil);
  return absl::StrFormat(
      "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[static_cast<int>(weekday)], civil.day(),
      kMonths[civil.month() - 1], civil.year(), civil.hour(), civil.minute(), civil.second());
}

std::string BuildSetCookie(const CookieOptions& options, absl::string_view value,
                           absl::Duration max_age, absl::Time now) {
  std::string cookie = absl::StrCat(options.name, "=", value);
  if (options.persistent && max_age > absl::ZeroDuration()) {
    // Whole seconds, at least one: Max-Age=0 would delete the cookie.
    const int64_t seconds = std::max<int64_t>(1, absl::ToInt64Seconds(max_age));
    absl::StrAppend(&cookie, "; Expires=", FormatHttpDate(now + absl::Seconds(seconds)),
                    "; Max-Age=", seconds);
  }
  absl::StrAppend(&cookie, CommonAttributes(options));
  return cookie;
}

std::string BuildDeletionCookie(const CookieOptions& options) {
  return absl::StrCat(options.name, "=; Expires=", FormatHttpDate(absl::UnixEpoch()), "; Max-Age=0",
                      CommonAttributes(options));
}

}  // namespace usersessions::sdk
