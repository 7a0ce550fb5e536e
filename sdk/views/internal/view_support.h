// What the user's and the admin's views share: option checks, routing helpers, the standard
// responses (redirects, errors, HTML, JSON) and the CSRF check of a POST.
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_VIEW_SUPPORT_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_VIEW_SUPPORT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "sdk/session.h"
#include "sdk/views/internal/catalog.h"
#include "sdk/views/internal/url_encoding.h"
#include "sdk/views/view_http.h"

namespace usersessions::sdk::views::internal {

// OK if `url` is a local path ("/..." but not "//..."); with `is_prefix`, it must also end with
// '/'. INVALID_ARGUMENT naming `option` otherwise.
absl::Status ValidateLocalUrl(absl::string_view option, absl::string_view url, bool is_prefix);

// OK for "" (negotiate) and for a language with a catalog; INVALID_ARGUMENT otherwise.
absl::Status ValidateLanguage(absl::string_view language);

// True if `path` is `prefix` or lies below it.
bool PathMatches(absl::string_view prefix, absl::string_view path);

// True for the characters of a base64url session id (and only non-empty ids of at most 64).
bool IsSessionIdSyntax(absl::string_view id);

// True if `accept` lists application/json or a +json type.
bool WantsJson(absl::string_view accept);

// 303 to `login_url` with next=<path and query of `request`, URL-encoded>.
ViewResponse LoginRedirect(absl::string_view login_url, const ViewRequest& request);

// 303 See Other to `location`.
ViewResponse SeeOther(std::string location);

// A short text/plain response (403, 404, 405, 400).
ViewResponse TextResponse(int status, absl::string_view text);

// 204 No Content (for requests that accept JSON, after a change).
ViewResponse NoContent();

// 405 with Allow: `allow`.
ViewResponse MethodNotAllowed(absl::string_view allow);

// 200 text/html in `catalog`'s language (Content-Language).
ViewResponse HtmlResponse(const Catalog& catalog, std::string body);

// `message` as proto3 JSON (200 application/json). INTERNAL if it cannot be printed.
absl::StatusOr<ViewResponse> JsonResponse(const google::protobuf::Message& message);

// The POSTed form fields (only for an application/x-www-form-urlencoded body).
FormFields RequestForm(const ViewRequest& request);

// True if the request carries a valid CSRF token for `session` (the form field, else the
// header). Errors: the session's load error.
absl::StatusOr<bool> HasValidCsrfToken(const ViewRequest& request, const FormFields& form,
                                       Session& session);

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_VIEW_SUPPORT_H_
