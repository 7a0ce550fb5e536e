// MySQL-specific behaviour of the MySQL store, against a real MariaDB or MySQL
// server (never a mock). The backend-neutral contract is also covered by the
// service conformance suite.
#include "server/storage/mysql_store.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "migrations/migration_set.h"
#include "server/storage/mysql_errors.h"
#include "server/storage/session_record.h"
#include "server/storage/store.h"
#include "tests/testing/mysql_test_database.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::usersessions::testing::MysqlTestDatabase;
using ::usersessions::testing::StatusIs;
using ::usersessions::testing::StatusIsWithReason;

using Rows = std::vector<std::vector<std::string>>;

MATCHER_P(IsOkAndHolds, matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// A fixed "now": the store compares expiry against the time it is given, never
// the wall clock.
const absl::Time kNow = absl::FromUnixMicros(1'800'000'000'123'456);

std::string KeyHash(absl::string_view seed) { return Base64UrlEncode(Sha256(seed)); }
std::string SessionId(absl::string_view seed) {
  return Base64UrlEncode(Sha256(absl::StrCat("id:", seed)).substr(0, 16));
}

SessionRecord MakeRecord(absl::string_view seed, absl::Duration expires_in = absl::Hours(1)) {
  SessionRecord record;
  record.key_hash = KeyHash(seed);
  record.session_id = SessionId(seed);
  record.user_id = "user-42";
  record.data_json = R"({"cart":[1,2,3]})";
  record.ip_address = "203.0.113.7";
  record.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0";
  record.idle_timeout = absl::Hours(336);
  record.create_time = kNow - absl::Minutes(5);
  record.last_activity_time = kNow - absl::Minutes(1);
  record.expire_time = kNow + expires_in;
  record.version = 1;
  return record;
}

void ExpectSameRecord(const SessionRecord& actual, const SessionRecord& expected) {
  EXPECT_EQ(actual.key_hash, expected.key_hash);
  EXPECT_EQ(actual.session_id, expected.session_id);
  EXPECT_EQ(actual.user_id, expected.user_id);
  EXPECT_EQ(actual.data_json, expected.data_json);
  EXPECT_EQ(actual.ip_address, expected.ip_address);
  EXPECT_EQ(actual.user_agent, expected.user_agent);
  EXPECT_EQ(actual.idle_timeout, expected.idle_timeout);
  EXPECT_EQ(actual.create_time, expected.create_time);
  EXPECT_EQ(actual.last_activity_time, expected.last_activity_time);
  EXPECT_EQ(actual.expire_time, expected.expire_time);
  EXPECT_EQ(actual.version, expected.version);
}

migrations::Migration MustMakeMigration(absl::string_view file_name, std::string sql) {
  absl::StatusOr<migrations::Migration> migration =
      migrations::MakeMigration(file_name, std::move(sql));
  EXPECT_OK(migration);
  return *std::move(migration);
}

// Waits until `condition` holds, polling; false if `timeout` passes first.
bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return condition();
}

// A TCP port on 127.0.0.1 where nothing listens.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return ntohs(address.sin_port);
}

class MysqlStoreTest : public ::testing::Test {
 protected:
  // Creates this test's database. Call after USERSESSIONS_REQUIRE_MYSQL().
  void CreateDatabase() {
    ASSERT_OK_AND_ASSIGN(database_, MysqlTestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(uri_, ParseMysqlUri(database_->uri()));
  }

  absl::StatusOr<std::unique_ptr<Store>> Open(
      std::vector<migrations::Migration> migrations = migrations::MysqlMigrations(),
      int pool_size = 4) {
    return OpenMysqlStore(uri_, pool_size, std::move(migrations));
  }

  // Creates the database and a store with the schema applied.
  void CreateMigratedStore(int pool_size = 4) {
    ASSERT_NO_FATAL_FAILURE(CreateDatabase());
    ASSERT_OK_AND_ASSIGN(store_, Open(migrations::MysqlMigrations(), pool_size));
    ASSERT_OK(store_->Migrate());
  }

  Rows Query(const std::string& sql) {
    absl::StatusOr<Rows> rows = database_->Query(sql);
    EXPECT_OK(rows);
    return rows.ok() ? *rows : Rows();
  }

  // Kills every connection to this test's database except the caller's, and
  // waits until they are gone.
  void KillStoreConnections() {
    const std::string list =
        absl::StrCat("SELECT id FROM information_schema.processlist WHERE db = '", uri_.database,
                     "' AND id <> CONNECTION_ID()");
    Rows ids = Query(list);
    ASSERT_THAT(ids, Not(IsEmpty()));
    for (const std::vector<std::string>& id : ids) {
      // The connection may end by itself in between; that is as good.
      (void)database_->Execute(absl::StrCat("KILL CONNECTION ", id[0]));
    }
    ASSERT_TRUE(WaitFor(
        [&] {
          for (const std::vector<std::string>& row : Query(list)) {
            for (const std::vector<std::string>& id : ids) {
              if (row[0] == id[0]) return false;
            }
          }
          return true;
        },
        absl::Seconds(10)));
  }

  std::unique_ptr<MysqlTestDatabase> database_;
  MysqlUri uri_;
  std::unique_ptr<Store> store_;
};

// --- Connection failures
// ---------------------------------------------------------------------

TEST_F(MysqlStoreTest, OpensWhileTheDatabaseIsDownAndAnswersUnavailableQuickly) {
  USERSESSIONS_REQUIRE_MYSQL();
  MysqlUri uri;
  uri.user = "app";
  uri.password = "closed-port-password";
  uri.host = "127.0.0.1";
  uri.port = ClosedPort();
  uri.database = "sessions";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       OpenMysqlStore(uri, 2, migrations::MysqlMigrations()));

  const absl::Time start = absl::Now();
  absl::Status ping = store->Ping();
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_THAT(
      ping, StatusIsWithReason(absl::StatusCode::kUnavailable, v1::ERROR_REASON_STORE_UNAVAILABLE));
  EXPECT_THAT(std::string(ping.message()), Not(HasSubstr(uri.password)));

  const auto unavailable =
      StatusIsWithReason(absl::StatusCode::kUnavailable, v1::ERROR_REASON_STORE_UNAVAILABLE);
  EXPECT_THAT(store->FindLive(KeyHash("a"), kNow), unavailable);
  EXPECT_THAT(store->Insert(MakeRecord("a")), unavailable);
  EXPECT_THAT(store->Delete(KeyHash("a")), unavailable);
  EXPECT_THAT(store->Migrate(), unavailable);
  EXPECT_THAT(store->PendingMigrations(), unavailable);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(MysqlStoreTest, RejectsUnusableOptions) {
  USERSESSIONS_REQUIRE_MYSQL();
  MysqlUri uri;
  uri.user = "app";
  uri.host = "127.0.0.1";
  uri.database = "sessions";
  EXPECT_THAT(OpenMysqlStore(uri, 0, {}), StatusIs(absl::StatusCode::kInvalidArgument));
  uri.database.clear();
  EXPECT_THAT(OpenMysqlStore(uri, 2, {}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(MysqlStoreTest, ReplacesKilledConnections) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord first = MakeRecord("first");
  ASSERT_OK(store_->Insert(first));
  ASSERT_OK(store_->FindLive(first.key_hash, kNow));

  // As after a database restart: a read on the dead pooled connection is
  // repeated on a new one.
  ASSERT_NO_FATAL_FAILURE(KillStoreConnections());
  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(first.key_hash, kNow));
  ExpectSameRecord(found, first);
  EXPECT_OK(store_->Ping());

  // A write that reached a dead connection has an unknown outcome: it is not
  // repeated.
  const SessionRecord second = MakeRecord("second");
  ASSERT_OK(store_->Insert(second));
  ASSERT_NO_FATAL_FAILURE(KillStoreConnections());
  EXPECT_THAT(
      store_->Insert(MakeRecord("third")),
      StatusIsWithReason(absl::StatusCode::kUnavailable, v1::ERROR_REASON_STORE_UNAVAILABLE));
  // ... and the store has recovered by the next call.
  const SessionRecord fourth = MakeRecord("fourth");
  EXPECT_OK(store_->Insert(fourth));
  EXPECT_OK(store_->FindLive(fourth.key_hash, kNow));

  // An idempotent write is repeated on a new connection.
  ASSERT_OK(store_->Delete(KeyHash("never-existed")));
  ASSERT_NO_FATAL_FAILURE(KillStoreConnections());
  EXPECT_OK(store_->Delete(second.key_hash));
  EXPECT_THAT(store_->FindLive(second.key_hash, kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

// --- Migrations
// ------------------------------------------------------------------------------

TEST_F(MysqlStoreTest, MigrateAppliesOnceAndAgainIsANoOp) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateDatabase());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());

  EXPECT_THAT(store->PendingMigrations(), IsOkAndHolds(ElementsAre("0001_create_sessions")));
  EXPECT_THAT(store->Migrate(), IsOkAndHolds(ElementsAre("0001_create_sessions")));
  EXPECT_THAT(store->Migrate(), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store->PendingMigrations(), IsOkAndHolds(IsEmpty()));

  const migrations::Migration& schema = migrations::MysqlMigrations().front();
  EXPECT_THAT(Query("SELECT version, name, checksum FROM schema_migrations"),
              ElementsAre(ElementsAre("1", "0001_create_sessions", schema.checksum)));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions"), ElementsAre(ElementsAre("0")));
}

TEST_F(MysqlStoreTest, MigrateAppliesOnlyNewMigrations) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateDatabase());
  std::vector<migrations::Migration> first = {
      MustMakeMigration("0001_one.sql", "CREATE TABLE one (id INT PRIMARY KEY);\n")};
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> old_binary, Open(first));
  ASSERT_OK(old_binary->Migrate());

  std::vector<migrations::Migration> both = first;
  both.push_back(
      MustMakeMigration("0002_two.sql",
                        "-- Two statements in one file.\nCREATE TABLE two (id INT PRIMARY KEY);\n"
                        "INSERT INTO two (id) VALUES (7);\n"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> new_binary, Open(both));
  EXPECT_THAT(new_binary->PendingMigrations(), IsOkAndHolds(ElementsAre("0002_two")));
  EXPECT_THAT(new_binary->Migrate(), IsOkAndHolds(ElementsAre("0002_two")));
  EXPECT_THAT(Query("SELECT id FROM two"), ElementsAre(ElementsAre("7")));
  // The old binary tolerates the newer migration it does not know.
  EXPECT_THAT(old_binary->PendingMigrations(), IsOkAndHolds(IsEmpty()));
}

TEST_F(MysqlStoreTest, EditedAppliedMigrationIsFailedPrecondition) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateDatabase());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Open({MustMakeMigration("0001_one.sql", "CREATE TABLE one (id INT);\n")}));
  ASSERT_OK(store->Migrate());

  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Store> edited,
      Open({MustMakeMigration("0001_one.sql", "CREATE TABLE one (id BIGINT);\n")}));
  EXPECT_THAT(edited->Migrate(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(edited->PendingMigrations(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(MysqlStoreTest, FailedMigrationIsInternalAndNotRecorded) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateDatabase());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Open({MustMakeMigration("0001_one.sql", "CREATE TABLE one (id INT);\n"),
                             MustMakeMigration("0002_broken.sql", "THIS IS NOT SQL;\n")}));
  absl::StatusOr<std::vector<std::string>> applied = store->Migrate();
  EXPECT_THAT(applied, StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(std::string(applied.status().message()), HasSubstr("0002_broken"));
  EXPECT_THAT(std::string(applied.status().message()), Not(HasSubstr("NOT SQL")));
  EXPECT_THAT(store->PendingMigrations(), IsOkAndHolds(ElementsAre("0002_broken")));
}

TEST_F(MysqlStoreTest, ConcurrentMigrationsApplyOnce) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateDatabase());
  // Two stores stand for two replicas starting together.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> first, Open());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> second, Open());
  absl::StatusOr<std::vector<std::string>> first_result;
  absl::StatusOr<std::vector<std::string>> second_result;
  std::thread first_thread([&] { first_result = first->Migrate(); });
  std::thread second_thread([&] { second_result = second->Migrate(); });
  first_thread.join();
  second_thread.join();

  ASSERT_OK(first_result);
  ASSERT_OK(second_result);
  EXPECT_EQ(first_result->size() + second_result->size(), 1u);
  EXPECT_THAT(Query("SELECT COUNT(*) FROM schema_migrations"), ElementsAre(ElementsAre("1")));
}

// --- Store contract
// --------------------------------------------------------------------------

TEST_F(MysqlStoreTest, InsertThenFindLiveRoundTripsEveryField) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  SessionRecord record = MakeRecord("round-trip");
  // Characters outside the Basic Multilingual Plane need utf8mb4 end to end.
  record.user_agent = "Mozilla/5.0 \xF0\x9F\x98\x80 \xC3\xA9";
  record.user_id = "\xF0\x9F\x91\xA4 user";
  record.ip_address = "2001:db8::1";
  record.data_json = absl::StrCat(R"({"blob":")", std::string(200 * 1024, 'x'), R"("})");
  ASSERT_OK(store_->Insert(record));

  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(record.key_hash, kNow));
  ExpectSameRecord(found, record);
  EXPECT_THAT(store_->FindLive(KeyHash("unknown"), kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(MysqlStoreTest, InsertOfATakenKeyHashOrSessionIdIsAlreadyExists) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("taken");
  ASSERT_OK(store_->Insert(record));

  SessionRecord same_key = MakeRecord("other");
  same_key.key_hash = record.key_hash;
  EXPECT_THAT(store_->Insert(same_key), StatusIs(absl::StatusCode::kAlreadyExists));

  SessionRecord same_id = MakeRecord("other");
  same_id.session_id = record.session_id;
  absl::Status status = store_->Insert(same_id);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr(record.session_id)));

  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions"), ElementsAre(ElementsAre("1")));
}

TEST_F(MysqlStoreTest, AnonymousOwnerIsStoredAsNull) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  SessionRecord record = MakeRecord("anonymous");
  record.user_id = "";
  ASSERT_OK(store_->Insert(record));
  EXPECT_THAT(Query("SELECT user_id IS NULL FROM sessions"), ElementsAre(ElementsAre("1")));
  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(record.key_hash, kNow));
  EXPECT_EQ(found.user_id, "");

  // Gaining an owner, then losing it again.
  DataUpdate update;
  update.key_hash = record.key_hash;
  update.expected_version = 1;
  update.data_json = "{}";
  update.user_id = "alice";
  update.idle_timeout = record.idle_timeout;
  update.last_activity_time = kNow;
  update.expire_time = record.expire_time;
  ASSERT_OK(store_->UpdateIfVersion(update, kNow));
  EXPECT_THAT(Query("SELECT user_id FROM sessions"), ElementsAre(ElementsAre("alice")));
  update.expected_version = 2;
  update.user_id = "";
  ASSERT_OK(store_->UpdateIfVersion(update, kNow));
  EXPECT_THAT(Query("SELECT user_id IS NULL FROM sessions"), ElementsAre(ElementsAre("1")));
}

TEST_F(MysqlStoreTest, RecordActivityUpdatesClientAndExpiryButNotVersion) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("touch");
  ASSERT_OK(store_->Insert(record));

  ActivityUpdate touch;
  touch.key_hash = record.key_hash;
  touch.ip_address = "198.51.100.9";
  touch.user_agent = "curl/8.0";
  touch.last_activity_time = kNow;
  touch.expire_time = kNow + absl::Hours(336);
  ASSERT_OK(store_->RecordActivity(touch, kNow));
  // The same values again still count as a match.
  ASSERT_OK(store_->RecordActivity(touch, kNow));

  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(record.key_hash, kNow));
  EXPECT_EQ(found.ip_address, touch.ip_address);
  EXPECT_EQ(found.user_agent, touch.user_agent);
  EXPECT_EQ(found.last_activity_time, touch.last_activity_time);
  EXPECT_EQ(found.expire_time, touch.expire_time);
  EXPECT_EQ(found.version, 1);
  EXPECT_EQ(found.data_json, record.data_json);

  touch.key_hash = KeyHash("unknown");
  EXPECT_THAT(store_->RecordActivity(touch, kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(MysqlStoreTest, UpdateIfVersionIsACompareAndSet) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("cas");
  ASSERT_OK(store_->Insert(record));

  DataUpdate update;
  update.key_hash = record.key_hash;
  update.expected_version = 1;
  update.data_json = R"({"step":2})";
  update.user_id = "bob";
  update.ip_address = "192.0.2.1";
  update.user_agent = "Safari";
  update.idle_timeout = absl::Hours(1);
  update.last_activity_time = kNow;
  update.expire_time = kNow + absl::Hours(1);
  ASSERT_OK(store_->UpdateIfVersion(update, kNow));

  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(record.key_hash, kNow));
  EXPECT_EQ(found.version, 2);
  EXPECT_EQ(found.data_json, update.data_json);
  EXPECT_EQ(found.user_id, "bob");
  EXPECT_EQ(found.ip_address, update.ip_address);
  EXPECT_EQ(found.user_agent, update.user_agent);
  EXPECT_EQ(found.idle_timeout, absl::Hours(1));
  EXPECT_EQ(found.last_activity_time, kNow);
  EXPECT_EQ(found.expire_time, update.expire_time);
  EXPECT_EQ(found.create_time, record.create_time);
  EXPECT_EQ(found.session_id, record.session_id);

  // A writer that still holds version 1 loses.
  update.data_json = R"({"step":"stale"})";
  EXPECT_THAT(store_->UpdateIfVersion(update, kNow),
              StatusIsWithReason(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT));
  ASSERT_OK_AND_ASSIGN(found, store_->FindLive(record.key_hash, kNow));
  EXPECT_EQ(found.data_json, R"({"step":2})");
  EXPECT_EQ(found.version, 2);

  update.key_hash = KeyHash("unknown");
  EXPECT_THAT(store_->UpdateIfVersion(update, kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(MysqlStoreTest, ReplaceKeyRenamesAtomically) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("old-key");
  const SessionRecord other = MakeRecord("other-key");
  ASSERT_OK(store_->Insert(record));
  ASSERT_OK(store_->Insert(other));
  const std::string new_key_hash = KeyHash("new-key");

  ASSERT_OK(store_->ReplaceKey(record.key_hash, new_key_hash, kNow));
  EXPECT_THAT(store_->FindLive(record.key_hash, kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(new_key_hash, kNow));
  SessionRecord expected = record;
  expected.key_hash = new_key_hash;
  ExpectSameRecord(found, expected);

  // The old key is gone for good.
  EXPECT_THAT(store_->ReplaceKey(record.key_hash, KeyHash("third-key"), kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  // A taken key changes nothing.
  EXPECT_THAT(store_->ReplaceKey(new_key_hash, other.key_hash, kNow),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_OK(store_->FindLive(new_key_hash, kNow));
  ASSERT_OK_AND_ASSIGN(found, store_->FindLive(other.key_hash, kNow));
  EXPECT_EQ(found.session_id, other.session_id);
}

TEST_F(MysqlStoreTest, ExpiredRowsAreInvisibleButDeletable) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  // Expiring exactly now counts as expired.
  const SessionRecord record = MakeRecord("expired", absl::ZeroDuration());
  ASSERT_OK(store_->Insert(record));
  const auto not_found =
      StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND);

  EXPECT_THAT(store_->FindLive(record.key_hash, kNow), not_found);
  EXPECT_OK(store_->FindLive(record.key_hash, kNow - absl::Microseconds(1)));

  ActivityUpdate touch;
  touch.key_hash = record.key_hash;
  touch.last_activity_time = kNow;
  touch.expire_time = kNow + absl::Hours(1);
  EXPECT_THAT(store_->RecordActivity(touch, kNow), not_found);

  DataUpdate update;
  update.key_hash = record.key_hash;
  update.expected_version = 1;
  update.data_json = "{}";
  update.last_activity_time = kNow;
  update.expire_time = kNow + absl::Hours(1);
  EXPECT_THAT(store_->UpdateIfVersion(update, kNow), not_found);
  update.expected_version = 5;
  EXPECT_THAT(store_->UpdateIfVersion(update, kNow), not_found);

  EXPECT_THAT(store_->ReplaceKey(record.key_hash, KeyHash("revived"), kNow), not_found);
  // Nothing above brought the session back.
  EXPECT_THAT(Query("SELECT version, expire_time = " + std::to_string(ToStoredTime(kNow)) +
                    " FROM sessions"),
              ElementsAre(ElementsAre("1", "1")));

  EXPECT_OK(store_->Delete(record.key_hash));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions"), ElementsAre(ElementsAre("0")));
}

TEST_F(MysqlStoreTest, DeleteIsIdempotent) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("delete-me");
  const SessionRecord kept = MakeRecord("keep-me");
  ASSERT_OK(store_->Insert(record));
  ASSERT_OK(store_->Insert(kept));

  EXPECT_OK(store_->Delete(record.key_hash));
  EXPECT_THAT(store_->FindLive(record.key_hash, kNow),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
  EXPECT_OK(store_->Delete(record.key_hash));
  EXPECT_OK(store_->Delete(KeyHash("never-existed")));
  EXPECT_OK(store_->FindLive(kept.key_hash, kNow));
}

// --- Management ------------------------------------------------------------

std::vector<std::string> SessionIds(const std::vector<SessionRecord>& records) {
  std::vector<std::string> ids;
  for (const SessionRecord& record : records) ids.push_back(record.session_id);
  return ids;
}

class MysqlStoreListTest : public MysqlStoreTest {
 protected:
  // alice: a (newest), b, c (expired), d (same activity as b); bob: e.
  void InsertSessions() {
    SessionRecord a = MakeRecord("a");
    a.user_id = "alice";
    a.last_activity_time = kNow - absl::Minutes(1);
    SessionRecord b = MakeRecord("b");
    b.user_id = "alice";
    b.user_agent = "Mozilla/5.0 Chrome/120.0";
    b.last_activity_time = kNow - absl::Minutes(2);
    SessionRecord c = MakeRecord("c", -absl::Minutes(1));
    c.user_id = "alice";
    c.last_activity_time = kNow - absl::Minutes(3);
    SessionRecord d = MakeRecord("d");
    d.user_id = "alice";
    d.ip_address = "198.51.100.20";
    d.last_activity_time = b.last_activity_time;
    SessionRecord e = MakeRecord("e");
    e.user_id = "bob";
    e.last_activity_time = kNow - absl::Seconds(30);
    for (const SessionRecord* record : {&a, &b, &c, &d, &e}) {
      ASSERT_OK(store_->Insert(*record));
      by_name_[std::string(1, "abcde"[by_name_.size()])] = *record;
    }
  }

  std::string Id(const std::string& name) { return by_name_[name].session_id; }

  // b and d tie on last activity; session_id breaks the tie.
  std::vector<std::string> TiedPair() {
    return Id("b") < Id("d") ? std::vector<std::string>{Id("b"), Id("d")}
                             : std::vector<std::string>{Id("d"), Id("b")};
  }

  std::map<std::string, SessionRecord> by_name_;
};

TEST_F(MysqlStoreListTest, FiltersByOwnerAndState) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  ASSERT_NO_FATAL_FAILURE(InsertSessions());
  const std::vector<std::string> tied = TiedPair();

  ListQuery query;
  query.user_id = "alice";
  ASSERT_OK_AND_ASSIGN(std::vector<SessionRecord> records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("a"), tied[0], tied[1]));
  for (const SessionRecord& record : records) {
    EXPECT_EQ(record.data_json, "");
    EXPECT_EQ(record.user_id, "alice");
  }
  EXPECT_EQ(records.front().key_hash, by_name_["a"].key_hash);
  EXPECT_EQ(records.front().expire_time, by_name_["a"].expire_time);

  query.state = StateFilter::kExpired;
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("c")));

  query.state = StateFilter::kAll;
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("a"), tied[0], tied[1], Id("c")));

  query.all_users = true;
  query.state = StateFilter::kActive;
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("e"), Id("a"), tied[0], tied[1]));
}

TEST_F(MysqlStoreListTest, SearchIsACaseSensitiveSubstring) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  ASSERT_NO_FATAL_FAILURE(InsertSessions());
  ListQuery query;
  query.all_users = true;
  query.search = "Chrome";
  ASSERT_OK_AND_ASSIGN(std::vector<SessionRecord> records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("b")));

  query.search = "chrome";
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(records, IsEmpty());

  query.search = "100.20";
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("d")));

  query.search = "bo";
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(SessionIds(records), ElementsAre(Id("e")));

  // LIKE wildcards have no special meaning.
  query.search = "%";
  ASSERT_OK_AND_ASSIGN(records, store_->List(query, kNow));
  EXPECT_THAT(records, IsEmpty());
}

TEST_F(MysqlStoreListTest, KeysetPagesHaveNoGapsOrDuplicates) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  ASSERT_NO_FATAL_FAILURE(InsertSessions());
  ListQuery query;
  query.all_users = true;
  query.state = StateFilter::kAll;
  query.limit = 2;
  std::vector<std::string> walked;
  for (int page = 0; page < 10; ++page) {
    ASSERT_OK_AND_ASSIGN(std::vector<SessionRecord> records, store_->List(query, kNow));
    for (const SessionRecord& record : records) {
      walked.push_back(record.session_id);
    }
    if (records.size() < 2) break;
    query.after = ListCursor{records.back().last_activity_time, records.back().session_id};
  }
  const std::vector<std::string> tied = TiedPair();
  EXPECT_THAT(walked, ElementsAre(Id("e"), Id("a"), tied[0], tied[1], Id("c")));
}

TEST_F(MysqlStoreTest, FindByIdSeesLiveAndExpiredWithoutData) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord live = MakeRecord("live");
  const SessionRecord expired = MakeRecord("expired", -absl::Hours(1));
  ASSERT_OK(store_->Insert(live));
  ASSERT_OK(store_->Insert(expired));

  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindById(live.session_id));
  SessionRecord expected = live;
  expected.data_json = "";
  ExpectSameRecord(found, expected);
  ASSERT_OK_AND_ASSIGN(found, store_->FindById(expired.session_id));
  EXPECT_EQ(found.key_hash, expired.key_hash);
  EXPECT_THAT(store_->FindById(SessionId("unknown")),
              StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND));
}

TEST_F(MysqlStoreTest, DeleteByIdChecksOwnerAndLiveness) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("mine");  // owned by user-42
  const SessionRecord expired = MakeRecord("old", -absl::Hours(1));
  ASSERT_OK(store_->Insert(record));
  ASSERT_OK(store_->Insert(expired));
  const auto not_found =
      StatusIsWithReason(absl::StatusCode::kNotFound, v1::ERROR_REASON_SESSION_NOT_FOUND);

  EXPECT_THAT(store_->DeleteById(record.session_id, "someone-else", kNow), not_found);
  EXPECT_OK(store_->FindLive(record.key_hash, kNow));
  EXPECT_OK(store_->DeleteById(record.session_id, "user-42", kNow));
  EXPECT_THAT(store_->FindLive(record.key_hash, kNow), not_found);
  EXPECT_THAT(store_->DeleteById(record.session_id, "user-42", kNow), not_found);
  EXPECT_THAT(store_->DeleteById(expired.session_id, "", kNow), not_found);

  const SessionRecord other = MakeRecord("admin-deletes");
  ASSERT_OK(store_->Insert(other));
  EXPECT_OK(store_->DeleteById(other.session_id, "", kNow));
  EXPECT_THAT(store_->FindLive(other.key_hash, kNow), not_found);
}

TEST_F(MysqlStoreTest, DeleteUserSessionsKeepsOneAndCountsLiveOnes) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  std::vector<SessionRecord> alice;
  for (const char* seed : {"a1", "a2", "a3", "a4"}) {
    alice.push_back(MakeRecord(seed));
    alice.back().user_id = "alice";
  }
  alice.push_back(MakeRecord("a-expired", -absl::Hours(1)));
  alice.back().user_id = "alice";
  SessionRecord bob = MakeRecord("b1");
  bob.user_id = "bob";
  for (const SessionRecord& record : alice) ASSERT_OK(store_->Insert(record));
  ASSERT_OK(store_->Insert(bob));

  // Keep the current session by key: three live ones end, the expired one
  // goes uncounted.
  EXPECT_THAT(store_->DeleteUserSessions("alice", alice[0].key_hash, "", kNow), IsOkAndHolds(3));
  EXPECT_OK(store_->FindLive(alice[0].key_hash, kNow));
  EXPECT_OK(store_->FindLive(bob.key_hash, kNow));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions WHERE user_id = 'alice'"),
              ElementsAre(ElementsAre("1")));

  // Keep by session id instead.
  SessionRecord again = MakeRecord("a5");
  again.user_id = "alice";
  ASSERT_OK(store_->Insert(again));
  EXPECT_THAT(store_->DeleteUserSessions("alice", "", again.session_id, kNow), IsOkAndHolds(1));
  EXPECT_OK(store_->FindLive(again.key_hash, kNow));

  // Everything.
  EXPECT_THAT(store_->DeleteUserSessions("alice", "", "", kNow), IsOkAndHolds(1));
  EXPECT_THAT(Query("SELECT user_id FROM sessions"), ElementsAre(ElementsAre("bob")));
}

TEST_F(MysqlStoreTest, DeleteExpiredBatchDeletesOldestExpiryFirst) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  for (int i = 1; i <= 5; ++i) {
    ASSERT_OK(store_->Insert(MakeRecord(absl::StrCat("expired-", i), -absl::Minutes(i))));
  }
  const SessionRecord live = MakeRecord("live");
  ASSERT_OK(store_->Insert(live));
  // Expiring exactly now counts as expired.
  ASSERT_OK(store_->Insert(MakeRecord("boundary", absl::ZeroDuration())));

  EXPECT_THAT(store_->DeleteExpiredBatch(kNow, 2), IsOkAndHolds(2));
  // The two that expired longest ago went first.
  EXPECT_THAT(Query(absl::StrCat("SELECT COUNT(*) FROM sessions WHERE "
                                 "expire_time <= ",
                                 ToStoredTime(kNow - absl::Minutes(4)))),
              ElementsAre(ElementsAre("0")));
  EXPECT_THAT(store_->DeleteExpiredBatch(kNow, 2), IsOkAndHolds(2));
  EXPECT_THAT(store_->DeleteExpiredBatch(kNow, 2), IsOkAndHolds(2));
  EXPECT_THAT(store_->DeleteExpiredBatch(kNow, 2), IsOkAndHolds(0));
  EXPECT_OK(store_->FindLive(live.key_hash, kNow));
  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions"), ElementsAre(ElementsAre("1")));
}

TEST_F(MysqlStoreTest, RunExclusiveCleanupAdmitsOneProcessAtATime) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  // Another replica on the same database.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, Open());

  bool other_ran = false;
  absl::StatusOr<bool> nested;
  EXPECT_THAT(store_->RunExclusiveCleanup([&] {
    nested = other->RunExclusiveCleanup([&] {
      other_ran = true;
      return absl::OkStatus();
    });
    return absl::OkStatus();
  }),
              IsOkAndHolds(true));
  EXPECT_THAT(nested, IsOkAndHolds(false));
  EXPECT_FALSE(other_ran);

  // Released afterwards, also after a failed cleanup.
  EXPECT_THAT(other->RunExclusiveCleanup([] { return absl::InternalError("cleanup failed"); }),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(store_->RunExclusiveCleanup([] { return absl::OkStatus(); }), IsOkAndHolds(true));
}

TEST_F(MysqlStoreTest, PingAnswersOk) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  EXPECT_OK(store_->Ping());
  EXPECT_OK(store_->Ping());
}

TEST_F(MysqlStoreTest, LockWaitTimeoutIsRetried) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore());
  const SessionRecord record = MakeRecord("locked");
  ASSERT_OK(store_->Insert(record));

  // Another client holds the row lock for 7 seconds (an autocommit UPDATE keeps
  // it until the statement ends; SLEEP() returns 0, so the row is unchanged):
  // longer than the store's 5 second lock wait timeout (1205), shorter than two
  // of them, so the second attempt succeeds.
  const std::string holder_sql = absl::StrCat(
      "UPDATE sessions SET version = version + SLEEP(7) WHERE key_hash = '", record.key_hash, "'");
  std::thread holder([&] { EXPECT_OK(database_->Execute(holder_sql)); });
  const bool holding = WaitFor(
      [&] {
        return !Query(
                    "SELECT id FROM information_schema.processlist "
                    "WHERE info LIKE 'UPDATE sessions SET version = version + "
                    "SLEEP(7)%' "
                    "AND state = 'User sleep'")
                    .empty();
      },
      absl::Seconds(10));

  ActivityUpdate touch;
  touch.key_hash = record.key_hash;
  touch.ip_address = "192.0.2.55";
  touch.last_activity_time = kNow;
  touch.expire_time = kNow + absl::Hours(2);
  absl::Status status = holding ? store_->RecordActivity(touch, kNow) : absl::OkStatus();
  holder.join();
  ASSERT_TRUE(holding);
  EXPECT_OK(status);
  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(record.key_hash, kNow));
  EXPECT_EQ(found.ip_address, "192.0.2.55");
}

TEST_F(MysqlStoreTest, PoolServesMoreConcurrentCallersThanItsSize) {
  USERSESSIONS_REQUIRE_MYSQL();
  constexpr int kPoolSize = 2;
  constexpr int kThreads = 8;
  constexpr int kSessionsPerThread = 20;
  ASSERT_NO_FATAL_FAILURE(CreateMigratedStore(kPoolSize));

  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSessionsPerThread; ++i) {
        const SessionRecord record = MakeRecord(absl::StrCat("pool-", t, "-", i));
        ActivityUpdate touch;
        touch.key_hash = record.key_hash;
        touch.last_activity_time = kNow;
        touch.expire_time = kNow + absl::Hours(1);
        if (!store_->Insert(record).ok() || !store_->FindLive(record.key_hash, kNow).ok() ||
            !store_->RecordActivity(touch, kNow).ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(Query("SELECT COUNT(*) FROM sessions"),
              ElementsAre(ElementsAre(std::to_string(kThreads * kSessionsPerThread))));
  // Never more connections than the pool size.
  EXPECT_THAT(Query(absl::StrCat("SELECT COUNT(*) <= ", kPoolSize,
                                 " FROM information_schema.processlist WHERE db = '", uri_.database,
                                 "' AND id <> CONNECTION_ID()")),
              ElementsAre(ElementsAre("1")));
}

// --- Error mapping (no database needed)
// ------------------------------------------------------

struct ErrorCase {
  int error_number;
  absl::StatusCode code;
  bool retryable;
  bool connection_dead;
};

class MysqlErrorMappingTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(MysqlErrorMappingTest, MapsTheErrorNumber) {
  const ErrorCase& test_case = GetParam();
  const absl::Status status = internal::MysqlErrorToStatus(test_case.error_number, "do a thing");
  EXPECT_THAT(status, StatusIs(test_case.code));
  EXPECT_EQ(internal::IsRetryableMysqlError(status), test_case.retryable);
  EXPECT_EQ(internal::IsMysqlConnectionDead(status), test_case.connection_dead);
  EXPECT_THAT(std::string(status.message()), HasSubstr("do a thing"));
  EXPECT_THAT(std::string(status.message()), HasSubstr(std::to_string(test_case.error_number)));
  if (test_case.code == absl::StatusCode::kUnavailable) {
    EXPECT_EQ(GetErrorReason(status), v1::ERROR_REASON_STORE_UNAVAILABLE);
  }
  if (test_case.code == absl::StatusCode::kAborted) {
    // Not to be mistaken for a version conflict.
    EXPECT_NE(GetErrorReason(status), v1::ERROR_REASON_VERSION_CONFLICT);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MysqlErrorMappingTest,
    ::testing::Values(ErrorCase{1062, absl::StatusCode::kAlreadyExists, false, false},
                      ErrorCase{1213, absl::StatusCode::kAborted, true, false},
                      ErrorCase{1205, absl::StatusCode::kAborted, true, false},
                      ErrorCase{2002, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{2003, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{2006, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{2013, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{2055, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{1053, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{1927, absl::StatusCode::kUnavailable, false, true},
                      ErrorCase{2014, absl::StatusCode::kInternal, false, true},
                      ErrorCase{1064, absl::StatusCode::kInternal, false, false},
                      ErrorCase{1146, absl::StatusCode::kInternal, false, false}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) {
      return absl::StrCat("Error", info.param.error_number);
    });

TEST(MysqlErrorMarkersTest, VersionConflictIsNotRetryable) {
  EXPECT_FALSE(internal::IsRetryableMysqlError(
      MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT, "conflict")));
  EXPECT_FALSE(internal::IsMysqlConnectionDead(StoreUnavailableError("pool exhausted")));
}

// Listing one user's sessions must use the (user_id, last_activity_time) index, never scan the
// table. docs/storage.md quotes this plan.
TEST(MysqlListPlanTest, ListingAUsersSessionsUsesTheUserActivityIndex) {
  USERSESSIONS_REQUIRE_MYSQL();
  ASSERT_OK_AND_ASSIGN(auto database, usersessions::testing::MysqlTestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(auto store, OpenMysqlStore(*ParseMysqlUri(database->uri()), 2,
                                                  migrations::MysqlMigrations()));
  ASSERT_OK(store->Migrate());
  // Enough rows that the optimizer prefers an index over a scan for real reasons.
  for (int i = 0; i < 200; ++i) {
    ASSERT_OK(database->Execute(
        absl::StrCat("INSERT INTO sessions VALUES ('", absl::StrFormat("%043d", i), "', '",
                     absl::StrFormat("%022d", i), "', 'user", i % 20, "', '{}', '', '', 60, 0, ", i,
                     ", ", i + 1000, ", 1)")));
  }
  ASSERT_OK(database->Execute("ANALYZE TABLE sessions"));
  ListQuery query;
  query.user_id = "user7";
  query.after = ListCursor{absl::FromUnixSeconds(1), "ZjgKD_BYFUf2jcwmEmA4iw"};
  std::string sql = internal::MysqlListSql(query);
  // EXPLAIN takes literals; the parameters are user_id, now, cursor time (twice), cursor id, limit.
  for (const char* literal :
       {"'user7'", "0", "1000000", "1000000", "'ZjgKD_BYFUf2jcwmEmA4iw'", "51"}) {
    sql.replace(sql.find('?'), 1, literal);
  }
  ASSERT_OK_AND_ASSIGN(auto plan, database->Query("EXPLAIN " + sql));
  ASSERT_EQ(plan.size(), 1u);
  // Columns: id, select_type, table, type, possible_keys, key, key_len, ref, rows, Extra.
  EXPECT_EQ(plan[0][5], "sessions_user_activity");
  EXPECT_NE(plan[0][3], "ALL") << "a full table scan";
}

}  // namespace
}  // namespace usersessions::server
