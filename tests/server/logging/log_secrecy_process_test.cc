// Scans the logs of real sessiond runs for secrets: session keys, their hashes, session data,
// user agents and database passwords must never appear, whatever the requests do.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kDataMarker[] = "data-marker-5c1e";
constexpr char kUserAgentMarker[] = "ua-marker-9b2d";

void ExpectAbsent(const std::string& log, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    EXPECT_THAT(log, Not(HasSubstr(secret))) << "the log contains a secret: " << secret;
  }
}

TEST(LogSecrecyProcessTest, EveryRpcLeavesNoKeyOrSessionDataInTheLog) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto process,
      SessiondProcess::Start({"--listen=127.0.0.1:0", "--metrics-listen=127.0.0.1:0",
                              "--cleanup-interval=1s", "--store=sqlite:" + dir.File("s.db")}));
  auto stub = v1::SessionStore::NewStub(
      grpc::CreateChannel(process->address(), grpc::InsecureChannelCredentials()));
  auto call = [](auto method) {
    grpc::ClientContext context;
    return method(&context);
  };

  v1::CreateSessionRequest create;
  (*create.mutable_data()->mutable_fields())["note"].set_string_value(kDataMarker);
  create.set_user_id("alice");
  create.mutable_client()->set_ip_address("203.0.113.9");
  create.mutable_client()->set_user_agent(kUserAgentMarker);
  v1::CreateSessionResponse created;
  ASSERT_TRUE(call([&](auto* c) { return stub->CreateSession(c, create, &created); }).ok());
  const std::string key = created.session_key();

  v1::SaveSessionRequest save;
  save.set_session_key(key);
  (*save.mutable_data()->mutable_fields())["note"].set_string_value(
      absl::StrCat(kDataMarker, "-saved"));
  save.set_expected_version(99);  // a version conflict: an error path
  v1::SaveSessionResponse saved;
  EXPECT_EQ(call([&](auto* c) { return stub->SaveSession(c, save, &saved); }).error_code(),
            grpc::StatusCode::ABORTED);

  v1::CycleSessionKeyRequest cycle;
  cycle.set_session_key(key);
  v1::CycleSessionKeyResponse cycled;
  ASSERT_TRUE(call([&](auto* c) { return stub->CycleSessionKey(c, cycle, &cycled); }).ok());

  // The old key is now unknown, and a malformed key is rejected: both are error paths.
  v1::LoadSessionRequest load;
  load.set_session_key(key);
  v1::LoadSessionResponse loaded;
  EXPECT_EQ(call([&](auto* c) { return stub->LoadSession(c, load, &loaded); }).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const std::string malformed = absl::StrCat(key, "!");
  load.set_session_key(malformed);
  EXPECT_EQ(call([&](auto* c) { return stub->LoadSession(c, load, &loaded); }).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::DeleteSessionRequest remove;
  remove.set_session_key(cycled.session_key());
  v1::DeleteSessionResponse removed;
  ASSERT_TRUE(call([&](auto* c) { return stub->DeleteSession(c, remove, &removed); }).ok());
  EXPECT_EQ(process->Terminate(), 0);

  const std::string log = process->Log();
  ASSERT_THAT(log, HasSubstr("stopped"));
  ExpectAbsent(log, {key, cycled.session_key(), malformed, Base64UrlEncode(Sha256(key)),
                     Base64UrlEncode(Sha256(cycled.session_key())), kDataMarker, kUserAgentMarker});
}

TEST(LogSecrecyProcessTest, DatabasePasswordNeverAppears) {
  // Nothing listens on port 1: sessiond logs that it is waiting for the store until stopped.
  ProcessResult result = RunSessiond(
      {"--listen=127.0.0.1:0", "--store=mysql://sessions:pw-marker-71ac@127.0.0.1:1/sessions"}, {},
      "", absl::Seconds(4));
  EXPECT_THAT(result.output, HasSubstr("waiting for the store"));
  EXPECT_THAT(result.output, Not(HasSubstr("pw-marker-71ac")));
}

}  // namespace
}  // namespace usersessions::testing
