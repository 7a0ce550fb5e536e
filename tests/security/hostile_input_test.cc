// Hostile requests against a real sessiond with its default limits: oversized messages, huge and
// deeply nested Structs, control characters and NUL bytes in user ids, oversized queries. Each is
// refused with the right code, sessiond stays healthy, and the store is unchanged.
#include <memory>
#include <string>

#include "common/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/security/secured_sessiond.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::testing {
namespace {

using grpc::StatusCode;

// A Struct nested `depth` levels deep (the top-level Struct is level 1).
google::protobuf::Struct Nested(int depth) {
  google::protobuf::Struct top;
  google::protobuf::Struct* current = &top;
  for (int level = 1; level < depth; ++level) {
    current = (*current->mutable_fields())["n"].mutable_struct_value();
  }
  (*current->mutable_fields())["leaf"].set_bool_value(true);
  return top;
}

class HostileInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto sessiond = SessiondWithTokens::Start();
    ASSERT_OK(sessiond);
    sessiond_ = sessiond->release();
  }
  static void TearDownTestSuite() { delete sessiond_; }

  void SetUp() override {
    stub_ = SessionStoreStub(sessiond_->address());
    v1::CreateSessionRequest request;
    request.set_user_id("alice");
    (*request.mutable_data()->mutable_fields())["cart"].set_string_value("book");
    v1::CreateSessionResponse response;
    ASSERT_TRUE(
        stub_->CreateSession(ContextWithToken(kEngineToken).get(), request, &response).ok());
    key_ = response.session_key();
    version_ = response.session().version();
    sessions_before_ = CountSessions(*stub_, kAdminToken);
    ASSERT_GT(sessions_before_, 0);
  }

  // sessiond still serves, nothing was added, and the victim session is unchanged.
  void TearDown() override {
    EXPECT_EQ(CheckHealth(sessiond_->address()), grpc::health::v1::HealthCheckResponse::SERVING);
    EXPECT_EQ(CountSessions(*stub_, kAdminToken), sessions_before_);
    v1::LoadSessionRequest request;
    request.set_session_key(key_);
    v1::LoadSessionResponse response;
    ASSERT_TRUE(stub_->LoadSession(ContextWithToken(kEngineToken).get(), request, &response).ok());
    EXPECT_EQ(response.session().version(), version_);
    EXPECT_EQ(response.session().user_id(), "alice");
    EXPECT_EQ(response.session().data().fields().at("cart").string_value(), "book");
  }

  // CreateSession and SaveSession (on the victim session) with `data` and `user_id`; both must
  // fail with `code` and `reason` (no reason check when `reason` is UNSPECIFIED).
  void ExpectWritesRefused(const google::protobuf::Struct& data, const std::string& user_id,
                           StatusCode code, v1::ErrorReason reason) {
    v1::CreateSessionRequest create;
    *create.mutable_data() = data;
    create.set_user_id(user_id);
    v1::CreateSessionResponse created;
    const grpc::Status create_status =
        stub_->CreateSession(ContextWithToken(kEngineToken).get(), create, &created);
    EXPECT_EQ(create_status.error_code(), code) << create_status.error_message();

    v1::SaveSessionRequest save;
    save.set_session_key(key_);
    *save.mutable_data() = data;
    save.set_user_id(user_id);
    v1::SaveSessionResponse saved;
    const grpc::Status save_status =
        stub_->SaveSession(ContextWithToken(kEngineToken).get(), save, &saved);
    EXPECT_EQ(save_status.error_code(), code) << save_status.error_message();
    if (reason != v1::ERROR_REASON_UNSPECIFIED) {
      EXPECT_EQ(GetErrorReason(FromGrpcStatus(create_status)), reason);
      EXPECT_EQ(GetErrorReason(FromGrpcStatus(save_status)), reason);
    }
  }

  static SessiondWithTokens* sessiond_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
  std::string key_;
  int64_t version_ = 0;
  int64_t sessions_before_ = 0;
};

SessiondWithTokens* HostileInputTest::sessiond_ = nullptr;

TEST_F(HostileInputTest, FiveMegabytePayloadIsRefusedByTheTransport) {
  google::protobuf::Struct data;
  (*data.mutable_fields())["blob"].set_string_value(std::string(5 * 1024 * 1024, 'x'));
  ExpectWritesRefused(data, "alice", StatusCode::RESOURCE_EXHAUSTED, v1::ERROR_REASON_UNSPECIFIED);
}

TEST_F(HostileInputTest, HundredThousandElementStructsAreTooLarge) {
  google::protobuf::Struct fields;
  for (int i = 0; i < 100000; ++i) {
    (*fields.mutable_fields())[std::to_string(i)].set_number_value(i);
  }
  ExpectWritesRefused(fields, "alice", StatusCode::INVALID_ARGUMENT,
                      v1::ERROR_REASON_DATA_TOO_LARGE);

  google::protobuf::Struct list;
  auto* values = (*list.mutable_fields())["list"].mutable_list_value();
  for (int i = 0; i < 100000; ++i) values->add_values()->set_bool_value(true);
  ExpectWritesRefused(list, "alice", StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_DATA_TOO_LARGE);
}

TEST_F(HostileInputTest, StructsNestedPastTheDepthLimitAreTooDeep) {
  // The default --max-data-depth is 32.
  ExpectWritesRefused(Nested(33), "alice", StatusCode::INVALID_ARGUMENT,
                      v1::ERROR_REASON_DATA_TOO_DEEP);
}

TEST_F(HostileInputTest, StructsNestedPastTheDecoderLimitAreRefusedWithoutHarm) {
  // Each Struct level is three protobuf message levels; past protobuf's recursion limit of 100
  // (34 levels) the request cannot be decoded at all. sessiond decodes CreateSession and
  // SaveSession itself, so that this is INVALID_ARGUMENT with a reason rather than gRPC's own
  // empty UNIMPLEMENTED.
  for (int depth : {34, 5000}) {
    ExpectWritesRefused(Nested(depth), "alice", StatusCode::INVALID_ARGUMENT,
                        v1::ERROR_REASON_INVALID_ARGUMENT);
  }
}

TEST_F(HostileInputTest, ControlCharactersAndNulInUserIdsAreInvalid) {
  google::protobuf::Struct data;
  (*data.mutable_fields())["a"].set_number_value(1);
  for (const std::string& user_id :
       {std::string("ali\0ce", 6), std::string("\0", 1), std::string("alice\n"),
        std::string("al\x1b[31mice"), std::string("alice\x7f"),
        std::string("ali\xc2\x85"
                    "ce"),
        std::string(256, 'a')}) {
    ExpectWritesRefused(data, user_id, StatusCode::INVALID_ARGUMENT,
                        v1::ERROR_REASON_INVALID_USER_ID);
    v1::ListSessionsRequest list;
    list.set_user_id(user_id);
    v1::ListSessionsResponse listed;
    const grpc::Status status =
        stub_->ListSessions(ContextWithToken(kEngineToken).get(), list, &listed);
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(GetErrorReason(FromGrpcStatus(status)), v1::ERROR_REASON_INVALID_USER_ID);
  }
}

TEST_F(HostileInputTest, OversizedQueriesAndPageSizesAreBounded) {
  v1::ListSessionsRequest request;
  request.set_user_id("alice");
  request.set_query(std::string(257, 'q'));
  v1::ListSessionsResponse response;
  EXPECT_EQ(
      stub_->ListSessions(ContextWithToken(kEngineToken).get(), request, &response).error_code(),
      StatusCode::INVALID_ARGUMENT);

  request.set_query("");
  request.set_page_size(-1);
  EXPECT_EQ(
      stub_->ListSessions(ContextWithToken(kEngineToken).get(), request, &response).error_code(),
      StatusCode::INVALID_ARGUMENT);

  request.set_page_size(2147483647);
  EXPECT_TRUE(stub_->ListSessions(ContextWithToken(kEngineToken).get(), request, &response).ok());
  EXPECT_LE(response.sessions_size(), 1000);

  request.set_page_size(0);
  request.set_page_token(std::string(10000, 'A'));
  EXPECT_EQ(
      stub_->ListSessions(ContextWithToken(kEngineToken).get(), request, &response).error_code(),
      StatusCode::INVALID_ARGUMENT);
}

TEST_F(HostileInputTest, OversizedMetadataIsRefused) {
  auto context = ContextWithToken("");
  context->AddMetadata("authorization", "Bearer " + std::string(64 * 1024, 't'));
  v1::LoadSessionRequest request;
  request.set_session_key(key_);
  v1::LoadSessionResponse response;
  const grpc::Status status = stub_->LoadSession(context.get(), request, &response);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.error_code(), StatusCode::UNKNOWN) << status.error_message();
}

}  // namespace
}  // namespace usersessions::testing
