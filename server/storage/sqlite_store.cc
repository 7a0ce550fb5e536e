#include "server/storage/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "server/storage/connection_pool.h"
#include "server/storage/list_query_sql.h"

namespace usersessions::server {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr absl::Duration kAcquireTimeout = absl::Seconds(10);

constexpr char kSelectColumns[] =
    "SELECT key_hash, session_id, user_id, data, ip_address, user_agent, idle_timeout_seconds, "
    "create_time, last_activity_time, expire_time, version FROM sessions ";
// The same columns with the data left out, for management reads.
constexpr char kSelectColumnsWithoutData[] =
    "SELECT key_hash, session_id, user_id, '' AS data, ip_address, user_agent, "
    "idle_timeout_seconds, create_time, last_activity_time, expire_time, version FROM sessions ";

// Maps an SQLite result code to a Status. `operation` names what failed; messages never contain
// SQL text or user data.
absl::Status SqliteError(sqlite3* db, int code, absl::string_view operation) {
  const std::string message =
      absl::StrCat("sqlite ", operation, " failed: ", sqlite3_errstr(code), " (", code, ")");
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return absl::AlreadyExistsError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return StoreUnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

// A prepared statement owned by a connection's cache. Bind, step, and reset on destruction so
// that the cached statement is ready for its next use.
class BoundStatement {
 public:
  explicit BoundStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  BoundStatement(const BoundStatement&) = delete;
  BoundStatement& operator=(const BoundStatement&) = delete;
  ~BoundStatement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  BoundStatement& Text(absl::string_view value) {
    sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  // Binds NULL for an empty value.
  BoundStatement& TextOrNull(absl::string_view value) {
    if (value.empty()) {
      sqlite3_bind_null(stmt_, ++index_);
      return *this;
    }
    return Text(value);
  }
  BoundStatement& Int(int64_t value) {
    sqlite3_bind_int64(stmt_, ++index_, value);
    return *this;
  }

  // Returns SQLITE_ROW or SQLITE_DONE, or an error code.
  int Step() { return sqlite3_step(stmt_); }

  std::string ColumnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return std::string();
    return std::string(text, sqlite3_column_bytes(stmt_, column));
  }
  int64_t ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_;
  int index_ = 0;
};

SessionRecord ReadRecord(const BoundStatement& row) {
  SessionRecord record;
  record.key_hash = row.ColumnText(0);
  record.session_id = row.ColumnText(1);
  record.user_id = row.ColumnText(2);
  record.data_json = row.ColumnText(3);
  record.ip_address = row.ColumnText(4);
  record.user_agent = row.ColumnText(5);
  record.idle_timeout = absl::Seconds(row.ColumnInt(6));
  record.create_time = FromStoredTime(row.ColumnInt(7));
  record.last_activity_time = FromStoredTime(row.ColumnInt(8));
  record.expire_time = FromStoredTime(row.ColumnInt(9));
  record.version = row.ColumnInt(10);
  return record;
}

// One SQLite connection with its prepared-statement cache. Used by one thread at a time.
class SqliteConnection {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto connection = std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
    if (rc != SQLITE_OK) {
      return StoreUnavailableError(
          absl::StrCat("cannot open the SQLite database \"", path, "\": ", sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // WAL lets readers run beside the writer; synchronous=FULL makes every acknowledged commit
    // durable, also across power loss.
    RETURN_IF_ERROR(connection->Exec("PRAGMA journal_mode=WAL", "open"));
    RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous=FULL", "open"));
    return connection;
  }

  ~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  sqlite3* db() const { return db_; }

  absl::Status Exec(const std::string& sql, absl::string_view operation) {
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, operation);
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<BoundStatement>> Prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      sqlite3_stmt* stmt = nullptr;
      int rc = sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
      it = statements_.emplace(sql, stmt).first;
    }
    return std::make_unique<BoundStatement>(it->second);
  }

  // Runs a statement that returns no rows; returns the number of rows it changed.
  absl::StatusOr<int> Run(BoundStatement& statement, absl::string_view operation) {
    int rc = statement.Step();
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return SqliteError(db_, rc, operation);
    return sqlite3_changes(db_);
  }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*> statements_;
};

// A write transaction that rolls back unless committed. BEGIN IMMEDIATE takes the write lock up
// front (waiting under the busy timeout), so a transaction that reads and then writes cannot fail
// half-way on a stale snapshot.
//
// The writers of one process also queue on `writers` (held from BEGIN to COMMIT or ROLLBACK):
// SQLite admits one writer at a time anyway, and its busy handler waits by sleeping in growing
// steps (up to 100ms), which under concurrent writes cost more than the writes themselves.
// Other processes sharing the file still meet the busy timeout.
class WriteTransaction {
 public:
  using Pool = ConnectionPool<SqliteConnection>;

  // Waits for this process's writer turn, then takes a connection from `pool` and begins. Taking
  // the turn first means that writers queued behind it hold no connection, so readers (which may
  // run on an RPC event thread: see Store::FindLiveAsync) never wait for the write queue.
  static absl::StatusOr<WriteTransaction> Begin(Pool& pool, absl::Mutex& writers,
                                                const char* mode = "BEGIN IMMEDIATE") {
    writers.Lock();
    absl::StatusOr<Pool::Lease> lease = pool.Acquire();
    if (!lease.ok()) {
      writers.Unlock();
      return lease.status();
    }
    if (absl::Status begun = (*lease)->Exec(mode, "begin"); !begun.ok()) {
      writers.Unlock();
      return begun;
    }
    return WriteTransaction(*std::move(lease), &writers);
  }
  WriteTransaction(WriteTransaction&& other) noexcept
      : lease_(std::move(other.lease_)),
        open_(std::exchange(other.open_, false)),
        writers_(std::exchange(other.writers_, nullptr)) {}
  WriteTransaction& operator=(WriteTransaction&&) = delete;
  ~WriteTransaction() {
    if (open_) (*lease_)->Exec("ROLLBACK", "rollback").IgnoreError();
    if (writers_ != nullptr) writers_->Unlock();
  }

  // The transaction's connection, valid while the transaction object lives.
  SqliteConnection* connection() const { return &**lease_; }

  absl::Status Commit() {
    open_ = false;
    absl::Status committed = (*lease_)->Exec("COMMIT", "commit");
    std::exchange(writers_, nullptr)->Unlock();
    return committed;
  }

 private:
  WriteTransaction(Pool::Lease lease, absl::Mutex* writers)
      : lease_(std::move(lease)), open_(true), writers_(writers) {}
  std::optional<Pool::Lease> lease_;
  bool open_;
  absl::Mutex* writers_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, int pool_size, std::vector<migrations::Migration> migrations)
      : path_(std::move(path)),
        pool_(
            pool_size, [this] { return SqliteConnection::Open(path_); }, kAcquireTimeout),
        migrations_(std::move(migrations)) {}

  absl::Status Insert(const SessionRecord& r) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(auto stmt,
                     connection->Prepare(
                         "INSERT INTO sessions (key_hash, session_id, user_id, data, ip_address, "
                         "user_agent, idle_timeout_seconds, create_time, last_activity_time, "
                         "expire_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt->Text(r.key_hash)
        .Text(r.session_id)
        .TextOrNull(r.user_id)
        .Text(r.data_json)
        .Text(r.ip_address)
        .Text(r.user_agent)
        .Int(absl::ToInt64Seconds(r.idle_timeout))
        .Int(ToStoredTime(r.create_time))
        .Int(ToStoredTime(r.last_activity_time))
        .Int(ToStoredTime(r.expire_time))
        .Int(r.version);
    RETURN_IF_ERROR(connection->Run(*stmt, "insert").status());
    stmt.reset();
    return transaction.Commit();
  }

  absl::StatusOr<SessionRecord> FindLive(absl::string_view key_hash, absl::Time now) override {
    ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
    return FindLiveOn(*connection, key_hash, now);
  }

  absl::Status RecordActivity(const ActivityUpdate& u, absl::Time now) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(auto stmt,
                     connection->Prepare("UPDATE sessions SET ip_address = ?, user_agent = ?, "
                                         "last_activity_time = ?, expire_time = ? "
                                         "WHERE key_hash = ? AND expire_time > ?"));
    stmt->Text(u.ip_address)
        .Text(u.user_agent)
        .Int(ToStoredTime(u.last_activity_time))
        .Int(ToStoredTime(u.expire_time))
        .Text(u.key_hash)
        .Int(ToStoredTime(now));
    ASSIGN_OR_RETURN(int changed, connection->Run(*stmt, "record activity"));
    stmt.reset();
    if (changed == 0) return SessionNotFoundError();
    return transaction.Commit();
  }

  absl::Status UpdateIfVersion(const DataUpdate& u, absl::Time now) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    {
      ASSIGN_OR_RETURN(auto stmt, connection->Prepare(
                                      "UPDATE sessions SET data = ?, user_id = ?, ip_address = ?, "
                                      "user_agent = ?, idle_timeout_seconds = ?, "
                                      "last_activity_time = ?, expire_time = ?, version = ? "
                                      "WHERE key_hash = ? AND version = ? AND expire_time > ?"));
      stmt->Text(u.data_json)
          .TextOrNull(u.user_id)
          .Text(u.ip_address)
          .Text(u.user_agent)
          .Int(absl::ToInt64Seconds(u.idle_timeout))
          .Int(ToStoredTime(u.last_activity_time))
          .Int(ToStoredTime(u.expire_time))
          .Int(u.expected_version + 1)
          .Text(u.key_hash)
          .Int(u.expected_version)
          .Int(ToStoredTime(now));
      ASSIGN_OR_RETURN(int changed, connection->Run(*stmt, "update"));
      stmt.reset();
      if (changed == 1) return transaction.Commit();
    }
    // Nothing matched: tell a missing session from a version conflict.
    RETURN_IF_ERROR(FindLiveOn(*connection, u.key_hash, now).status());
    return MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT,
                     "the session was changed by another request (version conflict)");
  }

  absl::Status ReplaceKey(absl::string_view old_key_hash, absl::string_view new_key_hash,
                          absl::Time now) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare("UPDATE sessions SET key_hash = ? "
                                                    "WHERE key_hash = ? AND expire_time > ?"));
    stmt->Text(new_key_hash).Text(old_key_hash).Int(ToStoredTime(now));
    ASSIGN_OR_RETURN(int changed, connection->Run(*stmt, "replace key"));
    stmt.reset();
    if (changed == 0) return SessionNotFoundError();
    return transaction.Commit();
  }

  absl::Status Delete(absl::string_view key_hash) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare("DELETE FROM sessions WHERE key_hash = ?"));
    stmt->Text(key_hash);
    RETURN_IF_ERROR(connection->Run(*stmt, "delete").status());
    stmt.reset();
    return transaction.Commit();
  }

  absl::StatusOr<std::vector<SessionRecord>> List(const ListQuery& query, absl::Time now) override {
    const std::string sql = internal::SqliteListSql(query);
    ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare(sql));
    if (!query.all_users) stmt->Text(query.user_id);
    if (query.state != StateFilter::kAll) stmt->Int(ToStoredTime(now));
    if (!query.search.empty()) stmt->Text(query.search).Text(query.search).Text(query.search);
    if (query.after.has_value()) {
      const int64_t cursor_time = ToStoredTime(query.after->last_activity_time);
      stmt->Int(cursor_time).Int(cursor_time).Text(query.after->session_id);
    }
    stmt->Int(query.limit);
    std::vector<SessionRecord> records;
    for (int rc = stmt->Step(); rc != SQLITE_DONE; rc = stmt->Step()) {
      if (rc != SQLITE_ROW) return SqliteError(connection->db(), rc, "list");
      records.push_back(ReadRecord(*stmt));
    }
    return records;
  }

  absl::StatusOr<SessionRecord> FindById(absl::string_view session_id) override {
    ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare(absl::StrCat(kSelectColumnsWithoutData,
                                                                 "WHERE session_id = ?")));
    stmt->Text(session_id);
    int rc = stmt->Step();
    if (rc == SQLITE_DONE) return SessionNotFoundError();
    if (rc != SQLITE_ROW) return SqliteError(connection->db(), rc, "find by id");
    return ReadRecord(*stmt);
  }

  absl::Status DeleteById(absl::string_view session_id, absl::string_view owner,
                          absl::Time now) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare(
                                    owner.empty() ? "DELETE FROM sessions WHERE session_id = ? AND "
                                                    "expire_time > ?"
                                                  : "DELETE FROM sessions WHERE session_id = ? AND "
                                                    "expire_time > ? AND user_id = ?"));
    stmt->Text(session_id).Int(ToStoredTime(now));
    if (!owner.empty()) stmt->Text(owner);
    ASSIGN_OR_RETURN(int changed, connection->Run(*stmt, "delete by id"));
    stmt.reset();
    if (changed == 0) return SessionNotFoundError();
    return transaction.Commit();
  }

  absl::StatusOr<int64_t> DeleteUserSessions(absl::string_view user_id,
                                             absl::string_view keep_key_hash,
                                             absl::string_view keep_session_id,
                                             absl::Time now) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    auto delete_where = [&](absl::string_view state) -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(auto stmt, connection->Prepare(absl::StrCat(
                                      "DELETE FROM sessions WHERE user_id = ? AND key_hash <> ? "
                                      "AND session_id <> ? AND ",
                                      state)));
      stmt->Text(user_id).Text(keep_key_hash).Text(keep_session_id).Int(ToStoredTime(now));
      return connection->Run(*stmt, "delete user sessions");
    };
    // The live rows are counted; the user's expired rows go too, uncounted.
    ASSIGN_OR_RETURN(const int64_t live_deleted, delete_where("expire_time > ?"));
    RETURN_IF_ERROR(delete_where("expire_time <= ?").status());
    RETURN_IF_ERROR(transaction.Commit());
    return live_deleted;
  }

  absl::StatusOr<int64_t> DeleteExpiredBatch(absl::Time now, int batch_size) override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_));
    SqliteConnection* connection = transaction.connection();
    ASSIGN_OR_RETURN(
        auto stmt,
        connection->Prepare("DELETE FROM sessions WHERE key_hash IN (SELECT key_hash FROM "
                            "sessions WHERE expire_time <= ? ORDER BY expire_time LIMIT ?)"));
    stmt->Int(ToStoredTime(now)).Int(batch_size);
    ASSIGN_OR_RETURN(int changed, connection->Run(*stmt, "delete expired"));
    stmt.reset();
    RETURN_IF_ERROR(transaction.Commit());
    return changed;
  }

  absl::StatusOr<bool> RunExclusiveCleanup(const std::function<absl::Status()>& cleanup) override {
    // One process per file is the supported deployment; deletes are idempotent, so concurrent
    // cleanups from other processes would be harmless anyway.
    if (!cleanup_mu_.TryLock()) return false;
    absl::Status status = cleanup();
    cleanup_mu_.Unlock();
    RETURN_IF_ERROR(status);
    return true;
  }

  absl::Status Ping() override {
    ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
    ASSIGN_OR_RETURN(auto stmt, connection->Prepare("SELECT 1"));
    return connection->Run(*stmt, "ping").status();
  }

  absl::StatusOr<std::vector<std::string>> Migrate() override {
    // An exclusive transaction is the cross-process migration lock; SQLite DDL is transactional,
    // so a failed migration leaves nothing behind.
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_, "BEGIN EXCLUSIVE"));
    SqliteConnection* connection = transaction.connection();
    RETURN_IF_ERROR(CreateMigrationsTable(*connection));
    ASSIGN_OR_RETURN(auto pending, Plan(*connection));
    std::vector<std::string> applied;
    for (const migrations::Migration& migration : pending) {
      RETURN_IF_ERROR(connection->Exec(migration.sql, absl::StrCat("migration ", migration.name)));
      ASSIGN_OR_RETURN(
          auto stmt, connection->Prepare("INSERT INTO schema_migrations (version, name, checksum, "
                                         "applied_time) VALUES (?, ?, ?, ?)"));
      stmt->Int(migration.version)
          .Text(migration.name)
          .Text(migration.checksum)
          .Int(ToStoredTime(absl::Now()));
      RETURN_IF_ERROR(connection->Run(*stmt, "record migration").status());
      applied.push_back(migration.name);
    }
    RETURN_IF_ERROR(transaction.Commit());
    return applied;
  }

  absl::StatusOr<std::vector<std::string>> PendingMigrations() override {
    ASSIGN_OR_RETURN(auto transaction, WriteTransaction::Begin(pool_, writers_, "BEGIN"));
    SqliteConnection* connection = transaction.connection();
    RETURN_IF_ERROR(CreateMigrationsTable(*connection));
    ASSIGN_OR_RETURN(auto pending, Plan(*connection));
    RETURN_IF_ERROR(transaction.Commit());
    std::vector<std::string> names;
    for (const auto& migration : pending) names.push_back(migration.name);
    return names;
  }

  PoolStats GetPoolStats() const override { return {pool_.InUse(), pool_.Idle()}; }

 private:
  absl::StatusOr<SessionRecord> FindLiveOn(SqliteConnection& connection, absl::string_view key_hash,
                                           absl::Time now) {
    static const std::string* const kFindLiveSql =
        new std::string(absl::StrCat(kSelectColumns, "WHERE key_hash = ? AND expire_time > ?"));
    ASSIGN_OR_RETURN(auto stmt, connection.Prepare(*kFindLiveSql));
    stmt->Text(key_hash).Int(ToStoredTime(now));
    int rc = stmt->Step();
    if (rc == SQLITE_DONE) return SessionNotFoundError();
    if (rc != SQLITE_ROW) return SqliteError(connection.db(), rc, "find");
    return ReadRecord(*stmt);
  }

  static absl::Status CreateMigrationsTable(SqliteConnection& connection) {
    return connection.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, "
        "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_time INTEGER NOT NULL)",
        "create schema_migrations");
  }

  absl::StatusOr<std::vector<migrations::Migration>> Plan(SqliteConnection& connection) {
    ASSIGN_OR_RETURN(auto stmt,
                     connection.Prepare("SELECT version, name, checksum FROM schema_migrations"));
    std::vector<migrations::AppliedMigration> applied;
    for (int rc = stmt->Step(); rc != SQLITE_DONE; rc = stmt->Step()) {
      if (rc != SQLITE_ROW) return SqliteError(connection.db(), rc, "read schema_migrations");
      applied.push_back(
          {static_cast<int>(stmt->ColumnInt(0)), stmt->ColumnText(1), stmt->ColumnText(2)});
    }
    return migrations::PlanMigrations(migrations_, applied);
  }

  const std::string path_;
  ConnectionPool<SqliteConnection> pool_;
  absl::Mutex cleanup_mu_;
  // Serializes this process's write transactions (see WriteTransaction).
  absl::Mutex writers_;
  const std::vector<migrations::Migration> migrations_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, int pool_size, std::vector<migrations::Migration> migrations) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) {
      return StoreUnavailableError(absl::StrCat("cannot create the folder \"", parent.string(),
                                                "\" for the SQLite database: ", error.message()));
    }
  }
  auto store = std::make_unique<SqliteStore>(path, pool_size, std::move(migrations));
  // Open one connection now so that a bad path fails at start rather than on the first call.
  RETURN_IF_ERROR(store->Ping());
  return store;
}

namespace internal {

std::string SqliteListSql(const ListQuery& query) {
  return BuildListSql(query, kSelectColumnsWithoutData, [](absl::string_view column) {
    return absl::StrCat("instr(", column, ", ?) > 0");  // instr is case-sensitive; LIKE is not.
  });
}

}  // namespace internal

}  // namespace usersessions::server
