// Shared fixture for the views' unit tests: a strict mock connection behind both the engine and
// the views, signed-in and anonymous sessions, a valid CSRF token, and listing builders.
#ifndef USERSESSIONS_TESTS_SDK_VIEWS_VIEW_TEST_SUPPORT_H_
#define USERSESSIONS_TESTS_SDK_VIEWS_VIEW_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "common/encoding.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/views/csrf.h"
#include "sdk/views/view_http.h"
#include "tests/sdk/session_test_support.h"

namespace usersessions::sdk::views::testing {

using sdk::testing::kKey;
using sdk::testing::kSessionId;

// The session's stored CSRF secret: 32 bytes, base64url.
inline const std::string kCsrfSecret = Base64UrlEncode(std::string(32, '\x5a'));

inline const std::string kOtherSessionId = "Zz9-_aBcDeFgHiJkLmNoPq";

// A listed session, `ago` since its last activity.
inline v1::Session Listed(const std::string& session_id, absl::Time now, absl::Duration ago,
                          const std::string& browser, const std::string& os,
                          const std::string& location, const std::string& ip,
                          bool current = false) {
  v1::Session session;
  session.set_session_id(session_id);
  session.set_user_id("alice");
  session.set_ip_address(ip);
  session.set_user_agent(browser.empty() && os.empty() ? "" : "Mozilla/5.0 (" + os + ")");
  session.mutable_device()->set_browser(browser);
  session.mutable_device()->set_os(os);
  if (!browser.empty() && !os.empty()) {
    session.mutable_device()->set_display(browser + " on " + os);
  } else {
    session.mutable_device()->set_display(browser + os);
  }
  session.mutable_location()->set_display(location);
  session.mutable_last_activity_time()->set_seconds(absl::ToUnixSeconds(now - ago));
  session.set_state(v1::SESSION_STATE_ACTIVE);
  session.set_current(current);
  return session;
}

inline ViewRequest Get(const std::string& path) {
  ViewRequest request;
  request.method = "GET";
  request.path = path;
  request.accept = "text/html,application/xhtml+xml,*/*;q=0.8";
  return request;
}

inline ViewRequest Post(const std::string& path, const std::string& form) {
  ViewRequest request;
  request.method = "POST";
  request.path = path;
  request.accept = "text/html";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = form;
  return request;
}

// The value of response header `name`, or "" if absent.
inline std::string Header(const ViewResponse& response, const std::string& name) {
  for (const auto& [header, value] : response.headers) {
    if (absl::EqualsIgnoreCase(header, name)) return value;
  }
  return "";
}

class ViewTestBase : public sdk::testing::SessionEngineTestBase {
 protected:
  void SetUp() override { engine_ = MakeEngine(); }

  // A session signed in as `user_id` whose data holds the CSRF secret (loads once).
  std::unique_ptr<Session> SignedIn(const std::string& user_id = "alice") {
    EXPECT_CALL(*mock_, LoadSession)
        .WillOnce(::testing::Return(sdk::testing::Loaded(
            sdk::testing::Data({{std::string(kCsrfSessionKey), kCsrfSecret}}), user_id)));
    std::unique_ptr<Session> session = engine_->Begin(sdk::testing::RequestWithKey());
    EXPECT_TRUE(session->Load().ok());
    return session;
  }

  // A session without a cookie: anonymous, never loads.
  std::unique_ptr<Session> Anonymous() { return engine_->Begin(sdk::testing::Request()); }

  // A valid token for `session` (its secret already exists, so nothing is written).
  static std::string TokenFor(Session& session) {
    absl::StatusOr<std::string> token = CsrfToken(session);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  std::unique_ptr<SessionEngine> engine_;
};

}  // namespace usersessions::sdk::views::testing

#endif  // USERSESSIONS_TESTS_SDK_VIEWS_VIEW_TEST_SUPPORT_H_
