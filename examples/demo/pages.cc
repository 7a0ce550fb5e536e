#include "examples/demo/pages.h"

#include <kainjow/mustache.hpp>
#include <string>

#include "absl/strings/str_cat.h"
#include "examples/demo/theme.h"

namespace usersessions::demo {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr char kLayout[] = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{title}} · user-sessions demo</title>
<style>
{{{styles}}}
</style>
</head>
<body>
<nav class="demo-nav" aria-label="Main">
  <a class="demo-brand" href="/">user-sessions demo</a>
{{#user}}
  <a href="/">Home</a>
  <a href="/account/sessions/">Active sessions</a>
{{#is_admin}}
  <a href="/admin/sessions/">All sessions</a>
{{/is_admin}}
  <span class="demo-user">Signed in as <strong>{{user}}</strong></span>
  <form method="post" action="/logout/">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <button type="submit" class="demo-link">Sign out</button>
  </form>
{{/user}}
{{^user}}
  <a href="/login/">Sign in</a>
{{/user}}
</nav>
<main class="us-page">
{{{content}}}
</main>
</body>
</html>
)html";

constexpr char kLoginContent[] = R"html(<header class="us-header">
  <h1>Sign in</h1>
{{#signed_in_as}}
  <p class="us-lead">You are signed in as <strong>{{signed_in_as}}</strong>. Signing in again
  replaces that account in this browser.</p>
{{/signed_in_as}}
{{^signed_in_as}}
  <p class="us-lead">Sign in to keep a cart in your session and to see where you are signed in.</p>
{{/signed_in_as}}
</header>
<section class="us-card"><div class="demo-body">
{{#error}}
  <p class="demo-error" role="alert">{{error}}</p>
{{/error}}
  <form class="demo-form" method="post" action="/login/">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <input type="hidden" name="next" value="{{next}}">
    <label class="us-field">User name
      <input name="username" autocomplete="username" required autofocus value="{{username}}">
    </label>
    <label class="us-field">Password
      <input name="password" type="password" autocomplete="current-password" required>
    </label>
    <button type="submit" class="us-button us-button--primary">Sign in</button>
  </form>
</div></section>
<section class="us-card"><div class="demo-body">
  <p class="demo-muted">Unless the demo was started with <code>--demo-users</code>, the accounts
  are <strong>alice</strong> (password <code>alice</code>, an administrator) and
  <strong>bob</strong> (password <code>bob</code>).</p>
</div></section>
)html";

constexpr char kHomeContent[] = R"html(<header class="us-header">
  <h1>Hello, {{user}}</h1>
  <p class="us-lead">This page keeps a visit counter and a cart in your session record.</p>
</header>
<section class="us-card"><div class="demo-body">
  <h2>Visits</h2>
  <p class="demo-count" id="visits">{{visits}}</p>
  <p class="demo-muted">Page views of this session since you signed in. Reload to count.</p>
</div></section>
<section class="us-card"><div class="demo-body">
  <h2>Cart</h2>
{{#has_cart}}
  <ul class="demo-cart" id="cart">
{{#cart}}
    <li>{{.}}</li>
{{/cart}}
  </ul>
{{/has_cart}}
{{^has_cart}}
  <p class="demo-muted" id="cart">Your cart is empty.</p>
{{/has_cart}}
  <ul class="demo-products">
{{#products}}
    <li>
      <form method="post" action="/cart/">
        <input type="hidden" name="csrf_token" value="{{csrf_token}}">
        <input type="hidden" name="item" value="{{id}}">
        <button type="submit" class="us-button us-button--neutral">Add {{name}}</button>
      </form>
    </li>
{{/products}}
  </ul>
{{#has_cart}}
  <form method="post" action="/cart/clear/">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <button type="submit" class="us-button">Empty the cart</button>
  </form>
{{/has_cart}}
</div></section>
<section class="us-card"><div class="demo-body">
  <h2>Where you are signed in</h2>
  <p>Sign in as {{user}} from another browser or device, then open
  <a href="/account/sessions/">Active sessions</a>: every session is listed there with its
  device, location and last activity, and you can end any of them.</p>
</div></section>
)html";

constexpr char kWelcomeContent[] = R"html(<header class="us-header">
  <h1>Welcome</h1>
  <p class="us-lead">A small shop on the user-sessions SDK. Every session is a record in sessiond
  with its device, location and activity, so you can see where you are signed in and end any of
  those sessions.</p>
</header>
<section class="us-card"><div class="demo-body">
  <p>Sign in to keep a visit counter and a cart in your session.</p>
  <p><a class="us-button us-button--primary" href="/login/">Sign in</a></p>
</div></section>
)html";

constexpr char kMessageContent[] = R"html(<header class="us-header">
  <h1>{{title}}</h1>
  <p class="us-lead">{{message}}</p>
</header>
<p><a href="/">Back to the home page</a></p>
)html";

std::string Render(const char* text, const data& values) {
  mustache tmpl{std::string(text)};
  return tmpl.render(values);
}

data NavData(const Nav& nav) {
  data values;
  if (!nav.user.empty()) values.set("user", nav.user);
  values.set("is_admin", nav.is_admin);
  values.set("csrf_token", nav.csrf_token);
  return values;
}

std::string Layout(const Nav& nav, absl::string_view title, const std::string& content) {
  data values = NavData(nav);
  values.set("title", std::string(title));
  values.set("content", content);
  values.set("styles", DemoStyles());
  return Render(kLayout, values);
}

}  // namespace

const std::vector<Product>& Products() {
  static const auto* const products =
      new std::vector<Product>{{"book", "a book"}, {"tea", "a tin of tea"}, {"mug", "a mug"}};
  return *products;
}

const Product* FindProduct(absl::string_view id) {
  for (const Product& product : Products()) {
    if (product.id == id) return &product;
  }
  return nullptr;
}

std::string RenderLoginPage(const LoginPage& page) {
  data values;
  if (!page.nav.user.empty()) values.set("signed_in_as", page.nav.user);
  if (!page.error.empty()) values.set("error", page.error);
  values.set("username", page.username);
  values.set("next", page.next);
  values.set("csrf_token", page.csrf_token);
  return Layout(page.nav, "Sign in", Render(kLoginContent, values));
}

std::string RenderHomePage(const HomePage& page) {
  data values;
  values.set("user", page.nav.user);
  values.set("visits", absl::StrCat(page.visits));
  values.set("csrf_token", page.nav.csrf_token);
  values.set("has_cart", !page.cart.empty());
  data cart{data::type::list};
  for (const std::string& item : page.cart) cart.push_back(data(item));
  values.set("cart", cart);
  data products{data::type::list};
  for (const Product& product : page.products) {
    data entry;
    entry.set("id", product.id);
    entry.set("name", product.name);
    products.push_back(entry);
  }
  values.set("products", products);
  return Layout(page.nav, "Home", Render(kHomeContent, values));
}

std::string RenderWelcomePage(const Nav& nav) {
  return Layout(nav, "Welcome", Render(kWelcomeContent, data()));
}

std::string RenderMessagePage(const Nav& nav, absl::string_view title, absl::string_view message) {
  data values;
  values.set("title", std::string(title));
  values.set("message", std::string(message));
  return Layout(nav, title, Render(kMessageContent, values));
}

}  // namespace usersessions::demo
