#include "tests/testing/mysql_test_database.h"

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/encoding.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "server/storage/mysql_store.h"

namespace usersessions::testing {
namespace {

constexpr char kDsnVariable[] = "USERSESSIONS_TEST_MYSQL_DSN";

absl::StatusOr<sql::Driver*> Driver() {
  // get_driver_instance() is not thread-safe; run it once.
  static sql::Driver* const driver = []() -> sql::Driver* {
    try {
      return sql::mysql::get_mysql_driver_instance();
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  if (driver == nullptr) return absl::InternalError("cannot initialize the MySQL client library");
  return driver;
}

std::string PercentEncode(absl::string_view text) {
  std::string encoded;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded.push_back(c);
    } else {
      absl::StrAppend(&encoded, "%", absl::AsciiStrToUpper(HexEncode(absl::string_view(&c, 1))));
    }
  }
  return encoded;
}

std::string FormatUri(const server::MysqlUri& uri) {
  const bool ipv6 = uri.host.find(':') != std::string::npos;
  return absl::StrCat("mysql://", PercentEncode(uri.user), ":", PercentEncode(uri.password), "@",
                      ipv6 ? "[" : "", uri.host, ipv6 ? "]" : "", ":", uri.port, "/",
                      PercentEncode(uri.database));
}

// Connects to the server of `uri`, and to its database when it names one.
absl::StatusOr<std::unique_ptr<sql::Connection>> Connect(const std::string& uri) {
  ASSIGN_OR_RETURN(server::MysqlUri parsed, server::ParseMysqlUri(uri));
  ASSIGN_OR_RETURN(sql::Driver * driver, Driver());
  const bool ipv6 = parsed.host.find(':') != std::string::npos;
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(
      absl::StrCat("tcp://", ipv6 ? "[" : "", parsed.host, ipv6 ? "]" : "", ":", parsed.port));
  options["port"] = parsed.port;
  options["userName"] = sql::SQLString(parsed.user);
  options["password"] = sql::SQLString(parsed.password);
  if (!parsed.database.empty()) options["schema"] = sql::SQLString(parsed.database);
  options["OPT_CONNECT_TIMEOUT"] = 5;
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["characterSetResults"] = sql::SQLString("utf8mb4");
  try {
    return std::unique_ptr<sql::Connection>(driver->connect(options));
  } catch (const sql::SQLException& error) {
    // The server's message names the user and host, never the password.
    return absl::UnavailableError(absl::StrCat("cannot connect to the test MySQL server (error ",
                                               error.getErrorCode(), "): ", error.what()));
  }
}

absl::Status ErrorFor(const sql::SQLException& error, absl::string_view sql) {
  return absl::InternalError(
      absl::StrCat("MySQL error ", error.getErrorCode(), " (", error.what(), ") running: ", sql));
}

}  // namespace

bool MysqlConfigured() {
  const char* dsn = std::getenv(kDsnVariable);
  return dsn != nullptr && dsn[0] != '\0';
}

bool RunningUnderCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && absl::string_view(ci) == "true";
}

absl::StatusOr<std::unique_ptr<MysqlTestDatabase>> MysqlTestDatabase::Create() {
  if (!MysqlConfigured()) {
    return absl::FailedPreconditionError(absl::StrCat(kDsnVariable, " is not set"));
  }
  ASSIGN_OR_RETURN(server::MysqlUri server, server::ParseMysqlUri(std::getenv(kDsnVariable)));
  server.database.clear();
  const std::string server_uri = FormatUri(server);

  OsSecureRandom random;
  ASSIGN_OR_RETURN(std::string suffix, random.Bytes(8));
  std::string database = absl::StrCat("us_test_", HexEncode(suffix));

  ASSIGN_OR_RETURN(std::unique_ptr<sql::Connection> connection, Connect(server_uri));
  const std::string create =
      absl::StrCat("CREATE DATABASE `", database, "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  try {
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    statement->execute(create);
  } catch (const sql::SQLException& error) {
    return ErrorFor(error, create);
  }
  return std::unique_ptr<MysqlTestDatabase>(new MysqlTestDatabase(server_uri, std::move(database)));
}

MysqlTestDatabase::MysqlTestDatabase(std::string server_uri, std::string database)
    : server_uri_(std::move(server_uri)),
      database_(std::move(database)),
      uri_(absl::StrCat(server_uri_, database_)) {}

MysqlTestDatabase::~MysqlTestDatabase() {
  absl::StatusOr<std::unique_ptr<sql::Connection>> connection = Connect(server_uri_);
  if (!connection.ok()) {
    std::cerr << "could not drop test database " << database_ << ": " << connection.status()
              << "\n";
    return;
  }
  try {
    std::unique_ptr<sql::Statement> statement((*connection)->createStatement());
    statement->execute(absl::StrCat("DROP DATABASE IF EXISTS `", database_, "`"));
  } catch (const sql::SQLException& error) {
    std::cerr << "could not drop test database " << database_ << ": MySQL error "
              << error.getErrorCode() << "\n";
  }
}

absl::Status MysqlTestDatabase::Execute(const std::string& sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<sql::Connection> connection, Connect(uri_));
  try {
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    statement->execute(sql);
  } catch (const sql::SQLException& error) {
    return ErrorFor(error, sql);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::vector<std::string>>> MysqlTestDatabase::Query(
    const std::string& sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<sql::Connection> connection, Connect(uri_));
  std::vector<std::vector<std::string>> rows;
  try {
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
    // Owned by the result set.
    sql::ResultSetMetaData* metadata = result->getMetaData();
    const unsigned int columns = metadata->getColumnCount();
    while (result->next()) {
      std::vector<std::string>& row = rows.emplace_back();
      for (unsigned int column = 1; column <= columns; ++column) {
        row.push_back(result->isNull(column) ? "NULL" : result->getString(column).asStdString());
      }
    }
  } catch (const sql::SQLException& error) {
    return ErrorFor(error, sql);
  }
  return rows;
}

}  // namespace usersessions::testing
