#include "sdk/views/internal/session_row.h"

#include "absl/strings/substitute.h"
#include "common/humanize_time.h"

namespace usersessions::sdk::views::internal {
namespace {

std::string Count(Msg one, Msg many, int64_t count, const Catalog& catalog) {
  if (count == 1) return std::string(catalog.Get(one));
  return absl::Substitute(catalog.Get(many), count);
}

std::string DeviceKind(const v1::Device& device) {
  const std::string& os = device.os();
  if (os == "iPhone" || os == "Android" || os == "Windows Mobile") return "phone";
  if (os == "iPad") return "tablet";
  if (!os.empty() || !device.browser().empty()) return "computer";
  return "unknown";
}

absl::Time ToTime(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

}  // namespace

std::string DeviceText(const v1::Device& device, const Catalog& catalog) {
  if (!device.browser().empty() && !device.os().empty()) {
    return absl::Substitute(catalog.Get(Msg::kDeviceFormat), device.browser(), device.os());
  }
  if (!device.browser().empty()) return device.browser();
  if (!device.os().empty()) return device.os();
  return device.display();
}

std::string ElapsedText(absl::Duration elapsed, const Catalog& catalog) {
  const ElapsedParts parts = SplitElapsed(elapsed);
  switch (parts.unit) {
    case ElapsedUnit::kJustNow:
      return std::string(catalog.Get(Msg::kJustNow));
    case ElapsedUnit::kMinutes:
      return Count(Msg::kMinuteAgo, Msg::kMinutesAgo, parts.count, catalog);
    case ElapsedUnit::kHours:
      return Count(Msg::kHourAgo, Msg::kHoursAgo, parts.count, catalog);
    case ElapsedUnit::kDays:
      return Count(Msg::kDayAgo, Msg::kDaysAgo, parts.count, catalog);
    case ElapsedUnit::kMonths:
      return Count(Msg::kMonthAgo, Msg::kMonthsAgo, parts.count, catalog);
    case ElapsedUnit::kYears:
      return Count(Msg::kYearAgo, Msg::kYearsAgo, parts.count, catalog);
  }
  return std::string(catalog.Get(Msg::kJustNow));
}

SessionRow MakeSessionRow(const v1::Session& session, const Catalog& catalog, absl::Time now) {
  SessionRow row;
  row.session_id = session.session_id();
  row.user_id = session.user_id();
  row.device = DeviceText(session.device(), catalog);
  row.device_known = !row.device.empty();
  if (!row.device_known) row.device = std::string(catalog.Get(Msg::kUnknownDevice));
  row.device_kind = DeviceKind(session.device());
  row.location = session.location().display();
  row.location_known = !row.location.empty();
  if (!row.location_known) row.location = std::string(catalog.Get(Msg::kUnknownLocation));
  row.ip_address = session.ip_address();
  const absl::Time last_activity = ToTime(session.last_activity_time());
  row.last_activity = ElapsedText(now - last_activity, catalog);
  row.last_activity_time =
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", last_activity, absl::UTCTimeZone());
  row.current = session.current();
  row.expired = session.state() == v1::SESSION_STATE_EXPIRED;
  return row;
}

}  // namespace usersessions::sdk::views::internal
