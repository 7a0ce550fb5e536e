#include "sdk/client_ip.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk {
namespace {

using ::usersessions::testing::StatusIs;

TrustedProxies Trust(const std::vector<std::string>& cidrs) {
  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(cidrs);
  EXPECT_TRUE(proxies.ok()) << proxies.status();
  return proxies.ok() ? *proxies : TrustedProxies();
}

TEST(TrustedProxies, ParsesCidrsAndBareAddresses) {
  const TrustedProxies proxies =
      Trust({"10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1", " 172.16.0.0/12 "});
  EXPECT_TRUE(proxies.Contains("10.255.0.1"));
  EXPECT_FALSE(proxies.Contains("11.0.0.1"));
  EXPECT_TRUE(proxies.Contains("192.168.1.7"));
  EXPECT_FALSE(proxies.Contains("192.168.1.8"));
  EXPECT_TRUE(proxies.Contains("2001:db8:ffff::1"));
  EXPECT_FALSE(proxies.Contains("2001:db9::1"));
  EXPECT_TRUE(proxies.Contains("::1"));
  EXPECT_TRUE(proxies.Contains("172.31.255.255"));
  EXPECT_FALSE(proxies.Contains("not an address"));
}

TEST(TrustedProxies, MasksHostBitsAndHandlesEdgePrefixes) {
  const TrustedProxies proxies = Trust({"10.1.2.3/8", "2001:db8::1/127", "0.0.0.0/0"});
  EXPECT_TRUE(proxies.Contains("10.9.9.9"));
  EXPECT_TRUE(proxies.Contains("2001:db8::"));
  EXPECT_FALSE(proxies.Contains("2001:db8::2"));
  EXPECT_TRUE(proxies.Contains("8.8.8.8"));           // /0 trusts every IPv4 address...
  EXPECT_FALSE(proxies.Contains("2001:4860::8888"));  // ...but no IPv6 one.
}

TEST(TrustedProxies, MatchesIpv4MappedForms) {
  const TrustedProxies proxies = Trust({"::ffff:10.0.0.0/104", "192.0.2.0/24"});
  EXPECT_TRUE(proxies.Contains("10.1.1.1"));
  EXPECT_TRUE(proxies.Contains("::ffff:10.1.1.1"));
  EXPECT_TRUE(proxies.Contains("::ffff:192.0.2.9"));
  EXPECT_FALSE(proxies.Contains("::ffff:11.0.0.1"));
}

TEST(TrustedProxies, EmptyTrustsNobody) {
  EXPECT_TRUE(TrustedProxies().empty());
  EXPECT_FALSE(TrustedProxies().Contains("127.0.0.1"));
}

class BadCidrTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCidrTest, IsInvalidArgument) {
  EXPECT_THAT(TrustedProxies::Parse({"10.0.0.0/8", GetParam()}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(Cases, BadCidrTest,
                         ::testing::Values("", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/",
                                           "10.0.0.0/-1", "10.0.0.0/8x", "10.0.0/8", "10.0.0.256",
                                           "host.example", "[::1]/128", "fe80::1%eth0/64",
                                           "10.0.0.0/8/8", "::ffff:0:0/95", "1.2.3.4:80"));

struct CanonicalCase {
  std::string input;
  std::string expected;
};

class CanonicalizeIpTest : public ::testing::TestWithParam<CanonicalCase> {};

TEST_P(CanonicalizeIpTest, Canonicalizes) {
  EXPECT_EQ(CanonicalizeIp(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CanonicalizeIpTest,
    ::testing::Values(CanonicalCase{"203.0.113.7", "203.0.113.7"},
                      CanonicalCase{" 203.0.113.7 ", "203.0.113.7"},
                      CanonicalCase{"203.0.113.7:51234", "203.0.113.7"},
                      CanonicalCase{"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
                      CanonicalCase{"[2001:db8::1]", "2001:db8::1"},
                      CanonicalCase{"[2001:db8::1]:443", "2001:db8::1"},
                      CanonicalCase{"::ffff:192.0.2.1", "192.0.2.1"},
                      CanonicalCase{"[::ffff:c000:201]:80", "192.0.2.1"},
                      CanonicalCase{"fe80::1%eth0", "fe80::1"}, CanonicalCase{"::1", "::1"},
                      CanonicalCase{"", ""}, CanonicalCase{"unix:/run/app.sock", ""},
                      CanonicalCase{"localhost", ""}, CanonicalCase{"203.0.113.7:99999", ""},
                      CanonicalCase{"203.0.113.7:", ""}, CanonicalCase{"[203.0.113.7]", ""},
                      CanonicalCase{"[2001:db8::1", ""}, CanonicalCase{"[2001:db8::1]x", ""},
                      CanonicalCase{"010.0.0.1", ""}, CanonicalCase{"1.2.3", ""}));

struct ResolveCase {
  const char* name;
  std::string remote_addr;
  std::vector<std::string> x_forwarded_for;
  std::vector<std::string> forwarded;
  std::string expected;
  ProxyHeader header = ProxyHeader::kAuto;
};

class ResolveClientIpTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveClientIpTest, Resolves) {
  const TrustedProxies trusted = Trust({"10.0.0.0/8", "2001:db8:ffff::/48"});
  const ResolveCase& c = GetParam();
  EXPECT_EQ(ResolveClientIp(c.remote_addr, c.x_forwarded_for, c.forwarded, trusted, c.header),
            c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ResolveClientIpTest,
    ::testing::Values(
        ResolveCase{"DirectClient", "203.0.113.7", {}, {}, "203.0.113.7"},
        ResolveCase{"DirectClientWithPort", "203.0.113.7:5555", {}, {}, "203.0.113.7"},
        ResolveCase{"UnknownPeer", "", {"198.51.100.1"}, {}, ""},
        ResolveCase{"UnixSocketPeer", "unix:/run/app.sock", {"198.51.100.1"}, {}, ""},
        // Spoofing: headers from an untrusted peer are ignored.
        ResolveCase{"XffFromUntrustedPeerIgnored", "203.0.113.7", {"1.1.1.1"}, {}, "203.0.113.7"},
        ResolveCase{
            "ForwardedFromUntrustedPeerIgnored", "203.0.113.7", {}, {"for=1.1.1.1"}, "203.0.113.7"},
        ResolveCase{"TrustedPeerWithoutHeaders", "10.0.0.1", {}, {}, "10.0.0.1"},
        ResolveCase{"OneHop", "10.0.0.1", {"198.51.100.1"}, {}, "198.51.100.1"},
        // The client prepends junk; the proxy appends the real peer. The walk stops there.
        ResolveCase{
            "SpoofedPrefixIgnored", "10.0.0.1", {"1.1.1.1, 198.51.100.1"}, {}, "198.51.100.1"},
        ResolveCase{"TrustedHopsSkipped",
                    "10.0.0.1",
                    {"198.51.100.1, 10.0.0.3, 10.0.0.2"},
                    {},
                    "198.51.100.1"},
        ResolveCase{"SeveralHeaderLinesInOrder",
                    "10.0.0.1",
                    {"1.1.1.1, 198.51.100.1", "10.0.0.3"},
                    {},
                    "198.51.100.1"},
        ResolveCase{
            "AllHopsTrustedGivesLeftmost", "10.0.0.1", {"10.0.0.9, 10.0.0.8"}, {}, "10.0.0.9"},
        ResolveCase{
            "EmptyElementsSkipped", "10.0.0.1", {"198.51.100.1,, ", ""}, {}, "198.51.100.1"},
        ResolveCase{
            "MalformedNearestStopsAtPeer", "10.0.0.1", {"198.51.100.1, junk"}, {}, "10.0.0.1"},
        ResolveCase{"MalformedBehindTrustedHop",
                    "10.0.0.1",
                    {"198.51.100.1, <script>, 10.0.0.2"},
                    {},
                    "10.0.0.2"},
        ResolveCase{"MalformedLeftOfClientIsIrrelevant",
                    "10.0.0.1",
                    {"junk, 198.51.100.1"},
                    {},
                    "198.51.100.1"},
        ResolveCase{"HostnameIsMalformed", "10.0.0.1", {"evil.example"}, {}, "10.0.0.1"},
        ResolveCase{"XffWithPorts",
                    "10.0.0.1",
                    {"198.51.100.1:4711, [2001:db8:ffff::5]:80"},
                    {},
                    "198.51.100.1"},
        ResolveCase{"Ipv6Client", "10.0.0.1", {"2001:DB8:1::7"}, {}, "2001:db8:1::7"},
        ResolveCase{
            "Ipv6TrustedPeer", "[2001:db8:ffff::1]:443", {"198.51.100.1"}, {}, "198.51.100.1"},
        ResolveCase{
            "Ipv4MappedPeerIsTrusted", "::ffff:10.0.0.1", {"198.51.100.1"}, {}, "198.51.100.1"},
        ResolveCase{"Ipv4MappedClientCanonicalized",
                    "10.0.0.1",
                    {"::ffff:198.51.100.1"},
                    {},
                    "198.51.100.1"},
        ResolveCase{
            "Ipv4MappedUntrustedPeer", "::ffff:203.0.113.7", {"1.1.1.1"}, {}, "203.0.113.7"},
        // RFC 7239 Forwarded.
        ResolveCase{"ForwardedOneHop", "10.0.0.1", {}, {"for=198.51.100.1"}, "198.51.100.1"},
        ResolveCase{"ForwardedQuotedIpv6WithPort",
                    "10.0.0.1",
                    {},
                    {"for=\"[2001:db8:cafe::17]:4711\""},
                    "2001:db8:cafe::17"},
        ResolveCase{"ForwardedQuotedIpv4WithPort",
                    "10.0.0.1",
                    {},
                    {"For=\"198.51.100.1:47011\";proto=https;by=10.0.0.1"},
                    "198.51.100.1"},
        ResolveCase{"ForwardedSeveralElementsAndLines",
                    "10.0.0.1",
                    {},
                    {"for=1.1.1.1, for=198.51.100.1;proto=http", "for=10.0.0.4;by=\"_proxy\""},
                    "198.51.100.1"},
        ResolveCase{"ForwardedObfuscatedStops",
                    "10.0.0.1",
                    {},
                    {"for=198.51.100.1, for=_hidden"},
                    "10.0.0.1"},
        ResolveCase{"ForwardedUnknownStopsBehindTrustedHop",
                    "10.0.0.1",
                    {},
                    {"for=198.51.100.1, for=unknown, for=10.0.0.2"},
                    "10.0.0.2"},
        ResolveCase{"ForwardedObfuscatedPortIsFine",
                    "10.0.0.1",
                    {},
                    {"for=\"198.51.100.1:_abc\""},
                    "198.51.100.1"},
        ResolveCase{"ForwardedWithoutForStops", "10.0.0.1", {}, {"proto=https"}, "10.0.0.1"},
        ResolveCase{"ForwardedUnterminatedQuoteStops",
                    "10.0.0.1",
                    {},
                    {"for=198.51.100.1, for=\"[2001:db8::1]"},
                    "10.0.0.1"},
        ResolveCase{"ForwardedDuplicateForStops",
                    "10.0.0.1",
                    {},
                    {"for=198.51.100.1;for=1.1.1.1"},
                    "10.0.0.1"},
        ResolveCase{"ForwardedGarbageStops", "10.0.0.1", {}, {"for=1.1.1.1, nonsense"}, "10.0.0.1"},
        ResolveCase{"ForwardedCommaInsideQuotes",
                    "10.0.0.1",
                    {},
                    {"for=198.51.100.1;by=\"a,b\""},
                    "198.51.100.1"},
        ResolveCase{"ForwardedWinsOverXff",
                    "10.0.0.1",
                    {"192.0.2.1"},
                    {"for=198.51.100.1"},
                    "198.51.100.1"},
        ResolveCase{"BlankForwardedFallsBackToXff", "10.0.0.1", {"192.0.2.1"}, {"  "}, "192.0.2.1"},
        ResolveCase{"PinnedXffIgnoresForwarded",
                    "10.0.0.1",
                    {"192.0.2.1"},
                    {"for=198.51.100.1"},
                    "192.0.2.1",
                    ProxyHeader::kXForwardedFor},
        ResolveCase{"PinnedForwardedIgnoresXff",
                    "10.0.0.1",
                    {"192.0.2.1"},
                    {},
                    "10.0.0.1",
                    ProxyHeader::kForwarded}),
    [](const ::testing::TestParamInfo<ResolveCase>& info) { return std::string(info.param.name); });

TEST(ResolveClientIp, NoTrustedProxiesMeansPeerAlways) {
  EXPECT_EQ(ResolveClientIp("127.0.0.1", {"198.51.100.1"}, {"for=198.51.100.2"}, TrustedProxies()),
            "127.0.0.1");
}

// Hostile proxy headers behind a trusted proxy: whatever a client writes, the answer is an
// address the proxy chain vouches for, or the nearest trusted hop.
TEST(ResolveClientIp, HostileHeadersNeverYieldJunk) {
  const TrustedProxies trusted = Trust({"10.0.0.0/8"});
  const std::string nul_in_address("198.51.100.1\0evil", 17);
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {nul_in_address}, {}, trusted), "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {}, {"for=\"198.51.100.1\0\""}, trusted), "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {"198.51.100.1\r\nX-Evil: 1"}, {}, trusted), "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {"\xff\xfe, \xc3\x28"}, {}, trusted), "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {}, {"for=198.51.100.1;for=203.0.113.9"}, trusted),
            "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {}, {"for=\"[2001:db8::1"}, trusted), "10.0.0.1");
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {std::string(100000, ',')}, {}, trusted), "10.0.0.1");
  // Duplicated header lines are one list, walked from the right.
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {"203.0.113.9", "198.51.100.1", "10.0.0.2"}, {}, trusted),
            "198.51.100.1");
}

TEST(ResolveClientIp, OversizedChainsCostLinearTime) {
  const TrustedProxies trusted = Trust({"10.0.0.0/8"});
  std::string chain = "198.51.100.1";
  for (int i = 0; i < 100000; ++i) chain += ", 10.0.0.2";
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {chain}, {}, trusted), "198.51.100.1");
  std::string forwarded = "for=198.51.100.1";
  for (int i = 0; i < 100000; ++i) forwarded += ", for=10.0.0.2";
  EXPECT_EQ(ResolveClientIp("10.0.0.1", {}, {forwarded}, trusted), "198.51.100.1");
}

}  // namespace
}  // namespace usersessions::sdk
