#include "sdk/client_ip.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"

namespace usersessions::sdk {
namespace {

struct Address {
  bool ipv4 = true;
  std::array<uint8_t, 16> bytes{};
};

constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

absl::string_view TrimWhitespace(absl::string_view text) {
  return absl::StripAsciiWhitespace(text);
}

// An address without port or brackets. IPv6 zone ids ("fe80::1%eth0") are dropped;
// IPv4-mapped IPv6 becomes IPv4.
absl::optional<Address> ParseBareAddress(absl::string_view text) {
  // inet_pton reads a C string: an embedded NUL would hide whatever follows it.
  if (text.empty() || text.size() > INET6_ADDRSTRLEN + 32 ||
      text.find('\0') != absl::string_view::npos) {
    return absl::nullopt;
  }
  Address address;
  if (text.find(':') == absl::string_view::npos) {
    const std::string copy(text);
    in_addr v4;
    if (inet_pton(AF_INET, copy.c_str(), &v4) != 1) return absl::nullopt;
    std::memcpy(address.bytes.data(), &v4, 4);
    return address;
  }
  const size_t zone = text.find('%');
  if (zone != absl::string_view::npos) {
    if (zone + 1 == text.size()) return absl::nullopt;
    text = text.substr(0, zone);
  }
  const std::string copy(text);
  in6_addr v6;
  if (inet_pton(AF_INET6, copy.c_str(), &v6) != 1) return absl::nullopt;
  if (std::memcmp(&v6, kMappedPrefix, sizeof(kMappedPrefix)) == 0) {
    std::memcpy(address.bytes.data(), reinterpret_cast<const uint8_t*>(&v6) + 12, 4);
    return address;
  }
  address.ipv4 = false;
  std::memcpy(address.bytes.data(), &v6, 16);
  return address;
}

// RFC 7239 node-port: a decimal port up to 65535, or an obfuscated port ("_" then letters,
// digits, '.', '_' or '-'). X-Forwarded-For ports are decimal.
bool IsPort(absl::string_view port) {
  if (port.empty()) return false;
  if (port.front() == '_') {
    for (char c : port.substr(1)) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return port.size() > 1;
  }
  if (port.size() > 5) return false;
  for (char c : port) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  int value = 0;
  return absl::SimpleAtoi(port, &value) && value <= 65535;
}

// "1.2.3.4", "1.2.3.4:80", "2001:db8::1", "[2001:db8::1]" or "[2001:db8::1]:80".
absl::optional<Address> ParseHostAddress(absl::string_view text) {
  text = TrimWhitespace(text);
  if (absl::StartsWith(text, "[")) {
    const size_t close = text.find(']');
    if (close == absl::string_view::npos) return absl::nullopt;
    const absl::string_view inside = text.substr(1, close - 1);
    const absl::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !IsPort(rest.substr(1)))) return absl::nullopt;
    if (inside.find(':') == absl::string_view::npos) return absl::nullopt;  // IPv6 only.
    return ParseBareAddress(inside);
  }
  const size_t first_colon = text.find(':');
  if (first_colon != absl::string_view::npos &&
      text.find(':', first_colon + 1) == absl::string_view::npos) {
    // Exactly one colon: IPv4 with a port.
    const absl::string_view host = text.substr(0, first_colon);
    if (!IsPort(text.substr(first_colon + 1))) return absl::nullopt;
    return ParseBareAddress(host);
  }
  return ParseBareAddress(text);
}

std::string Format(const Address& address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (address.ipv4) {
    in_addr v4;
    std::memcpy(&v4, address.bytes.data(), 4);
    inet_ntop(AF_INET, &v4, buffer, sizeof(buffer));
  } else {
    in6_addr v6;
    std::memcpy(&v6, address.bytes.data(), 16);
    inet_ntop(AF_INET6, &v6, buffer, sizeof(buffer));
  }
  return buffer;
}

// Keeps the first `prefix_length` bits of `bytes`.
void MaskTo(std::array<uint8_t, 16>& bytes, int prefix_length) {
  for (int i = 0; i < 16; ++i) {
    const int bits = prefix_length - i * 8;
    if (bits >= 8) continue;
    bytes[i] &= bits <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - bits));
  }
}

// One hop of a forwarding header: its address, or nothing when the walk must stop there.
using Hop = absl::optional<std::string>;

void AppendXForwardedForHops(absl::string_view value, std::vector<Hop>& hops) {
  for (absl::string_view element : absl::StrSplit(value, ',')) {
    element = TrimWhitespace(element);
    if (element.empty()) continue;
    std::string canonical = CanonicalizeIp(element);
    hops.push_back(canonical.empty() ? Hop() : Hop(std::move(canonical)));
  }
}

// Splits at `separator` outside double-quoted strings (with backslash escapes). An unterminated
// quote runs to the end, leaving one malformed part.
std::vector<absl::string_view> SplitOutsideQuotes(absl::string_view text, char separator) {
  std::vector<absl::string_view> parts;
  size_t start = 0;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

// RFC 7230 tchar, plus the brackets and colons that lenient senders leave unquoted.
bool IsForwardedValueChar(char c) {
  if (absl::ascii_isalnum(static_cast<unsigned char>(c))) return true;
  return absl::string_view("!#$%&'*+-.^_`|~[]:").find(c) != absl::string_view::npos;
}

// A token or a quoted-string, unescaped; nothing if malformed.
absl::optional<std::string> ParseForwardedValue(absl::string_view text) {
  if (absl::StartsWith(text, "\"")) {
    if (text.size() < 2 || text.back() != '"') return absl::nullopt;
    std::string value;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      char c = text[i];
      if (c == '"') return absl::nullopt;
      if (c == '\\') {
        if (i + 2 >= text.size()) return absl::nullopt;
        c = text[++i];
      }
      value.push_back(c);
    }
    return value;
  }
  if (text.empty() || !std::all_of(text.begin(), text.end(), IsForwardedValueChar)) {
    return absl::nullopt;
  }
  return std::string(text);
}

// One RFC 7239 forwarded-element ("for=...;proto=https;by=..."): its hop is the canonical
// `for=` address, or a stop marker when the element is malformed, lacks `for=`, repeats it, or
// names an unknown or obfuscated node.
Hop ParseForwardedElement(absl::string_view element) {
  absl::optional<std::string> for_value;
  for (absl::string_view pair : SplitOutsideQuotes(element, ';')) {
    pair = TrimWhitespace(pair);
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    if (equals == absl::string_view::npos) return Hop();
    const absl::string_view name = TrimWhitespace(pair.substr(0, equals));
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsForwardedValueChar)) {
      return Hop();
    }
    absl::optional<std::string> value =
        ParseForwardedValue(TrimWhitespace(pair.substr(equals + 1)));
    if (!value.has_value()) return Hop();
    if (absl::EqualsIgnoreCase(name, "for")) {
      if (for_value.has_value()) return Hop();
      for_value = std::move(value);
    }
  }
  if (!for_value.has_value() || absl::EqualsIgnoreCase(*for_value, "unknown") ||
      absl::StartsWith(*for_value, "_")) {
    return Hop();
  }
  std::string canonical = CanonicalizeIp(*for_value);
  return canonical.empty() ? Hop() : Hop(std::move(canonical));
}

void AppendForwardedHops(absl::string_view value, std::vector<Hop>& hops) {
  for (absl::string_view element : SplitOutsideQuotes(value, ',')) {
    if (TrimWhitespace(element).empty()) continue;
    hops.push_back(ParseForwardedElement(element));
  }
}

bool AnyNonBlank(const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    if (!TrimWhitespace(value).empty()) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs) {
  TrustedProxies proxies;
  for (const std::string& cidr : cidrs) {
    const absl::string_view text = TrimWhitespace(cidr);
    const size_t slash = text.find('/');
    const absl::string_view host = text.substr(0, slash);
    if (host.empty() || host.front() == '[' || host.find('%') != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("trusted proxy \"", cidr, "\" is not a CIDR"));
    }
    const absl::optional<Address> address = ParseBareAddress(host);
    if (!address.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("trusted proxy \"", cidr, "\" is not an IP address or CIDR"));
    }
    const bool written_as_ipv6 = host.find(':') != absl::string_view::npos;
    const int max_length = written_as_ipv6 ? 128 : 32;
    int prefix_length = max_length;
    if (slash != absl::string_view::npos) {
      const absl::string_view digits = text.substr(slash + 1);
      if (digits.empty() || digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(),
                       [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }) ||
          !absl::SimpleAtoi(digits, &prefix_length) || prefix_length > max_length) {
        return absl::InvalidArgumentError(
            absl::StrCat("trusted proxy \"", cidr, "\" has an invalid prefix length"));
      }
    }
    if (written_as_ipv6 && address->ipv4) {
      // IPv4-mapped (::ffff:0:0/96): only prefixes inside it translate to IPv4 prefixes.
      if (prefix_length < 96) {
        return absl::InvalidArgumentError(absl::StrCat(
            "trusted proxy \"", cidr, "\" mixes IPv4-mapped and other IPv6 addresses"));
      }
      prefix_length -= 96;
    }
    Network network;
    network.ipv4 = address->ipv4;
    network.bytes = address->bytes;
    network.prefix_length = prefix_length;
    MaskTo(network.bytes, prefix_length);
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::Contains(absl::string_view address_text) const {
  const absl::optional<Address> address = ParseBareAddress(address_text);
  if (!address.has_value()) return false;
  for (const Network& network : networks_) {
    if (network.ipv4 != address->ipv4) continue;
    std::array<uint8_t, 16> masked = address->bytes;
    MaskTo(masked, network.prefix_length);
    if (masked == network.bytes) return true;
  }
  return false;
}

std::string CanonicalizeIp(absl::string_view text) {
  const absl::optional<Address> address = ParseHostAddress(text);
  return address.has_value() ? Format(*address) : std::string();
}

std::string ResolveClientIp(absl::string_view remote_addr,
                            const std::vector<std::string>& x_forwarded_for,
                            const std::vector<std::string>& forwarded,
                            const TrustedProxies& trusted, ProxyHeader header) {
  std::string nearest = CanonicalizeIp(remote_addr);
  if (nearest.empty() || !trusted.Contains(nearest)) return nearest;

  const bool use_forwarded =
      header == ProxyHeader::kForwarded || (header == ProxyHeader::kAuto && AnyNonBlank(forwarded));
  std::vector<Hop> hops;
  if (use_forwarded) {
    for (const std::string& value : forwarded) AppendForwardedHops(value, hops);
  } else {
    for (const std::string& value : x_forwarded_for) AppendXForwardedForHops(value, hops);
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    if (!hop->has_value()) return nearest;
    nearest = **hop;
    if (!trusted.Contains(nearest)) return nearest;
  }
  return nearest;
}

}  // namespace usersessions::sdk
