#include "examples/demo/demo_app.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "examples/demo/next_url.h"
#include "examples/demo/pages.h"
#include "google/protobuf/struct.pb.h"
#include "sdk/httplib/session_views.h"
#include "sdk/views/csrf.h"

namespace usersessions::demo {
namespace {

using sdk::Session;
using sdk::httplib_shim::WithSession;

constexpr char kLoginPath[] = "/login/";
constexpr char kCartKey[] = "cart";
constexpr char kVisitsKey[] = "visits";
// Keeps a session's data small however often someone clicks "Add".
constexpr int kMaxCartItems = 20;

void SendHtml(httplib::Response& response, int status, std::string html) {
  response.status = status;
  response.set_content(std::move(html), "text/html; charset=utf-8");
}

void SeeOther(httplib::Response& response, const std::string& location) {
  response.set_redirect(location, 303);
}

// The navigation of the page being rendered. For a signed-in user this also issues the
// session-bound CSRF token of the sign-out form (creating the session's secret on first use).
absl::StatusOr<Nav> MakeNav(const DemoUsers& users, Session& session) {
  Nav nav;
  ASSIGN_OR_RETURN(nav.user, session.user_id());
  if (nav.user.empty()) return nav;
  nav.is_admin = users.IsAdmin(nav.user);
  ASSIGN_OR_RETURN(nav.csrf_token, sdk::views::CsrfToken(session));
  return nav;
}

// The token a POST brings: the form field, else the X-CSRF-Token header.
std::string SubmittedCsrfToken(const httplib::Request& request) {
  std::string token = request.get_param_value(sdk::views::kCsrfFormField);
  if (token.empty()) token = request.get_header_value(sdk::views::kCsrfHeader);
  return token;
}

// The product ids in the cart (entries that are not strings are dropped).
absl::StatusOr<std::vector<std::string>> CartItems(Session& session) {
  ASSIGN_OR_RETURN(absl::optional<google::protobuf::Value> cart, session.Get(kCartKey));
  std::vector<std::string> items;
  if (!cart.has_value() || !cart->has_list_value()) return items;
  for (const google::protobuf::Value& item : cart->list_value().values()) {
    if (item.has_string_value()) items.push_back(item.string_value());
  }
  return items;
}

void SendMessage(httplib::Response& response, const Nav& nav, int status, absl::string_view title,
                 absl::string_view message) {
  SendHtml(response, status, RenderMessagePage(nav, title, message));
}

// Answers a POST-only route's other methods.
httplib::Server::Handler MethodNotAllowed() {
  return [](const httplib::Request&, httplib::Response& response) {
    response.set_header("Allow", "POST");
    SendMessage(response, Nav(), 405, "Method not allowed",
                "This address only accepts form submissions (POST).");
  };
}

class Routes {
 public:
  explicit Routes(const DemoAppParts& parts) : parts_(parts) {}

  absl::Status Home(const httplib::Request&, httplib::Response& response, Session& session) const {
    ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
    if (nav.user.empty()) {
      SendHtml(response, 200, RenderWelcomePage(nav));
      return absl::OkStatus();
    }
    HomePage page;
    page.visits = static_cast<int64_t>(session.GetNumber(kVisitsKey)) + 1;
    RETURN_IF_ERROR(session.SetNumber(kVisitsKey, static_cast<double>(page.visits)));
    ASSIGN_OR_RETURN(std::vector<std::string> items, CartItems(session));
    for (const std::string& id : items) {
      const Product* product = FindProduct(id);
      if (product != nullptr) page.cart.push_back(product->name);
    }
    page.products = Products();
    page.nav = std::move(nav);
    SendHtml(response, 200, RenderHomePage(page));
    return absl::OkStatus();
  }

  absl::Status LoginForm(const httplib::Request& request, httplib::Response& response,
                         Session& session) const {
    ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
    return SendLoginForm(response, 200, std::move(nav), "", "",
                         SafeNextPath(request.get_param_value("next")));
  }

  absl::Status LoginSubmit(const httplib::Request& request, httplib::Response& response,
                           Session& session) const {
    const std::string username = request.get_param_value("username");
    const std::string next = SafeNextPath(request.get_param_value("next"));
    const std::string cookies = sdk::httplib_shim::MakeRequestContext(request).cookie_header;
    if (!parts_.login_csrf->Check(cookies, request.get_param_value(LoginCsrf::kFormField))) {
      ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
      return SendLoginForm(response, 403, std::move(nav),
                           "The sign-in form expired or did not come from this site. Please "
                           "sign in again.",
                           username, next);
    }
    if (!parts_.users->Authenticate(username, request.get_param_value("password"))) {
      ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
      return SendLoginForm(response, 401, std::move(nav), "Wrong user name or password.", username,
                           next);
    }
    // A new session key, and another user's data flushed first (sdk/session.h).
    RETURN_IF_ERROR(session.Login(username));
    response.set_header("Set-Cookie", parts_.login_csrf->DeleteCookie());
    SeeOther(response, next);
    return absl::OkStatus();
  }

  absl::Status Logout(const httplib::Request& request, httplib::Response& response,
                      Session& session) const {
    ASSIGN_OR_RETURN(std::string user, session.user_id());
    if (!user.empty()) {
      ASSIGN_OR_RETURN(bool valid,
                       sdk::views::CheckCsrfToken(session, SubmittedCsrfToken(request)));
      if (!valid) return Forbidden(response, session);
      session.Logout();
    }
    SeeOther(response, "/");
    return absl::OkStatus();
  }

  absl::Status AddToCart(const httplib::Request& request, httplib::Response& response,
                         Session& session) const {
    ASSIGN_OR_RETURN(bool allowed, CheckSignedInPost(request, response, session));
    if (!allowed) return absl::OkStatus();
    const Product* product = FindProduct(request.get_param_value("item"));
    ASSIGN_OR_RETURN(std::vector<std::string> items, CartItems(session));
    if (product == nullptr || static_cast<int>(items.size()) >= kMaxCartItems) {
      ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
      SendMessage(response, nav, 400, "Cannot add that",
                  product == nullptr
                      ? "There is no such product."
                      : absl::StrCat("The cart holds at most ", kMaxCartItems, " items."));
      return absl::OkStatus();
    }
    google::protobuf::Value cart;
    for (const std::string& id : items)
      cart.mutable_list_value()->add_values()->set_string_value(id);
    cart.mutable_list_value()->add_values()->set_string_value(product->id);
    RETURN_IF_ERROR(session.Set(kCartKey, std::move(cart)));
    SeeOther(response, "/");
    return absl::OkStatus();
  }

  absl::Status ClearCart(const httplib::Request& request, httplib::Response& response,
                         Session& session) const {
    ASSIGN_OR_RETURN(bool allowed, CheckSignedInPost(request, response, session));
    if (!allowed) return absl::OkStatus();
    RETURN_IF_ERROR(session.Erase(kCartKey));
    SeeOther(response, "/");
    return absl::OkStatus();
  }

 private:
  absl::Status SendLoginForm(httplib::Response& response, int status, Nav nav, std::string error,
                             std::string username, std::string next) const {
    ASSIGN_OR_RETURN(std::string token, parts_.login_csrf->NewToken());
    LoginPage page;
    page.nav = std::move(nav);
    page.error = std::move(error);
    page.username = std::move(username);
    page.next = std::move(next);
    page.csrf_token = token;
    response.set_header("Set-Cookie", parts_.login_csrf->SetCookie(token));
    response.set_header("Cache-Control", "no-store");
    SendHtml(response, status, RenderLoginPage(page));
    return absl::OkStatus();
  }

  absl::Status Forbidden(httplib::Response& response, Session& session) const {
    ASSIGN_OR_RETURN(Nav nav, MakeNav(*parts_.users, session));
    SendMessage(response, nav, 403, "Forbidden",
                "The form's security token is missing or wrong. Go back, reload the page and "
                "try again.");
    return absl::OkStatus();
  }

  // For the signed-in POST routes: false (with the response filled) unless the visitor is
  // signed in and sent a valid session-bound CSRF token.
  absl::StatusOr<bool> CheckSignedInPost(const httplib::Request& request,
                                         httplib::Response& response, Session& session) const {
    ASSIGN_OR_RETURN(std::string user, session.user_id());
    if (user.empty()) {
      SeeOther(response, absl::StrCat(kLoginPath, "?next=/"));
      return false;
    }
    ASSIGN_OR_RETURN(bool valid, sdk::views::CheckCsrfToken(session, SubmittedCsrfToken(request)));
    if (!valid) {
      RETURN_IF_ERROR(Forbidden(response, session));
      return false;
    }
    return true;
  }

  DemoAppParts parts_;
};

}  // namespace

void MountDemoApp(httplib::Server& server, const DemoAppParts& parts) {
  sdk::httplib_shim::MountSessionViews(server, *parts.engine, *parts.session_views, parts.on_error);
  sdk::httplib_shim::MountAdminSessionViews(server, *parts.engine, *parts.admin_views,
                                            parts.on_error);

  auto routes = std::make_shared<const Routes>(parts);
  auto bind = [routes](auto method) {
    return [routes, method](const httplib::Request& request, httplib::Response& response,
                            Session& session) {
      return ((*routes).*method)(request, response, session);
    };
  };
  const sdk::SessionEngine& engine = *parts.engine;
  server.Get("/", WithSession(engine, bind(&Routes::Home), parts.on_error));
  server.Get(kLoginPath, WithSession(engine, bind(&Routes::LoginForm), parts.on_error));
  server.Post(kLoginPath, WithSession(engine, bind(&Routes::LoginSubmit), parts.on_error));
  server.Post("/logout/", WithSession(engine, bind(&Routes::Logout), parts.on_error));
  server.Post("/cart/", WithSession(engine, bind(&Routes::AddToCart), parts.on_error));
  server.Post("/cart/clear/", WithSession(engine, bind(&Routes::ClearCart), parts.on_error));
  for (const char* path : {"/logout/", "/cart/", "/cart/clear/"}) {
    server.Get(path, MethodNotAllowed());
  }

  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        // Responses that already say why (the views' 403/404/405, the 503 of WithSession) stay.
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (response.status == 404) {
          SendMessage(response, Nav(), 404, "Page not found", "There is nothing at this address.");
        } else {
          SendMessage(response, Nav(), response.status, absl::StrCat("Error ", response.status),
                      "The request could not be answered.");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

}  // namespace usersessions::demo
