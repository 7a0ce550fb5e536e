// Runs sessiond: opens the store, checks or applies the schema, serves gRPC (SessionStore,
// health, reflection), follows store health, and drains on SIGTERM.
#ifndef USERSESSIONS_SERVER_APP_SESSIOND_APP_H_
#define USERSESSIONS_SERVER_APP_SESSIOND_APP_H_

#include "server/config/server_config.h"

namespace usersessions::server {

// The version printed by --version and logged at start.
inline constexpr char kSessiondVersion[] = "0.1.0";

// Runs the command and returns the process exit code: 0 on success or after a clean SIGTERM
// drain, 1 when the store or the schema is not usable or the address cannot be bound.
// Must be called from the main thread before any other thread starts (it blocks SIGTERM,
// SIGINT and SIGHUP so that a dedicated thread can wait for them).
int RunSessiond(const CommandLine& command_line);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_APP_SESSIOND_APP_H_
