// The storage seam of sessiond. The service layer owns all session semantics (expiry, coalescing,
// validation); a Store only persists records and offers the few atomic operations those
// semantics need. One conformance suite (tests/server/service) runs against every backend.
#ifndef USERSESSIONS_SERVER_STORAGE_STORE_H_
#define USERSESSIONS_SERVER_STORAGE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "migrations/migration_set.h"
#include "server/storage/session_record.h"

namespace usersessions::server {

// A session is live at `now` when expire_time > now; expired rows are invisible to every engine
// operation below even before cleanup removes them.
//
// Errors common to every method: UNAVAILABLE (reason STORE_UNAVAILABLE) when the database cannot
// be reached, INTERNAL for anything unexpected. A failed call changes nothing. Messages never
// contain keys, key hashes, user data or SQL text.
//
// Implementations are thread-safe.
// Which sessions a listing returns, relative to `now`.
enum class StateFilter { kActive, kExpired, kAll };

// A keyset position in the listing order (last_activity_time descending, then session_id
// ascending): the listing continues strictly after it.
struct ListCursor {
  absl::Time last_activity_time;
  std::string session_id;
};

struct ListQuery {
  // Owner to list; ignored when all_users is set.
  std::string user_id;
  bool all_users = false;
  StateFilter state = StateFilter::kActive;
  // Case-sensitive substring of ip_address, user_agent or user_id; empty matches everything.
  std::string search;
  std::optional<ListCursor> after;
  // Most records to return.
  int limit = 50;
};

class Store {
 public:
  virtual ~Store() = default;

  // Inserts a new record. ALREADY_EXISTS if its key_hash or session_id is taken.
  virtual absl::Status Insert(const SessionRecord& record) = 0;

  // Returns the live record with `key_hash`. NOT_FOUND (SESSION_NOT_FOUND) if there is none.
  virtual absl::StatusOr<SessionRecord> FindLive(absl::string_view key_hash, absl::Time now) = 0;

  // What FindLiveAsync() hands its result to.
  using FindLiveCallback = absl::AnyInvocable<void(absl::StatusOr<SessionRecord>) &&>;

  // FindLive for event-driven callers, whose few threads must never wait for the network: `done`
  // gets the result exactly once, either on the calling thread before FindLiveAsync returns or
  // later on a thread of the store's. `done` must not block. The default calls FindLive on the
  // calling thread, which suits stores whose reads do no network I/O (SQLite); stores that pay a
  // network round trip per read override it.
  virtual void FindLiveAsync(std::string key_hash, absl::Time now, FindLiveCallback done) {
    std::move(done)(FindLive(key_hash, now));
  }

  // Records activity on the live record named by update.key_hash; the version is unchanged.
  // NOT_FOUND (SESSION_NOT_FOUND) if there is no live record.
  virtual absl::Status RecordActivity(const ActivityUpdate& update, absl::Time now) = 0;

  // Compare-and-set: if the live record named by update.key_hash has version
  // update.expected_version, replaces its data, owner, client, idle timeout, activity and expiry
  // and sets version to expected_version + 1, atomically. NOT_FOUND (SESSION_NOT_FOUND) if there
  // is no live record; ABORTED (VERSION_CONFLICT) if the version differs.
  virtual absl::Status UpdateIfVersion(const DataUpdate& update, absl::Time now) = 0;

  // Atomically renames the live record `old_key_hash` to `new_key_hash`: after success the old
  // hash finds nothing. NOT_FOUND (SESSION_NOT_FOUND) if there is no live record;
  // ALREADY_EXISTS if `new_key_hash` is taken.
  virtual absl::Status ReplaceKey(absl::string_view old_key_hash, absl::string_view new_key_hash,
                                  absl::Time now) = 0;

  // Deletes the record with `key_hash`, live or expired. OK if there is none.
  virtual absl::Status Delete(absl::string_view key_hash) = 0;

  // --- Management -----------------------------------------------------------------------------

  // Returns up to query.limit records in listing order, without data (data_json is empty). A
  // listing for one user uses the (user_id, last_activity_time) index.
  virtual absl::StatusOr<std::vector<SessionRecord>> List(const ListQuery& query,
                                                          absl::Time now) = 0;

  // Returns the record with `session_id`, live or expired, without data. NOT_FOUND
  // (SESSION_NOT_FOUND) if there is none.
  virtual absl::StatusOr<SessionRecord> FindById(absl::string_view session_id) = 0;

  // Deletes the live record with `session_id`, only if it belongs to `owner` (any owner when
  // `owner` is empty). NOT_FOUND (SESSION_NOT_FOUND) when nothing matched.
  virtual absl::Status DeleteById(absl::string_view session_id, absl::string_view owner,
                                  absl::Time now) = 0;

  // Deletes every record of `user_id` except the one with key hash `keep_key_hash` or session id
  // `keep_session_id` (either may be empty). Returns how many of the deleted records were live.
  virtual absl::StatusOr<int64_t> DeleteUserSessions(absl::string_view user_id,
                                                     absl::string_view keep_key_hash,
                                                     absl::string_view keep_session_id,
                                                     absl::Time now) = 0;

  // Deletes at most `batch_size` expired records (expire_time <= now), oldest expiry first, along
  // the expire_time index. Returns how many were deleted. A backend may pause after a full batch
  // so that a long cleanup leaves the database to the hot path (MySQL does, see storage.md).
  virtual absl::StatusOr<int64_t> DeleteExpiredBatch(absl::Time now, int batch_size) = 0;

  // Runs `cleanup` while holding the cross-process cleanup lock, so that of several replicas
  // sharing a database only one cleans at a time. Returns false, without running it, when another
  // process holds the lock; otherwise true, or the error of `cleanup`.
  virtual absl::StatusOr<bool> RunExclusiveCleanup(
      const std::function<absl::Status()>& cleanup) = 0;

  // --- Operations -------------------------------------------------------------------------------

  // OK when the database answers a trivial query; UNAVAILABLE otherwise. Cheap enough for a
  // health check every second.
  virtual absl::Status Ping() = 0;

  // Schema management. Migrate takes the backend's cross-process lock (MySQL GET_LOCK, an
  // exclusive SQLite transaction), so replicas starting together are safe; PendingMigrations
  // only reads.
  //
  // Applies the migrations of this backend that are not yet recorded in schema_migrations, in
  // order, and records each with its checksum. Returns the names applied (empty when up to date).
  // FAILED_PRECONDITION if an applied migration was edited since (checksum mismatch).
  virtual absl::StatusOr<std::vector<std::string>> Migrate() = 0;

  // Returns the names of the migrations not yet applied, without applying them.
  // FAILED_PRECONDITION if an applied migration was edited since.
  virtual absl::StatusOr<std::vector<std::string>> PendingMigrations() = 0;

  // The connections of the store's pool, for monitoring. Never blocks on the database.
  struct PoolStats {
    size_t in_use = 0;
    size_t idle = 0;
  };
  virtual PoolStats GetPoolStats() const = 0;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_STORE_H_
