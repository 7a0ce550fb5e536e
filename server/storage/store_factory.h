// Opens the Store named by a --store URI.
#ifndef USERSESSIONS_SERVER_STORAGE_STORE_FACTORY_H_
#define USERSESSIONS_SERVER_STORAGE_STORE_FACTORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "migrations/migration_set.h"
#include "server/storage/store.h"

namespace usersessions::server {

struct StoreOptions {
  // "sqlite:PATH" or "mysql://user:password@host:port/database".
  std::string uri = "sqlite:./var/sessions.db";
  // Most connections the store opens at once.
  int pool_size = 16;
  // Migrations to manage instead of the compiled-in set of the backend (tests use this).
  std::optional<std::vector<migrations::Migration>> migrations;
};

// Opens the backend named by options.uri. INVALID_ARGUMENT for a malformed or unknown URI (the
// message never repeats a password). Opening does not require the database to be reachable: a
// MySQL store connects lazily and answers UNAVAILABLE until the database is up.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_STORE_FACTORY_H_
