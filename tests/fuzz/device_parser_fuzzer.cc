// Fuzzes the user-agent parser with arbitrary bytes: it must never crash, and its result must be
// one of the documented shapes (display composed from browser and os).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/enrichment/device.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view user_agent(reinterpret_cast<const char*>(data), size);
  const usersessions::server::DeviceInfo device = usersessions::server::ParseUserAgent(user_agent);
  std::string expected;
  if (!device.browser.empty() && !device.os.empty()) {
    expected = absl::StrCat(device.browser, " on ", device.os);
  } else {
    expected = device.browser.empty() ? device.os : device.browser;
  }
  if (device.display != expected) std::abort();
  return 0;
}
