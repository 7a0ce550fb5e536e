#include "server/enrichment/geoip_database.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace usersessions::server {
namespace {

// Longer input is not an address; this also bounds the copy made for inet_pton.
constexpr size_t kMaxAddressLength = INET6_ADDRSTRLEN;
// Longer language tags are ignored (English is used).
constexpr size_t kMaxLanguageCodeLength = 35;

// An address as it is looked up: 4 bytes (IPv4) or 16 bytes (IPv6).
struct LookupAddress {
  int family = AF_UNSPEC;
  std::array<uint8_t, 16> bytes{};
};

uint32_t Ipv4ToUint(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         uint32_t{bytes[3]};
}

// IPv4 networks that do not locate a user: special-purpose ranges (RFC 6890) that are not globally
// routable. Documentation ranges are not listed: no real database has records for them, so they
// come out empty anyway.
bool IsPublicIpv4(uint32_t address) {
  struct Network {
    uint32_t base;
    int prefix_length;
  };
  static constexpr Network kNonPublic[] = {
      {0x00000000, 8},   // 0.0.0.0/8 "this network", including unspecified
      {0x0A000000, 8},   // 10.0.0.0/8 private
      {0x64400000, 10},  // 100.64.0.0/10 shared (carrier-grade NAT)
      {0x7F000000, 8},   // 127.0.0.0/8 loopback
      {0xA9FE0000, 16},  // 169.254.0.0/16 link-local
      {0xAC100000, 12},  // 172.16.0.0/12 private
      {0xC0000000, 24},  // 192.0.0.0/24 IETF protocol assignments
      {0xC0A80000, 16},  // 192.168.0.0/16 private
      {0xC6120000, 15},  // 198.18.0.0/15 benchmarking
      {0xE0000000, 4},   // 224.0.0.0/4 multicast
      {0xF0000000, 4},   // 240.0.0.0/4 reserved, including broadcast
  };
  for (const Network& network : kNonPublic) {
    const uint32_t mask = ~uint32_t{0} << (32 - network.prefix_length);
    if ((address & mask) == network.base) return false;
  }
  return true;
}

std::optional<LookupAddress> Ipv4Address(const uint8_t* bytes) {
  if (!IsPublicIpv4(Ipv4ToUint(bytes))) return std::nullopt;
  LookupAddress address;
  address.family = AF_INET;
  std::memcpy(address.bytes.data(), bytes, 4);
  return address;
}

// Private and special addresses are rejected here, before the database is asked: a database may
// hold records for them (a custom one, or one built without removing reserved networks), and such a
// record never says where a user is. IPv6 addresses that carry an IPv4 address are judged by it, so
// that ::ffff:10.0.0.1 is as private as 10.0.0.1.
std::optional<LookupAddress> ParseLookupAddress(absl::string_view text) {
  if (text.empty() || text.size() > kMaxAddressLength) return std::nullopt;
  // inet_pton accepts numeric addresses only, so nothing is ever resolved as a host name.
  const std::string terminated(text);
  uint8_t v4[4];
  if (inet_pton(AF_INET, terminated.c_str(), v4) == 1) return Ipv4Address(v4);
  uint8_t v6[16];
  if (inet_pton(AF_INET6, terminated.c_str(), v6) != 1) return std::nullopt;

  static constexpr uint8_t kIpv4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  // ::ffff:0:0/96 (IPv4-mapped) and 64:ff9b::/96 (NAT64, RFC 6052).
  if (std::memcmp(v6, kIpv4Mapped, 12) == 0 || std::memcmp(v6, kNat64, 12) == 0)
    return Ipv4Address(v6 + 12);
  // 2002::/16 (6to4): the IPv4 address follows the prefix.
  if (v6[0] == 0x20 && v6[1] == 0x02) return Ipv4Address(v6 + 2);
  // 2001::/32 (Teredo, RFC 4380): the client's public IPv4 address is the last 32 bits, inverted.
  // MaxMind databases alias this range to the Teredo server's address instead, which says nothing
  // about the user.
  if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0) {
    uint8_t client[4];
    for (int i = 0; i < 4; ++i) client[i] = static_cast<uint8_t>(~v6[12 + i]);
    return Ipv4Address(client);
  }
  // Only global unicast (2000::/3) locates a user. This excludes unspecified, loopback,
  // IPv4-compatible, discard-only, unique-local (fc00::/7), link-local (fe80::/10), site-local
  // (fec0::/10) and multicast (ff00::/8).
  if ((v6[0] & 0xe0) != 0x20) return std::nullopt;
  LookupAddress address;
  address.family = AF_INET6;
  std::memcpy(address.bytes.data(), v6, 16);
  return address;
}

// Language tags to try for names, most specific first, ending with English: "pt_br" gives "pt-BR",
// "pt", "en". Subtags get their BCP 47 case (language lower, script title, region upper), which is
// how MaxMind keys its names.
std::vector<std::string> LanguageCandidates(absl::string_view language_code) {
  std::vector<std::string> candidates;
  if (!language_code.empty() && language_code.size() <= kMaxLanguageCodeLength) {
    std::vector<std::string> subtags = absl::StrSplit(language_code, absl::ByAnyChar("-_"));
    bool valid = true;
    for (size_t i = 0; i < subtags.size(); ++i) {
      std::string& subtag = subtags[i];
      if (subtag.empty() || !std::all_of(subtag.begin(), subtag.end(), absl::ascii_isalnum)) {
        valid = false;
        break;
      }
      absl::AsciiStrToLower(&subtag);
      if (i > 0 && subtag.size() == 2) {
        absl::AsciiStrToUpper(&subtag);
      } else if (i > 0 && subtag.size() == 4) {
        subtag[0] = absl::ascii_toupper(subtag[0]);
      }
    }
    for (size_t n = valid ? subtags.size() : 0; n > 0; --n) {
      candidates.push_back(absl::StrJoin(subtags.begin(), subtags.begin() + n, "-"));
    }
  }
  if (std::find(candidates.begin(), candidates.end(), "en") == candidates.end()) {
    candidates.push_back("en");
  }
  return candidates;
}

// The UTF-8 string at `path` (null-terminated) under `entry`, or empty when it is missing or not a
// string.
std::string GetString(MMDB_entry_s entry, const char* const* path) {
  MMDB_entry_data_s data;
  if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data ||
      data.type != MMDB_DATA_TYPE_UTF8_STRING) {
    return "";
  }
  return std::string(data.utf8_string, data.data_size);
}

// `record`.names.<language> for the first language that has a name.
std::string GetName(const MMDB_entry_s& entry, const char* record,
                    const std::vector<std::string>& languages) {
  for (const std::string& language : languages) {
    const char* const path[] = {record, "names", language.c_str(), nullptr};
    std::string name = GetString(entry, path);
    if (!name.empty()) return name;
  }
  return "";
}

// The databases whose records have the GeoIP2 "city" / "country" layout.
bool IsLocationDatabase(absl::string_view database_type) {
  return absl::StrContains(database_type, "City") || absl::StrContains(database_type, "Country") ||
         absl::StrContains(database_type, "Enterprise");
}

}  // namespace

absl::StatusOr<std::unique_ptr<GeoIpDatabase>> GeoIpDatabase::Open(const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError("the GeoIP database path is empty");
  }
  auto mmdb = std::make_unique<MMDB_s>();
  errno = 0;
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, mmdb.get());
  if (status != MMDB_SUCCESS) {
    // MMDB_open has released everything it allocated.
    std::string reason = MMDB_strerror(status);
    if ((status == MMDB_FILE_OPEN_ERROR || status == MMDB_IO_ERROR) && errno != 0) {
      absl::StrAppend(&reason, " (", std::error_code(errno, std::generic_category()).message(),
                      ")");
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open the GeoIP database \"", path, "\": ", reason));
  }
  const char* type = mmdb->metadata.database_type;
  // From here on the destructor closes the database, on every return.
  std::unique_ptr<GeoIpDatabase> database(
      new GeoIpDatabase(std::move(mmdb), type == nullptr ? "" : type));
  if (!IsLocationDatabase(database->database_type())) {
    return absl::FailedPreconditionError(
        absl::StrCat("the GeoIP database \"", path, "\" is of type \"", database->database_type(),
                     "\", which has no locations; use a City or Country database"));
  }
  return database;
}

GeoIpDatabase::GeoIpDatabase(std::unique_ptr<MMDB_s> mmdb, std::string database_type)
    : mmdb_(std::move(mmdb)), database_type_(std::move(database_type)) {}

GeoIpDatabase::~GeoIpDatabase() { MMDB_close(mmdb_.get()); }

LocationInfo GeoIpDatabase::Lookup(absl::string_view ip_address,
                                   absl::string_view language_code) const {
  LocationInfo location;
  const std::optional<LookupAddress> address = ParseLookupAddress(ip_address);
  if (!address.has_value()) return location;

  int error = MMDB_SUCCESS;
  MMDB_lookup_result_s result;
  if (address->family == AF_INET) {
    sockaddr_in socket_address{};
    socket_address.sin_family = AF_INET;
    std::memcpy(&socket_address.sin_addr, address->bytes.data(), 4);
    result = MMDB_lookup_sockaddr(mmdb_.get(), reinterpret_cast<const sockaddr*>(&socket_address),
                                  &error);
  } else {
    sockaddr_in6 socket_address{};
    socket_address.sin6_family = AF_INET6;
    std::memcpy(&socket_address.sin6_addr, address->bytes.data(), 16);
    result = MMDB_lookup_sockaddr(mmdb_.get(), reinterpret_cast<const sockaddr*>(&socket_address),
                                  &error);
  }
  // Errors here are an IPv6 address in an IPv4-only database or a corrupt search tree; either way
  // the location is unknown.
  if (error != MMDB_SUCCESS || !result.found_entry) return location;

  const std::vector<std::string> languages = LanguageCandidates(language_code);
  location.city = GetName(result.entry, "city", languages);
  location.country = GetName(result.entry, "country", languages);
  const char* const iso_code_path[] = {"country", "iso_code", nullptr};
  location.country_code = GetString(result.entry, iso_code_path);
  if (!location.country.empty()) {
    location.display = location.city.empty() ? location.country
                                             : absl::StrCat(location.city, ", ", location.country);
  }
  return location;
}

}  // namespace usersessions::server
