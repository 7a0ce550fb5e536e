// The one place where absl::Status and grpc::Status convert into each other. The ErrorReason of
// an absl::Status travels as a google.rpc.ErrorInfo inside a google.rpc.Status in the
// grpc-status-details-bin trailer, so grpcurl, buf curl and other languages can read it.
#ifndef USERSESSIONS_COMMON_GRPC_STATUS_H_
#define USERSESSIONS_COMMON_GRPC_STATUS_H_

#include <optional>

#include "absl/status/status.h"
#include "google/rpc/error_details.pb.h"
#include "grpcpp/support/status.h"

namespace usersessions {

// Server side: code, message and an ErrorInfo (domain "usersessions.v1"). A status without a
// reason gets DefaultErrorReason(code), when that is not UNSPECIFIED.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Client side: code, message and the ErrorReason from the ErrorInfo, if any.
absl::Status FromGrpcStatus(const grpc::Status& status);

// Extracts the ErrorInfo of a grpc::Status, for tests and tools that look at the wire form.
std::optional<google::rpc::ErrorInfo> GetErrorInfo(const grpc::Status& status);

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_GRPC_STATUS_H_
