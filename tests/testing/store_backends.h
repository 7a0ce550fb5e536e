// The Store backends that conformance suites run against, as GoogleTest type parameters.
#ifndef USERSESSIONS_TESTS_TESTING_STORE_BACKENDS_H_
#define USERSESSIONS_TESTS_TESTING_STORE_BACKENDS_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "server/storage/store_factory.h"
#include "tests/testing/mysql_test_database.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::testing {

// SQLite in a private folder.
struct SqliteBackend {
  static constexpr bool kIsMysql = false;
  TempDir dir;

  absl::StatusOr<std::unique_ptr<server::Store>> Open() {
    server::StoreOptions options;
    options.uri = "sqlite:" + dir.File("sessions.db");
    options.pool_size = 8;
    return server::OpenStore(options);
  }
  // Every byte SQLite wrote: the database file and its write-ahead log.
  std::string DumpEverything() {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      std::ifstream in(entry.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }
};

// MySQL in a private database on the server named by USERSESSIONS_TEST_MYSQL_DSN.
struct MysqlBackend {
  static constexpr bool kIsMysql = true;
  std::unique_ptr<MysqlTestDatabase> database;

  absl::StatusOr<std::unique_ptr<server::Store>> Open() {
    auto created = MysqlTestDatabase::Create();
    if (!created.ok()) return created.status();
    database = *std::move(created);
    server::StoreOptions options;
    options.uri = database->uri();
    options.pool_size = 8;
    return server::OpenStore(options);
  }
  // Every column of every row, as text.
  std::string DumpEverything() {
    auto rows = database->Query("SELECT * FROM sessions");
    if (!rows.ok()) return "";
    std::string all;
    for (const auto& row : *rows) absl::StrAppend(&all, absl::StrJoin(row, "|"), "\n");
    return all;
  }
};

using StoreBackends = ::testing::Types<SqliteBackend, MysqlBackend>;

class StoreBackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kIsMysql ? "MySQL" : "SQLite";
  }
};

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_TESTING_STORE_BACKENDS_H_
