// Fuzzes edge validation with requests decoded from arbitrary bytes, as gRPC would decode them.
// The first byte picks the request type. Every field goes through the validator the service
// applies to it; each must either accept or answer INVALID_ARGUMENT, and data accepted for
// storage must always read back (a stored session that cannot be loaded would be lost).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/service/request_validation.h"
#include "usersessions/v1/session_store.pb.h"

namespace {

namespace v1 = usersessions::v1;
using namespace usersessions::server;

void RequireValidOrInvalidArgument(const absl::Status& status) {
  if (!status.ok() && status.code() != absl::StatusCode::kInvalidArgument) std::abort();
}

void CheckClient(const v1::ClientInfo& client) {
  absl::StatusOr<std::string> ip = CanonicalIpAddress(client.ip_address());
  RequireValidOrInvalidArgument(ip.status());
  if (ip.ok() && (CanonicalIpAddress(*ip).value_or("") != *ip ||
                  client.ip_address().find('\0') != std::string::npos)) {
    std::abort();
  }
  const std::string user_agent = TruncateUserAgent(client.user_agent());
  if (user_agent.size() > client.user_agent().size() ||
      absl::string_view(client.user_agent()).substr(0, user_agent.size()) != user_agent ||
      user_agent.size() > 4 * kMaxUserAgentChars) {
    std::abort();
  }
}

void CheckData(const google::protobuf::Struct& data) {
  DataLimits limits;
  absl::StatusOr<std::string> json = SerializeData(data, limits);
  RequireValidOrInvalidArgument(json.status());
  if (json.ok() &&
      (static_cast<int64_t>(json->size()) > limits.max_bytes || !ParseData(*json).ok())) {
    std::abort();
  }
}

template <typename Request>
bool Decode(absl::string_view bytes, Request* request) {
  return request->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const absl::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
    case 0: {
      v1::CreateSessionRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateUserId(request.user_id()));
      CheckClient(request.client());
      if (request.has_ttl()) RequireValidOrInvalidArgument(ValidateTtl(request.ttl()).status());
      CheckData(request.data());
      break;
    }
    case 1: {
      v1::SaveSessionRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateSessionKey(request.session_key()));
      if (request.has_user_id()) RequireValidOrInvalidArgument(ValidateUserId(request.user_id()));
      if (request.has_client()) CheckClient(request.client());
      if (request.has_ttl()) RequireValidOrInvalidArgument(ValidateTtl(request.ttl()).status());
      CheckData(request.data());
      break;
    }
    case 2: {
      v1::LoadSessionRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateSessionKey(request.session_key()));
      CheckClient(request.client());
      break;
    }
    case 3: {
      v1::ListSessionsRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateUserId(request.user_id()));
      if (!request.current_session_key().empty()) {
        RequireValidOrInvalidArgument(ValidateSessionKey(request.current_session_key()));
      }
      break;
    }
    case 4: {
      v1::RevokeSessionRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateUserId(request.user_id()));
      RequireValidOrInvalidArgument(ValidateSessionId(request.session_id()));
      break;
    }
    default: {
      v1::RevokeUserSessionsRequest request;
      if (!Decode(bytes, &request)) return 0;
      RequireValidOrInvalidArgument(ValidateUserId(request.user_id()));
      if (!request.keep_session_key().empty()) {
        RequireValidOrInvalidArgument(ValidateSessionKey(request.keep_session_key()));
      }
      if (!request.keep_session_id().empty()) {
        RequireValidOrInvalidArgument(ValidateSessionId(request.keep_session_id()));
      }
      break;
    }
  }
  return 0;
}
