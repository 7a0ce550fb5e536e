// A private MySQL database per test, on the server named by USERSESSIONS_TEST_MYSQL_DSN (set by
// scripts/test, which starts its own MariaDB).
#ifndef USERSESSIONS_TESTS_TESTING_MYSQL_TEST_DATABASE_H_
#define USERSESSIONS_TESTS_TESTING_MYSQL_TEST_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace usersessions::testing {

// True when USERSESSIONS_TEST_MYSQL_DSN is set.
bool MysqlConfigured();

// True when running under CI (CI=true), where a missing database is a failure, never a skip.
bool RunningUnderCi();

// Creates a uniquely named database (us_test_<random>) on construction and drops it on
// destruction. Not thread-safe; one per test.
class MysqlTestDatabase {
 public:
  // FAILED_PRECONDITION if USERSESSIONS_TEST_MYSQL_DSN is unset; UNAVAILABLE if the server does
  // not answer.
  static absl::StatusOr<std::unique_ptr<MysqlTestDatabase>> Create();
  ~MysqlTestDatabase();

  // mysql://user:password@host:port/us_test_<random>
  const std::string& uri() const { return uri_; }

  // Runs a statement in this database.
  absl::Status Execute(const std::string& sql);
  // Runs a query in this database and returns every row, each column as text ("NULL" for null).
  absl::StatusOr<std::vector<std::vector<std::string>>> Query(const std::string& sql);

 private:
  MysqlTestDatabase(std::string server_uri, std::string database);
  std::string server_uri_;  // without the database
  std::string database_;
  std::string uri_;
};

}  // namespace usersessions::testing

// Use at the top of a test (or SetUp) that needs MySQL: skips when no database is configured,
// except under CI, where that is a failure.
#define USERSESSIONS_REQUIRE_MYSQL()                                                       \
  do {                                                                                     \
    if (!::usersessions::testing::MysqlConfigured()) {                                     \
      if (::usersessions::testing::RunningUnderCi()) {                                     \
        FAIL() << "USERSESSIONS_TEST_MYSQL_DSN is not set; under CI the MySQL tests "      \
                  "must run (use scripts/test)";                                           \
      }                                                                                    \
      GTEST_SKIP() << "USERSESSIONS_TEST_MYSQL_DSN is not set; run scripts/test to get a " \
                      "private MariaDB";                                                   \
    }                                                                                      \
  } while (false)

#endif  // USERSESSIONS_TESTS_TESTING_MYSQL_TEST_DATABASE_H_
