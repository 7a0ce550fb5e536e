#include "server/enrichment/session_enricher.h"

#include <utility>

#include "server/enrichment/device.h"

namespace usersessions::server {

SessionEnricher::SessionEnricher(std::shared_ptr<const GeoIpDatabase> geoip)
    : geoip_(std::move(geoip)) {}

void SessionEnricher::SetGeoIpDatabase(std::shared_ptr<const GeoIpDatabase> geoip) {
  absl::MutexLock lock(&mu_);
  geoip_ = std::move(geoip);
}

std::shared_ptr<const GeoIpDatabase> SessionEnricher::GeoIp() const {
  absl::MutexLock lock(&mu_);
  return geoip_;
}

void SessionEnricher::Enrich(absl::string_view language_code, v1::Session* session) const {
  DeviceInfo device = ParseUserAgent(session->user_agent());
  session->mutable_device()->set_display(std::move(device.display));
  session->mutable_device()->set_browser(std::move(device.browser));
  session->mutable_device()->set_os(std::move(device.os));

  std::shared_ptr<const GeoIpDatabase> geoip = GeoIp();
  if (geoip == nullptr || session->ip_address().empty()) return;
  LocationInfo location = geoip->Lookup(session->ip_address(), language_code);
  session->mutable_location()->set_display(std::move(location.display));
  session->mutable_location()->set_city(std::move(location.city));
  session->mutable_location()->set_country(std::move(location.country));
  session->mutable_location()->set_country_code(std::move(location.country_code));
}

}  // namespace usersessions::server
