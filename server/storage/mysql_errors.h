// The one place where errors raised by MySQL Connector/C++ become absl::Status.
// Internal to the MySQL store (and its tests); nothing else sees a
// sql::SQLException.
#ifndef USERSESSIONS_SERVER_STORAGE_MYSQL_ERRORS_H_
#define USERSESSIONS_SERVER_STORAGE_MYSQL_ERRORS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sql {
class SQLException;
}  // namespace sql

namespace usersessions::server::internal {

// What an error number means to the store.
enum class MysqlErrorKind {
  // 1062 and its kin: a unique key is taken. ALREADY_EXISTS.
  kDuplicateKey,
  // 1213 (deadlock), 1205 (lock wait timeout): the statement was rolled back
  // and the whole
  // operation may simply run again. ABORTED, marked retryable.
  kRetryable,
  // The connection is gone: client errors 2002, 2003, 2006, 2013 and their kin,
  // server shutdown,
  // a killed connection. UNAVAILABLE (STORE_UNAVAILABLE).
  kConnectionLost,
  // Anything else: INTERNAL.
  kOther,
};

// Classifies a server (1xxx and up), client library (2xxx) or MariaDB client
// (5xxx) error number.
MysqlErrorKind ClassifyMysqlError(int error_number);

// Maps a failed `operation` (a short English phrase such as "insert session")
// to a status. The message names the operation and the error number only: never
// SQL text, keys or user data, all of which the driver's own message may
// contain. Statuses of errors after which the connection must not be reused
// (kConnectionLost, and every client-library error) carry a private marker that
// IsMysqlConnectionDead() reads; it never reaches the wire.
absl::Status MysqlErrorToStatus(int error_number, absl::string_view operation);
absl::Status MysqlErrorToStatus(const sql::SQLException& error, absl::string_view operation);

// Maps a failure to open a connection. Always UNAVAILABLE (STORE_UNAVAILABLE):
// whether the server is down, unreachable or refuses our credentials, the store
// cannot serve until that changes.
absl::Status MysqlConnectErrorToStatus(const sql::SQLException& error);

// True for the ABORTED statuses of kRetryable errors; false for every other
// status, including an ABORTED version conflict.
bool IsRetryableMysqlError(const absl::Status& status);

// True when the connection that produced `status` is dead or in an unknown
// state: discard it.
bool IsMysqlConnectionDead(const absl::Status& status);

}  // namespace usersessions::server::internal

#endif  // USERSESSIONS_SERVER_STORAGE_MYSQL_ERRORS_H_
