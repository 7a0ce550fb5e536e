// English, the fallback language.
#include "sdk/views/internal/catalog.h"

namespace usersessions::sdk::views::internal {

const Catalog& EnglishCatalog() {
  static const Catalog* const catalog = [] {
    auto* c = new Catalog{"en", {}};
    auto set = [c](Msg message, absl::string_view text) {
      c->text[static_cast<size_t>(message)] = text;
    };
    set(Msg::kSessionsTitle, "Active sessions");
    set(Msg::kSessionsIntro,
        "These are the devices currently signed in to your account. If you see a session you "
        "don't recognize, end it.");
    set(Msg::kSessionsCaption, "Your active sessions, most recent activity first");
    set(Msg::kColumnDevice, "Device");
    set(Msg::kColumnLocation, "Location");
    set(Msg::kColumnLastActivity, "Last activity");
    set(Msg::kColumnActions, "Actions");
    set(Msg::kThisSession, "(this session)");
    set(Msg::kEndSession, "End session");
    set(Msg::kEndOtherSessions, "End all other sessions");
    set(Msg::kEndOtherSessionsHelp,
        "Signs you out on every other device. This session stays signed in.");
    set(Msg::kNoOtherSessions, "No other active sessions");
    set(Msg::kNoOtherSessionsHelp, "You are signed in on this device only.");
    set(Msg::kUnknownDevice, "Unknown device");
    set(Msg::kUnknownLocation, "Unknown location");
    set(Msg::kDeviceFormat, "$0 on $1");
    set(Msg::kJustNow, "just now");
    set(Msg::kMinuteAgo, "1 minute ago");
    set(Msg::kMinutesAgo, "$0 minutes ago");
    set(Msg::kHourAgo, "1 hour ago");
    set(Msg::kHoursAgo, "$0 hours ago");
    set(Msg::kDayAgo, "1 day ago");
    set(Msg::kDaysAgo, "$0 days ago");
    set(Msg::kMonthAgo, "1 month ago");
    set(Msg::kMonthsAgo, "$0 months ago");
    set(Msg::kYearAgo, "1 year ago");
    set(Msg::kYearsAgo, "$0 years ago");
    set(Msg::kAdminTitle, "Sessions");
    set(Msg::kAdminIntro, "Every user's sessions. Select sessions to end them.");
    set(Msg::kAdminCaption, "Sessions, most recent activity first");
    set(Msg::kFilterState, "Status");
    set(Msg::kStateActive, "Active");
    set(Msg::kStateExpired, "Expired");
    set(Msg::kStateAll, "All");
    set(Msg::kFilterScope, "Users");
    set(Msg::kScopeAll, "All users");
    set(Msg::kScopeMine, "Mine");
    set(Msg::kSearchLabel, "Search");
    set(Msg::kSearchHint, "IP address, user agent or user ID");
    set(Msg::kApplyFilters, "Filter");
    set(Msg::kColumnUser, "User");
    set(Msg::kColumnState, "Status");
    set(Msg::kSelectSession, "Select session");
    set(Msg::kEndSelected, "End selected sessions");
    set(Msg::kNextPage, "Next page");
    set(Msg::kFirstPage, "First page");
    set(Msg::kNoSessionsFound, "No sessions match these filters.");
    set(Msg::kAnonymous, "Anonymous");
    return c;
  }();
  return *catalog;
}

}  // namespace usersessions::sdk::views::internal
