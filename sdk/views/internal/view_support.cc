#include "sdk/views/internal/view_support.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "sdk/views/csrf.h"

namespace usersessions::sdk::views::internal {
namespace {

// Never cached: the pages hold per-user data and fresh CSRF tokens.
void AddNoStore(ViewResponse& response) {
  response.headers.emplace_back("Cache-Control", "no-store");
}

}  // namespace

absl::Status ValidateLocalUrl(absl::string_view option, absl::string_view url, bool is_prefix) {
  if (url.empty() || url[0] != '/' || absl::StartsWith(url, "//")) {
    return absl::InvalidArgumentError(
        absl::StrCat(option, " must be a local path starting with one '/', got \"", url, "\""));
  }
  if (is_prefix && url.back() != '/') {
    return absl::InvalidArgumentError(
        absl::StrCat(option, " must end with '/', got \"", url, "\""));
  }
  return absl::OkStatus();
}

absl::Status ValidateLanguage(absl::string_view language) {
  if (language.empty() || FindCatalog(language) != nullptr) return absl::OkStatus();
  std::string known;
  for (const Catalog* catalog : Catalogs()) {
    absl::StrAppend(&known, known.empty() ? "" : ", ", catalog->language);
  }
  return absl::InvalidArgumentError(absl::StrCat("language \"", language,
                                                 "\" has no catalog; supported: ", known,
                                                 " (or empty to follow Accept-Language)"));
}

bool PathMatches(absl::string_view prefix, absl::string_view path) {
  return absl::StartsWith(path, prefix);
}

bool IsSessionIdSyntax(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool WantsJson(absl::string_view accept) {
  for (absl::string_view item : absl::StrSplit(accept, ',', absl::SkipWhitespace())) {
    absl::string_view type = absl::StripAsciiWhitespace(item.substr(0, item.find(';')));
    if (absl::EqualsIgnoreCase(type, "application/json") ||
        absl::EndsWithIgnoreCase(type, "+json")) {
      return true;
    }
  }
  return false;
}

ViewResponse LoginRedirect(absl::string_view login_url, const ViewRequest& request) {
  std::string next = request.path;
  if (!request.query.empty()) absl::StrAppend(&next, "?", request.query);
  const char* separator = absl::StrContains(login_url, '?') ? "&" : "?";
  return SeeOther(absl::StrCat(login_url, separator, "next=", UrlEncode(next)));
}

ViewResponse SeeOther(std::string location) {
  ViewResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", std::move(location));
  AddNoStore(response);
  return response;
}

ViewResponse TextResponse(int status, absl::string_view text) {
  ViewResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = absl::StrCat(text, "\n");
  AddNoStore(response);
  return response;
}

ViewResponse NoContent() {
  ViewResponse response;
  response.status = 204;
  AddNoStore(response);
  return response;
}

ViewResponse MethodNotAllowed(absl::string_view allow) {
  ViewResponse response = TextResponse(405, "Method Not Allowed");
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

ViewResponse HtmlResponse(const Catalog& catalog, std::string body) {
  ViewResponse response;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Language", std::string(catalog.language));
  response.headers.emplace_back("Vary", "Accept, Accept-Language");
  AddNoStore(response);
  return response;
}

absl::StatusOr<ViewResponse> JsonResponse(const google::protobuf::Message& message) {
  ViewResponse response;
  const auto printed = google::protobuf::util::MessageToJsonString(message, &response.body);
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat("cannot print JSON: ", printed.ToString()));
  }
  response.content_type = "application/json";
  response.headers.emplace_back("Vary", "Accept, Accept-Language");
  AddNoStore(response);
  return response;
}

FormFields RequestForm(const ViewRequest& request) {
  const absl::string_view type = absl::StripAsciiWhitespace(
      absl::string_view(request.content_type).substr(0, request.content_type.find(';')));
  if (!absl::EqualsIgnoreCase(type, "application/x-www-form-urlencoded")) return {};
  return ParseUrlEncoded(request.body);
}

absl::StatusOr<bool> HasValidCsrfToken(const ViewRequest& request, const FormFields& form,
                                       Session& session) {
  std::string submitted = FirstValue(form, kCsrfFormField);
  if (submitted.empty()) submitted = request.csrf_header;
  if (submitted.empty()) return false;
  return CheckCsrfToken(session, submitted);
}

}  // namespace usersessions::sdk::views::internal
