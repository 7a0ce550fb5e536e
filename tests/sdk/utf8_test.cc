#include "sdk/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace usersessions::sdk {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

struct Utf8Case {
  const char* name;
  std::string input;
  std::string expected;
};

class SanitizeUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(SanitizeUtf8Test, ReplacesIllFormedSequences) {
  const Utf8Case& c = GetParam();
  const std::string output = SanitizeUtf8(c.input);
  EXPECT_EQ(output, c.expected);
  EXPECT_TRUE(IsValidUtf8(output));
  EXPECT_EQ(IsValidUtf8(c.input), c.input == c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SanitizeUtf8Test,
    ::testing::Values(
        Utf8Case{"Empty", "", ""},
        Utf8Case{"Ascii", "Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (X11; Linux x86_64)"},
        Utf8Case{"ValidMultibyte", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
                 "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},
        Utf8Case{"NulAndControlsKept", std::string("a\0b\x01", 4), std::string("a\0b\x01", 4)},
        Utf8Case{"LoneContinuation", "a\x80z", "a" + kFffd + "z"},
        Utf8Case{"TwoContinuations", "\x80\xBF", kFffd + kFffd},
        Utf8Case{"Latin1Byte", "caf\xE9", "caf" + kFffd},
        Utf8Case{"InvalidLeadBytes", "\xC0\xC1\xF5\xFF", kFffd + kFffd + kFffd + kFffd},
        // Overlong encodings of '/' and of U+0000.
        Utf8Case{"OverlongTwoBytes", "\xC0\xAF", kFffd + kFffd},
        Utf8Case{"OverlongThreeBytes", "\xE0\x80\xAF", kFffd + kFffd + kFffd},
        Utf8Case{"OverlongFourBytes", "\xF0\x80\x80\xAF", kFffd + kFffd + kFffd + kFffd},
        // UTF-16 surrogates encoded as UTF-8 (CESU-8).
        Utf8Case{"HighSurrogate", "\xED\xA0\x80", kFffd + kFffd + kFffd},
        Utf8Case{"LowSurrogate", "\xED\xBF\xBF", kFffd + kFffd + kFffd},
        Utf8Case{"LastBeforeSurrogates", "\xED\x9F\xBF", "\xED\x9F\xBF"},
        Utf8Case{"AboveMaxCodePoint", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},
        Utf8Case{"MaxCodePoint", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
        // A truncated sequence is one maximal subpart: one replacement.
        Utf8Case{"TruncatedAtEnd", "ab\xE2\x82", "ab" + kFffd},
        Utf8Case{"TruncatedFourByte", "\xF0\x9F\x98", kFffd},
        Utf8Case{"TruncatedBeforeAscii", "\xE2\x82z", kFffd + "z"},
        Utf8Case{"TruncatedBeforeLead", "\xE2\x82\xE2\x82\xAC", kFffd + "\xE2\x82\xAC"},
        Utf8Case{"LeadAtEnd", "x\xC3", "x" + kFffd}),
    [](const ::testing::TestParamInfo<Utf8Case>& info) { return std::string(info.param.name); });

TEST(SanitizeUtf8, LongValidInputIsUnchanged) {
  std::string input;
  for (int i = 0; i < 1000; ++i) input += "\xE6\x97\xA5";
  EXPECT_EQ(SanitizeUtf8(input), input);
}

}  // namespace
}  // namespace usersessions::sdk
