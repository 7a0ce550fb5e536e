#include "examples/demo/next_url.h"

#include <ostream>
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace usersessions::demo {
namespace {

struct NextCase {
  std::string next;
  std::string expected;
};

void PrintTo(const NextCase& c, std::ostream* os) {
  *os << '"' << absl::CEscape(c.next) << "\" -> " << c.expected;
}

class SafeNextPathTest : public ::testing::TestWithParam<NextCase> {};

TEST_P(SafeNextPathTest, FollowsOnlyLocalPaths) {
  EXPECT_EQ(SafeNextPath(GetParam().next), GetParam().expected) << GetParam().next;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SafeNextPathTest,
    ::testing::Values(NextCase{"/", "/"}, NextCase{"/account/sessions/", "/account/sessions/"},
                      NextCase{"/admin/sessions/?state=expired&q=10.0",
                               "/admin/sessions/?state=expired&q=10.0"},
                      NextCase{"/a%2F%2Fb", "/a%2F%2Fb"},
                      // Off the site, or not a path at all.
                      NextCase{"", "/"}, NextCase{"account/", "/"},
                      NextCase{"https://evil.example/", "/"}, NextCase{"//evil.example/", "/"},
                      NextCase{"/\\evil.example/", "/"}, NextCase{"javascript:alert(1)", "/"},
                      // Characters browsers strip or reinterpret.
                      NextCase{"/\t/evil.example/", "/"}, NextCase{"/a\nb", "/"},
                      NextCase{"/a b", "/"}, NextCase{"/a\\b", "/"},
                      NextCase{std::string("/a\0b", 4), "/"}, NextCase{"/a\x7f", "/"}));

}  // namespace
}  // namespace usersessions::demo
