// Every SessionStore RPC against a real sessiond with --auth-tokens-file, called with no token, a
// wrong token, an engine token and an admin token: the exact code (and ErrorInfo reason) of each.
// Health and reflection stay open without a token.
#include <functional>
#include <memory>
#include <string>

#include "common/grpc_status.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/security/secured_sessiond.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::testing {
namespace {

using grpc::StatusCode;

// A fresh session of "alice" for each call, so that calls that end or cycle it do not interfere.
struct Target {
  std::string key;
  std::string id;
};

using Rpc =
    std::function<grpc::Status(v1::SessionStore::Stub&, grpc::ClientContext*, const Target&)>;

struct Row {
  std::string name;
  Rpc rpc;
  StatusCode engine;  // The code for an engine token; an admin token always succeeds.
};

std::vector<Row> Rows() {
  using Stub = v1::SessionStore::Stub;
  return {
      {"CreateSession",
       [](Stub& stub, grpc::ClientContext* context, const Target&) {
         v1::CreateSessionRequest request;
         request.set_user_id("alice");
         v1::CreateSessionResponse response;
         return stub.CreateSession(context, request, &response);
       },
       StatusCode::OK},
      {"LoadSession",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::LoadSessionRequest request;
         request.set_session_key(target.key);
         v1::LoadSessionResponse response;
         return stub.LoadSession(context, request, &response);
       },
       StatusCode::OK},
      {"SaveSession",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::SaveSessionRequest request;
         request.set_session_key(target.key);
         (*request.mutable_data()->mutable_fields())["cart"].set_string_value("book");
         v1::SaveSessionResponse response;
         return stub.SaveSession(context, request, &response);
       },
       StatusCode::OK},
      {"CycleSessionKey",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::CycleSessionKeyRequest request;
         request.set_session_key(target.key);
         v1::CycleSessionKeyResponse response;
         return stub.CycleSessionKey(context, request, &response);
       },
       StatusCode::OK},
      {"DeleteSession",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::DeleteSessionRequest request;
         request.set_session_key(target.key);
         v1::DeleteSessionResponse response;
         return stub.DeleteSession(context, request, &response);
       },
       StatusCode::OK},
      {"ListSessions(one user)",
       [](Stub& stub, grpc::ClientContext* context, const Target&) {
         v1::ListSessionsRequest request;
         request.set_user_id("alice");
         v1::ListSessionsResponse response;
         return stub.ListSessions(context, request, &response);
       },
       StatusCode::OK},
      {"ListSessions(all users)",
       [](Stub& stub, grpc::ClientContext* context, const Target&) {
         v1::ListSessionsRequest request;
         v1::ListSessionsResponse response;
         return stub.ListSessions(context, request, &response);
       },
       StatusCode::PERMISSION_DENIED},
      {"GetSession(owner)",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::GetSessionRequest request;
         request.set_user_id("alice");
         request.set_session_id(target.id);
         v1::GetSessionResponse response;
         return stub.GetSession(context, request, &response);
       },
       StatusCode::OK},
      {"GetSession(any user)",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::GetSessionRequest request;
         request.set_session_id(target.id);
         v1::GetSessionResponse response;
         return stub.GetSession(context, request, &response);
       },
       StatusCode::PERMISSION_DENIED},
      {"RevokeSession(owner)",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::RevokeSessionRequest request;
         request.set_user_id("alice");
         request.set_session_id(target.id);
         v1::RevokeSessionResponse response;
         return stub.RevokeSession(context, request, &response);
       },
       StatusCode::OK},
      {"RevokeSession(any user)",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::RevokeSessionRequest request;
         request.set_session_id(target.id);
         v1::RevokeSessionResponse response;
         return stub.RevokeSession(context, request, &response);
       },
       StatusCode::PERMISSION_DENIED},
      {"RevokeUserSessions",
       [](Stub& stub, grpc::ClientContext* context, const Target& target) {
         v1::RevokeUserSessionsRequest request;
         request.set_user_id("alice");
         request.set_keep_session_id(target.id);
         v1::RevokeUserSessionsResponse response;
         return stub.RevokeUserSessions(context, request, &response);
       },
       StatusCode::OK},
      {"DeleteExpiredSessions",
       [](Stub& stub, grpc::ClientContext* context, const Target&) {
         v1::DeleteExpiredSessionsRequest request;
         v1::DeleteExpiredSessionsResponse response;
         return stub.DeleteExpiredSessions(context, request, &response);
       },
       StatusCode::PERMISSION_DENIED},
  };
}

class AuthMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto sessiond = SessiondWithTokens::Start();
    ASSERT_OK(sessiond);
    sessiond_ = sessiond->release();
  }
  static void TearDownTestSuite() { delete sessiond_; }

  void SetUp() override { stub_ = SessionStoreStub(sessiond_->address()); }

  Target NewTarget() {
    v1::CreateSessionRequest request;
    request.set_user_id("alice");
    v1::CreateSessionResponse response;
    const grpc::Status status =
        stub_->CreateSession(ContextWithToken(kAdminToken).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.session_key(), response.session().session_id()};
  }

  grpc::Status Call(const Row& row, const std::string& token) {
    return row.rpc(*stub_, ContextWithToken(token).get(), NewTarget());
  }

  static SessiondWithTokens* sessiond_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
};

SessiondWithTokens* AuthMatrixTest::sessiond_ = nullptr;

TEST_F(AuthMatrixTest, EveryRpcChecksTheTokenAndTheRole) {
  for (const Row& row : Rows()) {
    for (const std::string token : {"", "not-a-listed-token"}) {
      const grpc::Status status = Call(row, token);
      EXPECT_EQ(status.error_code(), StatusCode::UNAUTHENTICATED)
          << row.name << " with token \"" << token << "\": " << status.error_message();
      EXPECT_THAT(FromGrpcStatus(status), StatusIsWithReason(absl::StatusCode::kUnauthenticated,
                                                             v1::ERROR_REASON_UNAUTHENTICATED))
          << row.name;
    }
    const grpc::Status engine = Call(row, kEngineToken);
    EXPECT_EQ(engine.error_code(), row.engine)
        << row.name << " as engine: " << engine.error_message();
    if (row.engine == StatusCode::PERMISSION_DENIED) {
      EXPECT_THAT(FromGrpcStatus(engine), StatusIsWithReason(absl::StatusCode::kPermissionDenied,
                                                             v1::ERROR_REASON_PERMISSION_DENIED))
          << row.name;
    }
    const grpc::Status admin = Call(row, kAdminToken);
    EXPECT_EQ(admin.error_code(), StatusCode::OK)
        << row.name << " as admin: " << admin.error_message();
  }
}

TEST_F(AuthMatrixTest, MalformedAuthorizationHeadersAreUnauthenticated) {
  const Row& load = Rows()[1];
  for (const std::string& value :
       {std::string("Basic ") + kEngineToken, std::string(kEngineToken), std::string("Bearer"),
        std::string("Bearer ") + kEngineToken + "x"}) {
    auto context = ContextWithToken("");
    context->AddMetadata("authorization", value);
    EXPECT_EQ(load.rpc(*stub_, context.get(), NewTarget()).error_code(),
              StatusCode::UNAUTHENTICATED)
        << value;
  }
  auto twice = ContextWithToken(kEngineToken);
  twice->AddMetadata("authorization", std::string("Bearer ") + kAdminToken);
  EXPECT_EQ(load.rpc(*stub_, twice.get(), NewTarget()).error_code(), StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthMatrixTest, HealthAndReflectionNeedNoToken) {
  EXPECT_EQ(CheckHealth(sessiond_->address()), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(sessiond_->address(), "liveness"),
            grpc::health::v1::HealthCheckResponse::SERVING);

  // Server reflection: list the services, as grpcurl and buf curl do.
  auto channel = grpc::CreateChannel(sessiond_->address(), grpc::InsecureChannelCredentials());
  grpc::GenericStub generic(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue queue;
  // ServerReflectionRequest{list_services: "*"}: field 7, string.
  const std::string request("\x3a\x01*", 3);
  grpc::Slice slice(request);
  grpc::ByteBuffer buffer(&slice, 1);
  auto call = generic.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  void* tag = nullptr;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(queue.Next(&tag, &ok) && ok);
  call->Write(buffer, reinterpret_cast<void*>(2));
  ASSERT_TRUE(queue.Next(&tag, &ok) && ok);
  grpc::ByteBuffer reply;
  call->Read(&reply, reinterpret_cast<void*>(3));
  ASSERT_TRUE(queue.Next(&tag, &ok));
  ASSERT_TRUE(ok) << "reflection call failed";
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(reply.Dump(&slices).ok());
  std::string text;
  for (const grpc::Slice& part : slices) {
    text.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  EXPECT_THAT(text, ::testing::HasSubstr("usersessions.v1.SessionStore"));
  call->WritesDone(reinterpret_cast<void*>(4));
  queue.Next(&tag, &ok);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  while (queue.Next(&tag, &ok) && tag != reinterpret_cast<void*>(5)) {
  }
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

}  // namespace
}  // namespace usersessions::testing
