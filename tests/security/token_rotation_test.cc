// Token rotation on a running sessiond: the tokens file is rewritten and sessiond told with
// SIGHUP (or left to notice the change) while calls are in flight. No call fails during a
// reload; afterwards the retired token is refused and the new one accepted. A broken file keeps
// the previous tokens.
#include <atomic>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/security/secured_sessiond.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace usersessions::testing {
namespace {

constexpr char kOldToken[] = "old-engine-token-aaaaaaaa";
constexpr char kNewToken[] = "new-engine-token-bbbbbbbb";

// How many times `text` occurs in the log of `process`.
int CountInLog(const SessiondProcess& process, const std::string& text) {
  const std::string log = process.Log();
  int count = 0;
  for (size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++count;
  return count;
}

bool WaitForCount(const SessiondProcess& process, const std::string& text, int count,
                  absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (CountInLog(process, text) >= count) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

// Calls LoadSession with `token` from several threads until stopped, counting the calls that
// did not answer OK.
class CallsInFlight {
 public:
  CallsInFlight(const std::string& address, const std::string& key, const std::string& token) {
    for (int i = 0; i < 4; ++i) {
      threads_.emplace_back([this, address, key, token] {
        auto stub = SessionStoreStub(address);
        v1::LoadSessionRequest request;
        request.set_session_key(key);
        while (!stop_.load()) {
          v1::LoadSessionResponse response;
          const grpc::Status status =
              stub->LoadSession(ContextWithToken(token).get(), request, &response);
          calls_.fetch_add(1);
          if (!status.ok()) failures_.fetch_add(1);
        }
      });
    }
  }
  // Stops the threads; returns the number of failed calls.
  int Stop() {
    stop_.store(true);
    for (std::thread& thread : threads_) thread.join();
    return failures_.load();
  }
  int calls() const { return calls_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> calls_{0};
  std::atomic<int> failures_{0};
  std::vector<std::thread> threads_;
};

class TokenRotationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tokens_ = dir_.File("tokens");
    WriteTokensFile(tokens_, {{"engine", kOldToken}});
    ASSERT_OK_AND_ASSIGN(
        process_,
        SessiondProcess::Start({"--listen=127.0.0.1:0", "--store=sqlite:" + dir_.File("s.db"),
                                "--cleanup-interval=0", "--auth-tokens-file=" + tokens_}));
    stub_ = SessionStoreStub(process_->address());
    v1::CreateSessionResponse response;
    ASSERT_TRUE(stub_
                    ->CreateSession(ContextWithToken(kOldToken).get(), v1::CreateSessionRequest(),
                                    &response)
                    .ok());
    key_ = response.session_key();
  }

  grpc::StatusCode Load(const std::string& token) {
    v1::LoadSessionRequest request;
    request.set_session_key(key_);
    v1::LoadSessionResponse response;
    return stub_->LoadSession(ContextWithToken(token).get(), request, &response).error_code();
  }

  // Rewrites the tokens file, sends SIGHUP while `token` is in use, and waits for the reload.
  void RotateWhileCalling(const std::vector<std::pair<std::string, std::string>>& tokens,
                          const std::string& token_in_use) {
    const int reloads = CountInLog(*process_, "auth tokens reloaded");
    CallsInFlight calls(process_->address(), key_, token_in_use);
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (calls.calls() < 20 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
    WriteTokensFile(tokens_, tokens);
    process_->SendSignal(SIGHUP);
    ASSERT_TRUE(WaitForCount(*process_, "auth tokens reloaded", reloads + 1, absl::Seconds(10)))
        << process_->Log();
    const int before_stop = calls.calls();
    while (calls.calls() < before_stop + 20 && absl::Now() < deadline + absl::Seconds(10)) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    EXPECT_EQ(calls.Stop(), 0);
  }

  TempDir dir_;
  std::string tokens_;
  std::unique_ptr<SessiondProcess> process_;
  std::unique_ptr<v1::SessionStore::Stub> stub_;
  std::string key_;
};

TEST_F(TokenRotationTest, TwoStepRotationThroughSighupFailsNoCall) {
  // Step 1: add the new token next to the old one, while host apps still use the old one.
  RotateWhileCalling({{"engine", kOldToken}, {"engine", kNewToken}}, kOldToken);
  EXPECT_EQ(Load(kOldToken), grpc::StatusCode::OK);
  EXPECT_EQ(Load(kNewToken), grpc::StatusCode::OK);
  // Step 2: the apps now use the new token; retire the old one.
  RotateWhileCalling({{"engine", kNewToken}}, kNewToken);
  EXPECT_EQ(Load(kOldToken), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Load(kNewToken), grpc::StatusCode::OK);
  EXPECT_EQ(process_->Log().find(kNewToken), std::string::npos) << "a token was logged";
}

TEST_F(TokenRotationTest, ABrokenTokensFileKeepsThePreviousTokens) {
  WriteFile(tokens_, "engine sha256:not-hex\n");
  process_->SendSignal(SIGHUP);
  ASSERT_TRUE(process_->WaitForLog("auth tokens reload failed", absl::Seconds(10)));
  EXPECT_THAT(process_->Log(), ::testing::HasSubstr("line 1"));
  EXPECT_EQ(Load(kOldToken), grpc::StatusCode::OK);
  EXPECT_EQ(CheckHealth(process_->address()), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(TokenRotationTest, AChangedFileIsReloadedWithoutSighup) {
  WriteTokensFile(tokens_, {{"engine", kNewToken}});
  // The file is polled every 10 seconds.
  ASSERT_TRUE(process_->WaitForLog("auth tokens reloaded", absl::Seconds(30))) << process_->Log();
  EXPECT_EQ(Load(kOldToken), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Load(kNewToken), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace usersessions::testing
