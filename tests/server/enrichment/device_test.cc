// Where the user agents below come from: they were collected from browsers' and crawlers'
// published user-agent formats (the MDN User-Agent reference, Chrome's "User-Agent strings"
// developer page, Microsoft's notes on the IE and Edge strings, Google's, Bing's and Apple's
// crawler documentation) and from public collections of real user agents kept as test fixtures by
// open source user-agent parsers and web projects. Version numbers are whatever the source carried;
// they do not matter to the parser. Lines marked "seed quirk" are cases the seed app got wrong and
// that are fixed here.
#include "server/enrichment/device.h"

#include <cstddef>
#include <ostream>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace usersessions::server {
namespace {

using std::string_literals::operator""s;

struct Case {
  const char* name;  // Test name suffix.
  const char* user_agent;
  const char* display;
  const char* browser;
  const char* os;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.user_agent; }

constexpr Case kCases[] = {
    // Chrome.
    {"ChromeWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.0.0 Safari/537.36",
     "Chrome on Windows", "Chrome", "Windows"},
    {"ChromeWindowsWow64",
     "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/87.0.4280.88 Safari/537.36",
     "Chrome on Windows", "Chrome", "Windows"},
    {"ChromeMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.0.0 Safari/537.36",
     "Chrome on macOS", "Chrome", "macOS"},
    {"ChromeLinux",
     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/87.0.4280.88 Safari/537.36",
     "Chrome on Linux", "Chrome", "Linux"},
    {"ChromeAndroidReduced",
     "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.6533.103 Mobile Safari/537.36",
     "Chrome on Android", "Chrome", "Android"},
    {"ChromeAndroidPixel",
     "Mozilla/5.0 (Linux; Android 9; Pixel 3) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/74.0.3729.136 Mobile Safari/537.36",
     "Chrome on Android", "Chrome", "Android"},
    {"ChromeAndroidGalaxyNexus",
     "Mozilla/5.0 (Linux; Android 4.0.4; Galaxy Nexus Build/IMM76B) AppleWebKit/535.19 (KHTML, "
     "like Gecko) Chrome/18.0.1025.133 Mobile Safari/535.19",
     "Chrome on Android", "Chrome", "Android"},
    {"ChromeAndroidTablet",
     "Mozilla/5.0 (Linux; Android 4.4.2; Nexus 7 Build/KOT49H) AppleWebKit/537.36 (KHTML, like "
     "Gecko) Chrome/34.0.1847.114 Safari/537.36",
     "Chrome on Android", "Chrome", "Android"},
    {"ChromeAndroidCubotPhoneIsNoBot",
     "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/129.0.0.0 Mobile Safari/537.36",
     "Chrome on Android", "Chrome", "Android"},
    {"ChromeAndroidBetaCrMo",
     "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; Galaxy Nexus Build/IML74K) AppleWebKit/535.7 "
     "(KHTML, like Gecko) CrMo/16.0.912.75 Mobile Safari/535.7",
     "Chrome on Android", "Chrome", "Android"},
    {"AndroidWebView",
     "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36",
     "Chrome on Android", "Chrome", "Android"},
    // Seed quirk: CriOS was "Safari on iPhone".
    {"ChromeIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) CriOS/127.0.6533.107 Mobile/15E148 Safari/604.1",
     "Chrome on iPhone", "Chrome", "iPhone"},
    {"ChromeIphoneOld",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 10_3 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like "
     "Gecko) CriOS/56.0.2924.75 Mobile/14E5239e Safari/602.1",
     "Chrome on iPhone", "Chrome", "iPhone"},
    {"ChromeIpad",
     "Mozilla/5.0 (iPad; CPU OS 14_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/87.0.4280.77 Mobile/15E148 Safari/604.1",
     "Chrome on iPad", "Chrome", "iPad"},
    // "Request desktop site" on iOS sends a Mac user agent.
    {"ChromeIosDesktopMode",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/87 Version/11.1.1 Safari/605.1.15",
     "Chrome on macOS", "Chrome", "macOS"},
    // Seed quirk: CrOS was "Chrome" with no OS.
    {"ChromeOs",
     "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36",
     "Chrome on Chrome OS", "Chrome", "Chrome OS"},
    {"ChromeOsArm",
     "Mozilla/5.0 (X11; CrOS armv7l 13597.84.0) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/92.0.4515.130 Safari/537.36",
     "Chrome on Chrome OS", "Chrome", "Chrome OS"},
    {"ChromiumUbuntu",
     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu "
     "Chromium/79.0.3945.79 Chrome/79.0.3945.79 Safari/537.36",
     "Chromium on Linux", "Chromium", "Linux"},
    {"ElectronSlackMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Slack/4.39.90 Chrome/127.0.6533.72 Electron/13.1.9 Safari/537.36",
     "Chrome on macOS", "Chrome", "macOS"},
    {"LgWebOsTv",
     "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/79.0.3945.79 Safari/537.36 DMOST/2.0.0 (; LGE; webOSTV; WEBOS6.3.2 03.34.95; "
     "W6_lm21a;)",
     "Chrome on Linux", "Chrome", "Linux"},

    // Firefox.
    {"FirefoxWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:129.0) Gecko/20100101 Firefox/129.0",
     "Firefox on Windows", "Firefox", "Windows"},
    {"FirefoxWindows7",
     "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:47.0) Gecko/20100101 Firefox/47.0",
     "Firefox on Windows", "Firefox", "Windows"},
    {"FirefoxMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:129.0) Gecko/20100101 Firefox/129.0",
     "Firefox on macOS", "Firefox", "macOS"},
    {"FirefoxLinux", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
     "Firefox on Linux", "Firefox", "Linux"},
    {"FirefoxUbuntu",
     "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
     "Firefox on Linux", "Firefox", "Linux"},
    {"FirefoxFreeBsdHasNoOs",
     "Mozilla/5.0 (X11; FreeBSD amd64; rv:109.0) Gecko/20100101 Firefox/115.0", "Firefox",
     "Firefox", ""},
    {"FirefoxAndroid", "Mozilla/5.0 (Android 14; Mobile; rv:129.0) Gecko/129.0 Firefox/129.0",
     "Firefox on Android", "Firefox", "Android"},
    {"FirefoxAndroidTablet", "Mozilla/5.0 (Android 13; Tablet; rv:128.0) Gecko/128.0 Firefox/128.0",
     "Firefox on Android", "Firefox", "Android"},
    // Seed quirk: FxiOS was "Safari on iPhone".
    {"FirefoxIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) FxiOS/129.0 Mobile/15E148 Safari/605.1.15",
     "Firefox on iPhone", "Firefox", "iPhone"},
    {"FirefoxIphoneOld",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 12_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) FxiOS/13.2b11866 Mobile/16A366 Safari/605.1.15",
     "Firefox on iPhone", "Firefox", "iPhone"},
    {"FirefoxIpad",
     "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "FxiOS/117.0 Mobile/15E148 Safari/605.1.15",
     "Firefox on iPad", "Firefox", "iPad"},

    // Safari.
    {"SafariMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Safari/605.1.15",
     "Safari on macOS", "Safari", "macOS"},
    {"SafariMacOld",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_5) AppleWebKit/601.2.7 (KHTML, like Gecko) "
     "Version/9.0.1 Safari/601.2.7",
     "Safari on macOS", "Safari", "macOS"},
    // iPadOS 13+ asks for desktop sites by default and cannot be told apart from a Mac.
    {"SafariIpadDesktopMode",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/13.1.2 Safari/605.1.15",
     "Safari on macOS", "Safari", "macOS"},
    {"SafariIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
     "Safari on iPhone", "Safari", "iPhone"},
    {"SafariIphoneOld",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 10_3 like Mac OS X) AppleWebKit/603.1.23 (KHTML, like "
     "Gecko) Version/10.0 Mobile/14E5239e Safari/602.1",
     "Safari on iPhone", "Safari", "iPhone"},
    {"SafariIphoneIos4",
     "Mozilla/5.0 (iPhone; U; CPU iPhone OS 4_3_3 like Mac OS X; en-us) AppleWebKit/533.17.9 "
     "(KHTML, like Gecko) Version/5.0.2 Mobile/8J2 Safari/6533.18.5",
     "Safari on iPhone", "Safari", "iPhone"},
    {"SafariIpad",
     "Mozilla/5.0 (iPad; CPU OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/15.0 Mobile/15E148 Safari/604.1",
     "Safari on iPad", "Safari", "iPad"},
    {"SafariIpodTouchShowsAsIphone",
     "Mozilla/5.0 (iPod touch; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/15.0 Mobile/15E148 Safari/604.1",
     "Safari on iPhone", "Safari", "iPhone"},
    {"SafariWindows",
     "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534.57.2 (KHTML, like Gecko) Version/5.1.7 "
     "Safari/534.57.2",
     "Safari on Windows", "Safari", "Windows"},
    // An app's embedded web view names no browser.
    {"IosWebView",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Mobile/15E148",
     "iPhone", "", "iPhone"},

    // Edge.
    {"EdgeWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.98",
     "Edge on Windows", "Edge", "Windows"},
    {"EdgeMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.98",
     "Edge on macOS", "Edge", "macOS"},
    {"EdgeLinux",
     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36 Edg/120.0.0.0",
     "Edge on Linux", "Edge", "Linux"},
    {"EdgeAndroid",
     "Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/127.0.6533.103 Mobile Safari/537.36 EdgA/127.0.2651.90",
     "Edge on Android", "Edge", "Android"},
    // The seed's loose "Edg" rule already matched EdgiOS; kept.
    {"EdgeIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.0 EdgiOS/127.2651.102 Mobile/15E148 Safari/605.1.15",
     "Edge on iPhone", "Edge", "iPhone"},
    {"EdgeIpad",
     "Mozilla/5.0 (iPad; CPU OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/16.0 EdgiOS/114.1823.79 Mobile/15E148 Safari/605.1.15",
     "Edge on iPad", "Edge", "iPad"},
    {"EdgeLegacyEdgeHtml",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/46.0.2486.0 Safari/537.36 Edge/13.10586",
     "Edge on Windows", "Edge", "Windows"},
    {"EdgeXbox",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like "
     "Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
     "Edge on Windows", "Edge", "Windows"},
    {"EdgeWindows10Mobile",
     "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.14977",
     "Edge on Windows Mobile", "Edge", "Windows Mobile"},

    // Internet Explorer.
    {"Ie5", "Mozilla/4.0 (compatible; MSIE 5.01; Windows 98)", "Internet Explorer on Windows",
     "Internet Explorer", "Windows"},
    {"Ie6", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie7", "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)", "Internet Explorer on Windows",
     "Internet Explorer", "Windows"},
    {"Ie8", "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie9", "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie10", "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    // Seed quirk: a real IE 11 user agent was "Windows" with no browser.
    {"Ie11Windows81", "Mozilla/5.0 (Windows NT 6.3; Trident/7.0; rv:11.0) like Gecko",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie11Windows7", "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie11Windows10", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},
    {"Ie11CompatibilityView",
     "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.3; Trident/7.0; .NET4.0E; .NET4.0C)",
     "Internet Explorer on Windows", "Internet Explorer", "Windows"},

    // Windows Phone and Windows Mobile.
    {"WindowsPhone7",
     "Mozilla/4.0 (compatible; MSIE 7.0; Windows Phone OS 7.0; Trident/3.1; IEMobile/7.0; LG; "
     "GW910)",
     "Internet Explorer on Windows Mobile", "Internet Explorer", "Windows Mobile"},
    {"WindowsPhone8",
     "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; "
     "Touch; NOKIA; Lumia 920)",
     "Internet Explorer on Windows Mobile", "Internet Explorer", "Windows Mobile"},
    // Claims Android, "iPhone OS", "Mac OS X" and "Mobile Safari" as well.
    {"WindowsPhone81",
     "Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; rv:11.0; "
     "IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X AppleWebKit/537 (KHTML, like "
     "Gecko) Mobile Safari/537",
     "Internet Explorer on Windows Mobile", "Internet Explorer", "Windows Mobile"},
    {"WindowsMobile6", "Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 7.11)",
     "Internet Explorer on Windows Mobile", "Internet Explorer", "Windows Mobile"},

    // Opera.
    {"OperaWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
     "Opera on Windows", "Opera", "Windows"},
    {"OperaMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/76.0.3809.100 Safari/537.36 OPR/63.0.3368.35",
     "Opera on macOS", "Opera", "macOS"},
    {"OperaLinux",
     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 "
     "Safari/537.36 OPR/109.0.0.0",
     "Opera on Linux", "Opera", "Linux"},
    {"OperaAndroid",
     "Mozilla/5.0 (Linux; Android 10; VOG-L29) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/112.0.0.0 Mobile Safari/537.36 OPR/76.2.4027.73374",
     "Opera on Android", "Opera", "Android"},
    {"OperaPresto", "Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18",
     "Opera on Windows", "Opera", "Windows"},
    {"OperaMiniJ2me",
     "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) "
     "Presto/2.5.25 Version/10.54",
     "Opera", "Opera", ""},
    {"OperaMiniIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 12_1_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) OPiOS/16.0.14.122053 Mobile/16D57 Safari/9537.53",
     "Opera on iPhone", "Opera", "iPhone"},
    {"OperaTouchIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 12_1_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) OPT/2 Mobile/16D57",
     "Opera on iPhone", "Opera", "iPhone"},
    {"OperaIpad",
     "Mozilla/5.0 (iPad; CPU OS 11_0_3 like Mac OS X) AppleWebKit/604.1.38 (KHTML, like Gecko) "
     "OPiOS/16.0.3.120766 Mobile/15A432 Safari/9537.53",
     "Opera on iPad", "Opera", "iPad"},

    // Samsung Internet.
    {"SamsungGalaxyS23",
     "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
     "Samsung Internet on Android", "Samsung Internet", "Android"},
    {"SamsungReduced",
     "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
     "Samsung Internet on Android", "Samsung Internet", "Android"},
    {"SamsungOld",
     "Mozilla/5.0 (Linux; Android 5.0; SAMSUNG-SM-G900A Build/LRX21T) AppleWebKit/537.36 (KHTML, "
     "like Gecko) SamsungBrowser/2.1 Chrome/34.0.1847.76 Mobile Safari/537.36",
     "Samsung Internet on Android", "Samsung Internet", "Android"},
    {"SamsungTizenTv",
     "Mozilla/5.0 (SMART-TV; Linux; Tizen 5.0) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/2.2 Chrome/63.0.3239.84 TV Safari/537.36",
     "Samsung Internet on Linux", "Samsung Internet", "Linux"},

    // Other browsers.
    {"VivaldiWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/121.0.0.0 Safari/537.36 Vivaldi/6.6.3271.45",
     "Vivaldi on Windows", "Vivaldi", "Windows"},
    {"VivaldiMac",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 Vivaldi/6.7.3329.31",
     "Vivaldi on macOS", "Vivaldi", "macOS"},
    {"YandexWindows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/116.0.5845.2271 YaBrowser/23.9.0.2271 Yowser/2.5 Safari/537.36",
     "Yandex Browser on Windows", "Yandex Browser", "Windows"},
    {"YandexLinux",
     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/86.0.4240.198 YaBrowser/20.11.3.268 (beta) Yowser/2.5 Safari/537.36",
     "Yandex Browser on Linux", "Yandex Browser", "Linux"},
    {"UcBrowserAndroid",
     "Mozilla/5.0 (Linux; U; Android 9; en-US; Redmi 7 Build/PKQ1.181021.001) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.108 UCBrowser/13.0.0.1288 Mobile "
     "Safari/537.36",
     "UC Browser on Android", "UC Browser", "Android"},
    {"DuckDuckGoAndroid",
     "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
     "Chrome/114.0.5735.196 Mobile DuckDuckGo/5 Safari/537.36",
     "DuckDuckGo on Android", "DuckDuckGo", "Android"},
    {"DuckDuckGoIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/16.5 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15",
     "DuckDuckGo on iPhone", "DuckDuckGo", "iPhone"},
    {"FacebookIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 8_2 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like "
     "Gecko) Mobile/12D508 [FBAN/FBIOS;FBAV/27.0.0.10.12;FBBV/8291884;FBDV/iPhone7,1;FBMD/iPhone;"
     "FBSN/iPhone OS;FBSV/8.2;FBSS/3; FBCR/vodafoneIE;FBID/phone;FBLC/en_US;FBOP/5]",
     "Facebook on iPhone", "Facebook", "iPhone"},
    {"FacebookAndroid",
     "Mozilla/5.0 (Linux; Android 10; Mi A2 Build/QKQ1.190910.002; wv) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 "
     "[FB_IAB/FB4A;FBAV/414.0.0.30.113;]",
     "Facebook on Android", "Facebook", "Android"},
    {"InstagramAndroid",
     "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/122.0.0.0 Mobile Safari/537.36 Instagram 322.0.0.34.111",
     "Instagram on Android", "Instagram", "Android"},
    {"InstagramIphone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Mobile/15E148 Instagram 334.0.3.28.103 (iPhone14,3; iOS 17_5; en_US)",
     "Instagram on iPhone", "Instagram", "iPhone"},

    // The Android stock browser from before Chrome; the seed called it Safari.
    {"AndroidStockBrowser",
     "Mozilla/5.0 (Linux; U; Android 4.0.3; ko-kr; LG-L160L Build/IML74K) AppleWebkit/534.30 "
     "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
     "Android Browser on Android", "Android Browser", "Android"},
    {"AndroidStockBrowserTablet",
     "Mozilla/5.0 (Linux; U; Android 4.0.3; en-gb; Transformer TF101 Build/IML74K) "
     "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30",
     "Android Browser on Android", "Android Browser", "Android"},
    {"AndroidStockBrowserGingerbread",
     "Mozilla/5.0 (Linux; U; Android 2.3.6; en-us; Nexus S Build/GRK39F) AppleWebKit/533.1 "
     "(KHTML, like Gecko) Version/4.0 Mobile Safari/533.1",
     "Android Browser on Android", "Android Browser", "Android"},
    {"AndroidDalvikHttpStack",
     "Dalvik/2.1.0 (Linux; U; Android 11; SM-A207F Build/RP1A.200720.012)", "Android", "",
     "Android"},

    // Crawlers: named alone, whatever device they imitate.
    {"Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
     "Googlebot", "Googlebot", ""},
    {"GooglebotSmartphone",
     "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
     "Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
     "+http://www.google.com/bot.html)",
     "Googlebot", "Googlebot", ""},
    {"GooglebotImage", "Googlebot-Image/1.0", "Googlebot", "Googlebot", ""},
    {"GoogleAdsBotMobile",
     "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
     "Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; AdsBot-Google-Mobile; "
     "+http://www.google.com/mobile/adsbot.html)",
     "Google AdsBot", "Google AdsBot", ""},
    {"Bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
     "Bingbot", "Bingbot", ""},
    {"BingbotChromium",
     "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
     "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
     "Bingbot", "Bingbot", ""},
    {"DuckDuckBot", "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", "DuckDuckBot",
     "DuckDuckBot", ""},
    {"Applebot",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 8_1 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like "
     "Gecko) Version/8.0 Mobile/12B410 Safari/600.1.4 (Applebot/0.1;+http://www.apple.com/go/"
     "applebot)",
     "Applebot", "Applebot", ""},
    {"YandexBot", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "YandexBot",
     "YandexBot", ""},
    {"Baiduspider",
     "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
     "Baiduspider", "Baiduspider", ""},
    {"FacebookExternalHit",
     "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
     "Facebook crawler", "Facebook crawler", ""},
    {"Twitterbot", "Twitterbot/1.0", "Twitterbot", "Twitterbot", ""},
    {"Slackbot", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot",
     "Slackbot", ""},
    {"LinkedInBot",
     "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
     "LinkedInBot", "LinkedInBot", ""},
    {"Discordbot", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
     "Discordbot", "Discordbot", ""},
    {"AhrefsBot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot",
     "AhrefsBot", ""},
    {"GptBot",
     "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; "
     "+https://openai.com/gptbot)",
     "GPTBot", "GPTBot", ""},

    // Command-line tools and HTTP libraries. Seed quirk: these were all unknown.
    {"Curl", "curl/8.5.0", "curl", "curl", ""},
    {"CurlOld", "curl/7.38.0", "curl", "curl", ""},
    {"Wget", "Wget/1.21.1", "Wget", "Wget", ""},
    {"PythonRequests", "python-requests/2.32.3", "python-requests", "python-requests", ""},
    {"PythonHttpx", "python-httpx/0.27.2", "python-httpx", "python-httpx", ""},
    {"PythonUrllib", "Python-urllib/2.6", "Python urllib", "Python urllib", ""},
    {"GoHttpClient", "Go-http-client/1.1", "Go HTTP client", "Go HTTP client", ""},
    {"GoHttpClientHttp2", "Go-http-client/2.0", "Go HTTP client", "Go HTTP client", ""},
    {"GoHttpClientLowerCase", "go-http-client/1.1", "Go HTTP client", "Go HTTP client", ""},
    {"OkHttp", "okhttp/3.2.0", "okhttp", "okhttp", ""},
    {"Postman", "PostmanRuntime/7.26.5", "Postman", "Postman", ""},
    {"Httpie", "HTTPie/0.9.9", "HTTPie", "HTTPie", ""},
    {"Axios", "axios/1.7.2", "axios", "axios", ""},
    {"Java", "Java/1.6.0_14", "Java", "Java", ""},
    {"ApacheHttpClient", "Apache-HttpClient/4.5.14 (Java/17.0.12)", "Apache HttpClient",
     "Apache HttpClient", ""},
    {"PowerShellWindows",
     "Mozilla/5.0 (Windows NT; Windows NT 10.0; de-DE) WindowsPowerShell/5.1.19041.5737",
     "PowerShell on Windows", "PowerShell", "Windows"},
    {"PowerShellCore",
     "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.15063; en-US) PowerShell/6.0.0",
     "PowerShell on Windows", "PowerShell", "Windows"},

    // Nothing to go on.
    {"MozillaOnly", "Mozilla/5.0", "", "", ""},
    {"UnknownLibrary", "undici", "", "", ""},
    {"TextBrowserPlatformOnly", "ELinks (0.11.3; Linux 2.6.23-hardened-r4 i686; 166x55)", "Linux",
     "", "Linux"},
};

class ParseUserAgentTest : public testing::TestWithParam<Case> {};

TEST_P(ParseUserAgentTest, DerivesDevice) {
  const Case& c = GetParam();
  const DeviceInfo info = ParseUserAgent(c.user_agent);
  EXPECT_EQ(info.display, c.display);
  EXPECT_EQ(info.browser, c.browser);
  EXPECT_EQ(info.os, c.os);
}

INSTANTIATE_TEST_SUITE_P(RealUserAgents, ParseUserAgentTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

TEST(ParseUserAgentTableTest, HasEnoughRealUserAgents) {
  EXPECT_GE(sizeof(kCases) / sizeof(kCases[0]), 80u);
}

// The fields stay consistent with each other and within the fixed vocabulary of OS names.
TEST(ParseUserAgentTableTest, DisplayIsComposedFromBrowserAndOs) {
  for (const Case& c : kCases) {
    const DeviceInfo info = ParseUserAgent(c.user_agent);
    const std::string os = info.os;
    EXPECT_TRUE(os.empty() || os == "Windows" || os == "macOS" || os == "iPhone" || os == "iPad" ||
                os == "Android" || os == "Windows Mobile" || os == "Linux" || os == "Chrome OS")
        << c.user_agent;
    std::string expected = info.browser.empty() || info.os.empty()
                               ? info.browser + info.os
                               : absl::StrCat(info.browser, " on ", info.os);
    EXPECT_EQ(info.display, expected) << c.user_agent;
  }
}

void ExpectUnknown(const DeviceInfo& info) {
  EXPECT_EQ(info.display, "");
  EXPECT_EQ(info.browser, "");
  EXPECT_EQ(info.os, "");
}

TEST(ParseUserAgentRobustnessTest, EmptyIsUnknown) { ExpectUnknown(ParseUserAgent("")); }

TEST(ParseUserAgentRobustnessTest, WhitespaceIsUnknown) {
  ExpectUnknown(ParseUserAgent(" "));
  ExpectUnknown(ParseUserAgent(" \t\r\n "));
}

TEST(ParseUserAgentRobustnessTest, LeadingWhitespaceIsIgnored) {
  EXPECT_EQ(ParseUserAgent("  curl/8.5.0").display, "curl");
}

TEST(ParseUserAgentRobustnessTest, TenKilobytesOfOneLetterIsUnknown) {
  ExpectUnknown(ParseUserAgent(std::string(10 * 1024, 'A')));
}

TEST(ParseUserAgentRobustnessTest, RandomBytesNeverCrash) {
  std::mt19937 random(20240601);  // Fixed seed: the same bytes on every run.
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 50; ++round) {
    std::string bytes(10 * 1024, '\0');
    for (char& b : bytes) b = static_cast<char>(byte(random));
    const DeviceInfo info = ParseUserAgent(bytes);
    // Whatever random bytes happen to spell, the output comes from the fixed vocabulary.
    EXPECT_LE(info.display.size(), 64u);
  }
}

TEST(ParseUserAgentRobustnessTest, NulAndInvalidUtf8AroundTokensAreTolerated) {
  const std::string ua =
      "\xff\xfe\x00Mozilla/5.0 (Windows NT 10.0\x00; \xc3\x28 Win64) "
      "Firefox/129.0 \x80\xbf\xed\xa0\x80"s;
  EXPECT_EQ(ParseUserAgent(ua).display, "Firefox on Windows");
  ExpectUnknown(ParseUserAgent("\x00\x00\x00"s));
  ExpectUnknown(ParseUserAgent("\xc0\xaf\xe0\x80\xaf\xf8\x88\x80\x80\xaf"));
}

TEST(ParseUserAgentRobustnessTest, KnownUserAgentPaddedToTenKilobytes) {
  std::string ua(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/127.0.0.0 Safari/537.36 ");
  ua.append(10 * 1024, 'x');
  EXPECT_EQ(ParseUserAgent(ua).display, "Chrome on Windows");
}

// Only the first 2 KiB are examined; a token placed after them is not seen.
TEST(ParseUserAgentRobustnessTest, TokensPastTheInspectedPrefixAreIgnored) {
  std::string ua = "Mozilla/5.0 (X11; Linux x86_64) ";
  ua.append(4096 - ua.size(), ' ');
  ua.append("Firefox/129.0");
  EXPECT_EQ(ParseUserAgent(ua).display, "Linux");
}

TEST(ParseUserAgentRobustnessTest, TokensWithoutContextAreHarmless) {
  // Fragments of tokens at the very end of the input must not read past it.
  for (const char* fragment : {"Edg", "OP", "UC", "FB", "Cr", "iP", "Windows", "Mozilla/"}) {
    const DeviceInfo info = ParseUserAgent(fragment);
    EXPECT_EQ(info.browser, "") << fragment;
  }
}

}  // namespace
}  // namespace usersessions::server
