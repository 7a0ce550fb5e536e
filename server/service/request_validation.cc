#include "server/service/request_validation.h"

#include <arpa/inet.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace usersessions::server {
namespace {

absl::Status ValidateBase64Id(absl::string_view value, size_t length, absl::string_view field,
                              ErrorReason reason, absl::string_view what) {
  if (value.empty()) {
    return InvalidArgumentError(reason, absl::StrCat(field, " is required"));
  }
  if (value.size() != length || !Base64UrlDecode(value).has_value()) {
    return InvalidArgumentError(
        reason, absl::StrCat(field, " is malformed: a ", what, " is exactly ", length,
                             " characters of unpadded base64url"));
  }
  return absl::OkStatus();
}

// Returns the number of bytes of the UTF-8 sequence starting at s[i], or 0 if it is invalid.
size_t Utf8SequenceLength(absl::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t length;
  uint32_t code_point;
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) {
    length = 2;
    code_point = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    length = 3;
    code_point = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    length = 4;
    code_point = c & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinForLength[length] || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return length;
}

// Depth of nested Structs and lists, stopping as soon as `limit` is exceeded so that hostile
// input costs no more than the limit.
bool ExceedsDepth(const google::protobuf::Value& value, int depth, int limit);

bool StructExceedsDepth(const google::protobuf::Struct& s, int depth, int limit) {
  if (depth > limit) return true;
  for (const auto& [key, value] : s.fields()) {
    if (ExceedsDepth(value, depth, limit)) return true;
  }
  return false;
}

bool ExceedsDepth(const google::protobuf::Value& value, int depth, int limit) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kStructValue:
      return StructExceedsDepth(value.struct_value(), depth + 1, limit);
    case google::protobuf::Value::kListValue:
      if (depth + 1 > limit) return true;
      for (const auto& element : value.list_value().values()) {
        if (ExceedsDepth(element, depth + 1, limit)) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

absl::Status ValidateSessionKey(absl::string_view key, absl::string_view field) {
  return ValidateBase64Id(key, kSessionKeyLength, field, v1::ERROR_REASON_INVALID_SESSION_KEY,
                          "session key");
}

absl::Status ValidateSessionId(absl::string_view id, absl::string_view field) {
  return ValidateBase64Id(id, kSessionIdLength, field, v1::ERROR_REASON_INVALID_ARGUMENT,
                          "session id");
}

absl::Status ValidateUserId(absl::string_view user_id) {
  if (user_id.size() > kMaxUserIdBytes) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_USER_ID,
                                absl::StrCat("user_id is ", user_id.size(), " bytes; at most ",
                                             kMaxUserIdBytes, " are allowed"));
  }
  for (size_t i = 0; i < user_id.size();) {
    const size_t length = Utf8SequenceLength(user_id, i);
    if (length == 0) {
      return InvalidArgumentError(v1::ERROR_REASON_INVALID_USER_ID, "user_id is not valid UTF-8");
    }
    const auto c = static_cast<unsigned char>(user_id[i]);
    const bool c0_or_del = length == 1 && (c < 0x20 || c == 0x7f);
    const bool c1 = length == 2 && c == 0xc2 && static_cast<unsigned char>(user_id[i + 1]) < 0xa0;
    if (c0_or_del || c1) {
      return InvalidArgumentError(v1::ERROR_REASON_INVALID_USER_ID,
                                  absl::StrCat("user_id contains a control character at byte ", i));
    }
    i += length;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CanonicalIpAddress(absl::string_view ip_address) {
  if (ip_address.empty()) return std::string();
  auto invalid = [&] {
    return InvalidArgumentError(
        v1::ERROR_REASON_INVALID_IP_ADDRESS,
        absl::StrCat("client.ip_address is not an IPv4 or IPv6 address (got ",
                     ip_address.size() > 64 ? "a long value" : absl::StrCat("\"", ip_address, "\""),
                     ")"));
  };
  // inet_pton reads a C string: an embedded NUL would hide whatever follows it.
  if (ip_address.size() > INET6_ADDRSTRLEN || ip_address.find('\0') != absl::string_view::npos) {
    return invalid();
  }
  const std::string text(ip_address);
  char buffer[INET6_ADDRSTRLEN];
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return std::string(inet_ntop(AF_INET, &v4, buffer, sizeof(buffer)));
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return invalid();
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], sizeof(v4));
    return std::string(inet_ntop(AF_INET, &v4, buffer, sizeof(buffer)));
  }
  return std::string(inet_ntop(AF_INET6, &v6, buffer, sizeof(buffer)));
}

std::string TruncateUserAgent(absl::string_view user_agent) {
  size_t chars = 0;
  size_t i = 0;
  while (i < user_agent.size() && chars < kMaxUserAgentChars) {
    const size_t length = Utf8SequenceLength(user_agent, i);
    i += length == 0 ? 1 : length;
    ++chars;
  }
  return std::string(user_agent.substr(0, i));
}

absl::StatusOr<absl::Duration> ValidateTtl(const google::protobuf::Duration& ttl,
                                           absl::string_view field) {
  if (ttl.seconds() < 0 || ttl.nanos() < 0) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                absl::StrCat(field, " must not be negative"));
  }
  const absl::Duration duration = absl::Seconds(ttl.seconds());
  if (duration < absl::Seconds(1)) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                absl::StrCat(field, " must be at least 1s"));
  }
  if (duration > kMaxTtl) {
    return InvalidArgumentError(
        v1::ERROR_REASON_INVALID_ARGUMENT,
        absl::StrCat(field, " must be at most ", absl::FormatDuration(kMaxTtl)));
  }
  return duration;
}

absl::StatusOr<std::string> SerializeData(const google::protobuf::Struct& data,
                                          const DataLimits& limits) {
  if (StructExceedsDepth(data, 1, limits.max_depth)) {
    return InvalidArgumentError(
        v1::ERROR_REASON_DATA_TOO_DEEP,
        absl::StrCat("data is nested more than ", limits.max_depth, " levels deep"));
  }
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(data, &json);
  if (!status.ok()) {
    return InvalidArgumentError(
        v1::ERROR_REASON_INVALID_ARGUMENT,
        absl::StrCat("data cannot be stored: ", status.message().as_string()));
  }
  if (static_cast<int64_t>(json.size()) > limits.max_bytes) {
    return InvalidArgumentError(v1::ERROR_REASON_DATA_TOO_LARGE,
                                absl::StrCat("data is ", json.size(), " bytes as JSON; at most ",
                                             limits.max_bytes, " are allowed"));
  }
  return json;
}

absl::StatusOr<google::protobuf::Struct> ParseData(absl::string_view json) {
  google::protobuf::Struct data;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), &data);
  if (!status.ok()) return absl::InternalError("stored session data is not valid JSON");
  return data;
}

}  // namespace usersessions::server
