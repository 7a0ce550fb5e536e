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

std::string HumanizeElapsed(absl::Duration elapsed) {
  if (elapsed < absl::Minutes(1)) return "just now";
  if (elapsed < absl::Hours(1)) return Ago(absl::ToInt64Minutes(elapsed), "minute");
  if (elapsed < absl::Hours(24)) return Ago(absl::ToInt64Hours(elapsed), "hour");
  // ToInt64Hours saturates for an infinite duration, so the division stays defined.
  const int64_t days = absl::ToInt64Hours(elapsed) / 24;
  if (days < 30) return Ago(days, "day");
  if (days < 365) return Ago(std::min<int64_t>(days / 30, 11), "month");
  return Ago(days / 365, "year");
}

}  // namespace usersessions
