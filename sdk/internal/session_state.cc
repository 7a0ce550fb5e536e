#include "sdk/internal/session_state.h"

#include <utility>

#include "common/errors.h"

namespace usersessions::sdk::internal {

v1::LoadSessionRequest MakeLoadRequest(const SessionState& state) {
  v1::LoadSessionRequest request;
  request.set_session_key(state.key);
  *request.mutable_client() = state.client;
  return request;
}

bool IsStaleKeyError(const absl::Status& status) {
  if (absl::IsNotFound(status)) return true;
  return absl::IsInvalidArgument(status) &&
         GetErrorReason(status) == v1::ERROR_REASON_INVALID_SESSION_KEY;
}

void ApplyLoadResult(SessionState& state, absl::StatusOr<v1::LoadSessionResponse> result) {
  if (result.ok()) {
    state.record = std::move(*result->mutable_session());
    state.data = std::move(*state.record.mutable_data());
    state.record.clear_data();
    state.user_id = state.record.user_id();
    state.record_exists = true;
    state.touched = true;
    state.loaded = true;
    return;
  }
  if (IsStaleKeyError(result.status())) {
    state.key.clear();
    state.record.Clear();
    state.data.Clear();
    state.user_id.clear();
    state.record_exists = false;
    state.loaded = true;
    return;
  }
  state.load_status = result.status();
}

}  // namespace usersessions::sdk::internal
