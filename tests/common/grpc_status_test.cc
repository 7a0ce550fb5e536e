#include "common/grpc_status.h"

#include "common/errors.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace usersessions {
namespace {

TEST(GrpcStatusTest, ErrorInfoTravelsInTheStatusDetails) {
  grpc::Status wire = ToGrpcStatus(
      MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT, "conflict"));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(wire.error_message(), "conflict");
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(wire.error_details()));
  EXPECT_EQ(details.code(), static_cast<int>(grpc::StatusCode::ABORTED));
  auto info = GetErrorInfo(wire);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "VERSION_CONFLICT");
  EXPECT_EQ(info->domain(), "usersessions.v1");

  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(back.message(), "conflict");
  EXPECT_EQ(GetErrorReason(back), v1::ERROR_REASON_VERSION_CONFLICT);
}

TEST(GrpcStatusTest, StatusWithoutReasonGetsOneFromItsCode) {
  auto info = GetErrorInfo(ToGrpcStatus(absl::UnavailableError("down")));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "STORE_UNAVAILABLE");
  EXPECT_FALSE(GetErrorInfo(ToGrpcStatus(absl::InternalError("bug"))).has_value());
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

}  // namespace
}  // namespace usersessions
