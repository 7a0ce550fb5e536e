#include "client/sessionctl/session_format.h"

#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::sessionctl {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

v1::Session MakeSession(const std::string& id, const std::string& user, absl::Duration idle) {
  v1::Session session;
  session.set_session_id(id);
  session.set_user_id(user);
  session.set_ip_address("203.0.113.7");
  session.mutable_device()->set_display("Chrome on macOS");
  session.mutable_location()->set_display("San Diego, United States");
  session.mutable_last_activity_time()->set_seconds(absl::ToUnixSeconds(kNow - idle));
  session.mutable_create_time()->set_seconds(absl::ToUnixSeconds(kNow - absl::Hours(3)));
  session.mutable_expire_time()->set_seconds(absl::ToUnixSeconds(kNow + absl::Hours(1)));
  session.mutable_idle_timeout()->set_seconds(3600);
  session.set_state(v1::SESSION_STATE_ACTIVE);
  session.set_version(4);
  return session;
}

TEST(SessionTableTest, ShowsEveryColumnWithPlaceholders) {
  v1::Session anonymous = MakeSession("anon-id", "", absl::Seconds(10));
  anonymous.clear_ip_address();
  anonymous.clear_device();
  anonymous.clear_location();
  anonymous.set_state(v1::SESSION_STATE_EXPIRED);
  std::ostringstream out;
  SessionTable({MakeSession("alice-id", "alice", absl::Minutes(5)), anonymous}, kNow).Print(out);
  EXPECT_EQ(out.str(),
            "SESSION ID  USER         IP           DEVICE           LOCATION                  "
            "LAST ACTIVITY  STATE\n"
            "alice-id    alice        203.0.113.7  Chrome on macOS  San Diego, United States  "
            "5 minutes ago  active\n"
            "anon-id     (anonymous)  -            -                -                         "
            "just now       expired\n");
}

TEST(SessionDetailsTest, ListsTheFieldsWithTimesInUtc) {
  const std::string details = SessionDetails(MakeSession("id1", "alice", absl::Hours(2)), kNow);
  EXPECT_THAT(details, HasSubstr("SESSION ID:    id1\n"));
  EXPECT_THAT(details, HasSubstr("USER:          alice\n"));
  EXPECT_THAT(details, HasSubstr("LAST ACTIVITY: 2027-01-15 06:00:00 UTC (2 hours ago)\n"));
  EXPECT_THAT(details, HasSubstr("CREATED:       2027-01-15 05:00:00 UTC (3 hours ago)\n"));
  EXPECT_THAT(details, HasSubstr("IDLE TIMEOUT:  1h\n"));
  EXPECT_THAT(details, HasSubstr("USER AGENT:    -\n"));
  EXPECT_THAT(details, HasSubstr("VERSION:       4\n"));
}

TEST(SessionsJsonArrayTest, IsOneArrayOfProto3Json) {
  ASSERT_OK_AND_ASSIGN(std::string empty, SessionsJsonArray({}));
  EXPECT_EQ(empty, "[]");
  ASSERT_OK_AND_ASSIGN(std::string json,
                       SessionsJsonArray({MakeSession("a", "alice", absl::Minutes(1)),
                                          MakeSession("b", "bob", absl::Minutes(2))}));
  EXPECT_EQ(json.front(), '[');
  EXPECT_EQ(json.back(), ']');
  EXPECT_THAT(json, HasSubstr("\"sessionId\":\"a\""));
  EXPECT_THAT(json, HasSubstr("\"version\":\"4\""));  // int64 as a string
  // Wrapped in an object, the array parses back as a ListSessionsResponse.
  v1::ListSessionsResponse parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage("{\"sessions\":" + json + "}", &parsed).ok());
  ASSERT_EQ(parsed.sessions_size(), 2);
  EXPECT_EQ(parsed.sessions(1).user_id(), "bob");
}

}  // namespace
}  // namespace usersessions::sessionctl
