#include "examples/demo/login_csrf.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/encoding.h"
#include "sdk/cookie.h"

namespace usersessions::demo {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 16;

}  // namespace

absl::StatusOr<std::unique_ptr<LoginCsrf>> LoginCsrf::Create(std::shared_ptr<SecureRandom> random,
                                                             std::shared_ptr<const Clock> clock,
                                                             std::string cookie_path,
                                                             bool secure_cookie) {
  absl::StatusOr<std::string> key = random->Bytes(kKeyBytes);
  if (!key.ok()) return key.status();
  return std::unique_ptr<LoginCsrf>(new LoginCsrf(
      *std::move(key), std::move(random), std::move(clock), std::move(cookie_path), secure_cookie));
}

LoginCsrf::LoginCsrf(std::string key, std::shared_ptr<SecureRandom> random,
                     std::shared_ptr<const Clock> clock, std::string cookie_path,
                     bool secure_cookie)
    : key_(std::move(key)),
      random_(std::move(random)),
      clock_(std::move(clock)),
      cookie_path_(std::move(cookie_path)),
      secure_cookie_(secure_cookie) {}

std::string LoginCsrf::Mac(absl::string_view payload) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &length);
  return Base64UrlEncode(absl::string_view(reinterpret_cast<const char*>(mac), length));
}

absl::StatusOr<std::string> LoginCsrf::NewToken() const {
  absl::StatusOr<std::string> nonce = random_->Bytes(kNonceBytes);
  if (!nonce.ok()) return nonce.status();
  const std::string payload =
      absl::StrCat(absl::ToUnixSeconds(clock_->Now() + kLifetime), ".", Base64UrlEncode(*nonce));
  return absl::StrCat(payload, ".", Mac(payload));
}

std::string LoginCsrf::SetCookie(absl::string_view token) const {
  sdk::CookieOptions options;
  options.name = kCookieName;
  options.secure = secure_cookie_;
  options.same_site = "Strict";
  options.path = cookie_path_;
  return sdk::BuildSetCookie(options, token, kLifetime, clock_->Now());
}

std::string LoginCsrf::DeleteCookie() const {
  sdk::CookieOptions options;
  options.name = kCookieName;
  options.secure = secure_cookie_;
  options.same_site = "Strict";
  options.path = cookie_path_;
  return sdk::BuildDeletionCookie(options);
}

bool LoginCsrf::Check(absl::string_view cookie_header, absl::string_view submitted) const {
  if (submitted.empty()) return false;
  bool matched = false;
  for (const sdk::CookiePair& pair : sdk::ParseCookieHeader(cookie_header)) {
    if (pair.name != kCookieName || pair.value.size() != submitted.size()) continue;
    if (CRYPTO_memcmp(pair.value.data(), submitted.data(), submitted.size()) == 0) matched = true;
  }
  if (!matched) return false;

  const size_t last_dot = submitted.rfind('.');
  if (last_dot == absl::string_view::npos) return false;
  const absl::string_view payload = submitted.substr(0, last_dot);
  const std::string expected_mac = Mac(payload);
  const absl::string_view mac = submitted.substr(last_dot + 1);
  if (mac.size() != expected_mac.size() ||
      CRYPTO_memcmp(mac.data(), expected_mac.data(), mac.size()) != 0) {
    return false;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(payload, '.');
  int64_t expiry = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &expiry)) return false;
  return absl::FromUnixSeconds(expiry) > clock_->Now();
}

}  // namespace usersessions::demo
