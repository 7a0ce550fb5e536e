// The demo's own HTML pages: the sign-in form, the home page with its visit counter and cart,
// and short message pages (403, 404, 405). They share the views' stylesheet (the `styles`
// template of sdk/views/templates.h), so the demo and the "Active sessions" pages look alike.
#ifndef USERSESSIONS_EXAMPLES_DEMO_PAGES_H_
#define USERSESSIONS_EXAMPLES_DEMO_PAGES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace usersessions::demo {

// The navigation bar of a signed-in user's pages.
struct Nav {
  // "" for an anonymous visitor: the bar then offers "Sign in" only.
  std::string user;
  bool is_admin = false;
  // The session-bound token for the sign-out form (sdk/views/csrf.h); unused when anonymous.
  std::string csrf_token;
};

struct LoginPage {
  Nav nav;
  // Shown above the form; empty for none.
  std::string error;
  // Pre-filled into the user name field.
  std::string username;
  // Where to go after signing in, carried in a hidden field.
  std::string next;
  // The double-submit token (login_csrf.h) for the hidden field.
  std::string csrf_token;
};

// A product of the demo shop.
struct Product {
  std::string id;
  std::string name;
};

struct HomePage {
  Nav nav;
  // Page views of this session while signed in.
  int64_t visits = 0;
  // The names of the products in the cart, in the order added.
  std::vector<std::string> cart;
  std::vector<Product> products;
};

// The products the shop offers.
const std::vector<Product>& Products();
// The product with `id`, or nullptr.
const Product* FindProduct(absl::string_view id);

// Each returns a complete HTML document; every value is HTML-escaped. Thread-safe.
std::string RenderLoginPage(const LoginPage& page);
std::string RenderHomePage(const HomePage& page);
// The anonymous visitor's home page: what the demo is, and a link to sign in.
std::string RenderWelcomePage(const Nav& nav);
// A short page with a heading and one paragraph, for error statuses.
std::string RenderMessagePage(const Nav& nav, absl::string_view title, absl::string_view message);

}  // namespace usersessions::demo

#endif  // USERSESSIONS_EXAMPLES_DEMO_PAGES_H_
