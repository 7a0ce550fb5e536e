// Parsing of "mysql://user:password@host:port/database". Every error message
// names the part that is wrong and never repeats the URI, which holds the
// password.
#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/storage/mysql_store.h"

namespace usersessions::server {
namespace {

constexpr absl::string_view kScheme = "mysql://";
constexpr int kDefaultPort = 3306;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XY escapes. `what` names the component in the error, which never
// quotes the text (it may be the password).
absl::StatusOr<std::string> PercentDecode(absl::string_view text, absl::string_view what) {
  std::string decoded;
  decoded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded.push_back(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("MySQL URI: the ", what, " has an invalid percent-escape (expected %XX)"));
    }
    decoded.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return decoded;
}

absl::Status UriError(absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("MySQL URI: ", problem, "; expected mysql://user:password@host:port/database"));
}

}  // namespace

absl::StatusOr<MysqlUri> ParseMysqlUri(absl::string_view uri) {
  if (!absl::StartsWithIgnoreCase(uri, kScheme)) {
    return UriError("the scheme must be mysql://");
  }
  absl::string_view rest = uri.substr(kScheme.size());
  if (rest.find_first_of("?#") != absl::string_view::npos) {
    // Parameters would silently change how we connect; refuse them rather than
    // ignore them.
    return UriError("query parameters and fragments are not supported");
  }

  MysqlUri result;
  // The credentials end at the last '@', so that a password may contain '@',
  // ':' or '/' unencoded; a database name containing '@' must be written as
  // %40.
  const size_t at = rest.rfind('@');
  if (at == absl::string_view::npos) {
    return UriError("the user is missing");
  }
  absl::string_view userinfo = rest.substr(0, at);
  rest.remove_prefix(at + 1);

  const size_t colon = userinfo.find(':');
  absl::string_view raw_user = userinfo.substr(0, colon);
  absl::string_view raw_password =
      colon == absl::string_view::npos ? absl::string_view() : userinfo.substr(colon + 1);
  auto user = PercentDecode(raw_user, "user");
  if (!user.ok()) return user.status();
  if (user->empty()) return UriError("the user is empty");
  auto password = PercentDecode(raw_password, "password");
  if (!password.ok()) return password.status();
  result.user = *std::move(user);
  result.password = *std::move(password);

  const size_t slash = rest.find('/');
  absl::string_view host_port = rest.substr(0, slash);
  absl::string_view raw_database =
      slash == absl::string_view::npos ? absl::string_view() : rest.substr(slash + 1);

  absl::string_view port_text;
  if (absl::StartsWith(host_port, "[")) {
    // An IPv6 literal: [::1] or [::1]:3306.
    const size_t close = host_port.find(']');
    if (close == absl::string_view::npos) {
      return UriError("the IPv6 host is missing its closing ']'");
    }
    result.host = std::string(host_port.substr(1, close - 1));
    absl::string_view after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return UriError("unexpected text after the IPv6 host");
      port_text = after.substr(1);
      if (port_text.empty()) return UriError("the port is empty");
    }
  } else {
    const size_t port_colon = host_port.find(':');
    result.host = std::string(host_port.substr(0, port_colon));
    if (port_colon != absl::string_view::npos) {
      port_text = host_port.substr(port_colon + 1);
      if (port_text.empty()) return UriError("the port is empty");
    }
  }
  if (result.host.empty()) return UriError("the host is missing");
  for (char c : result.host) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' &&
        c != ':') {
      return UriError("the host contains a character that is not allowed in a host name");
    }
  }

  result.port = kDefaultPort;
  if (!port_text.empty()) {
    int port = 0;
    const bool all_digits = std::all_of(port_text.begin(), port_text.end(), [](char c) {
      return absl::ascii_isdigit(static_cast<unsigned char>(c));
    });
    if (!all_digits || port_text.size() > 5 || !absl::SimpleAtoi(port_text, &port) || port < 1 ||
        port > 65535) {
      return UriError(absl::StrCat("the port \"", port_text, "\" is not a number from 1 to 65535"));
    }
    result.port = port;
  }

  auto database = PercentDecode(raw_database, "database");
  if (!database.ok()) return database.status();
  if (database->find('/') != std::string::npos) {
    return UriError("the database name contains '/'");
  }
  result.database = *std::move(database);
  return result;
}

}  // namespace usersessions::server
