#include "migrations/migration_set.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::migrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

TEST(MigrationSetTest, CompiledInSetsAreOrderedAndChecksummed) {
  for (const auto* set : {&MysqlMigrations(), &SqliteMigrations()}) {
    ASSERT_FALSE(set->empty());
    EXPECT_EQ(set->front().name, "0001_create_sessions");
    EXPECT_EQ(set->front().version, 1);
    EXPECT_EQ(set->front().checksum.size(), 64u);
    for (size_t i = 1; i < set->size(); ++i) EXPECT_LT((*set)[i - 1].version, (*set)[i].version);
  }
}

TEST(MigrationSetTest, MakeMigrationRequiresTheNamingScheme) {
  EXPECT_OK(MakeMigration("0002_add_index.sql", "SELECT 1;"));
  for (const char* bad : {"2_x.sql", "0002-x.sql", "abcd_x.sql", "0002_x.txt", "0000_x.sql"}) {
    EXPECT_THAT(MakeMigration(bad, ""), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

TEST(MigrationSetTest, PlanReturnsOnlyUnappliedMigrationsInOrder) {
  auto one = *MakeMigration("0001_a.sql", "A;");
  auto two = *MakeMigration("0002_b.sql", "B;");
  auto three = *MakeMigration("0003_c.sql", "C;");
  auto pending = PlanMigrations({three, one, two}, {{1, one.name, one.checksum}});
  ASSERT_OK(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].name, "0002_b");
  EXPECT_EQ((*pending)[1].name, "0003_c");
  // Versions applied by a newer binary are tolerated.
  EXPECT_OK(PlanMigrations({one}, {{1, one.name, one.checksum}, {9, "0009_new", "x"}}));
}

TEST(MigrationSetTest, AnEditedAppliedMigrationIsAnError) {
  auto edited = *MakeMigration("0001_a.sql", "A changed;");
  auto original = *MakeMigration("0001_a.sql", "A;");
  auto pending = PlanMigrations({edited}, {{1, original.name, original.checksum}});
  EXPECT_THAT(pending, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(pending.status().message()), HasSubstr("0001_a was edited"));
}

TEST(MigrationSetTest, SplitsStatementsAndSkipsComments) {
  EXPECT_THAT(SplitSqlStatements("-- comment\nCREATE TABLE t (\n  a INT\n);\n\n"
                                 "CREATE INDEX i ON t (a);\n-- trailing\n"),
              ElementsAre("CREATE TABLE t (\n  a INT\n)", "CREATE INDEX i ON t (a)"));
}

}  // namespace
}  // namespace usersessions::migrations
