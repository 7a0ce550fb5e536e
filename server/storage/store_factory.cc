#include "server/storage/store_factory.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sqlite_store.h"

namespace usersessions::server {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (options.pool_size < 1) {
    return absl::InvalidArgumentError("the store pool size must be at least 1");
  }
  absl::string_view uri = options.uri;
  if (absl::ConsumePrefix(&uri, "sqlite:")) {
    if (uri.empty()) return absl::InvalidArgumentError("--store sqlite: needs a file path");
    return OpenSqliteStore(std::string(uri), options.pool_size,
                           options.migrations.value_or(migrations::SqliteMigrations()));
  }
  if (absl::StartsWith(uri, "mysql://")) {
    ASSIGN_OR_RETURN(MysqlUri parsed, ParseMysqlUri(uri));
    return OpenMysqlStore(parsed, options.pool_size,
                          options.migrations.value_or(migrations::MysqlMigrations()));
  }
  const size_t colon = uri.find(':');
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported store \"", uri.substr(0, colon),
                   "\": use sqlite:PATH or mysql://user:password@host:port/database"));
}

}  // namespace usersessions::server
