#include "common/humanize_time.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace usersessions {
namespace {

std::string Ago(int64_t count, const char* unit) {
  return absl::StrCat(count, " ", unit, count == 1 ? "" : "s", " ago");
}

}  // namespace

ElapsedParts SplitElapsed(absl::Duration elapsed) {
  if (elapsed < absl::Minutes(1)) return {ElapsedUnit::kJustNow, 0};
  if (elapsed < absl::Hours(1)) return {ElapsedUnit::kMinutes, absl::ToInt64Minutes(elapsed)};
  if (elapsed < absl::Hours(24)) return {ElapsedUnit::kHours, absl::ToInt64Hours(elapsed)};
  // ToInt64Hours saturates for an infinite duration, so the division stays defined.
  const int64_t days = absl::ToInt64Hours(elapsed) / 24;
  if (days < 30) return {ElapsedUnit::kDays, days};
  if (days < 365) return {ElapsedUnit::kMonths, std::min<int64_t>(days / 30, 11)};
  return {ElapsedUnit::kYears, days / 365};
}

std::string HumanizeElapsed(absl::Duration elapsed) {
  const ElapsedParts parts = SplitElapsed(elapsed);
  switch (parts.unit) {
    case ElapsedUnit::kJustNow:
      return "just now";
    case ElapsedUnit::kMinutes:
      return Ago(parts.count, "minute");
    case ElapsedUnit::kHours:
      return Ago(parts.count, "hour");
    case ElapsedUnit::kDays:
      return Ago(parts.count, "day");
    case ElapsedUnit::kMonths:
      return Ago(parts.count, "month");
    case ElapsedUnit::kYears:
      return Ago(parts.count, "year");
  }
  return "just now";
}

}  // namespace usersessions
