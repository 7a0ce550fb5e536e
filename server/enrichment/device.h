// Device enrichment: a short, human-readable name for the client behind a User-Agent header
// ("Safari on iPhone"), shown in the "Active sessions" views and returned by the management RPCs.
#ifndef USERSESSIONS_SERVER_ENRICHMENT_DEVICE_H_
#define USERSESSIONS_SERVER_ENRICHMENT_DEVICE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace usersessions::server {

// What is known about the client. Every field is English; views that translate compose their own
// text from `browser` and `os` rather than from `display`.
struct DeviceInfo {
  // "<browser> on <os>" when both are known, else whichever one is known, else empty.
  std::string display;
  // A browser ("Chrome", "Samsung Internet", ...), or the name of a crawler or non-browser client
  // ("Googlebot", "curl", ...). Empty when unknown.
  std::string browser;
  // One of "Windows", "macOS", "iPhone", "iPad", "Android", "Windows Mobile", "Linux",
  // "Chrome OS", without a version. Empty when unknown, and always empty for crawlers and
  // non-browser clients.
  std::string os;
};

// Derives the device from a User-Agent header value.
//
// Pure and thread-safe. Accepts any bytes (empty, binary, invalid UTF-8, very long) and never
// fails: what cannot be recognised is left empty. Only the first 2 KiB are examined. Allocates
// nothing beyond the result's strings, and throws nothing but std::bad_alloc from them.
//
// Known limits, inherent in the header: iPadOS and iOS "Request Desktop Website" send a Mac user
// agent and show as macOS; Brave and other Chromium rebuilds that do not add a token of their own
// show as Chrome.
DeviceInfo ParseUserAgent(absl::string_view user_agent);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_ENRICHMENT_DEVICE_H_
