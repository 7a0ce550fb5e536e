// Who is calling sessiond, decided from the `authorization: Bearer <token>` request header against
// the current token table, which can be replaced while calls are in flight (token rotation).
#ifndef USERSESSIONS_SERVER_AUTH_AUTHENTICATOR_H_
#define USERSESSIONS_SERVER_AUTH_AUTHENTICATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/auth/token_table.h"
#include "server/service/caller.h"

namespace usersessions::server {

// Thread-safe.
class Authenticator {
 public:
  // Authentication off: every caller has the admin role. sessiond runs this way only on a
  // loopback address or with --insecure.
  Authenticator() = default;
  // Authentication on, with `tokens`.
  explicit Authenticator(TokenTable tokens);

  // The shared instance with authentication off, for services built without one.
  static const Authenticator& AllowAll();

  bool enabled() const { return enabled_; }

  // `authorization` holds the values of every `authorization` header of the request. With
  // authentication on: UNAUTHENTICATED (reason UNAUTHENTICATED) unless there is exactly one,
  // of the form `Bearer <token>` (scheme in any letter case), naming a listed token; otherwise
  // the token's role. The message never contains the token.
  absl::StatusOr<Caller> Authenticate(const std::vector<absl::string_view>& authorization) const;

  // Atomically replaces the token table: calls authenticated from now on use `tokens`; calls
  // already past Authenticate are unaffected. No effect when authentication is off.
  void Replace(TokenTable tokens);

  // Loads the tokens file at `path` and replaces the table with it. On failure the current table
  // stays in force and the error is returned (see LoadTokenTable).
  absl::Status ReloadFrom(const std::string& path);

 private:
  std::shared_ptr<const TokenTable> Current() const;

  const bool enabled_ = false;
  mutable absl::Mutex mu_;
  std::shared_ptr<const TokenTable> tokens_ ABSL_GUARDED_BY(mu_);
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_AUTH_AUTHENTICATOR_H_
