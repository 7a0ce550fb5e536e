// Where blocking work goes when the thread at hand must not block.
#ifndef USERSESSIONS_SERVER_SERVICE_EXECUTOR_H_
#define USERSESSIONS_SERVER_SERVICE_EXECUTOR_H_

#include "absl/functional/any_invocable.h"

namespace usersessions::server {

// Runs work on threads that may block (on the store, for example). Implementations are
// thread-safe.
class Executor {
 public:
  virtual ~Executor() = default;

  // Runs `work` once, soon, on a thread of the executor's; never on the calling thread.
  virtual void Submit(absl::AnyInvocable<void() &&> work) = 0;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_EXECUTOR_H_
