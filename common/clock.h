// Time source, injected so that expiry and activity logic is testable without sleeping.
#ifndef USERSESSIONS_COMMON_CLOCK_H_
#define USERSESSIONS_COMMON_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace usersessions {

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_CLOCK_H_
