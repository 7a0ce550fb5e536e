#include "sdk/views/internal/catalog.h"

#include "absl/strings/match.h"

namespace usersessions::sdk::views::internal {
namespace {

constexpr std::array<absl::string_view, kMessageCount> kMessageNames = {
    "sessions_title",
    "sessions_intro",
    "sessions_caption",
    "column_device",
    "column_location",
    "column_last_activity",
    "column_actions",
    "this_session",
    "end_session",
    "end_other_sessions",
    "end_other_sessions_help",
    "no_other_sessions",
    "no_other_sessions_help",
    "unknown_device",
    "unknown_location",
    "device_format",
    "just_now",
    "minute_ago",
    "minutes_ago",
    "hour_ago",
    "hours_ago",
    "day_ago",
    "days_ago",
    "month_ago",
    "months_ago",
    "year_ago",
    "years_ago",
    "admin_title",
    "admin_intro",
    "admin_caption",
    "filter_state",
    "state_active",
    "state_expired",
    "state_all",
    "filter_scope",
    "scope_all",
    "scope_mine",
    "search_label",
    "search_hint",
    "apply_filters",
    "column_user",
    "column_state",
    "select_session",
    "end_selected",
    "next_page",
    "first_page",
    "no_sessions_found",
    "anonymous",
};

}  // namespace

absl::string_view MessageName(Msg message) { return kMessageNames[static_cast<size_t>(message)]; }

const std::vector<const Catalog*>& Catalogs() {
  static const auto* const catalogs =
      new std::vector<const Catalog*>{&EnglishCatalog(), &DutchCatalog()};
  return *catalogs;
}

const Catalog* FindCatalog(absl::string_view language) {
  for (const Catalog* catalog : Catalogs()) {
    if (absl::EqualsIgnoreCase(catalog->language, language)) return catalog;
  }
  return nullptr;
}

}  // namespace usersessions::sdk::views::internal
