// Cost of deriving the device from a User-Agent header, per call. The management RPCs do this for
// every session they return, so it must stay far below the cost of the RPC itself.
#include <string>

#include "benchmark/benchmark.h"
#include "server/enrichment/device.h"

namespace usersessions::server {
namespace {

constexpr char kChromeWindows[] =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/127.0.0.0 Safari/537.36";
constexpr char kSafariIphone[] =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
constexpr char kFirefoxLinux[] =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
constexpr char kEdgeWindows[] =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.98";
constexpr char kSamsungAndroid[] =
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36";
constexpr char kGooglebotSmartphone[] =
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html)";
constexpr char kCurl[] = "curl/8.5.0";

void BM_ParseUserAgent(benchmark::State& state, const char* user_agent) {
  for (auto _ : state) {
    DeviceInfo info = ParseUserAgent(user_agent);
    benchmark::DoNotOptimize(info);
  }
}

BENCHMARK_CAPTURE(BM_ParseUserAgent, ChromeWindows, kChromeWindows);
BENCHMARK_CAPTURE(BM_ParseUserAgent, SafariIphone, kSafariIphone);
BENCHMARK_CAPTURE(BM_ParseUserAgent, FirefoxLinux, kFirefoxLinux);
BENCHMARK_CAPTURE(BM_ParseUserAgent, EdgeWindows, kEdgeWindows);
BENCHMARK_CAPTURE(BM_ParseUserAgent, SamsungAndroid, kSamsungAndroid);
BENCHMARK_CAPTURE(BM_ParseUserAgent, GooglebotSmartphone, kGooglebotSmartphone);
BENCHMARK_CAPTURE(BM_ParseUserAgent, Curl, kCurl);

// A hostile 10 KB header of one repeated letter: the worst case for the token searches, bounded
// by the 2 KiB that the parser examines.
void BM_ParseUserAgentLong(benchmark::State& state) {
  const std::string user_agent(10 * 1024, 'A');
  for (auto _ : state) {
    DeviceInfo info = ParseUserAgent(user_agent);
    benchmark::DoNotOptimize(info);
  }
}
BENCHMARK(BM_ParseUserAgentLong);

}  // namespace
}  // namespace usersessions::server
