// The embedded default backend: one SQLite file, for a single machine with no database server.
#ifndef USERSESSIONS_SERVER_STORAGE_SQLITE_STORE_H_
#define USERSESSIONS_SERVER_STORAGE_SQLITE_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "migrations/migration_set.h"
#include "server/storage/store.h"

namespace usersessions::server {

// Opens (creating if needed, with its parent folder) the SQLite database at `path` in WAL mode
// with a busy timeout, using up to `pool_size` connections so that readers run concurrently.
// Writers are serialized by SQLite itself. Fails with UNAVAILABLE if the file cannot be opened.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, int pool_size, std::vector<migrations::Migration> migrations);

namespace internal {
// The ListSessions query of the SQLite backend (exposed so tests can EXPLAIN it).
std::string SqliteListSql(const ListQuery& query);
}  // namespace internal

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_SQLITE_STORE_H_
