#include "common/humanize_time.h"

#include <ostream>
#include <string>

#include "gtest/gtest.h"

namespace usersessions {
namespace {

struct HumanizeCase {
  absl::Duration elapsed;
  std::string expected;
};

void PrintTo(const HumanizeCase& c, std::ostream* os) {
  *os << absl::FormatDuration(c.elapsed) << " -> " << c.expected;
}

class HumanizeElapsedTest : public ::testing::TestWithParam<HumanizeCase> {};

TEST_P(HumanizeElapsedTest, RoundsDownToTheLargestUnit) {
  EXPECT_EQ(HumanizeElapsed(GetParam().elapsed), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Buckets, HumanizeElapsedTest,
    ::testing::Values(HumanizeCase{-absl::Hours(3), "just now"},
                      HumanizeCase{-absl::InfiniteDuration(), "just now"},
                      HumanizeCase{absl::ZeroDuration(), "just now"},
                      HumanizeCase{absl::Seconds(59), "just now"},
                      HumanizeCase{absl::Seconds(60), "1 minute ago"},
                      HumanizeCase{absl::Seconds(119), "1 minute ago"},
                      HumanizeCase{absl::Minutes(5), "5 minutes ago"},
                      HumanizeCase{absl::Minutes(59) + absl::Seconds(59), "59 minutes ago"},
                      HumanizeCase{absl::Hours(1), "1 hour ago"},
                      HumanizeCase{absl::Hours(3) + absl::Minutes(59), "3 hours ago"},
                      HumanizeCase{absl::Hours(23) + absl::Minutes(59), "23 hours ago"},
                      HumanizeCase{absl::Hours(24), "1 day ago"},
                      HumanizeCase{absl::Hours(47), "1 day ago"},
                      HumanizeCase{absl::Hours(24 * 2), "2 days ago"},
                      HumanizeCase{absl::Hours(24 * 29), "29 days ago"},
                      HumanizeCase{absl::Hours(24 * 30), "1 month ago"},
                      HumanizeCase{absl::Hours(24 * 65), "2 months ago"},
                      HumanizeCase{absl::Hours(24 * 364), "11 months ago"},
                      HumanizeCase{absl::Hours(24 * 365), "1 year ago"},
                      HumanizeCase{absl::Hours(24 * 365 * 3 + 24 * 100), "3 years ago"}));

TEST(HumanizeElapsedInfinityTest, InfinitePastIsYears) {
  EXPECT_NE(HumanizeElapsed(absl::InfiniteDuration()).find("years ago"), std::string::npos);
}

}  // namespace
}  // namespace usersessions
