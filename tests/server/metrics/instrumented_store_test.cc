#include "server/metrics/instrumented_store.h"

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/store_factory.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::server::metrics {
namespace {

using ::testing::HasSubstr;
using ::usersessions::testing::StatusIs;

SessionRecord Record(const std::string& key_hash, const std::string& session_id) {
  SessionRecord record;
  record.key_hash = key_hash;
  record.session_id = session_id;
  record.data_json = "{}";
  record.idle_timeout = absl::Hours(1);
  record.create_time = absl::FromUnixSeconds(1700000000);
  record.last_activity_time = record.create_time;
  record.expire_time = record.create_time + absl::Hours(1);
  return record;
}

class InstrumentedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.uri = "sqlite:" + dir_.File("sessions.db");
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(options));
    store_ = InstrumentStore(std::move(store), &registry_);
    ASSERT_OK(store_->Migrate());
  }

  std::string Errors(const std::string& code) {
    const std::string text = registry_.Expose();
    const std::string prefix = "usersessions_store_errors_total{code=\"" + code + "\"} ";
    const size_t at = text.find(prefix);
    if (at == std::string::npos) return "absent";
    return text.substr(at + prefix.size(), text.find('\n', at) - at - prefix.size());
  }

  usersessions::testing::TempDir dir_;
  Registry registry_;
  std::unique_ptr<Store> store_;
};

TEST_F(InstrumentedStoreTest, ForwardsResultsUnchanged) {
  const absl::Time now = absl::FromUnixSeconds(1700000001);
  ASSERT_OK(store_->Insert(Record(std::string(43, 'a'), std::string(22, 'b'))));
  ASSERT_OK_AND_ASSIGN(SessionRecord found, store_->FindLive(std::string(43, 'a'), now));
  EXPECT_EQ(found.session_id, std::string(22, 'b'));
  EXPECT_THAT(store_->FindById(std::string(22, 'z')), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(InstrumentedStoreTest, CountsFailuresByCodeButNotMisses) {
  const absl::Time now = absl::FromUnixSeconds(1700000001);
  EXPECT_EQ(Errors("ALREADY_EXISTS"), "0");
  EXPECT_EQ(Errors("NOT_FOUND"), "absent");

  EXPECT_THAT(store_->FindLive(std::string(43, 'x'), now), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(store_->Insert(Record(std::string(43, 'a'), std::string(22, 'b'))));
  EXPECT_THAT(store_->Insert(Record(std::string(43, 'a'), std::string(22, 'c'))),
              StatusIs(absl::StatusCode::kAlreadyExists));
  DataUpdate update;
  update.key_hash = std::string(43, 'a');
  update.expected_version = 7;
  update.data_json = "{}";
  update.idle_timeout = absl::Hours(1);
  update.last_activity_time = now;
  update.expire_time = now + absl::Hours(1);
  EXPECT_THAT(store_->UpdateIfVersion(update, now), StatusIs(absl::StatusCode::kAborted));

  EXPECT_EQ(Errors("ALREADY_EXISTS"), "1");
  EXPECT_EQ(Errors("ABORTED"), "1");
  EXPECT_EQ(Errors("UNAVAILABLE"), "0");
  EXPECT_EQ(Errors("NOT_FOUND"), "absent");
}

TEST_F(InstrumentedStoreTest, ForwardsAsyncReads) {
  const absl::Time now = absl::FromUnixSeconds(1700000001);
  ASSERT_OK(store_->Insert(Record(std::string(43, 'a'), std::string(22, 'b'))));
  absl::StatusOr<SessionRecord> found;
  store_->FindLiveAsync(std::string(43, 'a'), now,
                        [&](absl::StatusOr<SessionRecord> record) { found = std::move(record); });
  ASSERT_OK(found);  // SQLite reads in place, so the callback has run.
  EXPECT_EQ(found->session_id, std::string(22, 'b'));
  store_->FindLiveAsync(std::string(43, 'x'), now,
                        [&](absl::StatusOr<SessionRecord> record) { found = std::move(record); });
  EXPECT_THAT(found, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Errors("NOT_FOUND"), "absent");
}

TEST_F(InstrumentedStoreTest, ForwardsPoolStats) {
  ASSERT_OK(store_->Ping());
  const Store::PoolStats stats = store_->GetPoolStats();
  EXPECT_EQ(stats.in_use, 0u);
  EXPECT_GE(stats.idle, 1u);
  EXPECT_THAT(registry_.Expose(), HasSubstr("# TYPE usersessions_store_errors_total counter\n"));
}

}  // namespace
}  // namespace usersessions::server::metrics
