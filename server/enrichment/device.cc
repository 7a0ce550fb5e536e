#include "server/enrichment/device.h"

#include <cstddef>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace usersessions::server {
namespace {

// Real user agents are a few hundred bytes. Stored ones are cut to 512 characters (at most 2 KiB of
// UTF-8), so every stored value is examined in full, while hostile input costs bounded time.
constexpr size_t kMaxInspectedBytes = 2048;

// Operating systems: the seed's names, without versions.
constexpr absl::string_view kWindows = "Windows";
constexpr absl::string_view kMacOs = "macOS";
// The iPod touch runs the iPhone's OS and sends "CPU iPhone OS"; it is shown as an iPhone rather
// than growing the fixed list of OS names.
constexpr absl::string_view kIphone = "iPhone";
constexpr absl::string_view kIpad = "iPad";
constexpr absl::string_view kAndroid = "Android";
constexpr absl::string_view kWindowsMobile = "Windows Mobile";
// Every desktop Linux distribution says "Linux" (Ubuntu sends "X11; Ubuntu; Linux x86_64"). The
// BSDs are not Linux and stay unknown.
constexpr absl::string_view kLinux = "Linux";
constexpr absl::string_view kChromeOs = "Chrome OS";

// Browsers.
constexpr absl::string_view kChrome = "Chrome";
constexpr absl::string_view kChromium = "Chromium";
constexpr absl::string_view kFirefox = "Firefox";
constexpr absl::string_view kSafari = "Safari";
constexpr absl::string_view kEdge = "Edge";
constexpr absl::string_view kInternetExplorer = "Internet Explorer";
constexpr absl::string_view kOpera = "Opera";
constexpr absl::string_view kSamsungInternet = "Samsung Internet";
constexpr absl::string_view kYandexBrowser = "Yandex Browser";
constexpr absl::string_view kUcBrowser = "UC Browser";
constexpr absl::string_view kVivaldi = "Vivaldi";
constexpr absl::string_view kDuckDuckGo = "DuckDuckGo";
constexpr absl::string_view kFacebook = "Facebook";
constexpr absl::string_view kInstagram = "Instagram";
// Android's own WebKit browser from before Chrome shipped with the system.
constexpr absl::string_view kAndroidBrowser = "Android Browser";
constexpr absl::string_view kPowerShell = "PowerShell";

struct NamedToken {
  absl::string_view token;
  absl::string_view name;
};

// Crawlers, found anywhere in the user agent: most of them send a full browser user agent with
// their name appended. Only well-known names are listed; a generic "bot" rule would misfire on
// real devices (Cubot phones name themselves in the user agent). Every token contains "bot",
// "Bot" or "spider": MightBeCrawler() relies on that to skip this table cheaply.
constexpr NamedToken kCrawlers[] = {
    {"Googlebot", "Googlebot"},     {"AdsBot-Google", "Google AdsBot"},
    {"bingbot", "Bingbot"},         {"DuckDuckBot", "DuckDuckBot"},
    {"Applebot", "Applebot"},       {"YandexBot", "YandexBot"},
    {"Baiduspider", "Baiduspider"}, {"FacebookBot", "Facebook crawler"},
    {"Twitterbot", "Twitterbot"},   {"Slackbot", "Slackbot"},
    {"Discordbot", "Discordbot"},   {"LinkedInBot", "LinkedInBot"},
    {"AhrefsBot", "AhrefsBot"},     {"SemrushBot", "SemrushBot"},
    {"PetalBot", "PetalBot"},       {"GPTBot", "GPTBot"},
    {"ClaudeBot", "ClaudeBot"},
};

// Non-browser clients, recognised by the product token that starts their user agent (compared
// without regard to case: libraries differ in how they spell themselves).
constexpr NamedToken kClients[] = {
    {"curl/", "curl"},
    {"Wget/", "Wget"},
    {"python-requests/", "python-requests"},
    {"python-httpx/", "python-httpx"},
    {"Python-urllib/", "Python urllib"},
    {"python-urllib3/", "urllib3"},
    {"Go-http-client/", "Go HTTP client"},
    {"okhttp/", "okhttp"},
    {"PostmanRuntime/", "Postman"},
    {"insomnia/", "Insomnia"},
    {"HTTPie/", "HTTPie"},
    {"axios/", "axios"},
    {"node-fetch/", "node-fetch"},
    {"Java/", "Java"},
    {"Java-http-client/", "Java"},
    {"Apache-HttpClient/", "Apache HttpClient"},
    {"GuzzleHttp/", "Guzzle"},
    {"Dart/", "Dart"},
    {"libwww-perl/", "libwww-perl"},
    {"Scrapy/", "Scrapy"},
    {"facebookexternalhit/", "Facebook crawler"},
};

bool Contains(absl::string_view text, absl::string_view token) {
  return absl::StrContains(text, token);
}

// True if `stem` occurs in `text` directly followed by one of `suffixes`. One pass over `text`
// stands in for one search per spelling ("Edg/", "Edge/", "EdgA/", "EdgiOS/").
bool ContainsStemWith(absl::string_view text, absl::string_view stem,
                      std::initializer_list<absl::string_view> suffixes) {
  for (size_t pos = text.find(stem); pos != absl::string_view::npos;
       pos = text.find(stem, pos + 1)) {
    const absl::string_view rest = text.substr(pos + stem.size());
    for (absl::string_view suffix : suffixes) {
      if (absl::StartsWith(rest, suffix)) return true;
    }
  }
  return false;
}

bool MightBeCrawler(absl::string_view ua) {
  return Contains(ua, "bot") || Contains(ua, "Bot") || Contains(ua, "spider");
}

absl::string_view FindCrawler(absl::string_view ua) {
  if (!MightBeCrawler(ua)) return {};
  for (const NamedToken& crawler : kCrawlers) {
    if (Contains(ua, crawler.token)) return crawler.name;
  }
  return {};
}

absl::string_view FindClient(absl::string_view ua) {
  for (const NamedToken& client : kClients) {
    if (absl::StartsWithIgnoreCase(ua, client.token)) return client.name;
  }
  return {};
}

// Order matters: Windows Phone user agents also claim Android and "iPhone OS"; iOS ones say
// "like Mac OS X"; Android and Chrome OS ones say "Linux". iPadOS in desktop mode sends a Mac user
// agent and cannot be told apart from a Mac.
absl::string_view DetectOs(absl::string_view ua) {
  if (ContainsStemWith(ua, "Windows", {" Phone", " Mobile", " CE"})) return kWindowsMobile;
  // The first Apple device named wins: an iPad's in-app browsers may name the iPhone later on.
  for (size_t pos = ua.find("iP"); pos != absl::string_view::npos; pos = ua.find("iP", pos + 1)) {
    const absl::string_view rest = ua.substr(pos + 2);
    if (absl::StartsWith(rest, "hone") || absl::StartsWith(rest, "od")) return kIphone;
    if (absl::StartsWith(rest, "ad")) return kIpad;
  }
  if (Contains(ua, "Android")) return kAndroid;
  if (Contains(ua, "CrOS")) return kChromeOs;
  if (Contains(ua, "Mac OS X") || Contains(ua, "Macintosh")) return kMacOs;
  if (Contains(ua, "Windows")) return kWindows;
  if (Contains(ua, "Linux")) return kLinux;
  return {};
}

// Order matters: nearly every browser built on Chromium also sends "Chrome/" and "Safari/", and
// Chrome sends "Safari/". So the specific tokens come first, then Chrome, then Safari. Firefox,
// Chrome and Edge on iOS are WebKit underneath and send "Safari/" too, with FxiOS, CriOS, EdgiOS.
absl::string_view DetectBrowser(absl::string_view ua, absl::string_view os) {
  if (ContainsStemWith(ua, "Edg", {"/", "e/", "A/", "iOS/"})) return kEdge;
  if (ContainsStemWith(ua, "OP", {"R/", "T/", "iOS/"}) || Contains(ua, "Opera")) return kOpera;
  if (Contains(ua, "SamsungBrowser/")) return kSamsungInternet;
  if (Contains(ua, "YaBrowser/")) return kYandexBrowser;
  if (ContainsStemWith(ua, "UC", {"Browser", "WEB"})) return kUcBrowser;
  if (Contains(ua, "Vivaldi/")) return kVivaldi;
  if (Contains(ua, "DuckDuckGo/")) return kDuckDuckGo;
  if (ContainsStemWith(ua, "FB", {"AN/", "AV/", "_IAB/"})) return kFacebook;
  if (Contains(ua, "Instagram")) return kInstagram;
  if (Contains(ua, "Firefox/") || Contains(ua, "FxiOS/")) return kFirefox;
  // Before Safari: IE Mobile 11 claims "Mobile Safari". "Trident/" alone marks IE 11, whose user
  // agent no longer says "MSIE".
  if (Contains(ua, "MSIE ") || Contains(ua, "Trident/")) return kInternetExplorer;
  if (Contains(ua, "Chromium/")) return kChromium;
  // The Android WebView also sends "Chrome/"; it is shown as Chrome, its engine, because the app
  // hosting it is not named.
  if (Contains(ua, "Chrome/") || ContainsStemWith(ua, "Cr", {"iOS/", "Mo/"})) return kChrome;
  if (Contains(ua, "Safari")) return os == kAndroid ? kAndroidBrowser : kSafari;
  if (Contains(ua, "PowerShell/")) return kPowerShell;
  return {};
}

DeviceInfo Describe(absl::string_view browser, absl::string_view os) {
  DeviceInfo info;
  info.browser.assign(browser.data(), browser.size());
  info.os.assign(os.data(), os.size());
  if (!browser.empty() && !os.empty()) {
    info.display = absl::StrCat(browser, " on ", os);
  } else if (!browser.empty()) {
    info.display = info.browser;
  } else {
    info.display = info.os;
  }
  return info;
}

}  // namespace

DeviceInfo ParseUserAgent(absl::string_view user_agent) {
  const absl::string_view ua =
      absl::StripLeadingAsciiWhitespace(user_agent.substr(0, kMaxInspectedBytes));

  // Crawlers and non-browser clients are named on their own: their platform, when they give one,
  // is the crawler's host, not a user's device.
  absl::string_view client = FindCrawler(ua);
  if (client.empty() && !absl::StartsWith(ua, "Mozilla/")) client = FindClient(ua);
  if (!client.empty()) return Describe(client, {});

  const absl::string_view os = DetectOs(ua);
  return Describe(DetectBrowser(ua, os), os);
}

}  // namespace usersessions::server
