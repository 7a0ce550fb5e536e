#include "sdk/views/internal/url_encoding.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace usersessions::sdk::views::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(ParseUrlEncodedTest, DecodesFieldsInOrder) {
  EXPECT_THAT(ParseUrlEncoded("a=1&b=x+y&c=%2Fp%C3%A9&flag&&d=&a=2"),
              ElementsAre(Pair("a", "1"), Pair("b", "x y"), Pair("c", "/p\xC3\xA9"),
                          Pair("flag", ""), Pair("d", ""), Pair("a", "2")));
}

TEST(ParseUrlEncodedTest, InvalidEscapesStayLiteral) {
  EXPECT_THAT(ParseUrlEncoded("a=%zz&b=%4&c=100%"),
              ElementsAre(Pair("a", "%zz"), Pair("b", "%4"), Pair("c", "100%")));
}

TEST(FieldValuesTest, FirstAndAll) {
  const FormFields fields = ParseUrlEncoded("id=a&x=1&id=b");
  EXPECT_EQ(FirstValue(fields, "id"), "a");
  EXPECT_EQ(FirstValue(fields, "missing"), "");
  EXPECT_THAT(AllValues(fields, "id"), ElementsAre("a", "b"));
}

TEST(UrlEncodeTest, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("/a b?c=d&e~f_g-h.i"), "%2Fa%20b%3Fc%3Dd%26e~f_g-h.i");
  EXPECT_EQ(UrlEncode("\"<é>"), "%22%3C%C3%A9%3E");
}

TEST(BuildQueryTest, EncodesAndSkipsEmptyValues) {
  EXPECT_EQ(BuildQuery({{"state", "expired"}, {"scope", ""}, {"q", "a&b c"}}),
            "state=expired&q=a%26b%20c");
  EXPECT_EQ(BuildQuery({{"q", ""}}), "");
  EXPECT_THAT(ParseUrlEncoded(BuildQuery({{"q", "x+y %"}})), ElementsAre(Pair("q", "x+y %")));
}

}  // namespace
}  // namespace usersessions::sdk::views::internal
