// The schema migrations compiled into sessiond, and the backend-neutral planning logic: which
// migrations are pending, and whether an applied one was edited.
#ifndef USERSESSIONS_MIGRATIONS_MIGRATION_SET_H_
#define USERSESSIONS_MIGRATIONS_MIGRATION_SET_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace usersessions::migrations {

// One forward-only migration file, NNNN_name.sql.
struct Migration {
  int version = 0;
  // The file name without ".sql", for example "0001_create_sessions".
  std::string name;
  std::string sql;
  // Lower-case hex SHA-256 of the file's bytes.
  std::string checksum;
};

// A row of the schema_migrations table.
struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string checksum;
};

// The files of migrations/mysql and migrations/sqlite, in version order.
const std::vector<Migration>& MysqlMigrations();
const std::vector<Migration>& SqliteMigrations();

// Builds a Migration from a file name and its contents (computes version and checksum).
// INVALID_ARGUMENT if the name is not NNNN_name.sql.
absl::StatusOr<Migration> MakeMigration(absl::string_view file_name, std::string sql);

// Returns the migrations of `available` not in `applied`, in version order. FAILED_PRECONDITION
// if an applied version has a different checksum than the file (the file was edited after it was
// applied). Applied versions unknown to `available` (a newer binary migrated the database) are
// allowed.
absl::StatusOr<std::vector<Migration>> PlanMigrations(const std::vector<Migration>& available,
                                                      const std::vector<AppliedMigration>& applied);

// Splits a migration file into statements at semicolons that end a line. Lines starting with
// "--" are comments. Migration files must not put a semicolon at the end of a line inside a
// string literal.
std::vector<std::string> SplitSqlStatements(absl::string_view sql);

}  // namespace usersessions::migrations

#endif  // USERSESSIONS_MIGRATIONS_MIGRATION_SET_H_
