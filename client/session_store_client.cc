#include "client/session_store_client.h"

namespace usersessions::client {

absl::StatusOr<SessionStoreClient> SessionStoreClient::Create(const ClientOptions& options) {
  auto connection = MakeSessionStoreConnection(options);
  if (!connection.ok()) return connection.status();
  return SessionStoreClient(*std::move(connection));
}

}  // namespace usersessions::client
