// CSRF defence for the sign-in form that creates no session record: a signed double-submit
// token. The form page sets the token in a short-lived cookie of its own and repeats it in a
// hidden field; the POST must bring both, equal, and the token must carry this process's MAC and
// an expiry in the future.
//
// A cross-site page cannot read the cookie, so it cannot fill in the field. The MAC stops an
// attacker who can plant cookies (a sibling subdomain, say) from pairing a cookie of their own
// with a matching field. Session-bound tokens (sdk/views/csrf.h) would need a session record for
// every visitor of the form, which is what this avoids.
#ifndef USERSESSIONS_EXAMPLES_DEMO_LOGIN_CSRF_H_
#define USERSESSIONS_EXAMPLES_DEMO_LOGIN_CSRF_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/random.h"

namespace usersessions::demo {

// Thread-safe (immutable after Create; SecureRandom and Clock are thread-safe).
class LoginCsrf {
 public:
  // The cookie's name. It is scoped to the form's path.
  static constexpr char kCookieName[] = "login_csrf";
  // The form field that repeats the token.
  static constexpr char kFormField[] = "csrf_token";
  // How long a form stays usable.
  static constexpr absl::Duration kLifetime = absl::Hours(1);

  // Draws a fresh MAC key from `random`, so tokens die with the process (a form open across a
  // restart gets "expired" and a new token). `cookie_path` is the form's path ("/login/");
  // `secure_cookie` sets the cookie's Secure attribute. INTERNAL if `random` fails.
  static absl::StatusOr<std::unique_ptr<LoginCsrf>> Create(std::shared_ptr<SecureRandom> random,
                                                           std::shared_ptr<const Clock> clock,
                                                           std::string cookie_path,
                                                           bool secure_cookie);

  // A new token: "<expiry unix seconds>.<nonce>.<mac>", all cookie- and URL-safe characters.
  // INTERNAL if the random source fails.
  absl::StatusOr<std::string> NewToken() const;

  // The Set-Cookie value that stores `token` (HttpOnly, SameSite=Strict, Max-Age kLifetime).
  std::string SetCookie(absl::string_view token) const;

  // The Set-Cookie value that removes the cookie (after a successful sign-in).
  std::string DeleteCookie() const;

  // True if the request's Cookie header holds a kCookieName cookie equal to `submitted` (compared
  // in constant time), with a valid MAC and an expiry after now. False otherwise, also for
  // missing or malformed values.
  bool Check(absl::string_view cookie_header, absl::string_view submitted) const;

 private:
  LoginCsrf(std::string key, std::shared_ptr<SecureRandom> random,
            std::shared_ptr<const Clock> clock, std::string cookie_path, bool secure_cookie);
  std::string Mac(absl::string_view payload) const;

  const std::string key_;
  const std::shared_ptr<SecureRandom> random_;
  const std::shared_ptr<const Clock> clock_;
  const std::string cookie_path_;
  const bool secure_cookie_;
};

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_LOGIN_CSRF_H_
