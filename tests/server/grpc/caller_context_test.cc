// AuthenticateCaller over real gRPC on loopback: the metadata a client sends reaches the
// Authenticator intact, from both server APIs sessiond uses (callback for SessionStore,
// synchronous for health and reflection).
#include "server/grpc/caller_context.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

constexpr char kEngineToken[] = "engine-token-for-the-caller-context-test";
constexpr char kAdminToken[] = "admin-token-for-the-caller-context-test";

// Reports the caller's role as the health status: SERVING for admin, NOT_SERVING for engine.
HealthCheckResponse::ServingStatus StatusFor(const Caller& caller) {
  return caller.role == Caller::Role::kAdmin ? HealthCheckResponse::SERVING
                                             : HealthCheckResponse::NOT_SERVING;
}

class CallbackProbe final : public Health::CallbackService {
 public:
  explicit CallbackProbe(const Authenticator* authenticator) : authenticator_(authenticator) {}
  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context, const HealthCheckRequest*,
                                  HealthCheckResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::StatusOr<Caller> caller = AuthenticateCaller(*context, *authenticator_);
    if (caller.ok()) response->set_status(StatusFor(*caller));
    reactor->Finish(ToGrpcStatus(caller.status()));
    return reactor;
  }

 private:
  const Authenticator* authenticator_;
};

class SyncProbe final : public Health::Service {
 public:
  explicit SyncProbe(const Authenticator* authenticator) : authenticator_(authenticator) {}
  grpc::Status Check(grpc::ServerContext* context, const HealthCheckRequest*,
                     HealthCheckResponse* response) override {
    absl::StatusOr<Caller> caller = AuthenticateCaller(*context, *authenticator_);
    if (caller.ok()) response->set_status(StatusFor(*caller));
    return ToGrpcStatus(caller.status());
  }

 private:
  const Authenticator* authenticator_;
};

Authenticator TokensAuthenticator() {
  absl::StatusOr<TokenTable> table =
      TokenTable::Parse(absl::StrCat("engine sha256:", HexEncode(Sha256(kEngineToken)),
                                     "\nadmin sha256:", HexEncode(Sha256(kAdminToken)), "\n"));
  EXPECT_TRUE(table.ok()) << table.status();
  return Authenticator(*std::move(table));
}

// One server per API, each with authentication on and one with it off.
class CallerContextTest : public ::testing::TestWithParam<bool /*callback*/> {
 protected:
  void SetUp() override {
    with_tokens_ = Start(&tokens_);
    without_tokens_ = Start(&Authenticator::AllowAll());
  }
  void TearDown() override {
    for (auto& server : servers_) server->Shutdown();
  }

  std::unique_ptr<Health::Stub> Start(const Authenticator* authenticator) {
    if (GetParam()) {
      services_.push_back(std::make_unique<CallbackProbe>(authenticator));
    } else {
      services_.push_back(std::make_unique<SyncProbe>(authenticator));
    }
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(services_.back().get());
    servers_.push_back(builder.BuildAndStart());
    EXPECT_NE(port, 0);
    return Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  // Calls `stub` with these `authorization` headers; the caller's role comes back as the status.
  static absl::StatusOr<HealthCheckResponse::ServingStatus> Call(
      Health::Stub& stub, const std::vector<std::string>& authorization) {
    grpc::ClientContext context;
    for (const std::string& value : authorization) context.AddMetadata("authorization", value);
    HealthCheckResponse response;
    const grpc::Status status = stub.Check(&context, HealthCheckRequest(), &response);
    if (!status.ok()) return FromGrpcStatus(status);
    return response.status();
  }

  Authenticator tokens_ = TokensAuthenticator();
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::vector<std::unique_ptr<grpc::Server>> servers_;
  std::unique_ptr<Health::Stub> with_tokens_;
  std::unique_ptr<Health::Stub> without_tokens_;
};

TEST_P(CallerContextTest, EachTokenGivesItsRole) {
  EXPECT_EQ(Call(*with_tokens_, {absl::StrCat("Bearer ", kEngineToken)})
                .value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(Call(*with_tokens_, {absl::StrCat("Bearer ", kAdminToken)})
                .value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
  // The scheme is case-insensitive, as HTTP's is.
  EXPECT_EQ(Call(*with_tokens_, {absl::StrCat("bearer ", kAdminToken)})
                .value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
}

TEST_P(CallerContextTest, MissingWrongOrRepeatedCredentialsAreUnauthenticated) {
  for (const std::vector<std::string>& headers : std::vector<std::vector<std::string>>{
           {},
           {"Bearer not-a-known-token"},
           {kEngineToken},
           {absl::StrCat("Basic ", kEngineToken)},
           {absl::StrCat("Bearer ", kEngineToken), absl::StrCat("Bearer ", kAdminToken)}}) {
    absl::StatusOr<HealthCheckResponse::ServingStatus> result = Call(*with_tokens_, headers);
    ASSERT_FALSE(result.ok()) << headers.size() << " header(s)";
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(GetErrorReason(result.status()), v1::ERROR_REASON_UNAUTHENTICATED);
  }
}

TEST_P(CallerContextTest, WithAuthenticationOffEveryCallerIsAdmin) {
  EXPECT_EQ(Call(*without_tokens_, {}).value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
  EXPECT_EQ(Call(*without_tokens_, {"Bearer anything"}).value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
}

INSTANTIATE_TEST_SUITE_P(BothServerApis, CallerContextTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? std::string("Callback") : std::string("Sync");
                         });

}  // namespace
}  // namespace usersessions::server
