// The SessionStore service over real gRPC on loopback (port 0), backed by a real SQLite store:
// every engine RPC's success path, and the exact code and ErrorInfo of each bad input.
#include "server/grpc/session_store_service.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/storage/store_factory.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/store_backends.h"

namespace usersessions::server {
namespace {

constexpr int kMaxDataBytes = 16 * 1024;
constexpr int kMaxMessageBytes = 64 * 1024;

// Runs against every Store backend, so that each RPC is exercised over real gRPC on SQLite and
// on MariaDB.
template <typename Backend>
class SessionStoreServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Backend::kIsMysql) USERSESSIONS_REQUIRE_MYSQL();
    ASSERT_OK_AND_ASSIGN(store_, backend_.Open());
    ASSERT_OK(store_->Migrate());
    SessionServiceOptions service_options;
    service_options.data_limits.max_bytes = kMaxDataBytes;
    service_options.data_limits.max_depth = 8;
    service_ = std::make_unique<SessionService>(store_.get(), &clock_, &random_, service_options);
    management_ =
        std::make_unique<ManagementService>(store_.get(), &clock_, &page_tokens_, &enricher_);
    grpc_service_ = std::make_unique<SessionStoreServiceImpl>(service_.get(), management_.get());

    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    builder.RegisterService(grpc_service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(16 * 1024 * 1024);
    stub_ = v1::SessionStore::NewStub(grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  std::string CreateKey() {
    grpc::ClientContext context;
    v1::CreateSessionRequest request;
    (*request.mutable_data()->mutable_fields())["a"].set_number_value(1);
    v1::CreateSessionResponse response;
    EXPECT_TRUE(stub_->CreateSession(&context, request, &response).ok());
    return response.session_key();
  }

  Backend backend_;
  usersessions::testing::FakeClock clock_;
  OsSecureRandom random_;
  std::unique_ptr<Store> store_;
  PageTokenCodec page_tokens_{"test-page-token-secret"};
  SessionEnricher enricher_;
  std::unique_ptr<SessionService> service_;
  std::unique_ptr<ManagementService> management_;
  std::unique_ptr<SessionStoreServiceImpl> grpc_service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
};

TYPED_TEST_SUITE(SessionStoreServiceTest, usersessions::testing::StoreBackends,
                 usersessions::testing::StoreBackendNames);

TYPED_TEST(SessionStoreServiceTest, EveryEngineRpcSucceedsOverGrpc) {
  grpc::ClientContext create_context;
  v1::CreateSessionRequest create;
  (*create.mutable_data()->mutable_fields())["cart"].set_string_value("book");
  create.set_user_id("alice");
  create.mutable_client()->set_ip_address("203.0.113.7");
  v1::CreateSessionResponse created;
  ASSERT_TRUE(this->stub_->CreateSession(&create_context, create, &created).ok());

  grpc::ClientContext load_context;
  v1::LoadSessionRequest load;
  load.set_session_key(created.session_key());
  v1::LoadSessionResponse loaded;
  ASSERT_TRUE(this->stub_->LoadSession(&load_context, load, &loaded).ok());
  EXPECT_EQ(loaded.session().data().fields().at("cart").string_value(), "book");
  EXPECT_EQ(loaded.session().user_id(), "alice");

  grpc::ClientContext save_context;
  v1::SaveSessionRequest save;
  save.set_session_key(created.session_key());
  (*save.mutable_data()->mutable_fields())["cart"].set_string_value("pen");
  save.set_expected_version(1);
  v1::SaveSessionResponse saved;
  ASSERT_TRUE(this->stub_->SaveSession(&save_context, save, &saved).ok());
  EXPECT_EQ(saved.session().version(), 2);

  grpc::ClientContext cycle_context;
  v1::CycleSessionKeyRequest cycle;
  cycle.set_session_key(created.session_key());
  v1::CycleSessionKeyResponse cycled;
  ASSERT_TRUE(this->stub_->CycleSessionKey(&cycle_context, cycle, &cycled).ok());
  EXPECT_EQ(cycled.session().session_id(), created.session().session_id());

  grpc::ClientContext delete_context;
  v1::DeleteSessionRequest del;
  del.set_session_key(cycled.session_key());
  v1::DeleteSessionResponse deleted;
  ASSERT_TRUE(this->stub_->DeleteSession(&delete_context, del, &deleted).ok());

  grpc::ClientContext gone_context;
  load.set_session_key(cycled.session_key());
  grpc::Status gone = this->stub_->LoadSession(&gone_context, load, &loaded);
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::NOT_FOUND);
  auto info = GetErrorInfo(gone);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "SESSION_NOT_FOUND");
  EXPECT_EQ(info->domain(), "usersessions.v1");
}

google::protobuf::Struct NestedData(int depth) {
  google::protobuf::Struct root;
  google::protobuf::Struct* current = &root;
  for (int i = 1; i < depth; ++i) {
    current = (*current->mutable_fields())["n"].mutable_struct_value();
  }
  (*current->mutable_fields())["leaf"].set_bool_value(true);
  return root;
}

struct BadInputCase {
  std::string name;
  // Fills the request; `key` is a valid existing session key.
  std::function<grpc::Status(v1::SessionStore::Stub*, const std::string& key)> call;
  grpc::StatusCode code;
  std::string reason;  // Empty: no ErrorInfo is expected (gRPC's own errors).
};

grpc::Status CallSave(v1::SessionStore::Stub* stub, const v1::SaveSessionRequest& request) {
  grpc::ClientContext context;
  v1::SaveSessionResponse response;
  return stub->SaveSession(&context, request, &response);
}

grpc::Status CallCreate(v1::SessionStore::Stub* stub, const v1::CreateSessionRequest& request) {
  grpc::ClientContext context;
  v1::CreateSessionResponse response;
  return stub->CreateSession(&context, request, &response);
}

grpc::Status CallLoad(v1::SessionStore::Stub* stub, const std::string& key) {
  grpc::ClientContext context;
  v1::LoadSessionRequest request;
  request.set_session_key(key);
  v1::LoadSessionResponse response;
  return stub->LoadSession(&context, request, &response);
}

std::vector<BadInputCase> BadInputCases() {
  using Stub = v1::SessionStore::Stub;
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  return {
      {"EmptyKey", [](Stub* s, const std::string&) { return CallLoad(s, ""); }, kInvalid,
       "INVALID_SESSION_KEY"},
      {"GarbageKey", [](Stub* s, const std::string&) { return CallLoad(s, "not a key!"); },
       kInvalid, "INVALID_SESSION_KEY"},
      {"KeyWithWrongAlphabet",
       [](Stub* s, const std::string& key) { return CallLoad(s, key.substr(0, 42) + "+"); },
       kInvalid, "INVALID_SESSION_KEY"},
      {"KeyTooLong", [](Stub* s, const std::string& key) { return CallLoad(s, key + "A"); },
       kInvalid, "INVALID_SESSION_KEY"},
      {"DeleteWithGarbageKey",
       [](Stub* s, const std::string&) {
         grpc::ClientContext context;
         v1::DeleteSessionRequest request;
         request.set_session_key("short");
         v1::DeleteSessionResponse response;
         return s->DeleteSession(&context, request, &response);
       },
       kInvalid, "INVALID_SESSION_KEY"},
      {"OversizedPayload",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         (*request.mutable_data()->mutable_fields())["blob"].set_string_value(
             std::string(kMaxDataBytes, 'x'));
         return CallSave(s, request);
       },
       kInvalid, "DATA_TOO_LARGE"},
      {"PayloadBeyondTheMessageLimit",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         (*request.mutable_data()->mutable_fields())["blob"].set_string_value(
             std::string(2 * kMaxMessageBytes, 'x'));
         return CallSave(s, request);
       },
       grpc::StatusCode::RESOURCE_EXHAUSTED, ""},
      {"DataTooDeep",
       [](Stub* s, const std::string&) {
         v1::CreateSessionRequest request;
         *request.mutable_data() = NestedData(9);
         return CallCreate(s, request);
       },
       kInvalid, "DATA_TOO_DEEP"},
      {"InvalidIp",
       [](Stub* s, const std::string&) {
         v1::CreateSessionRequest request;
         request.mutable_client()->set_ip_address("10.0.0.256");
         return CallCreate(s, request);
       },
       kInvalid, "INVALID_IP_ADDRESS"},
      {"InvalidIpOnLoad",
       [](Stub* s, const std::string& key) {
         grpc::ClientContext context;
         v1::LoadSessionRequest request;
         request.set_session_key(key);
         request.mutable_client()->set_ip_address("example.com");
         v1::LoadSessionResponse response;
         return s->LoadSession(&context, request, &response);
       },
       kInvalid, "INVALID_IP_ADDRESS"},
      {"UserIdWithControlCharacter",
       [](Stub* s, const std::string&) {
         v1::CreateSessionRequest request;
         request.set_user_id("alice\nadmin");
         return CallCreate(s, request);
       },
       kInvalid, "INVALID_USER_ID"},
      {"UserIdWithNul",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         request.set_user_id(std::string("al\0ice", 6));
         return CallSave(s, request);
       },
       kInvalid, "INVALID_USER_ID"},
      {"UserIdTooLong",
       [](Stub* s, const std::string&) {
         v1::CreateSessionRequest request;
         request.set_user_id(std::string(256, 'u'));
         return CallCreate(s, request);
       },
       kInvalid, "INVALID_USER_ID"},
      {"NegativeTtl",
       [](Stub* s, const std::string&) {
         v1::CreateSessionRequest request;
         request.mutable_ttl()->set_seconds(-5);
         return CallCreate(s, request);
       },
       kInvalid, "INVALID_ARGUMENT"},
      {"NegativeTtlOnSave",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         request.mutable_ttl()->set_seconds(-1);
         return CallSave(s, request);
       },
       kInvalid, "INVALID_ARGUMENT"},
      {"NegativeExpectedVersion",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         request.set_expected_version(-1);
         return CallSave(s, request);
       },
       kInvalid, "INVALID_ARGUMENT"},
      {"StaleExpectedVersion",
       [](Stub* s, const std::string& key) {
         v1::SaveSessionRequest request;
         request.set_session_key(key);
         request.set_expected_version(7);
         return CallSave(s, request);
       },
       grpc::StatusCode::ABORTED, "VERSION_CONFLICT"},
  };
}

TYPED_TEST(SessionStoreServiceTest, BadInputGetsTheExactCodeAndReasonAndChangesNothing) {
  for (const BadInputCase& test_case : BadInputCases()) {
    SCOPED_TRACE(test_case.name);
    const std::string key = this->CreateKey();
    grpc::Status status = test_case.call(this->stub_.get(), key);
    EXPECT_EQ(status.error_code(), test_case.code) << status.error_message();
    EXPECT_FALSE(status.error_message().empty());
    std::optional<google::rpc::ErrorInfo> info = GetErrorInfo(status);
    if (test_case.reason.empty()) {
      EXPECT_FALSE(info.has_value());
    } else {
      ASSERT_TRUE(info.has_value());
      EXPECT_EQ(info->reason(), test_case.reason);
      EXPECT_EQ(info->domain(), "usersessions.v1");
    }
    // The existing session is untouched.
    grpc::ClientContext context;
    v1::LoadSessionRequest load;
    load.set_session_key(key);
    v1::LoadSessionResponse loaded;
    ASSERT_TRUE(this->stub_->LoadSession(&context, load, &loaded).ok());
    EXPECT_EQ(loaded.session().version(), 1);
    EXPECT_EQ(loaded.session().data().fields().at("a").number_value(), 1);
  }
}

TYPED_TEST(SessionStoreServiceTest, ManagementRpcsAnswerOverGrpc) {
  grpc::ClientContext create_context;
  v1::CreateSessionRequest create;
  create.set_user_id("alice");
  create.mutable_client()->set_user_agent("curl/8.4.0");
  v1::CreateSessionResponse created;
  ASSERT_TRUE(this->stub_->CreateSession(&create_context, create, &created).ok());

  grpc::ClientContext list_context;
  v1::ListSessionsRequest list;
  list.set_user_id("alice");
  v1::ListSessionsResponse listed;
  ASSERT_TRUE(this->stub_->ListSessions(&list_context, list, &listed).ok());
  ASSERT_EQ(listed.sessions_size(), 1);
  EXPECT_EQ(listed.sessions(0).device().display(), "curl");

  grpc::ClientContext get_context;
  v1::GetSessionRequest get;
  get.set_user_id("alice");
  get.set_session_id(created.session().session_id());
  v1::GetSessionResponse got;
  ASSERT_TRUE(this->stub_->GetSession(&get_context, get, &got).ok());

  grpc::ClientContext revoke_context;
  v1::RevokeSessionRequest revoke;
  revoke.set_user_id("bob");
  revoke.set_session_id(created.session().session_id());
  v1::RevokeSessionResponse revoked;
  grpc::Status foreign = this->stub_->RevokeSession(&revoke_context, revoke, &revoked);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(GetErrorInfo(foreign).has_value());
  EXPECT_EQ(GetErrorInfo(foreign)->reason(), "SESSION_NOT_FOUND");

  grpc::ClientContext all_context;
  v1::RevokeUserSessionsRequest all;
  all.set_user_id("alice");
  v1::RevokeUserSessionsResponse all_revoked;
  ASSERT_TRUE(this->stub_->RevokeUserSessions(&all_context, all, &all_revoked).ok());
  EXPECT_EQ(all_revoked.revoked_count(), 1);

  grpc::ClientContext cleanup_context;
  v1::DeleteExpiredSessionsRequest cleanup;
  v1::DeleteExpiredSessionsResponse cleaned;
  ASSERT_TRUE(this->stub_->DeleteExpiredSessions(&cleanup_context, cleanup, &cleaned).ok());

  grpc::ClientContext bad_context;
  list.set_page_size(-1);
  grpc::Status bad = this->stub_->ListSessions(&bad_context, list, &listed);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(GetErrorInfo(bad)->reason(), "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace usersessions::server
