#include "server/metrics/rpc_metrics.h"

#include <memory>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::server::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Answers LoadSession with OK and GetSession with NOT_FOUND; every other RPC is UNIMPLEMENTED.
class FakeSessionStore final : public v1::SessionStore::Service {
 public:
  grpc::Status LoadSession(grpc::ServerContext*, const v1::LoadSessionRequest*,
                           v1::LoadSessionResponse*) override {
    return grpc::Status::OK;
  }
  grpc::Status GetSession(grpc::ServerContext*, const v1::GetSessionRequest*,
                          v1::GetSessionResponse*) override {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "session not found");
  }
};

class RpcMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(MakeRpcMetricsInterceptor(&metrics_));
    builder.experimental().SetInterceptorCreators(std::move(creators));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::SessionStore::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { server_->Shutdown(); }

  Registry registry_;
  RpcMetrics metrics_{&registry_};
  FakeSessionStore service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
};

TEST_F(RpcMetricsTest, CountsCallsByMethodAndCode) {
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    v1::LoadSessionResponse response;
    ASSERT_TRUE(stub_->LoadSession(&context, v1::LoadSessionRequest(), &response).ok());
  }
  grpc::ClientContext get_context;
  v1::GetSessionResponse get_response;
  EXPECT_EQ(stub_->GetSession(&get_context, v1::GetSessionRequest(), &get_response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext cycle_context;
  v1::CycleSessionKeyResponse cycle_response;
  EXPECT_EQ(stub_->CycleSessionKey(&cycle_context, v1::CycleSessionKeyRequest(), &cycle_response)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);

  const std::string text = registry_.Expose();
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_requests_total{method=\"usersessions.v1."
                              "SessionStore/LoadSession\",code=\"OK\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_requests_total{method=\"usersessions.v1."
                              "SessionStore/GetSession\",code=\"NOT_FOUND\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_requests_total{method=\"usersessions.v1."
                              "SessionStore/GetSession\",code=\"OK\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_requests_total{method=\"usersessions.v1."
                              "SessionStore/CycleSessionKey\",code=\"UNIMPLEMENTED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_duration_seconds_count{method=\"usersessions.v1."
                              "SessionStore/LoadSession\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_duration_seconds_bucket{method=\"usersessions.v1."
                              "SessionStore/LoadSession\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, Not(HasSubstr("SaveSession")));
}

TEST(RpcMetricsRecordTest, RecordsDurationsIntoBuckets) {
  Registry registry;
  RpcMetrics metrics(&registry);
  metrics.Record("/pkg.S/M", grpc::StatusCode::UNAVAILABLE, absl::Milliseconds(3));
  metrics.Record("/pkg.S/M", grpc::StatusCode::OK, absl::Seconds(20));
  const std::string text = registry.Expose();
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_duration_seconds_bucket{method=\"pkg.S/M\","
                              "le=\"0.0025\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_duration_seconds_bucket{method=\"pkg.S/M\","
                              "le=\"0.005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("usersessions_rpc_duration_seconds_bucket{method=\"pkg.S/M\","
                              "le=\"10\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("usersessions_rpc_duration_seconds_sum{method=\"pkg.S/M\"} 20.003\n"));
  EXPECT_THAT(text, HasSubstr("{method=\"pkg.S/M\",code=\"UNAVAILABLE\"} 1\n"));
}

TEST(GrpcCodeNameTest, NamesEveryCanonicalCode) {
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::FAILED_PRECONDITION), "FAILED_PRECONDITION");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_STREQ(GrpcCodeName(static_cast<grpc::StatusCode>(99)), "UNKNOWN");
}

}  // namespace
}  // namespace usersessions::server::metrics
