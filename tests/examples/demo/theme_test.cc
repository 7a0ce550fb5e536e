#include "examples/demo/theme.h"

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "client/mocks/mock_session_store_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/views/admin_session_views.h"
#include "sdk/views/session_views.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::demo {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ThemeTest, DemoStylesExtendTheViewsStyles) {
  EXPECT_THAT(DemoStyles(),
              StartsWith(std::string(sdk::views::DefaultTemplate(sdk::views::kStylesTemplate))));
  EXPECT_THAT(DemoStyles(), HasSubstr(".demo-nav"));
  EXPECT_FALSE(absl::StrContains(DemoStyles(), "{{"));
}

TEST(ThemeTest, SessionsOverridesAddTheNavigationBar) {
  ASSERT_OK_AND_ASSIGN(sdk::views::TemplateMap templates, SessionsTemplateOverrides());
  ASSERT_EQ(templates.size(), 2u);
  EXPECT_EQ(templates.at(sdk::views::kStylesTemplate), DemoStyles());
  const std::string& page = templates.at(sdk::views::kSessionsTemplate);
  EXPECT_THAT(page, HasSubstr("<body>\n<nav class=\"demo-nav\""));
  EXPECT_THAT(page, HasSubstr(R"(action="/logout/")"));
  // The rest is the default page.
  EXPECT_THAT(page, HasSubstr("{{#sessions}}"));
}

TEST(ThemeTest, AdminOverridesLinkTheAdminPage) {
  ASSERT_OK_AND_ASSIGN(sdk::views::TemplateMap templates, AdminTemplateOverrides());
  ASSERT_EQ(templates.size(), 2u);
  EXPECT_THAT(templates.at(sdk::views::kAdminSessionsTemplate),
              HasSubstr(R"(<a href="/admin/sessions/" aria-current="page">)"));
}

TEST(ThemeTest, TheViewsAcceptTheOverrides) {
  auto connection = std::make_shared<client::MockSessionStoreConnection>();
  sdk::views::SessionViewsOptions options;
  ASSERT_OK_AND_ASSIGN(options.templates, SessionsTemplateOverrides());
  EXPECT_OK(sdk::views::SessionViews::Create(connection, std::move(options)).status());

  sdk::views::AdminSessionViewsOptions admin_options;
  admin_options.is_admin = [](const std::string&, sdk::Session&) { return true; };
  ASSERT_OK_AND_ASSIGN(admin_options.templates, AdminTemplateOverrides());
  EXPECT_OK(sdk::views::AdminSessionViews::Create(connection, std::move(admin_options)).status());
}

}  // namespace
}  // namespace usersessions::demo
