// SQLite-specific behaviour; the shared Store semantics are in the conformance suite.
#include "server/storage/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/store_factory.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::server {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using usersessions::testing::StatusIs;

std::vector<migrations::Migration> TestMigrations(const std::string& second_sql) {
  return {*migrations::MakeMigration("0001_t.sql", "CREATE TABLE t (a INTEGER);"),
          *migrations::MakeMigration("0002_u.sql", second_sql)};
}

TEST(SqliteStoreTest, CreatesTheFolderAndUsesWal) {
  usersessions::testing::TempDir dir;
  const std::string path = dir.File("nested/folder/sessions.db");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path, 2, migrations::SqliteMigrations()));
  EXPECT_TRUE(std::filesystem::exists(path));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, UnopenablePathIsUnavailable) {
  usersessions::testing::TempDir dir;
  // A folder where the file should be.
  std::filesystem::create_directories(dir.File("taken"));
  EXPECT_THAT(OpenSqliteStore(dir.File("taken"), 1, {}), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(SqliteStoreTest, MigratingTwiceIsANoOp) {
  usersessions::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(dir.File("s.db"), 2,
                                                   TestMigrations("CREATE TABLE u (b INTEGER);")));
  ASSERT_OK_AND_ASSIGN(auto pending, store->PendingMigrations());
  EXPECT_THAT(pending, ElementsAre("0001_t", "0002_u"));
  ASSERT_OK_AND_ASSIGN(auto first, store->Migrate());
  EXPECT_THAT(first, ElementsAre("0001_t", "0002_u"));
  ASSERT_OK_AND_ASSIGN(auto second, store->Migrate());
  EXPECT_THAT(second, IsEmpty());
  ASSERT_OK_AND_ASSIGN(pending, store->PendingMigrations());
  EXPECT_THAT(pending, IsEmpty());
}

TEST(SqliteStoreTest, AnEditedAppliedMigrationIsRefused) {
  usersessions::testing::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(
        auto store,
        OpenSqliteStore(dir.File("s.db"), 1, TestMigrations("CREATE TABLE u (b INTEGER);")));
    ASSERT_OK(store->Migrate());
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(dir.File("s.db"), 1,
                                                   TestMigrations("CREATE TABLE u (c INTEGER);")));
  EXPECT_THAT(store->Migrate(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store->PendingMigrations(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(SqliteStoreTest, AFailedMigrationLeavesNothingBehind) {
  usersessions::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store,
                       OpenSqliteStore(dir.File("s.db"), 1, TestMigrations("NOT SQL;")));
  EXPECT_THAT(store->Migrate(), StatusIs(absl::StatusCode::kInternal));
  ASSERT_OK_AND_ASSIGN(auto pending, store->PendingMigrations());
  EXPECT_THAT(pending, ElementsAre("0001_t", "0002_u"));
}

TEST(SqliteStoreTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  usersessions::testing::TempDir dir;
  constexpr int kProcesses = 4;
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kProcesses; ++i) {
    ASSERT_OK_AND_ASSIGN(
        auto store,
        OpenSqliteStore(dir.File("s.db"), 1, TestMigrations("CREATE TABLE u (b INTEGER);")));
    stores.push_back(std::move(store));
  }
  std::vector<std::thread> threads;
  std::vector<size_t> applied(kProcesses);
  for (int i = 0; i < kProcesses; ++i) {
    threads.emplace_back([&, i] {
      auto result = stores[i]->Migrate();
      ASSERT_OK(result);
      applied[i] = result->size();
    });
  }
  for (auto& thread : threads) thread.join();
  size_t total = 0;
  for (size_t n : applied) total += n;
  EXPECT_EQ(total, 2u);
}

// Listing one user's sessions must search the (user_id, last_activity_time) index, never scan
// the table. docs/storage.md quotes this plan.
TEST(SqliteStoreTest, ListingAUsersSessionsUsesTheUserActivityIndex) {
  usersessions::testing::TempDir dir;
  const std::string path = dir.File("s.db");
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path, 1, migrations::SqliteMigrations()));
    ASSERT_OK(store->Migrate());
  }
  ListQuery query;
  query.user_id = "alice";
  query.after = ListCursor{absl::FromUnixSeconds(1), "ZjgKD_BYFUf2jcwmEmA4iw"};
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "EXPLAIN QUERY PLAN " + internal::SqliteListSql(query);
  ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  std::string plan;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    plan += "\n";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_THAT(plan, ::testing::HasSubstr("SEARCH sessions USING INDEX sessions_user_activity"));
  EXPECT_THAT(plan, ::testing::Not(::testing::HasSubstr("SCAN")));
}

}  // namespace
}  // namespace usersessions::server
