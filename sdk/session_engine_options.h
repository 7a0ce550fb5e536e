// Configuration of a SessionEngine.
#ifndef USERSESSIONS_SDK_SESSION_ENGINE_OPTIONS_H_
#define USERSESSIONS_SDK_SESSION_ENGINE_OPTIONS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/clock.h"
#include "sdk/client_ip.h"
#include "sdk/cookie.h"

namespace usersessions::sdk {

struct SessionEngineOptions {
  // The session cookie's name and attributes.
  CookieOptions cookie;
  // Save every session that holds data (or an owner) on every response, even if unchanged, as
  // Django's SESSION_SAVE_EVERY_REQUEST does. Off by default: reads already slide the expiry
  // through LoadSession, so saving is only needed for changes.
  bool save_every_request = false;
  // Send the version read with every SaveSession as expected_version, so a concurrent write from
  // another request of the same session makes this one fail with ABORTED (VERSION_CONFLICT)
  // instead of overwriting it. Off: last writer wins.
  bool optimistic_concurrency = false;
  // Idle timeout of new sessions, sent as CreateSession.ttl. Zero uses sessiond's
  // --idle-timeout. Must not be negative. Session::SetExpiry overrides it per session.
  absl::Duration idle_timeout = absl::ZeroDuration();
  // CIDRs of reverse proxies whose forwarding headers are believed (see ResolveClientIp).
  // Empty: the TCP peer is the client.
  std::vector<std::string> trusted_proxies;
  // Which forwarding header to read behind a trusted proxy.
  ProxyHeader proxy_header = ProxyHeader::kAuto;
  // Time source for cookie Expires attributes; null uses the system clock. For tests.
  std::shared_ptr<const Clock> clock;
};

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_SESSION_ENGINE_OPTIONS_H_
