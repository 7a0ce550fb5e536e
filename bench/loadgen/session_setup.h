// Creates the sessions a load run works on.
#ifndef USERSESSIONS_BENCH_LOADGEN_SESSION_SETUP_H_
#define USERSESSIONS_BENCH_LOADGEN_SESSION_SETUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/session_store_client.h"

namespace usersessions::loadgen {

struct PreparedSession {
  std::string key;
  // The number the session was created as; ClientOf(index) is its stored client.
  int64_t index = 0;
};

struct SetupSpec {
  int64_t sessions = 0;
  int64_t users = 1;
  int64_t payload_bytes = 0;
  // Names this run's owners (see UserOf).
  std::string run_id;
  // Calls in flight at once.
  int parallelism = 32;
};

// Creates spec.sessions sessions through `clients` (spread over them), each owned by
// UserOf(run_id, index, users), with ClientOf(index) and a payload. Returns them in index order,
// or the first error (after the calls in flight have finished).
absl::StatusOr<std::vector<PreparedSession>> CreateSessions(
    const std::vector<client::SessionStoreClient>& clients, const SetupSpec& spec);

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_SESSION_SETUP_H_
