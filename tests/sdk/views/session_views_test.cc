#include "sdk/views/session_views.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/views/templates.h"
#include "tests/sdk/views/page_scraping.h"
#include "tests/sdk/views/view_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk::views {
namespace {

using ::testing::_;
using ::testing::AllOf;
using testing::Get;
using ::testing::HasSubstr;
using testing::Header;
using testing::kKey;
using testing::kOtherSessionId;
using testing::Listed;
using ::testing::Not;
using testing::Post;
using ::testing::Property;
using ::testing::Return;
using usersessions::testing::IsOk;
using usersessions::testing::StatusIs;

constexpr char kPrefix[] = "/account/sessions/";

class SessionViewsTest : public testing::ViewTestBase {
 protected:
  std::unique_ptr<SessionViews> MakeViews(SessionViewsOptions options = {}) {
    options.clock = clock_;
    absl::StatusOr<std::unique_ptr<SessionViews>> views =
        SessionViews::Create(mock_, std::move(options));
    EXPECT_THAT(views.status(), IsOk());
    return views.ok() ? *std::move(views) : nullptr;
  }

  // Two sessions of alice: this one (Chrome on macOS, San Diego, active now) and another
  // (Safari on iPhone, London, 5 minutes ago).
  v1::ListSessionsResponse TwoSessions() {
    v1::ListSessionsResponse listed;
    *listed.add_sessions() = Listed(testing::kSessionId, clock_->Now(), absl::Seconds(10), "Chrome",
                                    "macOS", "San Diego, United States", "44.55.66.77",
                                    /*current=*/true);
    *listed.add_sessions() = Listed(kOtherSessionId, clock_->Now(), absl::Minutes(5), "Safari",
                                    "iPhone", "London, United Kingdom", "81.2.69.142");
    return listed;
  }

  ViewResponse Handle(const SessionViews& views, const ViewRequest& request, Session& session) {
    absl::StatusOr<ViewResponse> response = views.Handle(request, session);
    EXPECT_THAT(response.status(), IsOk());
    return response.ok() ? *std::move(response) : ViewResponse{};
  }
};

TEST_F(SessionViewsTest, ListsTheOwnersActiveSessionsWithDeviceLocationAndActivity) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_,
              ListSessions(
                  AllOf(Property(&v1::ListSessionsRequest::user_id, "alice"),
                        Property(&v1::ListSessionsRequest::current_session_key, kKey),
                        Property(&v1::ListSessionsRequest::language_code, "en"),
                        Property(&v1::ListSessionsRequest::state_filter, v1::STATE_FILTER_ACTIVE))))
      .WillOnce(Return(TwoSessions()));

  const ViewResponse response = Handle(*views, Get(kPrefix), *session);

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Header(response, "Content-Language"), "en");
  EXPECT_EQ(Header(response, "Cache-Control"), "no-store");
  const std::string& html = response.body;
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("Active sessions"));
  EXPECT_THAT(html, HasSubstr("Chrome on macOS"));
  EXPECT_THAT(html, HasSubstr("San Diego, United States"));
  EXPECT_THAT(html, HasSubstr("(44.55.66.77)"));
  EXPECT_THAT(html, HasSubstr("just now"));
  EXPECT_THAT(html, HasSubstr("Safari on iPhone"));
  EXPECT_THAT(html, HasSubstr("London, United Kingdom"));
  EXPECT_THAT(html, HasSubstr("5 minutes ago"));
  EXPECT_THAT(html, HasSubstr("End all other sessions"));
  EXPECT_THAT(html, HasSubstr("action=\"/account/sessions/other/delete/\""));
  EXPECT_THAT(html, HasSubstr("action=\"/account/sessions/" + kOtherSessionId + "/delete/\""));
  // Server order (newest activity first) is kept, and only the current row is marked.
  EXPECT_LT(html.find("Chrome on macOS"), html.find("Safari on iPhone"));
  EXPECT_EQ(html.find("(this session)"), html.rfind("(this session)"));
  EXPECT_LT(html.find("(this session)"), html.find("Safari on iPhone"));
  // Real buttons in POST forms, each with the CSRF token.
  EXPECT_THAT(html, HasSubstr("<form method=\"post\""));
  EXPECT_THAT(html, HasSubstr("<button type=\"submit\""));
  EXPECT_THAT(html, HasSubstr("name=\"csrf_token\""));
}

TEST_F(SessionViewsTest, PageNeverContainsTheSessionKeyOrTheCsrfSecret) {
  auto views = MakeViews();
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(TwoSessions()));

  const ViewResponse response = Handle(*views, Get(kPrefix), *session);

  EXPECT_THAT(response.body, Not(HasSubstr(kKey)));
  EXPECT_THAT(response.body, Not(HasSubstr(testing::kCsrfSecret)));
  for (const auto& [name, value] : response.headers) EXPECT_THAT(value, Not(HasSubstr(kKey)));
}

TEST_F(SessionViewsTest, MissingUserAgentAndLocationRenderAsUnknown) {
  auto views = MakeViews();
  auto session = SignedIn();
  v1::ListSessionsResponse listed;
  *listed.add_sessions() =
      Listed(testing::kSessionId, clock_->Now(), absl::Hours(3), "", "", "", "", true);
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(listed));

  const ViewResponse response = Handle(*views, Get(kPrefix), *session);

  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("Unknown device"));
  EXPECT_THAT(response.body, HasSubstr("Unknown location"));
  EXPECT_THAT(response.body, HasSubstr("3 hours ago"));
}

TEST_F(SessionViewsTest, OnlyTheCurrentSessionShowsTheEmptyState) {
  auto views = MakeViews();
  auto session = SignedIn();
  v1::ListSessionsResponse listed;
  *listed.add_sessions() = Listed(testing::kSessionId, clock_->Now(), absl::ZeroDuration(),
                                  "Firefox", "Linux", "", "127.0.0.1", true);
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(listed));

  const ViewResponse response = Handle(*views, Get(kPrefix), *session);

  EXPECT_THAT(response.body, HasSubstr("No other active sessions"));
  EXPECT_THAT(response.body, Not(HasSubstr("other/delete/")));
  EXPECT_THAT(response.body, HasSubstr("Firefox on Linux"));
}

TEST_F(SessionViewsTest, JsonVariantIsProto3JsonOfTheSessions) {
  auto views = MakeViews();
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(TwoSessions()));
  ViewRequest request = Get(kPrefix);
  request.accept = "application/json";

  const ViewResponse response = Handle(*views, request, *session);

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_THAT(response.body, HasSubstr("\"sessionId\":\"" + kOtherSessionId + "\""));
  EXPECT_THAT(response.body, HasSubstr("\"current\":true"));
  EXPECT_THAT(response.body, HasSubstr("\"display\":\"San Diego, United States\""));
  EXPECT_THAT(response.body, Not(HasSubstr(kKey)));
  EXPECT_THAT(response.body, Not(HasSubstr("csrf")));
}

TEST_F(SessionViewsTest, AUserWithMoreSessionsThanAPageGetsANextPageLink) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  v1::ListSessionsResponse first_page = TwoSessions();
  first_page.set_next_page_token("tok/2+");
  EXPECT_CALL(*mock_, ListSessions(AllOf(Property(&v1::ListSessionsRequest::page_token, ""),
                                         Property(&v1::ListSessionsRequest::page_size, 100))))
      .WillOnce(Return(first_page));

  const std::string html = Handle(*views, Get(kPrefix), *session).body;
  EXPECT_THAT(html, HasSubstr("href=\"/account/sessions/?page_token=tok%2F2%2B\" rel=\"next\""));
  EXPECT_THAT(html, Not(HasSubstr("First page")));
}

TEST_F(SessionViewsTest, ALaterPageAsksForItsTokenAndLinksBackToTheFirst) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_, ListSessions(Property(&v1::ListSessionsRequest::page_token, "tok/2+")))
      .WillOnce(Return(TwoSessions()));
  ViewRequest request = Get(kPrefix);
  request.query = "page_token=tok%2F2%2B";

  const std::string html = Handle(*views, request, *session).body;
  EXPECT_THAT(html, HasSubstr("href=\"/account/sessions/\">First page</a>"));
  EXPECT_THAT(html, Not(HasSubstr("rel=\"next\"")));
}

TEST_F(SessionViewsTest, OneSessionsPageHasNoPageLinks) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(TwoSessions()));
  const std::string html = Handle(*views, Get(kPrefix), *session).body;
  EXPECT_THAT(html, Not(HasSubstr("<nav class=\"us-toolbar us-pages\">")));
}

TEST_F(SessionViewsTest, AStalePageTokenGets400) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_, ListSessions)
      .WillOnce(Return(absl::InvalidArgumentError("page token was issued for other parameters")));
  ViewRequest request = Get(kPrefix);
  request.query = "page_token=bad";
  EXPECT_EQ(Handle(*views, request, *session).status, 400);
}

TEST_F(SessionViewsTest, JsonVariantCarriesTheNextPageToken) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  v1::ListSessionsResponse first_page = TwoSessions();
  first_page.set_next_page_token("tok-2");
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(first_page));
  ViewRequest request = Get(kPrefix);
  request.accept = "application/json";
  EXPECT_THAT(Handle(*views, request, *session).body, HasSubstr("\"nextPageToken\":\"tok-2\""));
}

TEST_F(SessionViewsTest, DutchFromAcceptLanguageComposesDeviceAndTimeAndAsksForDutchPlaces) {
  auto views = MakeViews();
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions(Property(&v1::ListSessionsRequest::language_code, "nl")))
      .WillOnce(Return(TwoSessions()));
  ViewRequest request = Get(kPrefix);
  request.accept_language = "fr;q=0.9, nl-BE, en;q=0.8";

  const ViewResponse response = Handle(*views, request, *session);

  EXPECT_EQ(Header(response, "Content-Language"), "nl");
  EXPECT_THAT(response.body, HasSubstr("<html lang=\"nl\">"));
  EXPECT_THAT(response.body, HasSubstr("Actieve sessies"));
  EXPECT_THAT(response.body, HasSubstr("Safari op iPhone"));
  EXPECT_THAT(response.body, HasSubstr("5 minuten geleden"));
  EXPECT_THAT(response.body, HasSubstr("zojuist"));
  EXPECT_THAT(response.body, HasSubstr("(deze sessie)"));
  EXPECT_THAT(response.body, HasSubstr("Sessie beëindigen"));
  EXPECT_THAT(response.body, Not(HasSubstr("End session")));
}

TEST_F(SessionViewsTest, FixedLanguageWinsOverAcceptLanguage) {
  SessionViewsOptions options;
  options.language = "nl";
  auto views = MakeViews(options);
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions(Property(&v1::ListSessionsRequest::language_code, "nl")))
      .WillOnce(Return(TwoSessions()));
  ViewRequest request = Get(kPrefix);
  request.accept_language = "en-US,en;q=0.9";

  EXPECT_THAT(Handle(*views, request, *session).body, HasSubstr("Actieve sessies"));
}

TEST_F(SessionViewsTest, AnonymousVisitorIsSentToLoginWithNext) {
  auto views = MakeViews();
  auto session = Anonymous();

  const ViewResponse list = Handle(*views, Get(kPrefix), *session);
  EXPECT_EQ(list.status, 303);
  EXPECT_EQ(Header(list, "Location"), "/login/?next=%2Faccount%2Fsessions%2F");

  ViewRequest with_query = Get(kPrefix);
  with_query.query = "a=1&b=2";
  EXPECT_EQ(Header(Handle(*views, with_query, *session), "Location"),
            "/login/?next=%2Faccount%2Fsessions%2F%3Fa%3D1%26b%3D2");

  const ViewResponse post =
      Handle(*views, Post("/account/sessions/other/delete/", "csrf_token=x"), *session);
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(Header(post, "Location"), "/login/?next=%2Faccount%2Fsessions%2Fother%2Fdelete%2F");
}

TEST_F(SessionViewsTest, LoginUrlWithAQueryGetsNextAppended) {
  SessionViewsOptions options;
  options.login_url = "/auth/?provider=local";
  auto views = MakeViews(options);
  auto session = Anonymous();

  EXPECT_EQ(Header(Handle(*views, Get(kPrefix), *session), "Location"),
            "/auth/?provider=local&next=%2Faccount%2Fsessions%2F");
}

TEST_F(SessionViewsTest, WrongMethodsGet405WithAllow) {
  auto views = MakeViews();
  auto session = Anonymous();

  const ViewResponse get_delete = Handle(*views, Get("/account/sessions/abc/delete/"), *session);
  EXPECT_EQ(get_delete.status, 405);
  EXPECT_EQ(Header(get_delete, "Allow"), "POST");

  const ViewResponse get_others = Handle(*views, Get("/account/sessions/other/delete/"), *session);
  EXPECT_EQ(get_others.status, 405);
  EXPECT_EQ(Header(get_others, "Allow"), "POST");

  const ViewResponse post_list = Handle(*views, Post(kPrefix, ""), *session);
  EXPECT_EQ(post_list.status, 405);
  EXPECT_EQ(Header(post_list, "Allow"), "GET, HEAD");
}

TEST_F(SessionViewsTest, UnknownPathsBelowThePrefixGet404) {
  auto views = MakeViews();
  auto session = Anonymous();
  for (const char* path :
       {"/account/sessions/nope", "/account/sessions/abc/", "/account/sessions/a/b/delete/",
        "/account/sessions/abc/delete/extra", "/account/sessions//delete/",
        "/account/sessions/a%2Fb/delete/", "/account/sessions/other/"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(Handle(*views, Post(path, ""), *session).status, 404);
  }
}

TEST_F(SessionViewsTest, PostsWithoutAValidCsrfTokenGet403AndChangeNothing) {
  auto views = MakeViews();
  auto session = SignedIn();
  const std::string delete_one = "/account/sessions/" + kOtherSessionId + "/delete/";
  // The strict mock fails the test on any RevokeSession or RevokeUserSessions call.
  EXPECT_EQ(Handle(*views, Post(delete_one, ""), *session).status, 403);
  EXPECT_EQ(Handle(*views, Post(delete_one, "csrf_token=forged"), *session).status, 403);
  EXPECT_EQ(Handle(*views, Post("/account/sessions/other/delete/", "csrf_token="), *session).status,
            403);

  // A token of another session (another secret) is refused too.
  auto other_engine = MakeEngine();
  EXPECT_CALL(*mock_, LoadSession)
      .WillOnce(Return(sdk::testing::Loaded(
          sdk::testing::Data({{kCsrfSessionKey, Base64UrlEncode(std::string(32, 'x'))}}),
          "alice")));
  auto other_session = other_engine->Begin(sdk::testing::RequestWithKey(sdk::testing::kOtherKey));
  const std::string foreign_token = TokenFor(*other_session);
  EXPECT_EQ(Handle(*views, Post(delete_one, "csrf_token=" + foreign_token), *session).status, 403);
  EXPECT_FALSE(session->modified());
}

TEST_F(SessionViewsTest, EndsAnotherSessionWithAFormTokenOrAHeaderToken) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  const std::string id = "a-b_c-d_e-f_g-h_i-j_kl";  // base64url with '-' and '_'.
  EXPECT_CALL(*mock_, RevokeSession(AllOf(Property(&v1::RevokeSessionRequest::user_id, "alice"),
                                          Property(&v1::RevokeSessionRequest::session_id, id))))
      .Times(2)
      .WillRepeatedly(Return(v1::RevokeSessionResponse()));

  const ViewResponse by_form = Handle(
      *views, Post("/account/sessions/" + id + "/delete/", "csrf_token=" + TokenFor(*session)),
      *session);
  EXPECT_EQ(by_form.status, 303);
  EXPECT_EQ(Header(by_form, "Location"), kPrefix);

  ViewRequest by_header = Post("/account/sessions/" + id + "/delete/", "");
  by_header.content_type = "";
  by_header.accept = "application/json";
  by_header.csrf_header = TokenFor(*session);
  EXPECT_EQ(Handle(*views, by_header, *session).status, 204);
}

TEST_F(SessionViewsTest, ForeignOrUnknownSessionIdGets404) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_, RevokeSession).WillOnce(Return(absl::NotFoundError("session not found")));

  const ViewResponse response = Handle(
      *views,
      Post("/account/sessions/" + kOtherSessionId + "/delete/", "csrf_token=" + TokenFor(*session)),
      *session);

  EXPECT_EQ(response.status, 404);
}

TEST_F(SessionViewsTest, EndingTheCurrentSessionLogsOutAndRedirectsToTheLogoutUrl) {
  SessionViewsOptions options;
  options.logout_redirect_url = "/goodbye/";
  auto views = MakeViews(options);
  auto session = SignedIn("alice");
  EXPECT_CALL(*mock_,
              RevokeSession(Property(&v1::RevokeSessionRequest::session_id, testing::kSessionId)))
      .WillOnce(Return(v1::RevokeSessionResponse()));

  const ViewResponse response = Handle(*views,
                                       Post("/account/sessions/" + testing::kSessionId + "/delete/",
                                            "csrf_token=" + TokenFor(*session)),
                                       *session);

  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(Header(response, "Location"), "/goodbye/");
  // Logged out: the response phase deletes the record and the cookie.
  EXPECT_CALL(*mock_, DeleteSession(Property(&v1::DeleteSessionRequest::session_key, kKey)))
      .WillOnce(Return(v1::DeleteSessionResponse()));
  absl::StatusOr<ResponseHeaders> headers = engine_->Finish(*session, response.status);
  ASSERT_THAT(headers.status(), IsOk());
  ASSERT_EQ(headers->set_cookie.size(), 1u);
  EXPECT_THAT(headers->set_cookie[0], HasSubstr("Max-Age=0"));
}

TEST_F(SessionViewsTest, EndAllOtherSessionsKeepsThisOne) {
  auto views = MakeViews();
  auto session = SignedIn("alice");
  v1::RevokeUserSessionsResponse revoked;
  revoked.set_revoked_count(3);
  EXPECT_CALL(*mock_, RevokeUserSessions(
                          AllOf(Property(&v1::RevokeUserSessionsRequest::user_id, "alice"),
                                Property(&v1::RevokeUserSessionsRequest::keep_session_key, kKey))))
      .Times(2)
      .WillRepeatedly(Return(revoked));
  const std::string form = "csrf_token=" + TokenFor(*session);

  const ViewResponse html = Handle(*views, Post("/account/sessions/other/delete/", form), *session);
  EXPECT_EQ(html.status, 303);
  EXPECT_EQ(Header(html, "Location"), kPrefix);

  ViewRequest json = Post("/account/sessions/other/delete/", form);
  json.accept = "application/json";
  const ViewResponse answer = Handle(*views, json, *session);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "{\"revokedCount\":\"3\"}");
}

TEST_F(SessionViewsTest, SessiondErrorsAreReturnedForTheShimsServiceUnavailable) {
  auto views = MakeViews();
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(absl::UnavailableError("down")));
  EXPECT_THAT(views->Handle(Get(kPrefix), *session).status(),
              StatusIs(absl::StatusCode::kUnavailable));

  EXPECT_CALL(*mock_, RevokeUserSessions).WillOnce(Return(absl::UnavailableError("down")));
  EXPECT_THAT(
      views
          ->Handle(Post("/account/sessions/other/delete/", "csrf_token=" + TokenFor(*session)),
                   *session)
          .status(),
      StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(SessionViewsTest, SessionLoadFailureIsReturned) {
  auto views = MakeViews();
  EXPECT_CALL(*mock_, LoadSession).WillOnce(Return(absl::UnavailableError("down")));
  auto session = engine_->Begin(sdk::testing::RequestWithKey());

  EXPECT_THAT(views->Handle(Get(kPrefix), *session).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(SessionViewsTest, CustomPrefixRoutesBelowIt) {
  SessionViewsOptions options;
  options.prefix = "/me/devices/";
  auto views = MakeViews(options);
  EXPECT_TRUE(views->Matches("/me/devices/"));
  EXPECT_TRUE(views->Matches("/me/devices/x/delete/"));
  EXPECT_FALSE(views->Matches("/account/sessions/"));
  EXPECT_FALSE(views->Matches("/me/devices"));

  auto session = SignedIn();
  EXPECT_CALL(*mock_, RevokeUserSessions).WillOnce(Return(v1::RevokeUserSessionsResponse()));
  const ViewResponse response = Handle(
      *views, Post("/me/devices/other/delete/", "csrf_token=" + TokenFor(*session)), *session);
  EXPECT_EQ(Header(response, "Location"), "/me/devices/");
}

TEST_F(SessionViewsTest, TemplateOverrideReplacesTheDefault) {
  SessionViewsOptions options;
  options.templates[kSessionsTemplate] =
      "<ul lang=\"{{lang}}\">{{#sessions}}<li>{{device}}|{{location}}|{{last_activity}}"
      "{{#current}}*{{/current}}</li>{{/sessions}}</ul>{{t.end_session}}";
  auto views = MakeViews(options);
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(TwoSessions()));

  EXPECT_EQ(Handle(*views, Get(kPrefix), *session).body,
            "<ul lang=\"en\"><li>Chrome on macOS|San Diego, United States|just now*</li>"
            "<li>Safari on iPhone|London, United Kingdom|5 minutes ago</li></ul>End session");
}

TEST_F(SessionViewsTest, HeaderPartialPutsTheHostsNavigationAtTheTopOfTheDefaultPage) {
  SessionViewsOptions options;
  options.templates[kHeaderTemplate] =
      "<nav id=\"host-nav\"><form method=\"post\" action=\"/logout/\">"
      "<input name=\"csrf_token\" value=\"{{csrf_token}}\"></form></nav>";
  auto views = MakeViews(options);
  auto session = SignedIn();
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(TwoSessions()));

  const std::string html = Handle(*views, Get(kPrefix), *session).body;
  EXPECT_THAT(html, HasSubstr("<body>\n<nav id=\"host-nav\">"));
  EXPECT_LT(html.find("host-nav"), html.find("<main"));
  // The header sees the page's data, so the host's own forms get a valid token.
  const std::string token = testing::AttributeAfter(html, "host-nav", "value");
  EXPECT_EQ(CheckCsrfToken(*session, token).value_or(false), true);
}

TEST_F(SessionViewsTest, TemplateValuesAreHtmlEscaped) {
  auto views = MakeViews();
  auto session = SignedIn();
  v1::ListSessionsResponse listed;
  *listed.add_sessions() = Listed(kOtherSessionId, clock_->Now(), absl::Minutes(1),
                                  "<script>alert(1)</script>", "", "", "10.0.0.1");
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(listed));

  const std::string html = Handle(*views, Get(kPrefix), *session).body;
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
}

TEST_F(SessionViewsTest, CreateRejectsBadOptions) {
  auto create = [this](SessionViewsOptions options) {
    return SessionViews::Create(mock_, std::move(options)).status();
  };
  SessionViewsOptions options;
  options.prefix = "/account/sessions";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.login_url = "https://evil.example/";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.logout_redirect_url = "//evil.example/";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.language = "de";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.templates["session"] = "typo";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.templates[kSessionsTemplate] = "{{#sessions}}unclosed";
  EXPECT_THAT(create(options), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SessionViews::Create(nullptr, {}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(create({}), IsOk());
}

}  // namespace
}  // namespace usersessions::sdk::views
