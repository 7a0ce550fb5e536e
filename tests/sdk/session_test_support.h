// Shared fixture for the session engine tests: a strict GoogleMock connection (so any call that
// is not expected fails the test), a fake clock, and builders for sessiond responses.
#ifndef USERSESSIONS_TESTS_SDK_SESSION_TEST_SUPPORT_H_
#define USERSESSIONS_TESTS_SDK_SESSION_TEST_SUPPORT_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "client/mocks/mock_session_store_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sdk/session_engine.h"
#include "tests/testing/fake_clock.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::sdk::testing {

// Well-formed keys (43 characters of canonical base64url).
inline const std::string kKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
inline const std::string kNewKey = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";
inline const std::string kOtherKey = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCA";
inline const std::string kSessionId = "sid_AAAAAAAAAAAAAAAAAA";
inline constexpr absl::Duration kServerIdleTimeout = absl::Hours(336);

// String-valued data.
inline google::protobuf::Struct Data(
    std::initializer_list<std::pair<std::string, std::string>> fields) {
  google::protobuf::Struct data;
  for (const auto& [key, value] : fields) {
    (*data.mutable_fields())[key].set_string_value(value);
  }
  return data;
}

inline v1::Session StoredSession(const google::protobuf::Struct& data, const std::string& user_id,
                                 int64_t version = 1,
                                 absl::Duration idle_timeout = kServerIdleTimeout) {
  v1::Session session;
  session.set_session_id(kSessionId);
  session.set_user_id(user_id);
  *session.mutable_data() = data;
  session.set_version(version);
  session.mutable_idle_timeout()->set_seconds(absl::ToInt64Seconds(idle_timeout));
  session.set_state(v1::SESSION_STATE_ACTIVE);
  return session;
}

inline v1::LoadSessionResponse Loaded(const google::protobuf::Struct& data,
                                      const std::string& user_id = "", int64_t version = 1,
                                      absl::Duration idle_timeout = kServerIdleTimeout) {
  v1::LoadSessionResponse response;
  *response.mutable_session() = StoredSession(data, user_id, version, idle_timeout);
  return response;
}

inline v1::CreateSessionResponse Created(const v1::CreateSessionRequest& request,
                                         const std::string& key = kNewKey) {
  v1::CreateSessionResponse response;
  response.set_session_key(key);
  absl::Duration ttl = kServerIdleTimeout;
  if (request.has_ttl()) ttl = absl::Seconds(request.ttl().seconds());
  *response.mutable_session() = StoredSession(request.data(), request.user_id(), 1, ttl);
  return response;
}

inline v1::SaveSessionResponse Saved(const v1::SaveSessionRequest& request,
                                     const std::string& user_id, int64_t version = 2) {
  v1::SaveSessionResponse response;
  *response.mutable_session() = StoredSession(request.data(), user_id, version);
  return response;
}

inline v1::CycleSessionKeyResponse Cycled(const google::protobuf::Struct& data,
                                          const std::string& user_id,
                                          const std::string& key = kNewKey) {
  v1::CycleSessionKeyResponse response;
  response.set_session_key(key);
  *response.mutable_session() = StoredSession(data, user_id);
  return response;
}

inline RequestContext Request(const std::string& cookie_header = "") {
  RequestContext request;
  request.remote_addr = "203.0.113.7:50123";
  request.cookie_header = cookie_header;
  request.user_agent = "Mozilla/5.0 (Test)";
  return request;
}

inline RequestContext RequestWithKey(const std::string& key = kKey) {
  return Request("csrftoken=abc; sessionid=" + key);
}

MATCHER_P(HasKey, key, "request names key " + std::string(key)) { return arg.session_key() == key; }

class SessionEngineTestBase : public ::testing::Test {
 protected:
  std::unique_ptr<SessionEngine> MakeEngine(SessionEngineOptions options = {}) {
    options.clock = clock_;
    absl::StatusOr<std::unique_ptr<SessionEngine>> engine =
        SessionEngine::Create(mock_, std::move(options));
    EXPECT_TRUE(engine.ok()) << engine.status();
    return engine.ok() ? *std::move(engine) : nullptr;
  }

  // Expires attribute for a Max-Age of `max_age` from the fake clock's now.
  std::string CookieFor(const std::string& key, absl::Duration max_age = kServerIdleTimeout) {
    return BuildSetCookie(CookieOptions(), key, max_age, clock_->Now());
  }

  std::shared_ptr<::testing::StrictMock<client::MockSessionStoreConnection>> mock_ =
      std::make_shared<::testing::StrictMock<client::MockSessionStoreConnection>>();
  std::shared_ptr<usersessions::testing::FakeClock> clock_ =
      std::make_shared<usersessions::testing::FakeClock>();
};

}  // namespace usersessions::sdk::testing

#endif  // USERSESSIONS_TESTS_SDK_SESSION_TEST_SUPPORT_H_
