// Edge validation of request fields, shared by every RPC. Each function either returns the
// canonical value or an INVALID_ARGUMENT status with the ErrorReason and a message naming the
// field.
#ifndef USERSESSIONS_SERVER_SERVICE_REQUEST_VALIDATION_H_
#define USERSESSIONS_SERVER_SERVICE_REQUEST_VALIDATION_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/struct.pb.h"

namespace usersessions::server {

// Session keys: exactly 43 characters of canonical unpadded base64url (32 bytes).
inline constexpr size_t kSessionKeyLength = 43;
// Session ids: 22 characters of canonical unpadded base64url (16 bytes).
inline constexpr size_t kSessionIdLength = 22;
inline constexpr size_t kMaxUserIdBytes = 255;
inline constexpr size_t kMaxUserAgentChars = 512;
// The longest idle timeout a request may ask for.
inline constexpr absl::Duration kMaxTtl = absl::Hours(24 * 366 * 10);

// INVALID_SESSION_KEY unless `key` is a well-formed session key. `field` names it in the message.
absl::Status ValidateSessionKey(absl::string_view key, absl::string_view field = "session_key");

// INVALID_ARGUMENT unless `id` is a well-formed session id.
absl::Status ValidateSessionId(absl::string_view id, absl::string_view field = "session_id");

// INVALID_USER_ID unless `user_id` is empty or 1-255 bytes of UTF-8 without control characters
// (C0, DEL, C1).
absl::Status ValidateUserId(absl::string_view user_id);

// Returns the canonical form (inet_ntop; IPv4-mapped IPv6 as IPv4) of an IPv4 or IPv6 address,
// or "" for "". INVALID_IP_ADDRESS otherwise.
absl::StatusOr<std::string> CanonicalIpAddress(absl::string_view ip_address);

// Truncates to at most 512 characters without splitting a UTF-8 sequence.
std::string TruncateUserAgent(absl::string_view user_agent);

// Converts a requested idle timeout: whole seconds (fractions are dropped), from 1s to kMaxTtl.
// INVALID_ARGUMENT otherwise, naming `field`.
absl::StatusOr<absl::Duration> ValidateTtl(const google::protobuf::Duration& ttl,
                                           absl::string_view field = "ttl");

// Limits on session data.
struct DataLimits {
  int64_t max_bytes = 262144;
  int max_depth = 32;
};

// Returns the JSON text of `data` after checking its depth (DATA_TOO_DEEP; the top-level Struct
// is depth 1, each nested Struct or list adds one) and size (DATA_TOO_LARGE).
absl::StatusOr<std::string> SerializeData(const google::protobuf::Struct& data,
                                          const DataLimits& limits);

// Parses stored JSON text back into a Struct. INTERNAL if the stored text is corrupt.
absl::StatusOr<google::protobuf::Struct> ParseData(absl::string_view json);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_REQUEST_VALIDATION_H_
