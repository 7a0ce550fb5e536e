// The production backend: MySQL or MariaDB through MySQL Connector/C++ 1.1.
#ifndef USERSESSIONS_SERVER_STORAGE_MYSQL_STORE_H_
#define USERSESSIONS_SERVER_STORAGE_MYSQL_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "migrations/migration_set.h"
#include "server/storage/store.h"

namespace usersessions::server {

// The parts of "mysql://user:password@host:port/database".
struct MysqlUri {
  std::string user;
  std::string password;
  std::string host;
  int port = 3306;
  std::string database;
};

// Parses a mysql:// URI; user, password and database may be percent-encoded. INVALID_ARGUMENT
// naming what is wrong (never echoing the password).
absl::StatusOr<MysqlUri> ParseMysqlUri(absl::string_view uri);

// Opens a MySQL store with at most `pool_size` connections, managing `migrations`. Connects
// lazily: an unreachable database gives UNAVAILABLE per call, and the store recovers by itself
// when the database returns. Every statement is a prepared statement, cached per connection.
// A deadlock or lock wait timeout (1213, 1205) is retried a bounded number of times.
absl::StatusOr<std::unique_ptr<Store>> OpenMysqlStore(
    const MysqlUri& uri, int pool_size, std::vector<migrations::Migration> migrations);

namespace internal {
// The ListSessions query of the MySQL backend (exposed so tests can EXPLAIN it).
std::string MysqlListSql(const ListQuery& query);
}  // namespace internal

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_MYSQL_STORE_H_
