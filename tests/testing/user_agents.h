// Real browser user agents for tests that need a recognisable device.
#ifndef USERSESSIONS_TESTS_TESTING_USER_AGENTS_H_
#define USERSESSIONS_TESTS_TESTING_USER_AGENTS_H_

namespace usersessions::testing {

// Shown as "Safari on iPhone".
inline constexpr char kIphoneSafariUserAgent[] =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
// Shown as "Chrome on macOS".
inline constexpr char kMacChromeUserAgent[] =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Safari/537.36";

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_TESTING_USER_AGENTS_H_
