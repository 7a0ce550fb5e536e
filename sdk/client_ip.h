// The end user's IP address behind reverse proxies. Forwarding headers are written by whoever
// sent the request, so they are believed only as far as a chain of configured trusted proxies
// vouches for them.
#ifndef USERSESSIONS_SDK_CLIENT_IP_H_
#define USERSESSIONS_SDK_CLIENT_IP_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace usersessions::sdk {

// A set of IPv4 and IPv6 networks whose members are trusted to append truthful forwarding
// headers (load balancers, reverse proxies). Immutable after Parse; thread-safe; copyable.
class TrustedProxies {
 public:
  // Trusts nobody: ResolveClientIp then always answers the peer address.
  TrustedProxies() = default;

  // Parses CIDR strings such as "10.0.0.0/8", "2001:db8::/32" or a bare address ("10.0.0.7",
  // "::1", meaning a single host). Host bits beyond the prefix are ignored ("10.1.2.3/8" is
  // 10.0.0.0/8). IPv4-mapped IPv6 networks ("::ffff:10.0.0.0/104") are stored as IPv4.
  // INVALID_ARGUMENT, naming the entry, for anything else (bad address, prefix out of range,
  // surrounding text).
  static absl::StatusOr<TrustedProxies> Parse(const std::vector<std::string>& cidrs);

  // True if `address` (IPv4 or IPv6 text, no port) lies in one of the networks.
  bool Contains(absl::string_view address) const;

  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    bool ipv4 = true;
    std::array<uint8_t, 16> bytes{};  // IPv4 uses the first four bytes.
    int prefix_length = 0;
  };
  std::vector<Network> networks_;
};

// Which forwarding header ResolveClientIp reads once the peer is trusted.
enum class ProxyHeader {
  // RFC 7239 `Forwarded` when the request has a non-blank one, otherwise `X-Forwarded-For`.
  // Right for proxies that write both or that strip the header they do not write. A proxy that
  // writes only X-Forwarded-For but passes a client's own `Forwarded` through unchanged lets that
  // client pick its address; pin kXForwardedFor for such a proxy.
  kAuto,
  // Only RFC 7239 `Forwarded`.
  kForwarded,
  // Only `X-Forwarded-For`.
  kXForwardedFor,
};

// Returns the client address of a request in canonical form (inet_ntop text; IPv4-mapped IPv6
// becomes IPv4; ports, brackets and IPv6 zone ids are dropped), or "" when `remote_addr` is not
// an IP address (a Unix socket, say), in which case the headers are not consulted either.
//
// - `remote_addr` is the TCP peer ("203.0.113.7", "203.0.113.7:51234", "[2001:db8::1]:443" or
//   "2001:db8::1"). If it is not in `trusted`, it is the answer and the headers are ignored.
// - Otherwise the chosen header (see ProxyHeader) is read as one list: every header line in
//   order, comma-separated; empty elements are skipped. The list is walked from the right
//   (the hop nearest to us), skipping members of `trusted`. The first address that is not
//   trusted is the client. If every hop is trusted, the leftmost one is the answer.
// - An element that is not an address (garbage, or a Forwarded element with `for=unknown`, an
//   obfuscated identifier such as `for=_hidden`, or no `for=`) stops the walk: the answer is the
//   last address walked over, i.e. the nearest trusted hop, or the peer. Client-supplied junk is
//   never promoted to an address.
// - Entries may carry ports ("198.51.100.1:4711", "[2001:db8::1]:80"); Forwarded values may be
//   quoted (`for="[2001:db8:cafe::17]:4711"`).
// Thread-safe (pure function).
std::string ResolveClientIp(absl::string_view remote_addr,
                            const std::vector<std::string>& x_forwarded_for,
                            const std::vector<std::string>& forwarded,
                            const TrustedProxies& trusted, ProxyHeader header = ProxyHeader::kAuto);

// Canonical text of an IP address given with or without a port or brackets, as described for
// ResolveClientIp; "" if `text` is not one. Thread-safe (pure function).
std::string CanonicalizeIp(absl::string_view text);

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_CLIENT_IP_H_
