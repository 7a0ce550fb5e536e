// Location of an IP address from a MaxMind DB file (GeoIP2 / GeoLite2 City or Country), read with
// libmaxminddb.
#ifndef USERSESSIONS_SERVER_ENRICHMENT_GEOIP_DATABASE_H_
#define USERSESSIONS_SERVER_ENRICHMENT_GEOIP_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// libmaxminddb's handle; its header is included only by the implementation.
struct MMDB_s;

namespace usersessions::server {

// What the database knows about one address. Every field is empty when nothing is known.
struct LocationInfo {
  // "City, Country" when both are known, "Country" when only the country is, empty otherwise (a
  // city without a country is not shown).
  std::string display;
  std::string city;
  std::string country;
  // ISO 3166-1 alpha-2, for example "US". Never translated.
  std::string country_code;
};

// A MaxMind DB of the City or Country kind (GeoIP2, GeoLite2, and the Enterprise database, which
// has the same layout). The file is memory-mapped and closed in the destructor, so an update must
// put a new file in place (rename) rather than rewrite the open one. Thread-safe: Lookup() may be
// called from any number of threads at once.
class GeoIpDatabase final {
 public:
  // Opens and validates the database at `path`. Errors, each naming the path and the library's
  // reason:
  // - INVALID_ARGUMENT: `path` is empty.
  // - FAILED_PRECONDITION: the file is missing, unreadable or corrupt, or it is a MaxMind DB of
  //   another kind (ASN, ISP, ...), which has no location.
  static absl::StatusOr<std::unique_ptr<GeoIpDatabase>> Open(const std::string& path);

  GeoIpDatabase(const GeoIpDatabase&) = delete;
  GeoIpDatabase& operator=(const GeoIpDatabase&) = delete;
  ~GeoIpDatabase();

  // The location of `ip_address`, canonical IPv4 or IPv6 text. Never fails: unparsable input (never
  // resolved as a host name), addresses that are not public (private, loopback, link-local,
  // unique-local, shared, unspecified, multicast, reserved) and addresses the database does not
  // know give an empty LocationInfo. IPv4-mapped, NAT64, 6to4 and Teredo addresses are judged and
  // looked up by the IPv4 address they carry.
  //
  // Names are in `language_code` (BCP 47, any case, '-' or '_'), trying the whole tag and then
  // shorter prefixes ("pt-BR", then "pt") before English, separately for the city and the country.
  LocationInfo Lookup(absl::string_view ip_address, absl::string_view language_code) const;

  // The database_type from the metadata, for example "GeoLite2-City".
  const std::string& database_type() const { return database_type_; }

 private:
  GeoIpDatabase(std::unique_ptr<MMDB_s> mmdb, std::string database_type);

  // Opened; read-only afterwards, which is what makes lookups thread-safe.
  const std::unique_ptr<MMDB_s> mmdb_;
  const std::string database_type_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_ENRICHMENT_GEOIP_DATABASE_H_
