#include "client/sessionctl/error_message.h"

#include "common/errors.h"
#include "gtest/gtest.h"

namespace usersessions::sessionctl {
namespace {

TEST(CallErrorMessageTest, NamesTheRpcCodeMessageAndReasonOnOneLine) {
  EXPECT_EQ(CallErrorMessage("GetSession", SessionNotFoundError()),
            "sessionctl: GetSession failed: NOT_FOUND: session not found (reason: "
            "SESSION_NOT_FOUND)");
  EXPECT_EQ(CallErrorMessage("ListSessions", absl::UnavailableError("failed to connect\nto all")),
            "sessionctl: ListSessions failed: UNAVAILABLE: failed to connect to all");
  EXPECT_EQ(CallErrorMessage("X", absl::Status(absl::StatusCode::kInternal, "")),
            "sessionctl: X failed: INTERNAL");
}

}  // namespace
}  // namespace usersessions::sessionctl
