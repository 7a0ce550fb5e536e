#include "server/storage/mysql_errors.h"

#include <cppconn/exception.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace usersessions::server::internal {
namespace {

// Private payloads: read back by the store's retry logic, ignored by the wire
// conversion (which reads only the ErrorReason payload).
constexpr absl::string_view kRetryablePayload = "usersessions.internal/mysql-retryable";
constexpr absl::string_view kDeadConnectionPayload = "usersessions.internal/mysql-dead-connection";

// Client library errors: the C client's CR_* range and MariaDB Connector/C's
// extended range.
bool IsClientError(int error_number) {
  return (error_number >= 2000 && error_number <= 2999) ||
         (error_number >= 5000 && error_number <= 5999);
}

bool IsConnectionLostNumber(int error_number) {
  switch (error_number) {
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1152:  // ER_ABORTING_CONNECTION
    case 1158:  // ER_NET_READ_ERROR
    case 1159:  // ER_NET_READ_INTERRUPTED
    case 1160:  // ER_NET_ERROR_ON_WRITE
    case 1161:  // ER_NET_WRITE_INTERRUPTED
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 3169:  // ER_SESSION_WAS_KILLED (MySQL)
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL)
    case 2001:  // CR_SOCKET_CREATE_ERROR
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2004:  // CR_IPSOCK_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2009:  // CR_WRONG_HOST_INFO
    case 2011:  // CR_TCP_CONNECTION
    case 2012:  // CR_SERVER_HANDSHAKE_ERR
    case 2013:  // CR_SERVER_LOST
    case 2026:  // CR_SSL_CONNECTION_ERROR
    case 2048:  // CR_INVALID_CONN_HANDLE
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 5013:  // CR_ERR_NET_READ (MariaDB)
    case 5014:  // CR_ERR_NET_WRITE (MariaDB)
      return true;
    default:
      return false;
  }
}

absl::Status Mark(absl::Status status, absl::string_view payload) {
  status.SetPayload(payload, absl::Cord("1"));
  return status;
}

absl::Status ConnectionLostStatus(absl::string_view operation, int error_number) {
  return Mark(StoreUnavailableError(absl::StrCat(
                  operation, ": the database connection failed (MySQL error ", error_number, ")")),
              kDeadConnectionPayload);
}

}  // namespace

MysqlErrorKind ClassifyMysqlError(int error_number) {
  switch (error_number) {
    case 1022:  // ER_DUP_KEY
    case 1062:  // ER_DUP_ENTRY
    case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
      return MysqlErrorKind::kDuplicateKey;
    case 1205:  // ER_LOCK_WAIT_TIMEOUT
    case 1213:  // ER_LOCK_DEADLOCK
      return MysqlErrorKind::kRetryable;
    default:
      return IsConnectionLostNumber(error_number) ? MysqlErrorKind::kConnectionLost
                                                  : MysqlErrorKind::kOther;
  }
}

absl::Status MysqlErrorToStatus(int error_number, absl::string_view operation) {
  switch (ClassifyMysqlError(error_number)) {
    case MysqlErrorKind::kDuplicateKey:
      return absl::AlreadyExistsError(
          absl::StrCat(operation, ": duplicate key (MySQL error ", error_number, ")"));
    case MysqlErrorKind::kRetryable:
      return Mark(MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_TRANSACTION_CONFLICT,
                            absl::StrCat(operation,
                                         ": rolled back by a deadlock or lock wait timeout "
                                         "(MySQL error ",
                                         error_number, ")")),
                  kRetryablePayload);
    case MysqlErrorKind::kConnectionLost:
      return ConnectionLostStatus(operation, error_number);
    case MysqlErrorKind::kOther:
      break;
  }
  absl::Status status = absl::InternalError(
      absl::StrCat(operation, ": unexpected database error (MySQL error ", error_number, ")"));
  // After an unexpected client-library error the connection's protocol state is
  // unknown.
  return IsClientError(error_number) ? Mark(std::move(status), kDeadConnectionPayload) : status;
}

absl::Status MysqlErrorToStatus(const sql::SQLException& error, absl::string_view operation) {
  const int error_number = error.getErrorCode();
  // SQLSTATE class 08 is "connection exception". The driver reports a closed
  // connection with error number 0 and no useful state, as an
  // InvalidInstanceException or a plain SQLException.
  if (ClassifyMysqlError(error_number) == MysqlErrorKind::kOther &&
      (absl::StartsWith(error.getSQLState(), "08") ||
       dynamic_cast<const sql::InvalidInstanceException*>(&error) != nullptr)) {
    return ConnectionLostStatus(operation, error_number);
  }
  return MysqlErrorToStatus(error_number, operation);
}

absl::Status MysqlConnectErrorToStatus(const sql::SQLException& error) {
  return StoreUnavailableError(
      absl::StrCat("cannot connect to the database (MySQL error ", error.getErrorCode(), ")"));
}

bool IsRetryableMysqlError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted &&
         status.GetPayload(kRetryablePayload).has_value();
}

bool IsMysqlConnectionDead(const absl::Status& status) {
  return !status.ok() && status.GetPayload(kDeadConnectionPayload).has_value();
}

}  // namespace usersessions::server::internal
