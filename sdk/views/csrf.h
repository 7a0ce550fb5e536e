// CSRF tokens bound to the session, for the views' forms and for the host app's own forms.
//
//   <input type="hidden" name="csrf_token" value="{{csrf_token}}">   // from CsrfToken(session)
//   ... on POST: CheckCsrfToken(session, submitted) must be true, else answer 403.
//
// A random 32-byte secret is kept in the session's data (under kCsrfSessionKey) and created on
// first use. The token handed to a page is that secret masked with a fresh random pad, so it is
// different in every response (no BREACH-style compression oracle) while every one of them stays
// valid for as long as the session keeps its secret. The secret survives Login (which keeps the
// data of an anonymous session) and CycleKey, and ends with Logout/Flush/Clear.
//
// Storing the secret marks the session modified, so CsrfToken on an anonymous session makes the
// engine create a record for it. Pages every visitor sees (a login form) should therefore guard
// their POST another way, such as a double-submit cookie, rather than call CsrfToken for every
// anonymous visitor.
#ifndef USERSESSIONS_SDK_VIEWS_CSRF_H_
#define USERSESSIONS_SDK_VIEWS_CSRF_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/random.h"
#include "sdk/session.h"

namespace usersessions::sdk::views {

// The form field and request header that carry the token.
inline constexpr char kCsrfFormField[] = "csrf_token";
inline constexpr char kCsrfHeader[] = "X-CSRF-Token";
// The session data key that holds the secret.
inline constexpr char kCsrfSessionKey[] = "_csrf_secret";

// A token for a form or header of the page being rendered: 86 characters of unpadded base64url.
// Creates and stores the session's secret if it has none (the session becomes modified).
// Errors: the session's load error (UNAVAILABLE when sessiond cannot be reached); INTERNAL if
// `random` fails.
absl::StatusOr<std::string> CsrfToken(Session& session, SecureRandom& random);
// The same, with the operating system's CSPRNG.
absl::StatusOr<std::string> CsrfToken(Session& session);

// True if `submitted` is a token that CsrfToken issued for this session's current secret
// (compared in constant time). False for an empty, malformed or foreign token, and when the
// session has no secret; never creates one. Errors: the session's load error only.
absl::StatusOr<bool> CheckCsrfToken(Session& session, absl::string_view submitted);

}  // namespace usersessions::sdk::views

#endif  // USERSESSIONS_SDK_VIEWS_CSRF_H_
