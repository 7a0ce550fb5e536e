// Fuzzes the client-IP resolver: the input is split into a peer address and X-Forwarded-For and
// Forwarded header lines. Whatever the headers say, the answer must be "" or a canonical address,
// and an untrusted peer must always be the answer.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "sdk/client_ip.h"

namespace {

using usersessions::sdk::CanonicalizeIp;
using usersessions::sdk::ProxyHeader;
using usersessions::sdk::ResolveClientIp;
using usersessions::sdk::TrustedProxies;

const TrustedProxies& Trusted() {
  static const TrustedProxies* const trusted = [] {
    auto parsed = TrustedProxies::Parse({"10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1"});
    if (!parsed.ok()) std::abort();
    return new TrustedProxies(*std::move(parsed));
  }();
  return *trusted;
}

std::vector<std::string> HeaderLines(FuzzedDataProvider& input) {
  std::vector<std::string> lines(input.ConsumeIntegralInRange<int>(0, 3));
  for (std::string& line : lines) line = input.ConsumeRandomLengthString(512);
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string remote_addr = input.ConsumeRandomLengthString(64);
  const auto header = static_cast<ProxyHeader>(input.ConsumeIntegralInRange<int>(0, 2));
  const std::vector<std::string> x_forwarded_for = HeaderLines(input);
  std::vector<std::string> forwarded = HeaderLines(input);
  forwarded.push_back(input.ConsumeRemainingBytesAsString());

  const std::string client =
      ResolveClientIp(remote_addr, x_forwarded_for, forwarded, Trusted(), header);
  if (!client.empty() && CanonicalizeIp(client) != client) std::abort();
  // Text with a NUL byte is never an address, whatever precedes the NUL.
  if (remote_addr.find('\0') != std::string::npos && !CanonicalizeIp(remote_addr).empty()) {
    std::abort();
  }
  const std::string peer = CanonicalizeIp(remote_addr);
  if (!Trusted().Contains(peer) && client != peer) std::abort();

  // Parsing operator-supplied CIDRs must not crash either.
  (void)TrustedProxies::Parse({remote_addr});
  return 0;
}
