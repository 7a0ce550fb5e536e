// sessionctl's commands, once their flags are parsed and checked. Each returns the process exit
// code: 0 on success, 1 when a call fails (reported on `err` in one line).
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_COMMANDS_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_COMMANDS_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/time/time.h"
#include "client/session_store_client.h"
#include "common/clock.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::sessionctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCallFailed = 1;
inline constexpr int kExitUsage = 2;

// Where a command writes, and its time source (for "5 minutes ago").
struct CommandOutput {
  std::ostream* out;
  std::ostream* err;
  const Clock* clock;
};

struct ListArgs {
  std::string user;  // empty: all users (admin)
  v1::StateFilter state = v1::STATE_FILTER_ACTIVE;
  std::string search;
  bool json = false;
  int64_t limit = 0;  // 0: no limit
};
// Walks every page (or up to `limit` sessions) and prints one table, or one JSON array.
int RunList(client::SessionStoreClient& client, const ListArgs& args, const CommandOutput& output);

struct ShowArgs {
  std::string session_id;
  std::string user;
  bool json = false;
};
int RunShow(client::SessionStoreClient& client, const ShowArgs& args, const CommandOutput& output);

struct RevokeArgs {
  std::string session_id;
  std::string user;
};
int RunRevoke(client::SessionStoreClient& client, const RevokeArgs& args,
              const CommandOutput& output);

struct RevokeAllArgs {
  std::string user;
  std::string keep_session_id;
};
// Prints the number of sessions ended.
int RunRevokeAll(client::SessionStoreClient& client, const RevokeAllArgs& args,
                 const CommandOutput& output);

struct ClearExpiredArgs {
  int64_t batch_size = 0;  // 0: the server's default
  // The time budget of each DeleteExpiredSessions call; keep it below the call deadline.
  absl::Duration max_duration_per_call = absl::Seconds(10);
};
// Calls DeleteExpiredSessions until nothing expired remains, printing progress after each call
// that left rows behind, then the total.
int RunClearExpired(client::SessionStoreClient& client, const ClearExpiredArgs& args,
                    const CommandOutput& output);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_COMMANDS_H_
