#include "examples/demo/pages.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace usersessions::demo {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Nav SignedIn(const std::string& user, bool is_admin) {
  Nav nav;
  nav.user = user;
  nav.is_admin = is_admin;
  nav.csrf_token = "token-123";
  return nav;
}

TEST(PagesTest, EscapesEveryValue) {
  LoginPage page;
  page.error = "<b>bad</b>";
  page.username = "\"><script>alert(1)</script>";
  page.next = "/a\"b";
  page.csrf_token = "t<";
  const std::string html = RenderLoginPage(page);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<b>bad")));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;bad&lt;/b&gt;"));
  EXPECT_THAT(html, HasSubstr(R"(name="next" value="/a&quot;b")"));
}

TEST(PagesTest, LoginFormHasTheFieldsAndToken) {
  LoginPage page;
  page.csrf_token = "login-token";
  page.next = "/account/sessions/";
  const std::string html = RenderLoginPage(page);
  EXPECT_THAT(html, HasSubstr(R"(<form class="demo-form" method="post" action="/login/">)"));
  EXPECT_THAT(html, HasSubstr(R"(name="csrf_token" value="login-token")"));
  EXPECT_THAT(html, HasSubstr(R"(name="username")"));
  EXPECT_THAT(html, HasSubstr(R"(name="password" type="password")"));
  EXPECT_THAT(html, Not(HasSubstr("role=\"alert\"")));
  // Anonymous navigation: no sign-out form.
  EXPECT_THAT(html, Not(HasSubstr(R"(action="/logout/")")));
}

TEST(PagesTest, NavigationDependsOnTheUser) {
  const std::string admin = RenderMessagePage(SignedIn("alice", true), "T", "M");
  EXPECT_THAT(admin, HasSubstr(R"(href="/account/sessions/")"));
  EXPECT_THAT(admin, HasSubstr(R"(href="/admin/sessions/")"));
  EXPECT_THAT(admin, HasSubstr("Signed in as <strong>alice</strong>"));
  EXPECT_THAT(admin, HasSubstr(R"(name="csrf_token" value="token-123")"));

  const std::string user = RenderMessagePage(SignedIn("bob", false), "T", "M");
  EXPECT_THAT(user, HasSubstr(R"(href="/account/sessions/")"));
  EXPECT_THAT(user, Not(HasSubstr(R"(href="/admin/sessions/")")));

  const std::string anonymous = RenderWelcomePage(Nav());
  EXPECT_THAT(anonymous, HasSubstr(R"(href="/login/")"));
  EXPECT_THAT(anonymous, Not(HasSubstr(R"(href="/account/sessions/")")));
}

TEST(PagesTest, HomeShowsVisitsCartAndProducts) {
  HomePage page;
  page.nav = SignedIn("bob", false);
  page.visits = 7;
  page.cart = {"a book", "a mug"};
  page.products = Products();
  const std::string html = RenderHomePage(page);
  EXPECT_THAT(html, HasSubstr(R"(<p class="demo-count" id="visits">7</p>)"));
  EXPECT_THAT(html, HasSubstr("<li>a book</li>"));
  EXPECT_THAT(html, HasSubstr("<li>a mug</li>"));
  EXPECT_THAT(html, HasSubstr(R"(name="item" value="tea")"));
  EXPECT_THAT(html, HasSubstr(R"(action="/cart/clear/")"));

  page.cart.clear();
  EXPECT_THAT(RenderHomePage(page), HasSubstr("Your cart is empty."));
  EXPECT_THAT(RenderHomePage(page), Not(HasSubstr(R"(action="/cart/clear/")")));
}

TEST(PagesTest, FindsProductsById) {
  ASSERT_NE(FindProduct("book"), nullptr);
  EXPECT_EQ(FindProduct("book")->name, "a book");
  EXPECT_EQ(FindProduct("car"), nullptr);
  EXPECT_EQ(FindProduct(""), nullptr);
}

}  // namespace
}  // namespace usersessions::demo
