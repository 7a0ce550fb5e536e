#include "common/encoding.h"

#include "gtest/gtest.h"

namespace usersessions {
namespace {

TEST(Base64UrlTest, MatchesRfc4648Vectors) {
  struct Case {
    const char* bytes;
    const char* text;
  };
  for (const Case& c : {Case{"", ""}, Case{"f", "Zg"}, Case{"fo", "Zm8"}, Case{"foo", "Zm9v"},
                        Case{"foob", "Zm9vYg"}, Case{"fooba", "Zm9vYmE"},
                        Case{"foobar", "Zm9vYmFy"}, Case{"\xfb\xff", "-_8"}}) {
    EXPECT_EQ(Base64UrlEncode(c.bytes), c.text);
    EXPECT_EQ(Base64UrlDecode(c.text), std::string(c.bytes));
  }
}

TEST(Base64UrlTest, RejectsNonCanonicalInput) {
  for (const char* bad : {"Zg==", "Zm9v+", "Zm9v/", "Z", "Zh", "Zm9", "Zm!v"}) {
    EXPECT_FALSE(Base64UrlDecode(bad).has_value()) << bad;
  }
  EXPECT_TRUE(Base64UrlDecode("Zm8").has_value());
}

TEST(Sha256Test, MatchesKnownDigest) {
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace usersessions
