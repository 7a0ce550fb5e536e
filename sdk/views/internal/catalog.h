// The views' strings, one catalog per language. Catalogs are plain data in catalog_<code>.cc;
// adding a language means adding one such file and listing it in catalog.cc.
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_CATALOG_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_CATALOG_H_

#include <array>
#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"

namespace usersessions::sdk::views::internal {

// Every message. Templates see each one as t.<name> (see MessageName), so the names are part of
// the template contract documented in docs/views.md.
enum class Msg : int {
  kSessionsTitle,
  kSessionsIntro,
  kSessionsCaption,
  kColumnDevice,
  kColumnLocation,
  kColumnLastActivity,
  kColumnActions,
  kThisSession,
  kEndSession,
  kEndOtherSessions,
  kEndOtherSessionsHelp,
  kNoOtherSessions,
  kNoOtherSessionsHelp,
  kUnknownDevice,
  kUnknownLocation,
  // absl::Substitute format: $0 the browser, $1 the operating system.
  kDeviceFormat,
  kJustNow,
  // Relative times; $0 is the count.
  kMinuteAgo,
  kMinutesAgo,
  kHourAgo,
  kHoursAgo,
  kDayAgo,
  kDaysAgo,
  kMonthAgo,
  kMonthsAgo,
  kYearAgo,
  kYearsAgo,
  kAdminTitle,
  kAdminIntro,
  kAdminCaption,
  kFilterState,
  kStateActive,
  kStateExpired,
  kStateAll,
  kFilterScope,
  kScopeAll,
  kScopeMine,
  kSearchLabel,
  kSearchHint,
  kApplyFilters,
  kColumnUser,
  kColumnState,
  kSelectSession,
  kEndSelected,
  kNextPage,
  kFirstPage,
  kNoSessionsFound,
  kAnonymous,
  kCount,
};

inline constexpr size_t kMessageCount = static_cast<size_t>(Msg::kCount);

struct Catalog {
  // BCP 47 primary language subtag ("en"), as sent in Content-Language and to sessiond.
  absl::string_view language;
  std::array<absl::string_view, kMessageCount> text;

  absl::string_view Get(Msg message) const { return text[static_cast<size_t>(message)]; }
};

// The template name of `message` ("sessions_title").
absl::string_view MessageName(Msg message);

// Every catalog; English first (the fallback).
const std::vector<const Catalog*>& Catalogs();

// The catalog of `language` (primary subtag, case-insensitive), or nullptr.
const Catalog* FindCatalog(absl::string_view language);

// The catalogs, defined one per file.
const Catalog& EnglishCatalog();
const Catalog& DutchCatalog();

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_CATALOG_H_
