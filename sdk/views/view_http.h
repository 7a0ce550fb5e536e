// The framework-neutral HTTP exchange of the views: what a shim tells a view about a request,
// and what it gets back to send. Plain data; no framework types.
#ifndef USERSESSIONS_SDK_VIEWS_VIEW_HTTP_H_
#define USERSESSIONS_SDK_VIEWS_VIEW_HTTP_H_

#include <string>
#include <utility>
#include <vector>

namespace usersessions::sdk::views {

// The parts of an HTTP request that the views read.
struct ViewRequest {
  // The method, upper case ("GET", "POST", "HEAD").
  std::string method;
  // The URL path, without the query ("/account/sessions/3q2-_x/delete/"). Either raw or
  // percent-decoded: the paths the views answer (the prefix and base64url session ids) read the
  // same both ways.
  std::string path;
  // The raw query string, without the '?' ("state=expired&q=10.0"); empty if there is none.
  std::string query;
  // The Accept header; "application/json" (or "+json") asks for the JSON variant.
  std::string accept;
  // The Accept-Language header, used to pick the language unless the options fix one.
  std::string accept_language;
  // The Content-Type header. POST forms are read when it is application/x-www-form-urlencoded.
  std::string content_type;
  // The request body (the POSTed form).
  std::string body;
  // The X-CSRF-Token header, the alternative to the form field csrf_token.
  std::string csrf_header;
};

// What the shim sends back.
struct ViewResponse {
  int status = 200;
  // Empty for a response without a body.
  std::string content_type;
  // Extra headers, in order: Location, Allow, Cache-Control, Content-Language, Vary, ...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

}  // namespace usersessions::sdk::views

#endif  // USERSESSIONS_SDK_VIEWS_VIEW_HTTP_H_
