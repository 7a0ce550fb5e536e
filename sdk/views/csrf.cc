#include "sdk/views/csrf.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "common/status_macros.h"

namespace usersessions::sdk::views {
namespace {

constexpr size_t kSecretBytes = 32;

std::string Xor(absl::string_view a, absl::string_view b) {
  std::string out(a.size(), '\0');
  for (size_t i = 0; i < a.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

// The session's secret (decoded), or nullopt if it has none or a malformed one.
absl::StatusOr<std::optional<std::string>> StoredSecret(Session& session) {
  ASSIGN_OR_RETURN(absl::optional<google::protobuf::Value> value, session.Get(kCsrfSessionKey));
  if (!value.has_value() || value->kind_case() != google::protobuf::Value::kStringValue) {
    return std::optional<std::string>();
  }
  std::optional<std::string> secret = Base64UrlDecode(value->string_value());
  if (!secret.has_value() || secret->size() != kSecretBytes) return std::optional<std::string>();
  return secret;
}

// Compares equal-sized strings in time independent of where they differ.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

}  // namespace

absl::StatusOr<std::string> CsrfToken(Session& session, SecureRandom& random) {
  ASSIGN_OR_RETURN(std::optional<std::string> secret, StoredSecret(session));
  if (!secret.has_value()) {
    ASSIGN_OR_RETURN(secret, random.Bytes(kSecretBytes));
    RETURN_IF_ERROR(session.SetString(kCsrfSessionKey, Base64UrlEncode(*secret)));
  }
  ASSIGN_OR_RETURN(std::string mask, random.Bytes(kSecretBytes));
  return Base64UrlEncode(absl::StrCat(mask, Xor(mask, *secret)));
}

absl::StatusOr<std::string> CsrfToken(Session& session) {
  OsSecureRandom random;
  return CsrfToken(session, random);
}

absl::StatusOr<bool> CheckCsrfToken(Session& session, absl::string_view submitted) {
  ASSIGN_OR_RETURN(std::optional<std::string> secret, StoredSecret(session));
  if (!secret.has_value()) return false;
  const std::optional<std::string> token = Base64UrlDecode(submitted);
  if (!token.has_value() || token->size() != 2 * kSecretBytes) return false;
  const std::string unmasked = Xor(absl::string_view(*token).substr(0, kSecretBytes),
                                   absl::string_view(*token).substr(kSecretBytes));
  return ConstantTimeEquals(unmasked, *secret);
}

}  // namespace usersessions::sdk::views
