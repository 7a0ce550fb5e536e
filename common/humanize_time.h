// Relative times for people ("5 minutes ago"), shared by sessionctl and the SDK's views.
#ifndef USERSESSIONS_COMMON_HUMANIZE_TIME_H_
#define USERSESSIONS_COMMON_HUMANIZE_TIME_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace usersessions {

// The bucket HumanizeElapsed puts a duration in, for views that word it in other languages.
enum class ElapsedUnit { kJustNow, kMinutes, kHours, kDays, kMonths, kYears };
struct ElapsedParts {
  ElapsedUnit unit = ElapsedUnit::kJustNow;
  int64_t count = 0;  // 0 for kJustNow, else at least 1.
};

// The largest whole unit of `elapsed`, with the bounds described at HumanizeElapsed.
ElapsedParts SplitElapsed(absl::Duration elapsed);

// Describes how long ago something happened, in English, rounding down to the largest whole
// unit: "just now" (under a minute, and for negative durations: clocks disagree a little),
// "1 minute ago" / "N minutes ago" (under an hour), hours (under a day), days (under 30 days),
// months of 30 days (under 365 days, at most "11 months ago"), then years of 365 days.
// Deterministic: the caller computes `elapsed` from its own clock. Views that translate compose
// their own text from the same buckets.
std::string HumanizeElapsed(absl::Duration elapsed);

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_HUMANIZE_TIME_H_
