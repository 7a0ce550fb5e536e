#include "sdk/views/templates.h"

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::sdk::views {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using usersessions::testing::IsOk;
using usersessions::testing::StatusIs;

TEST(DefaultTemplateTest, DefaultsAreCompiledIn) {
  EXPECT_THAT(std::string(DefaultTemplate(kSessionsTemplate)), HasSubstr("{{> styles}}"));
  EXPECT_THAT(std::string(DefaultTemplate(kAdminSessionsTemplate)), HasSubstr("{{> styles}}"));
  EXPECT_THAT(std::string(DefaultTemplate(kStylesTemplate)), HasSubstr("@media (max-width"));
  EXPECT_TRUE(DefaultTemplate("nope").empty());
}

TEST(DefaultTemplateTest, StylesNeedNoExternalAssets) {
  for (const char* name : {kStylesTemplate, kSessionsTemplate, kAdminSessionsTemplate}) {
    const std::string text(DefaultTemplate(name));
    EXPECT_THAT(text, ::testing::Not(HasSubstr("http://"))) << name;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("https://"))) << name;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("@import"))) << name;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("@font-face"))) << name;
  }
}

TEST(LoadTemplateDirectoryTest, ReadsKnownTemplatesOnly) {
  usersessions::testing::TempDir dir;
  std::ofstream(dir.path() + "/sessions.mustache") << "<p>{{t.sessions_title}}</p>";
  std::ofstream(dir.path() + "/README.txt") << "ignored";
  std::ofstream(dir.path() + "/unknown.mustache") << "ignored";

  absl::StatusOr<TemplateMap> templates = LoadTemplateDirectory(dir.path());
  ASSERT_THAT(templates.status(), IsOk());
  EXPECT_THAT(*templates, ElementsAre(Pair("sessions", "<p>{{t.sessions_title}}</p>")));
}

TEST(LoadTemplateDirectoryTest, MissingDirectoryIsNotFound) {
  EXPECT_THAT(LoadTemplateDirectory("/nonexistent/templates").status(),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace usersessions::sdk::views
