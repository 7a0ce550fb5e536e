// What a framework shim hands to the session engine about a request, and what it gets back to
// put on the response. Plain data; no framework types.
#ifndef USERSESSIONS_SDK_REQUEST_CONTEXT_H_
#define USERSESSIONS_SDK_REQUEST_CONTEXT_H_

#include <string>
#include <vector>

namespace usersessions::sdk {

// The parts of an HTTP request that the session engine reads.
struct RequestContext {
  // The TCP peer address, with or without a port ("203.0.113.7", "[2001:db8::1]:443"). Empty or
  // non-IP (a Unix socket) means unknown.
  std::string remote_addr;
  // The Cookie header. If a request has several Cookie lines (HTTP/2 may split it), join them
  // with "; ".
  std::string cookie_header;
  // Every X-Forwarded-For header line, in the order received.
  std::vector<std::string> x_forwarded_for;
  // Every RFC 7239 Forwarded header line, in the order received.
  std::vector<std::string> forwarded;
  // The User-Agent header, raw (it is cleaned to valid UTF-8 before it is sent anywhere).
  std::string user_agent;
};

// Headers the shim adds to the response.
struct ResponseHeaders {
  // Values of Set-Cookie headers, one header line each (never joined with commas).
  std::vector<std::string> set_cookie;
  // Add `Vary: Cookie` (merge with an existing Vary).
  bool vary_cookie = false;
  // Add `Cache-Control: private` (merge with an existing Cache-Control), so shared caches never
  // store a per-session response or a Set-Cookie carrying a session key.
  bool cache_control_private = false;
};

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_REQUEST_CONTEXT_H_
