#include "server/auth/authenticator.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/errors.h"

namespace usersessions::server {
namespace {

constexpr absl::string_view kBearer = "bearer";

absl::Status Unauthenticated(absl::string_view message) {
  return MakeError(absl::StatusCode::kUnauthenticated, v1::ERROR_REASON_UNAUTHENTICATED, message);
}

}  // namespace

Authenticator::Authenticator(TokenTable tokens)
    : enabled_(true), tokens_(std::make_shared<const TokenTable>(std::move(tokens))) {}

const Authenticator& Authenticator::AllowAll() {
  static const Authenticator* const kAllowAll = new Authenticator();
  return *kAllowAll;
}

absl::StatusOr<Caller> Authenticator::Authenticate(
    const std::vector<absl::string_view>& authorization) const {
  if (!enabled_) return Caller::Admin();
  if (authorization.empty()) {
    return Unauthenticated("missing credentials: send `authorization: Bearer <token>`");
  }
  if (authorization.size() > 1) {
    return Unauthenticated("more than one authorization header");
  }
  absl::string_view value = authorization.front();
  if (value.size() <= kBearer.size() || !absl::StartsWithIgnoreCase(value, kBearer) ||
      (value[kBearer.size()] != ' ' && value[kBearer.size()] != '\t')) {
    return Unauthenticated("the authorization header must be `Bearer <token>`");
  }
  const absl::string_view token = absl::StripAsciiWhitespace(value.substr(kBearer.size()));
  if (token.empty()) return Unauthenticated("the authorization header carries no token");
  const std::optional<Caller::Role> role = Current()->Find(token);
  if (!role.has_value()) return Unauthenticated("invalid bearer token");
  return Caller{*role};
}

void Authenticator::Replace(TokenTable tokens) {
  if (!enabled_) return;
  auto replacement = std::make_shared<const TokenTable>(std::move(tokens));
  absl::MutexLock lock(&mu_);
  tokens_.swap(replacement);
  // The previous table is released outside the lock, by `replacement`'s destructor.
}

absl::Status Authenticator::ReloadFrom(const std::string& path) {
  absl::StatusOr<TokenTable> tokens = LoadTokenTable(path);
  if (!tokens.ok()) return tokens.status();
  Replace(*std::move(tokens));
  return absl::OkStatus();
}

std::shared_ptr<const TokenTable> Authenticator::Current() const {
  absl::ReaderMutexLock lock(&mu_);
  return tokens_;
}

}  // namespace usersessions::server
