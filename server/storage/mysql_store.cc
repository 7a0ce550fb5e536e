// The MySQL backend. Everything Connector/C++ returns is an owning raw pointer
// and every call may throw sql::SQLException: pointers become std::unique_ptr
// where they are returned, and exceptions are caught in Attempt() and mapped by
// mysql_errors.cc, so none leaves this file.
#include "server/storage/mysql_store.h"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "migrations/migration_set.h"
#include "server/storage/connection_pool.h"
#include "server/storage/list_query_sql.h"
#include "server/storage/mysql_errors.h"
#include "server/storage/read_coalescer.h"
#include "server/storage/session_record.h"

namespace usersessions::server {
namespace {

using internal::IsMysqlConnectionDead;
using internal::IsRetryableMysqlError;
using internal::MysqlConnectErrorToStatus;
using internal::MysqlErrorToStatus;
using migrations::AppliedMigration;
using migrations::Migration;

// How long a caller waits for a pooled connection when all are busy.
constexpr absl::Duration kAcquireTimeout = absl::Seconds(5);
// Short enough that a down database answers UNAVAILABLE well within a client's
// deadline.
constexpr int kConnectTimeoutSeconds = 2;
// Every statement of the hot path is a point read or write.
constexpr int kIoTimeoutSeconds = 10;
// Row lock waits end (1205, retried) well before the client read timeout would
// cut the connection.
constexpr int kLockWaitTimeoutSeconds = 5;
// A connection idle for longer is pinged before use: it may have been closed by
// the server (wait_timeout), a proxy or a restart.
constexpr absl::Duration kValidateAfterIdle = absl::Seconds(10);
// Attempts of one operation that hits deadlocks or lock wait timeouts.
constexpr int kMaxAttempts = 3;
constexpr absl::Duration kBaseBackoff = absl::Milliseconds(10);
// Pause between two full cleanup batches, as a multiple of the time the first one took, and its
// upper bound (see DeleteExpiredBatch).
constexpr int kCleanupPauseFactor = 3;
constexpr absl::Duration kMaxCleanupPause = absl::Seconds(1);

// Migrations run on their own connection: DDL on a large table may take long,
// and waiting for the migration lock must not trip the read timeout.
constexpr int kMigrationIoTimeoutSeconds = 900;
constexpr int kMigrationLockWaitSeconds = 60;

// --- Driver and thread registration ---

// get_driver_instance() initializes the client library and is not thread-safe,
// so it runs once, under the function-local static's guard.
absl::StatusOr<sql::Driver*> GetDriver() {
  static sql::Driver* const driver = []() -> sql::Driver* {
    try {
      return sql::mysql::get_mysql_driver_instance();
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  if (driver == nullptr) {
    return absl::InternalError("cannot initialize the MySQL client library");
  }
  return driver;
}

// The C client keeps per-thread state that must be set up before a thread's
// first call and freed before it exits (mysql_thread_init / mysql_thread_end).
// Callers arrive on threads this store does not own (the RPC server's), so each
// thread registers on first use and unregisters when it exits, through a
// thread_local.
class DriverThreadRegistration {
 public:
  explicit DriverThreadRegistration(sql::Driver* driver) : driver_(driver) {
    driver_->threadInit();
  }
  DriverThreadRegistration(const DriverThreadRegistration&) = delete;
  DriverThreadRegistration& operator=(const DriverThreadRegistration&) = delete;
  ~DriverThreadRegistration() { driver_->threadEnd(); }

 private:
  sql::Driver* const driver_;
};

void RegisterThread(sql::Driver* driver) {
  thread_local DriverThreadRegistration registration(driver);
}

// --- Connections ---

struct ConnectionSettings {
  int io_timeout_seconds = kIoTimeoutSeconds;
  // innodb_lock_wait_timeout for the session; 0 keeps the server's default.
  int lock_wait_timeout_seconds = kLockWaitTimeoutSeconds;
};

// One open connection and its prepared statements, keyed by SQL text. Not
// thread-safe: a pool lease gives it to one caller at a time.
class MysqlConnection {
 public:
  explicit MysqlConnection(std::unique_ptr<sql::Connection> connection)
      : connection_(std::move(connection)), last_used_(absl::Now()) {}
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  // Returns the prepared statement for `sql`, preparing it on first use. Throws
  // sql::SQLException.
  sql::PreparedStatement& Prepare(absl::string_view sql) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it == statements_.end()) {
      std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(key));
      it = statements_.emplace(std::move(key), std::move(statement)).first;
    }
    return *it->second;
  }

  // Runs a data-changing prepared statement and returns the number of rows it
  // matched. From the moment it is called the outcome of a failure is unknown,
  // so the operation is not retried on a connection error. Throws
  // sql::SQLException.
  int ExecuteWrite(sql::PreparedStatement& statement) {
    write_sent_ = true;
    return statement.executeUpdate();
  }

  // Runs a query. Throws sql::SQLException.
  std::unique_ptr<sql::ResultSet> ExecuteQuery(sql::PreparedStatement& statement) {
    return std::unique_ptr<sql::ResultSet>(statement.executeQuery());
  }

  // Runs a statement without parameters that is not worth preparing (session
  // settings, trusted migration DDL). Throws sql::SQLException.
  void ExecuteDirect(absl::string_view sql) {
    std::unique_ptr<sql::Statement> statement(connection_->createStatement());
    statement->execute(std::string(sql));
  }

  // Transaction control. Throw sql::SQLException.
  void BeginTransaction() { connection_->setAutoCommit(false); }
  void Commit() {
    connection_->commit();
    RestoreAutoCommit();
  }
  // Called when a transaction ends without Commit(). Never throws.
  void Rollback() noexcept {
    try {
      connection_->rollback();
    } catch (const std::exception&) {
      broken_ = true;
      return;
    }
    RestoreAutoCommit();
  }

  // Pings the server. False if the connection is dead.
  bool IsAlive() {
    try {
      return connection_->isValid();
    } catch (const sql::SQLException&) {
      return false;
    }
  }

  bool NeedsValidation(absl::Time now) const { return now - last_used_ > kValidateAfterIdle; }

  void BeginAttempt() { write_sent_ = false; }
  void EndAttempt(absl::Time now) {
    last_used_ = now;
    ++uses_;
  }
  bool write_sent() const { return write_sent_; }
  // True when the connection's session state is unknown (a transaction could
  // not be ended cleanly): it must not go back to the pool.
  bool broken() const { return broken_; }
  // True once an operation ran on this connection: an error on it may come from
  // an earlier failure of the server rather than from the current one.
  bool reused() const { return uses_ > 0; }

 private:
  void RestoreAutoCommit() noexcept {
    try {
      connection_->setAutoCommit(true);
    } catch (const std::exception&) {
      broken_ = true;
    }
  }

  // Declared first so that the statements are closed before their connection.
  std::unique_ptr<sql::Connection> connection_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
  absl::Time last_used_;
  int64_t uses_ = 0;
  bool write_sent_ = false;
  bool broken_ = false;
};

// One transaction on a connection: rolled back when destroyed unless committed.
// Throws sql::SQLException.
class Transaction {
 public:
  explicit Transaction(MysqlConnection& connection) : connection_(connection) {
    connection_.BeginTransaction();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!committed_) connection_.Rollback();
  }

  void Commit() {
    connection_.Commit();
    committed_ = true;
  }

 private:
  MysqlConnection& connection_;
  bool committed_ = false;
};

std::string HostName(const MysqlUri& uri) {
  // The explicit tcp:// keeps the driver from picking a Unix socket; IPv6
  // literals are bracketed.
  const bool ipv6 = uri.host.find(':') != std::string::npos;
  return absl::StrCat("tcp://", ipv6 ? "[" : "", uri.host, ipv6 ? "]" : "", ":", uri.port);
}

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenConnection(
    sql::Driver* driver, const MysqlUri& uri, const ConnectionSettings& settings) {
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(HostName(uri));
  options["port"] = uri.port;
  options["userName"] = sql::SQLString(uri.user);
  options["password"] = sql::SQLString(uri.password);
  options["schema"] = sql::SQLString(uri.database);
  options["OPT_CONNECT_TIMEOUT"] = kConnectTimeoutSeconds;
  options["OPT_READ_TIMEOUT"] = settings.io_timeout_seconds;
  options["OPT_WRITE_TIMEOUT"] = settings.io_timeout_seconds;
  // Both directions in utf8mb4: the driver's default result charset (utf8)
  // would mangle characters outside the Basic Multilingual Plane in user agents
  // and data.
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["characterSetResults"] = sql::SQLString("utf8mb4");
  // executeUpdate() then counts matched rows, not changed ones: a write that
  // stores the values already there still proves that the row exists.
  options["CLIENT_FOUND_ROWS"] = true;
  // A silent reconnect would lose session state and prepared statements; the
  // pool replaces dead connections instead.
  options["OPT_RECONNECT"] = false;

  std::unique_ptr<sql::Connection> connection;
  try {
    connection.reset(driver->connect(options));
  } catch (const sql::SQLException& error) {
    return MysqlConnectErrorToStatus(error);
  } catch (const std::exception&) {
    return StoreUnavailableError("cannot connect to the database");
  }
  auto result = std::make_unique<MysqlConnection>(std::move(connection));
  if (settings.lock_wait_timeout_seconds > 0) {
    try {
      result->ExecuteDirect(absl::StrCat("SET SESSION innodb_lock_wait_timeout = ",
                                         settings.lock_wait_timeout_seconds));
    } catch (const sql::SQLException& error) {
      return MysqlErrorToStatus(error, "configure the database session");
    }
  }
  return result;
}

// --- Statements ---

// Both list the columns in the order ReadSession() reads them.
constexpr char kInsertSql[] =
    "INSERT INTO sessions (key_hash, session_id, user_id, data, ip_address, "
    "user_agent, "
    "idle_timeout_seconds, create_time, last_activity_time, expire_time, "
    "version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// FindLive reads through this, with one placeholder per key (see FindLiveSql). Liveness is
// checked per request after the read, since concurrent requests carry their own `now`.
constexpr char kFindLiveBatchSqlPrefix[] =
    "SELECT session_id, user_id, data, ip_address, user_agent, "
    "idle_timeout_seconds, "
    "create_time, last_activity_time, expire_time, version, key_hash "
    "FROM sessions WHERE key_hash IN (";

constexpr char kRecordActivitySql[] =
    "UPDATE sessions SET ip_address = ?, user_agent = ?, last_activity_time = "
    "?, expire_time = ? "
    "WHERE key_hash = ? AND expire_time > ?";

constexpr char kUpdateIfVersionSql[] =
    "UPDATE sessions SET data = ?, user_id = ?, ip_address = ?, user_agent = "
    "?, "
    "idle_timeout_seconds = ?, last_activity_time = ?, expire_time = ?, "
    "version = version + 1 "
    "WHERE key_hash = ? AND version = ? AND expire_time > ?";

constexpr char kLiveVersionSql[] =
    "SELECT version FROM sessions WHERE key_hash = ? AND expire_time > ?";

constexpr char kReplaceKeySql[] =
    "UPDATE sessions SET key_hash = ? WHERE key_hash = ? AND expire_time > ?";

constexpr char kDeleteSql[] = "DELETE FROM sessions WHERE key_hash = ?";

// Management reads leave the data out.
constexpr char kSelectWithoutDataSql[] =
    "SELECT key_hash, session_id, user_id, ip_address, user_agent, "
    "idle_timeout_seconds, create_time, last_activity_time, expire_time, "
    "version FROM sessions";

constexpr char kFindByIdSql[] =
    "SELECT key_hash, session_id, user_id, ip_address, user_agent, "
    "idle_timeout_seconds, create_time, last_activity_time, expire_time, "
    "version FROM sessions WHERE session_id = ?";

constexpr char kDeleteByIdSql[] = "DELETE FROM sessions WHERE session_id = ? AND expire_time > ?";
constexpr char kDeleteByIdAndOwnerSql[] =
    "DELETE FROM sessions WHERE session_id = ? AND expire_time > ? AND "
    "user_id = ?";

constexpr char kDeleteUserLiveSql[] =
    "DELETE FROM sessions WHERE user_id = ? AND key_hash <> ? AND "
    "session_id <> ? AND expire_time > ?";
constexpr char kDeleteUserExpiredSql[] =
    "DELETE FROM sessions WHERE user_id = ? AND key_hash <> ? AND "
    "session_id <> ? AND expire_time <= ?";

// Walks the expire_time index (which ends with the primary key), so a batch
// locks only the rows it deletes and the order is deterministic for
// replication.
constexpr char kDeleteExpiredBatchSql[] =
    "DELETE FROM sessions WHERE expire_time <= ? "
    "ORDER BY expire_time, key_hash LIMIT ?";

constexpr char kPingSql[] = "SELECT 1";

constexpr char kGetLockSql[] = "SELECT GET_LOCK(?, ?)";
constexpr char kReleaseLockSql[] = "SELECT RELEASE_LOCK(?)";

constexpr char kCreateSchemaMigrationsSql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INT NOT NULL PRIMARY KEY, "
    "name VARCHAR(255) NOT NULL, "
    "checksum CHAR(64) NOT NULL, "
    "applied_time BIGINT NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

constexpr char kSchemaMigrationsExistsSql[] =
    "SELECT COUNT(*) FROM information_schema.tables "
    "WHERE table_schema = DATABASE() AND table_name = 'schema_migrations'";

constexpr char kAppliedMigrationsSql[] =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";

constexpr char kRecordMigrationSql[] =
    "INSERT INTO schema_migrations (version, name, checksum, applied_time) "
    "VALUES (?, ?, ?, ?)";

void SetOptionalString(sql::PreparedStatement& statement, unsigned int index,
                       const std::string& value) {
  if (value.empty()) {
    statement.setNull(index, sql::DataType::VARCHAR);
  } else {
    statement.setString(index, value);
  }
}

// Reads columns 4 to 10, which every session query selects in the same order: ip_address,
// user_agent, idle_timeout_seconds, create_time, last_activity_time, expire_time, version.
// Throws sql::SQLException.
void ReadClientAndTimes(const sql::ResultSet& row, SessionRecord& record) {
  record.ip_address = row.getString(4).asStdString();
  record.user_agent = row.getString(5).asStdString();
  record.idle_timeout = absl::Seconds(row.getInt64(6));
  record.create_time = FromStoredTime(row.getInt64(7));
  record.last_activity_time = FromStoredTime(row.getInt64(8));
  record.expire_time = FromStoredTime(row.getInt64(9));
  record.version = row.getInt64(10);
}

// Reads a row of a FindLiveSql() query. Throws sql::SQLException.
SessionRecord ReadSession(const sql::ResultSet& row, absl::string_view key_hash) {
  SessionRecord record;
  record.key_hash = std::string(key_hash);
  record.session_id = row.getString(1).asStdString();
  record.user_id = row.isNull(2) ? std::string() : row.getString(2).asStdString();
  record.data_json = row.getString(3).asStdString();
  ReadClientAndTimes(row, record);
  return record;
}

// Reads a row of kSelectWithoutDataSql. Throws sql::SQLException.
SessionRecord ReadSessionWithoutData(const sql::ResultSet& row) {
  SessionRecord record;
  record.key_hash = row.getString(1).asStdString();
  record.session_id = row.getString(2).asStdString();
  record.user_id = row.isNull(3) ? std::string() : row.getString(3).asStdString();
  ReadClientAndTimes(row, record);
  return record;
}

void BindListQuery(sql::PreparedStatement& statement, const ListQuery& query, absl::Time now) {
  unsigned int index = 0;
  if (!query.all_users) statement.setString(++index, query.user_id);
  if (query.state != StateFilter::kAll) {
    statement.setInt64(++index, ToStoredTime(now));
  }
  if (!query.search.empty()) {
    for (int i = 0; i < 3; ++i) statement.setString(++index, query.search);
  }
  if (query.after.has_value()) {
    const int64_t cursor_time = ToStoredTime(query.after->last_activity_time);
    statement.setInt64(++index, cursor_time);
    statement.setInt64(++index, cursor_time);
    statement.setString(++index, query.after->session_id);
  }
  statement.setInt(++index, std::max(query.limit, 0));
}

// Reads schema_migrations; empty when the table does not exist yet. Throws
// sql::SQLException.
std::vector<AppliedMigration> ReadAppliedMigrations(MysqlConnection& connection) {
  std::vector<AppliedMigration> applied;
  {
    std::unique_ptr<sql::ResultSet> exists =
        connection.ExecuteQuery(connection.Prepare(kSchemaMigrationsExistsSql));
    if (!exists->next() || exists->getInt64(1) == 0) return applied;
  }
  std::unique_ptr<sql::ResultSet> rows =
      connection.ExecuteQuery(connection.Prepare(kAppliedMigrationsSql));
  while (rows->next()) {
    AppliedMigration row;
    row.version = rows->getInt(1);
    row.name = rows->getString(2).asStdString();
    row.checksum = rows->getString(3).asStdString();
    applied.push_back(std::move(row));
  }
  return applied;
}

std::vector<std::string> Names(const std::vector<Migration>& migrations) {
  std::vector<std::string> names;
  names.reserve(migrations.size());
  for (const Migration& migration : migrations) names.push_back(migration.name);
  return names;
}

// Advisory lock names are global to the server, so they are scoped to the
// database, and kept within the 64 characters MySQL allows.
std::string LockName(absl::string_view purpose, const std::string& database) {
  return absl::StrCat("usersessions_", purpose, "_", HexEncode(Sha256(database)).substr(0, 32));
}

// Holds a GET_LOCK lock on a connection and releases it when destroyed. The
// server also releases it if the connection dies.
class AdvisoryLock {
 public:
  // Waits up to `wait_seconds` for the lock; nullptr if another session still
  // holds it then. Throws sql::SQLException.
  static absl::StatusOr<std::unique_ptr<AdvisoryLock>> Acquire(MysqlConnection& connection,
                                                               std::string name, int wait_seconds) {
    sql::PreparedStatement& statement = connection.Prepare(kGetLockSql);
    statement.setString(1, name);
    statement.setInt(2, wait_seconds);
    std::unique_ptr<sql::ResultSet> result = connection.ExecuteQuery(statement);
    if (!result->next() || result->isNull(1)) {
      return absl::InternalError("take an advisory lock: no result");
    }
    if (result->getInt(1) != 1) return nullptr;
    return std::unique_ptr<AdvisoryLock>(new AdvisoryLock(connection, std::move(name)));
  }

  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

  ~AdvisoryLock() {
    try {
      sql::PreparedStatement& statement = connection_.Prepare(kReleaseLockSql);
      statement.setString(1, name_);
      connection_.ExecuteQuery(statement);
    } catch (const std::exception&) {
      // The connection is closed right after, which releases the lock on the
      // server too.
    }
  }

 private:
  AdvisoryLock(MysqlConnection& connection, std::string name)
      : connection_(connection), name_(std::move(name)) {}

  MysqlConnection& connection_;
  const std::string name_;
};

template <typename Result>
const absl::Status& StatusOf(const Result& result) {
  if constexpr (std::is_same_v<Result, absl::Status>) {
    return result;
  } else {
    return result.status();
  }
}

// Sleeps before attempt `attempt` + 1: exponential, with jitter so that the
// transactions that deadlocked do not collide again.
void BackOff(int attempt) {
  thread_local std::minstd_rand generator(std::random_device{}());
  const absl::Duration base = kBaseBackoff * (1 << (attempt - 1));
  std::uniform_real_distribution<double> factor(0.5, 1.5);
  absl::SleepFor(base * factor(generator));
}

// Reads coalesced by FindLive: at most this many keys per statement, and statements of 1, 2, 4, ...
// keys only (a batch is padded by repeating its last key), so that each connection prepares at
// most 6 of them.
constexpr size_t kMaxReadBatch = 32;

// The multi-key read of `count` keys (a power of two).
std::string FindLiveSql(size_t count) {
  std::string sql = kFindLiveBatchSqlPrefix;
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&sql, i == 0 ? "?" : ", ?");
  sql += ")";
  return sql;
}

size_t PaddedBatchSize(size_t size) {
  size_t padded = 1;
  while (padded < size) padded *= 2;
  return padded;
}

// One FindLive call waiting in the read coalescer.
struct LiveRead {
  std::string key_hash;
  absl::Time now;
};

// --- The store ---

// Thread-safe: every call runs on its own pooled connection; the only shared
// state is the pool, which locks itself.
class MysqlStore final : public Store {
 public:
  MysqlStore(sql::Driver* driver, MysqlUri uri, size_t pool_size, std::vector<Migration> migrations)
      : driver_(driver),
        uri_(std::move(uri)),
        migrations_(std::move(migrations)),
        pool_(
            pool_size, [this] { return OpenConnection(driver_, uri_, ConnectionSettings()); },
            kAcquireTimeout),
        reads_(
            ReadsInFlight(pool_size), kMaxReadBatch,
            [this](const std::vector<LiveRead>& reads) { return FindLiveBatch(reads); },
            /*async_readers=*/ReadsInFlight(pool_size)) {}

  absl::Status Insert(const SessionRecord& record) override {
    return Run("insert session", Access::kWrite, [&](MysqlConnection& connection) {
      sql::PreparedStatement& statement = connection.Prepare(kInsertSql);
      statement.setString(1, record.key_hash);
      statement.setString(2, record.session_id);
      SetOptionalString(statement, 3, record.user_id);
      statement.setString(4, record.data_json);
      statement.setString(5, record.ip_address);
      statement.setString(6, record.user_agent);
      statement.setInt64(7, absl::ToInt64Seconds(record.idle_timeout));
      statement.setInt64(8, ToStoredTime(record.create_time));
      statement.setInt64(9, ToStoredTime(record.last_activity_time));
      statement.setInt64(10, ToStoredTime(record.expire_time));
      statement.setInt64(11, record.version);
      connection.ExecuteWrite(statement);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<SessionRecord> FindLive(absl::string_view key_hash, absl::Time now) override {
    return reads_.Read(LiveRead{std::string(key_hash), now});
  }

  void FindLiveAsync(std::string key_hash, absl::Time now, FindLiveCallback done) override {
    reads_.ReadAsync(LiveRead{std::move(key_hash), now}, std::move(done));
  }

  absl::Status RecordActivity(const ActivityUpdate& update, absl::Time now) override {
    return Run("record session activity", Access::kIdempotentWrite,
               [&](MysqlConnection& connection) {
                 sql::PreparedStatement& statement = connection.Prepare(kRecordActivitySql);
                 statement.setString(1, update.ip_address);
                 statement.setString(2, update.user_agent);
                 statement.setInt64(3, ToStoredTime(update.last_activity_time));
                 statement.setInt64(4, ToStoredTime(update.expire_time));
                 statement.setString(5, update.key_hash);
                 statement.setInt64(6, ToStoredTime(now));
                 if (connection.ExecuteWrite(statement) == 0) return SessionNotFoundError();
                 return absl::OkStatus();
               });
  }

  absl::Status UpdateIfVersion(const DataUpdate& update, absl::Time now) override {
    return Run("update session", Access::kWrite, [&](MysqlConnection& connection) {
      sql::PreparedStatement& statement = connection.Prepare(kUpdateIfVersionSql);
      statement.setString(1, update.data_json);
      SetOptionalString(statement, 2, update.user_id);
      statement.setString(3, update.ip_address);
      statement.setString(4, update.user_agent);
      statement.setInt64(5, absl::ToInt64Seconds(update.idle_timeout));
      statement.setInt64(6, ToStoredTime(update.last_activity_time));
      statement.setInt64(7, ToStoredTime(update.expire_time));
      statement.setString(8, update.key_hash);
      statement.setInt64(9, update.expected_version);
      statement.setInt64(10, ToStoredTime(now));
      if (connection.ExecuteWrite(statement) > 0) return absl::OkStatus();

      // Nothing matched: tell a missing or expired session from a stale
      // version. Versions only grow, so a live row seen now had a different
      // version when the update ran.
      sql::PreparedStatement& probe = connection.Prepare(kLiveVersionSql);
      probe.setString(1, update.key_hash);
      probe.setInt64(2, ToStoredTime(now));
      std::unique_ptr<sql::ResultSet> row = connection.ExecuteQuery(probe);
      if (!row->next()) return SessionNotFoundError();
      return MakeError(
          absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT,
          absl::StrCat("the session was changed concurrently: expected version ",
                       update.expected_version, ", stored version ", row->getInt64(1)));
    });
  }

  absl::Status ReplaceKey(absl::string_view old_key_hash, absl::string_view new_key_hash,
                          absl::Time now) override {
    return Run("replace session key", Access::kWrite, [&](MysqlConnection& connection) {
      // One statement, so the rename is atomic: no moment where both
      // or neither key works.
      sql::PreparedStatement& statement = connection.Prepare(kReplaceKeySql);
      statement.setString(1, std::string(new_key_hash));
      statement.setString(2, std::string(old_key_hash));
      statement.setInt64(3, ToStoredTime(now));
      if (connection.ExecuteWrite(statement) == 0) return SessionNotFoundError();
      return absl::OkStatus();
    });
  }

  absl::Status Delete(absl::string_view key_hash) override {
    return Run("delete session", Access::kIdempotentWrite, [&](MysqlConnection& connection) {
      sql::PreparedStatement& statement = connection.Prepare(kDeleteSql);
      statement.setString(1, std::string(key_hash));
      connection.ExecuteWrite(statement);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<SessionRecord>> List(const ListQuery& query, absl::Time now) override {
    const std::string sql = internal::MysqlListSql(query);
    return Run("list sessions", Access::kRead,
               [&](MysqlConnection& connection) -> absl::StatusOr<std::vector<SessionRecord>> {
                 sql::PreparedStatement& statement = connection.Prepare(sql);
                 BindListQuery(statement, query, now);
                 std::unique_ptr<sql::ResultSet> rows = connection.ExecuteQuery(statement);
                 std::vector<SessionRecord> records;
                 while (rows->next()) {
                   records.push_back(ReadSessionWithoutData(*rows));
                 }
                 return records;
               });
  }

  absl::StatusOr<SessionRecord> FindById(absl::string_view session_id) override {
    return Run("find session by id", Access::kRead,
               [&](MysqlConnection& connection) -> absl::StatusOr<SessionRecord> {
                 sql::PreparedStatement& statement = connection.Prepare(kFindByIdSql);
                 statement.setString(1, std::string(session_id));
                 std::unique_ptr<sql::ResultSet> row = connection.ExecuteQuery(statement);
                 if (!row->next()) return SessionNotFoundError();
                 return ReadSessionWithoutData(*row);
               });
  }

  absl::Status DeleteById(absl::string_view session_id, absl::string_view owner,
                          absl::Time now) override {
    return Run("delete session by id", Access::kWrite, [&](MysqlConnection& connection) {
      sql::PreparedStatement& statement =
          connection.Prepare(owner.empty() ? kDeleteByIdSql : kDeleteByIdAndOwnerSql);
      statement.setString(1, std::string(session_id));
      statement.setInt64(2, ToStoredTime(now));
      if (!owner.empty()) statement.setString(3, std::string(owner));
      if (connection.ExecuteWrite(statement) == 0) {
        return SessionNotFoundError();
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<int64_t> DeleteUserSessions(absl::string_view user_id,
                                             absl::string_view keep_key_hash,
                                             absl::string_view keep_session_id,
                                             absl::Time now) override {
    return Run("delete user sessions", Access::kWrite,
               [&](MysqlConnection& connection) -> absl::StatusOr<int64_t> {
                 // One transaction, so that a failure deletes nothing.
                 Transaction transaction(connection);
                 auto delete_where = [&](const char* sql) {
                   sql::PreparedStatement& statement = connection.Prepare(sql);
                   statement.setString(1, std::string(user_id));
                   statement.setString(2, std::string(keep_key_hash));
                   statement.setString(3, std::string(keep_session_id));
                   statement.setInt64(4, ToStoredTime(now));
                   return connection.ExecuteWrite(statement);
                 };
                 const int64_t live_deleted = delete_where(kDeleteUserLiveSql);
                 delete_where(kDeleteUserExpiredSql);
                 transaction.Commit();
                 return live_deleted;
               });
  }

  absl::StatusOr<int64_t> DeleteExpiredBatch(absl::Time now, int batch_size) override {
    // A full batch is followed by a pause three times as long as the batch took, so that a long
    // cleanup (a backlog of a million rows, say) takes at most about a quarter of the database's
    // time and the page views beside it keep their latency (docs/performance.md).
    const absl::Time start = absl::Now();
    absl::StatusOr<int64_t> deleted = DeleteExpiredRows(now, batch_size);
    if (deleted.ok() && *deleted >= batch_size) {
      absl::SleepFor(std::min((absl::Now() - start) * kCleanupPauseFactor, kMaxCleanupPause));
    }
    return deleted;
  }

  absl::StatusOr<bool> RunExclusiveCleanup(const std::function<absl::Status()>& cleanup) override {
    RegisterThread(driver_);
    // The lock lives on a connection of its own: `cleanup` calls this store,
    // and holding a pooled connection meanwhile could starve it.
    ASSIGN_OR_RETURN(std::unique_ptr<MysqlConnection> connection,
                     OpenConnection(driver_, uri_, ConnectionSettings()));
    std::unique_ptr<AdvisoryLock> lock;
    try {
      ASSIGN_OR_RETURN(lock, AdvisoryLock::Acquire(*connection, LockName("cleanup", uri_.database),
                                                   /*wait_seconds=*/0));
    } catch (const sql::SQLException& error) {
      return MysqlErrorToStatus(error, "take the cleanup lock");
    } catch (const std::exception&) {
      return absl::InternalError("take the cleanup lock: unexpected error in the database driver");
    }
    if (lock == nullptr) return false;
    RETURN_IF_ERROR(cleanup());
    return true;
  }

  absl::Status Ping() override {
    return Run("ping the database", Access::kRead, [&](MysqlConnection& connection) {
      std::unique_ptr<sql::ResultSet> row = connection.ExecuteQuery(connection.Prepare(kPingSql));
      if (!row->next()) return absl::InternalError("ping the database: no row returned");
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<std::string>> Migrate() override {
    RegisterThread(driver_);
    ConnectionSettings settings;
    settings.io_timeout_seconds = kMigrationIoTimeoutSeconds;
    settings.lock_wait_timeout_seconds = 0;
    ASSIGN_OR_RETURN(std::unique_ptr<MysqlConnection> connection,
                     OpenConnection(driver_, uri_, settings));
    // Names the step in the error message if the driver throws.
    std::string step = "take the migration lock";
    try {
      ASSIGN_OR_RETURN(std::unique_ptr<AdvisoryLock> lock,
                       AdvisoryLock::Acquire(*connection, LockName("migrate", uri_.database),
                                             kMigrationLockWaitSeconds));
      if (lock == nullptr) {
        return absl::DeadlineExceededError(
            absl::StrCat("take the migration lock: another process has held it for more "
                         "than ",
                         kMigrationLockWaitSeconds, "s; retry when its migration has finished"));
      }
      step = "create schema_migrations";
      connection->ExecuteDirect(kCreateSchemaMigrationsSql);
      step = "read schema_migrations";
      std::vector<AppliedMigration> applied = ReadAppliedMigrations(*connection);
      ASSIGN_OR_RETURN(std::vector<Migration> pending,
                       migrations::PlanMigrations(migrations_, applied));
      for (const Migration& migration : pending) {
        // MySQL commits DDL implicitly, so a migration is not atomic; it is
        // recorded only after all of its statements succeeded, and a failed one
        // must be repaired by hand.
        step = absl::StrCat("apply migration ", migration.name);
        for (const std::string& statement : migrations::SplitSqlStatements(migration.sql)) {
          connection->ExecuteDirect(statement);
        }
        step = absl::StrCat("record migration ", migration.name);
        sql::PreparedStatement& record = connection->Prepare(kRecordMigrationSql);
        record.setInt(1, migration.version);
        record.setString(2, migration.name);
        record.setString(3, migration.checksum);
        record.setInt64(4, ToStoredTime(absl::Now()));
        connection->ExecuteWrite(record);
      }
      return Names(pending);
    } catch (const sql::SQLException& error) {
      return MysqlErrorToStatus(error, step);
    } catch (const std::exception&) {
      return absl::InternalError(absl::StrCat(step, ": unexpected error in the database driver"));
    }
  }

  absl::StatusOr<std::vector<std::string>> PendingMigrations() override {
    ASSIGN_OR_RETURN(
        std::vector<AppliedMigration> applied,
        Run("read schema_migrations", Access::kRead,
            [&](MysqlConnection& connection) -> absl::StatusOr<std::vector<AppliedMigration>> {
              return ReadAppliedMigrations(connection);
            }));
    ASSIGN_OR_RETURN(std::vector<Migration> pending,
                     migrations::PlanMigrations(migrations_, applied));
    return Names(pending);
  }

  PoolStats GetPoolStats() const override { return {pool_.InUse(), pool_.Idle()}; }

 private:
  using Pool = ConnectionPool<MysqlConnection>;
  using LiveResult = absl::StatusOr<SessionRecord>;

  absl::StatusOr<int64_t> DeleteExpiredRows(absl::Time now, int batch_size) {
    return Run("delete expired sessions", Access::kWrite,
               [&](MysqlConnection& connection) -> absl::StatusOr<int64_t> {
                 sql::PreparedStatement& statement = connection.Prepare(kDeleteExpiredBatchSql);
                 statement.setInt64(1, ToStoredTime(now));
                 statement.setInt(2, std::max(batch_size, 0));
                 return connection.ExecuteWrite(statement);
               });
  }

  // Reads the records of a batch of FindLive calls with one statement; each call gets its live
  // record, NOT_FOUND, or the statement's error.
  std::vector<LiveResult> FindLiveBatch(const std::vector<LiveRead>& reads) {
    absl::StatusOr<std::vector<SessionRecord>> rows =
        Run("find session", Access::kRead,
            [&](MysqlConnection& connection) -> absl::StatusOr<std::vector<SessionRecord>> {
              const size_t padded = PaddedBatchSize(reads.size());
              sql::PreparedStatement& statement = connection.Prepare(FindLiveSql(padded));
              for (size_t i = 0; i < padded; ++i) {
                statement.setString(static_cast<unsigned int>(i + 1),
                                    reads[std::min(i, reads.size() - 1)].key_hash);
              }
              std::unique_ptr<sql::ResultSet> result = connection.ExecuteQuery(statement);
              std::vector<SessionRecord> records;
              while (result->next()) {
                records.push_back(ReadSession(*result, result->getString(11).asStdString()));
              }
              return records;
            });
    std::vector<LiveResult> results;
    results.reserve(reads.size());
    for (const LiveRead& read : reads) {
      if (!rows.ok()) {
        results.push_back(rows.status());
        continue;
      }
      auto found = std::find_if(rows->begin(), rows->end(), [&](const SessionRecord& record) {
        return record.key_hash == read.key_hash;
      });
      if (found == rows->end() || found->expire_time <= read.now) {
        results.push_back(SessionNotFoundError());
      } else {
        results.push_back(*found);
      }
    }
    return results;
  }

  // What a call does to the database, which decides whether it may run again after its
  // connection died mid-way. An idempotent write leaves the same rows and gives the same answer
  // when repeated after it took effect.
  enum class Access { kRead, kIdempotentWrite, kWrite };

  // Returns a pooled connection, pinging it first if it sat idle for a while. A
  // dead one is closed together with the other idle ones, which died with it in
  // all likelihood.
  absl::StatusOr<Pool::Lease> AcquireConnection() {
    for (int attempt = 0; attempt < 3; ++attempt) {
      ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Acquire());
      if (!lease->NeedsValidation(absl::Now()) || lease->IsAlive()) return lease;
      lease.Discard();
      pool_.DiscardIdle();
    }
    return StoreUnavailableError("no working database connection");
  }

  // Runs `body` on one connection and turns whatever the driver throws into a
  // status.
  template <typename Body>
  static auto Attempt(MysqlConnection& connection, absl::string_view operation, Body& body)
      -> decltype(body(connection)) {
    try {
      return body(connection);
    } catch (const sql::SQLException& error) {
      return MysqlErrorToStatus(error, operation);
    } catch (const std::exception&) {
      return absl::InternalError(
          absl::StrCat(operation, ": unexpected error in the database driver"));
    }
  }

  // Runs `body` (which returns absl::Status or absl::StatusOr<T> and may throw
  // sql::SQLException) on a pooled connection, with the store's recovery rules:
  // - A deadlock or lock wait timeout reruns the whole body, up to kMaxAttempts
  //   in all.
  // - A dead connection is discarded with every idle one. A read, an idempotent write, or a
  //   write not sent yet, that failed on a reused connection runs once more on a new
  //   connection: the error may only mean that the database restarted since that connection
  //   was last used. Any other write has an unknown outcome and is not repeated: it answers
  //   UNAVAILABLE.
  template <typename Body>
  auto Run(absl::string_view operation, Access access, Body body)
      -> decltype(body(std::declval<MysqlConnection&>())) {
    RegisterThread(driver_);
    bool reconnected = false;
    for (int attempt = 1;; ++attempt) {
      ASSIGN_OR_RETURN(Pool::Lease lease, AcquireConnection());
      const bool reused = lease->reused();
      lease->BeginAttempt();
      auto result = Attempt(*lease, operation, body);
      lease->EndAttempt(absl::Now());
      const bool write_sent = lease->write_sent();
      if (lease->broken()) lease.Discard();
      const absl::Status& status = StatusOf(result);
      if (status.ok()) return result;

      if (IsMysqlConnectionDead(status)) {
        lease.Discard();
        pool_.DiscardIdle();
        const bool safe_to_repeat = access != Access::kWrite || !write_sent;
        if (reused && safe_to_repeat && !reconnected) {
          reconnected = true;
          --attempt;
          continue;
        }
        return result;
      }
      if (IsRetryableMysqlError(status) && attempt < kMaxAttempts) {
        // Release the connection before sleeping.
        { Pool::Lease released = std::move(lease); }
        BackOff(attempt);
        continue;
      }
      return result;
    }
  }

  // Concurrent FindLive statements: few enough that reads queue up and share statements under
  // load, leaving most of the pool to writes.
  static size_t ReadsInFlight(size_t pool_size) { return std::max<size_t>(1, pool_size / 4); }

  sql::Driver* const driver_;
  const MysqlUri uri_;
  const std::vector<Migration> migrations_;
  Pool pool_;
  ReadCoalescer<LiveRead, LiveResult> reads_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenMysqlStore(const MysqlUri& uri, int pool_size,
                                                      std::vector<Migration> migrations) {
  if (pool_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("MySQL pool size must be at least 1, got ", pool_size));
  }
  if (uri.host.empty()) return absl::InvalidArgumentError("MySQL URI: the host is missing");
  if (uri.user.empty()) return absl::InvalidArgumentError("MySQL URI: the user is missing");
  if (uri.database.empty()) {
    return absl::InvalidArgumentError(
        "MySQL URI: the database is missing; expected "
        "mysql://user:password@host:port/database");
  }
  ASSIGN_OR_RETURN(sql::Driver * driver, GetDriver());
  return std::unique_ptr<Store>(
      new MysqlStore(driver, uri, static_cast<size_t>(pool_size), std::move(migrations)));
}

namespace internal {

std::string MysqlListSql(const ListQuery& query) {
  // Byte-wise, so case-sensitive whatever the column collations; a byte match of valid UTF-8 is a
  // character match.
  return BuildListSql(query, kSelectWithoutDataSql, [](absl::string_view column) {
    return absl::StrCat("INSTR(CAST(", column, " AS BINARY), CAST(? AS BINARY)) > 0");
  });
}

}  // namespace internal

}  // namespace usersessions::server
