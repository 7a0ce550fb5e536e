#include "server/service/page_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "server/service/request_validation.h"

namespace usersessions::server {
namespace {

constexpr char kVersion = 1;
constexpr size_t kTimeBytes = 8;
constexpr size_t kSessionIdBytes = 16;
constexpr size_t kFingerprintBytes = 16;
constexpr size_t kMacBytes = 32;
constexpr size_t kPayloadBytes = 1 + kTimeBytes + kSessionIdBytes + kFingerprintBytes;

absl::Status InvalidToken(absl::string_view why) {
  return InvalidArgumentError(v1::ERROR_REASON_INVALID_PAGE_TOKEN,
                              absl::StrCat("page_token is invalid: ", why));
}

}  // namespace

std::string ListParamsFingerprint(absl::string_view user_id, int state_filter,
                                  absl::string_view query) {
  // Length-prefixed fields, so that no two parameter sets share an encoding.
  return Sha256(absl::StrCat(user_id.size(), ":", user_id, "|", state_filter, "|", query.size(),
                             ":", query))
      .substr(0, kFingerprintBytes);
}

std::string PageTokenCodec::Mac(absl::string_view payload) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string PageTokenCodec::Encode(const ListCursor& cursor,
                                   absl::string_view params_fingerprint) const {
  std::string payload(1, kVersion);
  uint64_t micros = static_cast<uint64_t>(absl::ToUnixMicros(cursor.last_activity_time));
  for (int shift = 56; shift >= 0; shift -= 8) {
    payload.push_back(static_cast<char>((micros >> shift) & 0xff));
  }
  payload += Base64UrlDecode(cursor.session_id).value_or(std::string(kSessionIdBytes, '\0'));
  absl::StrAppend(&payload, params_fingerprint.substr(0, kFingerprintBytes));
  return Base64UrlEncode(payload + Mac(payload));
}

absl::StatusOr<ListCursor> PageTokenCodec::Decode(absl::string_view token,
                                                  absl::string_view params_fingerprint) const {
  std::optional<std::string> bytes = Base64UrlDecode(token);
  if (!bytes.has_value() || bytes->size() != kPayloadBytes + kMacBytes || (*bytes)[0] != kVersion) {
    return InvalidToken("it is not a token issued by this API");
  }
  const absl::string_view payload = absl::string_view(*bytes).substr(0, kPayloadBytes);
  const std::string expected_mac = Mac(payload);
  if (CRYPTO_memcmp(expected_mac.data(), bytes->data() + kPayloadBytes, kMacBytes) != 0) {
    return InvalidToken("it was altered, or issued by a server with another page-token secret");
  }
  if (payload.substr(1 + kTimeBytes + kSessionIdBytes) !=
      params_fingerprint.substr(0, kFingerprintBytes)) {
    return InvalidToken("it was issued for another user_id, state_filter or query");
  }
  uint64_t micros = 0;
  for (size_t i = 1; i <= kTimeBytes; ++i)
    micros = (micros << 8) | static_cast<uint8_t>(payload[i]);
  ListCursor cursor;
  cursor.last_activity_time = absl::FromUnixMicros(static_cast<int64_t>(micros));
  cursor.session_id = Base64UrlEncode(payload.substr(1 + kTimeBytes, kSessionIdBytes));
  return cursor;
}

}  // namespace usersessions::server
