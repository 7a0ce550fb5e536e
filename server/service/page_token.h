// Opaque, tamper-proof page tokens for ListSessions: a keyset cursor plus a fingerprint of the
// listing parameters, sealed with HMAC-SHA256.
#ifndef USERSESSIONS_SERVER_SERVICE_PAGE_TOKEN_H_
#define USERSESSIONS_SERVER_SERVICE_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/storage/store.h"

namespace usersessions::server {

// Identifies the parameters a token is valid for: tokens never carry over to another user,
// state filter or query.
std::string ListParamsFingerprint(absl::string_view user_id, int state_filter,
                                  absl::string_view query);

// Thread-safe (immutable).
class PageTokenCodec {
 public:
  // `secret` is the HMAC key; replicas that share it accept each other's tokens.
  explicit PageTokenCodec(std::string secret) : secret_(std::move(secret)) {}

  // Returns base64url(version | cursor | fingerprint | HMAC-SHA256 of all that).
  std::string Encode(const ListCursor& cursor, absl::string_view params_fingerprint) const;

  // INVALID_ARGUMENT (INVALID_PAGE_TOKEN) if the token is malformed, fails the MAC (tampered, or
  // sealed with another secret), or was issued for other parameters.
  absl::StatusOr<ListCursor> Decode(absl::string_view token,
                                    absl::string_view params_fingerprint) const;

 private:
  std::string Mac(absl::string_view payload) const;
  std::string secret_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_PAGE_TOKEN_H_
