#include "sdk/views/internal/language.h"

#include "gtest/gtest.h"

namespace usersessions::sdk::views::internal {
namespace {

struct Case {
  const char* accept_language;
  const char* expected;
};

class NegotiateLanguageTest : public ::testing::TestWithParam<Case> {};

TEST_P(NegotiateLanguageTest, PicksTheMostPreferredLanguageWithACatalog) {
  EXPECT_EQ(NegotiateLanguage(GetParam().accept_language).language, GetParam().expected)
      << GetParam().accept_language;
}

INSTANTIATE_TEST_SUITE_P(
    Headers, NegotiateLanguageTest,
    ::testing::Values(Case{"", "en"}, Case{"nl", "nl"}, Case{"nl-NL", "nl"}, Case{"NL-be", "nl"},
                      Case{"en-US,en;q=0.9,nl;q=0.8", "en"}, Case{"en;q=0.5, nl;q=0.9", "nl"},
                      Case{"de-DE, nl;q=0.7, en;q=0.3", "nl"}, Case{"de, fr", "en"},
                      Case{"nl;q=0, en", "en"}, Case{"nl;q=0", "en"}, Case{"*", "en"},
                      Case{"fr;q=0.9, *;q=0.5, nl;q=0.4", "en"}, Case{"nl;q=abc, en;q=0.2", "en"},
                      Case{"nl;q=2", "en"}, Case{";;,,", "en"}, Case{"en;q=0.8, nl;q=0.8", "en"},
                      Case{"nl ; q=0.8 , en ; q=0.7", "nl"}));

TEST(ChooseLanguageTest, FixedLanguageWins) {
  EXPECT_EQ(ChooseLanguage("nl", "en").language, "nl");
  EXPECT_EQ(ChooseLanguage("en", "nl").language, "en");
  EXPECT_EQ(ChooseLanguage("", "nl").language, "nl");
}

}  // namespace
}  // namespace usersessions::sdk::views::internal
