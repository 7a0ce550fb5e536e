// Waits for the callback of an asynchronous client call, with a deadline, without sleeping.
#ifndef USERSESSIONS_TESTS_CLIENT_ASYNC_RESULT_H_
#define USERSESSIONS_TESTS_CLIENT_ASYNC_RESULT_H_

#include <functional>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "client/session_store_connection.h"

namespace usersessions::client::testing {

// Starts an asynchronous call through `start` and returns what its callback delivered, or
// DEADLINE_EXCEEDED (with a message saying so) if the callback did not run within `timeout`.
// The callback's state outlives a timed-out wait, so a late callback is harmless.
template <typename Response>
absl::StatusOr<Response> AwaitCallback(const std::function<void(Callback<Response>)>& start,
                                       absl::Duration timeout = absl::Seconds(10)) {
  struct State {
    absl::Notification done;
    absl::Mutex mu;
    int calls ABSL_GUARDED_BY(mu) = 0;
    absl::StatusOr<Response> result ABSL_GUARDED_BY(mu);
  };
  auto state = std::make_shared<State>();
  start([state](absl::StatusOr<Response> result) {
    absl::MutexLock lock(&state->mu);
    if (++state->calls == 1) {
      state->result = std::move(result);
      state->done.Notify();
    }
  });
  if (!state->done.WaitForNotificationWithTimeout(timeout)) {
    return absl::DeadlineExceededError("the callback did not run in time");
  }
  absl::MutexLock lock(&state->mu);
  return state->result;
}

}  // namespace usersessions::client::testing

#endif  // USERSESSIONS_TESTS_CLIENT_ASYNC_RESULT_H_
