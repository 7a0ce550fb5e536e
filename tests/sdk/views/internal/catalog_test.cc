#include "sdk/views/internal/catalog.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace usersessions::sdk::views::internal {
namespace {

TEST(CatalogTest, EveryCatalogHasEveryMessage) {
  for (const Catalog* catalog : Catalogs()) {
    for (size_t i = 0; i < kMessageCount; ++i) {
      EXPECT_FALSE(catalog->text[i].empty())
          << catalog->language << " lacks " << MessageName(static_cast<Msg>(i));
    }
  }
}

TEST(CatalogTest, MessageNamesAreUniqueIdentifiers) {
  std::set<std::string> names;
  for (size_t i = 0; i < kMessageCount; ++i) {
    const absl::string_view name = MessageName(static_cast<Msg>(i));
    EXPECT_FALSE(name.empty());
    EXPECT_FALSE(absl::StrContains(name, ' '));
    EXPECT_TRUE(names.insert(std::string(name)).second) << name;
  }
}

TEST(CatalogTest, PluralFormsKeepTheirPlaceholder) {
  for (const Catalog* catalog : Catalogs()) {
    for (Msg message :
         {Msg::kMinutesAgo, Msg::kHoursAgo, Msg::kDaysAgo, Msg::kMonthsAgo, Msg::kYearsAgo}) {
      EXPECT_TRUE(absl::StrContains(catalog->Get(message), "$0")) << catalog->language;
    }
    EXPECT_TRUE(absl::StrContains(catalog->Get(Msg::kDeviceFormat), "$0"));
    EXPECT_TRUE(absl::StrContains(catalog->Get(Msg::kDeviceFormat), "$1"));
  }
}

TEST(CatalogTest, FindsByPrimarySubtagCaseInsensitively) {
  EXPECT_EQ(FindCatalog("NL"), &DutchCatalog());
  EXPECT_EQ(FindCatalog("en"), &EnglishCatalog());
  EXPECT_EQ(FindCatalog("de"), nullptr);
  EXPECT_EQ(Catalogs().front(), &EnglishCatalog());
}

}  // namespace
}  // namespace usersessions::sdk::views::internal
