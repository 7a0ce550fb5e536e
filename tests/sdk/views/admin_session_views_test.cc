#include "sdk/views/admin_session_views.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/views/templates.h"
#include "tests/sdk/views/view_test_support.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::sdk::views {
namespace {

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

constexpr char kPrefix[] = "/admin/sessions/";

class AdminSessionViewsTest : public testing::ViewTestBase {
 protected:
  std::unique_ptr<AdminSessionViews> MakeViews(AdminSessionViewsOptions options = {}) {
    if (!options.is_admin) {
      options.is_admin = [](const std::string& user_id, Session&) { return user_id == "root"; };
    }
    options.clock = clock_;
    absl::StatusOr<std::unique_ptr<AdminSessionViews>> views =
        AdminSessionViews::Create(mock_, std::move(options));
    EXPECT_THAT(views.status(), IsOk());
    return views.ok() ? *std::move(views) : nullptr;
  }

  ViewResponse Handle(const AdminSessionViews& views, const ViewRequest& request,
                      Session& session) {
    absl::StatusOr<ViewResponse> response = views.Handle(request, session);
    EXPECT_THAT(response.status(), IsOk());
    return response.ok() ? *std::move(response) : ViewResponse{};
  }

  v1::ListSessionsResponse Page(const std::string& next_page_token = "") {
    v1::ListSessionsResponse listed;
    v1::Session bob = Listed(kOtherSessionId, clock_->Now(), absl::Minutes(7), "Edge", "Windows",
                             "Amsterdam, Netherlands", "2001:db8:1::5");
    bob.set_user_id("bob");
    *listed.add_sessions() = bob;
    v1::Session anonymous =
        Listed("anonAAAAAAAAAAAAAAAAAA", clock_->Now(), absl::Hours(30), "", "", "", "");
    anonymous.set_user_id("");
    anonymous.set_state(v1::SESSION_STATE_EXPIRED);
    *listed.add_sessions() = anonymous;
    listed.set_next_page_token(next_page_token);
    return listed;
  }
};

TEST_F(AdminSessionViewsTest, AnonymousIsSentToLoginAndNonAdminGets403) {
  auto views = MakeViews();
  auto anonymous = Anonymous();
  const ViewResponse redirect = Handle(*views, Get(kPrefix), *anonymous);
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(Header(redirect, "Location"), "/login/?next=%2Fadmin%2Fsessions%2F");

  auto bob = SignedIn("bob");
  EXPECT_EQ(Handle(*views, Get(kPrefix), *bob).status, 403);
  EXPECT_EQ(Handle(*views, Post("/admin/sessions/delete/", "session_id=x"), *bob).status, 403);
}

TEST_F(AdminSessionViewsTest, PredicateSeesTheUserAndTheSession) {
  AdminSessionViewsOptions options;
  options.is_admin = [](const std::string& user_id, Session& session) {
    return session.GetBool("is_staff");
  };
  auto views = MakeViews(options);
  auto session = SignedIn("alice");  // No is_staff in its data.
  EXPECT_EQ(Handle(*views, Get(kPrefix), *session).status, 403);
}

TEST_F(AdminSessionViewsTest, DefaultListingIsEveryonesActiveSessions) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  EXPECT_CALL(*mock_, ListSessions(AllOf(
                          Property(&v1::ListSessionsRequest::user_id, ""),
                          Property(&v1::ListSessionsRequest::state_filter, v1::STATE_FILTER_ACTIVE),
                          Property(&v1::ListSessionsRequest::query, ""),
                          Property(&v1::ListSessionsRequest::page_size, 50),
                          Property(&v1::ListSessionsRequest::page_token, ""),
                          Property(&v1::ListSessionsRequest::current_session_key, kKey))))
      .WillOnce(Return(Page()));

  const ViewResponse response = Handle(*views, Get(kPrefix), *session);

  EXPECT_EQ(response.status, 200);
  const std::string& html = response.body;
  EXPECT_THAT(html, HasSubstr("bob"));
  EXPECT_THAT(html, HasSubstr("Edge on Windows"));
  EXPECT_THAT(html, HasSubstr("Amsterdam, Netherlands"));
  EXPECT_THAT(html, HasSubstr("(2001:db8:1::5)"));
  EXPECT_THAT(html, HasSubstr("7 minutes ago"));
  EXPECT_THAT(html, HasSubstr("Anonymous"));
  EXPECT_THAT(html, HasSubstr("Unknown device"));
  EXPECT_THAT(html, HasSubstr("Expired"));
  EXPECT_THAT(html, HasSubstr("type=\"checkbox\" name=\"session_id\" value=\"" + kOtherSessionId));
  EXPECT_THAT(html, HasSubstr("End selected sessions"));
  EXPECT_THAT(html, Not(HasSubstr("Next page")));
  EXPECT_THAT(html, Not(HasSubstr(kKey)));
}

TEST_F(AdminSessionViewsTest, FiltersSearchAndPaginationReachListSessions) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  EXPECT_CALL(
      *mock_,
      ListSessions(AllOf(Property(&v1::ListSessionsRequest::user_id, "root"),
                         Property(&v1::ListSessionsRequest::state_filter, v1::STATE_FILTER_EXPIRED),
                         Property(&v1::ListSessionsRequest::query, "10.0 x"),
                         Property(&v1::ListSessionsRequest::page_token, "tok-1"))))
      .WillOnce(Return(Page("tok-2")));
  ViewRequest request = Get(kPrefix);
  request.query = "state=expired&scope=mine&q=10.0+x&page_token=tok-1";

  const ViewResponse response = Handle(*views, request, *session);

  const std::string& html = response.body;
  EXPECT_THAT(html, HasSubstr("href=\"/admin/sessions/?state=expired&amp;scope=mine&amp;q=10.0%20x"
                              "&amp;page_token=tok-2\""));
  EXPECT_THAT(html,
              HasSubstr("href=\"/admin/sessions/?state=expired&amp;scope=mine&amp;q=10.0%20x\""));
  EXPECT_THAT(html, HasSubstr("<option value=\"expired\" selected>"));
  EXPECT_THAT(html, HasSubstr("<option value=\"mine\" selected>"));
  EXPECT_THAT(html, HasSubstr("value=\"10.0 x\""));
}

TEST_F(AdminSessionViewsTest, StalePageTokenGets400) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  EXPECT_CALL(*mock_, ListSessions)
      .WillOnce(Return(absl::InvalidArgumentError("page token was issued for other parameters")));
  ViewRequest request = Get(kPrefix);
  request.query = "page_token=bad";

  EXPECT_EQ(Handle(*views, request, *session).status, 400);
}

TEST_F(AdminSessionViewsTest, JsonVariant) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(Page("tok-2")));
  ViewRequest request = Get(kPrefix);
  request.accept = "application/json";

  const ViewResponse response = Handle(*views, request, *session);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_THAT(response.body, HasSubstr("\"nextPageToken\":\"tok-2\""));
  EXPECT_THAT(response.body, HasSubstr("\"userId\":\"bob\""));
}

TEST_F(AdminSessionViewsTest, BulkEndRevokesEachSelectedSessionAsAdmin) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  EXPECT_CALL(*mock_, RevokeSession(
                          AllOf(Property(&v1::RevokeSessionRequest::user_id, ""),
                                Property(&v1::RevokeSessionRequest::session_id, kOtherSessionId))))
      .WillOnce(Return(v1::RevokeSessionResponse()));
  EXPECT_CALL(*mock_, RevokeSession(Property(&v1::RevokeSessionRequest::session_id,
                                             "goneAAAAAAAAAAAAAAAAAA")))
      .WillOnce(Return(absl::NotFoundError("gone")));

  const ViewResponse response =
      Handle(*views,
             Post("/admin/sessions/delete/",
                  "csrf_token=" + TokenFor(*session) +
                      "&state=all&scope=all&q=bob&session_id=" + kOtherSessionId +
                      "&session_id=goneAAAAAAAAAAAAAAAAAA&session_id=" + kOtherSessionId +
                      "&session_id=not%20an%20id"),
             *session);

  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(Header(response, "Location"), "/admin/sessions/?state=all&q=bob");
}

TEST_F(AdminSessionViewsTest, BulkEndNeedsTheCsrfToken) {
  auto views = MakeViews();
  auto session = SignedIn("root");
  // The strict mock fails the test on any RevokeSession call.
  EXPECT_EQ(
      Handle(*views, Post("/admin/sessions/delete/", "session_id=" + kOtherSessionId), *session)
          .status,
      403);
}

TEST_F(AdminSessionViewsTest, RoutesAndMethods) {
  auto views = MakeViews();
  auto session = Anonymous();
  EXPECT_EQ(Handle(*views, Get("/admin/sessions/delete/"), *session).status, 405);
  EXPECT_EQ(Handle(*views, Post(kPrefix, ""), *session).status, 405);
  EXPECT_EQ(Handle(*views, Get("/admin/sessions/other/"), *session).status, 404);
}

TEST_F(AdminSessionViewsTest, TemplateOverride) {
  AdminSessionViewsOptions options;
  options.templates[kAdminSessionsTemplate] = "{{#sessions}}{{user_id}};{{/sessions}}";
  auto views = MakeViews(options);
  auto session = SignedIn("root");
  EXPECT_CALL(*mock_, ListSessions).WillOnce(Return(Page()));
  EXPECT_EQ(Handle(*views, Get(kPrefix), *session).body, "bob;;");
}

TEST_F(AdminSessionViewsTest, CreateRejectsBadOptions) {
  AdminSessionViewsOptions options;
  EXPECT_THAT(AdminSessionViews::Create(mock_, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));  // No predicate.
  options.is_admin = [](const std::string&, Session&) { return true; };
  options.page_size = 0;
  EXPECT_THAT(AdminSessionViews::Create(mock_, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.page_size = 50;
  options.templates[kSessionsTemplate] = "the user page's template";
  EXPECT_THAT(AdminSessionViews::Create(mock_, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.templates.clear();
  EXPECT_THAT(AdminSessionViews::Create(nullptr, options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(AdminSessionViews::Create(mock_, options).status(), IsOk());
}

}  // namespace
}  // namespace usersessions::sdk::views
