#include "sdk/views/internal/session_row.h"

#include "gtest/gtest.h"

namespace usersessions::sdk::views::internal {
namespace {

v1::Device Device(const char* display, const char* browser, const char* os) {
  v1::Device device;
  device.set_display(display);
  device.set_browser(browser);
  device.set_os(os);
  return device;
}

TEST(DeviceTextTest, ComposesFromBrowserAndOsInTheCatalogsLanguage) {
  const v1::Device safari = Device("Safari on iPhone", "Safari", "iPhone");
  EXPECT_EQ(DeviceText(safari, EnglishCatalog()), "Safari on iPhone");
  EXPECT_EQ(DeviceText(safari, DutchCatalog()), "Safari op iPhone");
  EXPECT_EQ(DeviceText(Device("Firefox", "Firefox", ""), DutchCatalog()), "Firefox");
  EXPECT_EQ(DeviceText(Device("Linux", "", "Linux"), DutchCatalog()), "Linux");
  EXPECT_EQ(DeviceText(Device("curl", "", ""), DutchCatalog()), "curl");
  EXPECT_EQ(DeviceText(Device("", "", ""), EnglishCatalog()), "");
}

struct ElapsedCase {
  absl::Duration elapsed;
  const char* english;
  const char* dutch;
};

class ElapsedTextTest : public ::testing::TestWithParam<ElapsedCase> {};

TEST_P(ElapsedTextTest, WordsEveryBucketInEachLanguage) {
  EXPECT_EQ(ElapsedText(GetParam().elapsed, EnglishCatalog()), GetParam().english);
  EXPECT_EQ(ElapsedText(GetParam().elapsed, DutchCatalog()), GetParam().dutch);
}

INSTANTIATE_TEST_SUITE_P(
    Buckets, ElapsedTextTest,
    ::testing::Values(ElapsedCase{absl::Seconds(-5), "just now", "zojuist"},
                      ElapsedCase{absl::Seconds(59), "just now", "zojuist"},
                      ElapsedCase{absl::Minutes(1), "1 minute ago", "1 minuut geleden"},
                      ElapsedCase{absl::Minutes(5), "5 minutes ago", "5 minuten geleden"},
                      ElapsedCase{absl::Hours(1), "1 hour ago", "1 uur geleden"},
                      ElapsedCase{absl::Hours(5), "5 hours ago", "5 uur geleden"},
                      ElapsedCase{absl::Hours(24), "1 day ago", "1 dag geleden"},
                      ElapsedCase{absl::Hours(24 * 3), "3 days ago", "3 dagen geleden"},
                      ElapsedCase{absl::Hours(24 * 30), "1 month ago", "1 maand geleden"},
                      ElapsedCase{absl::Hours(24 * 90), "3 months ago", "3 maanden geleden"},
                      ElapsedCase{absl::Hours(24 * 365), "1 year ago", "1 jaar geleden"},
                      ElapsedCase{absl::Hours(24 * 800), "2 years ago", "2 jaar geleden"}));

TEST(MakeSessionRowTest, FillsEveryColumnAndFallsBackToUnknown) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  v1::Session session;
  session.set_session_id("abc");
  session.set_user_id("alice");
  session.set_ip_address("81.2.69.142");
  *session.mutable_device() = Device("Chrome on Android", "Chrome", "Android");
  session.mutable_location()->set_display("London, United Kingdom");
  session.mutable_last_activity_time()->set_seconds(1'800'000'000 - 120);
  session.set_current(true);

  const SessionRow row = MakeSessionRow(session, EnglishCatalog(), now);
  EXPECT_EQ(row.device, "Chrome on Android");
  EXPECT_TRUE(row.device_known);
  EXPECT_EQ(row.device_kind, "phone");
  EXPECT_EQ(row.location, "London, United Kingdom");
  EXPECT_TRUE(row.location_known);
  EXPECT_EQ(row.last_activity, "2 minutes ago");
  EXPECT_EQ(row.last_activity_time, "2027-01-15T07:58:00Z");
  EXPECT_TRUE(row.current);
  EXPECT_FALSE(row.expired);

  session.clear_device();
  session.clear_location();
  session.set_state(v1::SESSION_STATE_EXPIRED);
  const SessionRow unknown = MakeSessionRow(session, DutchCatalog(), now);
  EXPECT_EQ(unknown.device, "Onbekend apparaat");
  EXPECT_FALSE(unknown.device_known);
  EXPECT_EQ(unknown.device_kind, "unknown");
  EXPECT_EQ(unknown.location, "Onbekende locatie");
  EXPECT_FALSE(unknown.location_known);
  EXPECT_TRUE(unknown.expired);
}

TEST(DeviceKindTest, PicksTheIcon) {
  const absl::Time now = absl::UnixEpoch();
  v1::Session session;
  *session.mutable_device() = Device("Safari on iPad", "Safari", "iPad");
  EXPECT_EQ(MakeSessionRow(session, EnglishCatalog(), now).device_kind, "tablet");
  *session.mutable_device() = Device("Edge on Windows", "Edge", "Windows");
  EXPECT_EQ(MakeSessionRow(session, EnglishCatalog(), now).device_kind, "computer");
}

}  // namespace
}  // namespace usersessions::sdk::views::internal
