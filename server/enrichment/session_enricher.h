// Fills the device and location of sessions in management responses.
#ifndef USERSESSIONS_SERVER_ENRICHMENT_SESSION_ENRICHER_H_
#define USERSESSIONS_SERVER_ENRICHMENT_SESSION_ENRICHER_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/enrichment/geoip_database.h"
#include "usersessions/v1/session.pb.h"

namespace usersessions::server {

// Thread-safe. The GeoIP database can be swapped at any time (reload on change); lookups in
// flight keep the database they started with.
class SessionEnricher {
 public:
  // `geoip` may be null: location then stays empty and nothing fails.
  explicit SessionEnricher(std::shared_ptr<const GeoIpDatabase> geoip = nullptr);

  void SetGeoIpDatabase(std::shared_ptr<const GeoIpDatabase> geoip);

  // Sets session->device from its user agent and session->location from its IP address, with
  // names in `language_code` where the database has them.
  void Enrich(absl::string_view language_code, v1::Session* session) const;

 private:
  std::shared_ptr<const GeoIpDatabase> GeoIp() const;

  mutable absl::Mutex mu_;
  std::shared_ptr<const GeoIpDatabase> geoip_ ABSL_GUARDED_BY(mu_);
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_ENRICHMENT_SESSION_ENRICHER_H_
