// What every Session of an engine shares: the connection and the validated configuration.
#ifndef USERSESSIONS_SDK_INTERNAL_ENGINE_CONTEXT_H_
#define USERSESSIONS_SDK_INTERNAL_ENGINE_CONTEXT_H_

#include <memory>

#include "client/session_store_connection.h"
#include "common/clock.h"
#include "sdk/client_ip.h"
#include "sdk/session_engine_options.h"

namespace usersessions::sdk::internal {

// Immutable once built; shared by the engine and its sessions, so a session may outlive the
// engine. Thread-safe (the connection is).
struct EngineContext {
  std::shared_ptr<client::SessionStoreConnection> connection;
  SessionEngineOptions options;
  TrustedProxies trusted_proxies;
  std::shared_ptr<const Clock> clock;  // Never null.
};

}  // namespace usersessions::sdk::internal

#endif  // USERSESSIONS_SDK_INTERNAL_ENGINE_CONTEXT_H_
