#include "sdk/internal/response_phase.h"

#include <utility>

#include "sdk/cookie.h"

namespace usersessions::sdk::internal {
namespace {

void SetDuration(absl::Duration duration, google::protobuf::Duration* out) {
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &duration);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(duration)));
}

absl::Duration FromProto(const google::protobuf::Duration& duration) {
  return absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
}

PendingCall Delete(const std::string& key) {
  PendingCall call;
  call.kind = PendingCall::Kind::kDelete;
  call.remove.set_session_key(key);
  return call;
}

}  // namespace

ResponsePhase::ResponsePhase(const EngineContext& context, SessionState& state, int http_status)
    : context_(context), state_(state), http_status_(http_status) {}

PendingCall ResponsePhase::Next() {
  if (!error_.ok()) return PendingCall();
  if (!state_.load_status.ok()) {
    error_ = state_.load_status;
    return PendingCall();
  }
  if (next_flushed_delete_ < state_.keys_to_delete.size()) {
    return Delete(state_.keys_to_delete[next_flushed_delete_++]);
  }
  if (http_status_ >= 500 || ended_elsewhere_) return PendingCall();
  if (!state_.loaded) {
    // Untouched: nothing is known, so nothing is written. Under save_every_request a session
    // with a cookie is loaded here so that it can be saved.
    if (context_.options.save_every_request && !state_.key.empty() && !load_attempted_) {
      load_attempted_ = true;
      PendingCall call;
      call.kind = PendingCall::Kind::kLoad;
      call.load = MakeLoadRequest(state_);
      return call;
    }
    return PendingCall();
  }
  return PlanWrite();
}

PendingCall ResponsePhase::PlanWrite() {
  const bool empty = state_.data.fields().empty() && state_.user_id.empty();
  if (empty) {
    // Nothing worth keeping: never an empty row, and an emptied session loses its record.
    if (state_.record_exists && !empty_delete_attempted_) {
      empty_delete_attempted_ = true;
      return Delete(state_.key);
    }
    return PendingCall();
  }
  const bool wants_write = state_.modified || context_.options.save_every_request;
  PendingCall call;
  if (!state_.record_exists) {
    if (create_attempted_ || !(wants_write || state_.cycle_pending)) return call;
    create_attempted_ = true;
    save_attempted_ = true;   // The create writes everything; no save follows.
    cycle_attempted_ = true;  // And the new record has a new key already.
    call.kind = PendingCall::Kind::kCreate;
    *call.create.mutable_data() = state_.data;
    call.create.set_user_id(state_.user_id);
    *call.create.mutable_client() = state_.client;
    const absl::Duration ttl = state_.expiry.value_or(context_.options.idle_timeout);
    if (ttl > absl::ZeroDuration()) SetDuration(ttl, call.create.mutable_ttl());
    return call;
  }
  if (state_.cycle_pending && !cycle_attempted_) {
    cycle_attempted_ = true;
    call.kind = PendingCall::Kind::kCycle;
    call.cycle.set_session_key(state_.key);
    return call;
  }
  if (wants_write && !save_attempted_) {
    save_attempted_ = true;
    call.kind = PendingCall::Kind::kSave;
    call.save.set_session_key(state_.key);
    *call.save.mutable_data() = state_.data;
    if (state_.user_changed) call.save.set_user_id(state_.user_id);
    if (state_.expiry.has_value()) SetDuration(*state_.expiry, call.save.mutable_ttl());
    if (context_.options.optimistic_concurrency) {
      call.save.set_expected_version(state_.record.version());
    }
    // No client: the load that preceded every save has already recorded it.
    return call;
  }
  return call;
}

void ResponsePhase::OnLoad(absl::StatusOr<v1::LoadSessionResponse> result) {
  ApplyLoadResult(state_, std::move(result));
}

bool ResponsePhase::HandleWriteFailure(const absl::Status& status, bool record_existed) {
  if (status.ok()) return false;
  if (record_existed && absl::IsNotFound(status)) {
    EndedElsewhere();
  } else {
    error_ = status;
  }
  return true;
}

void ResponsePhase::AdoptRecord(v1::Session* session, std::string* new_key) {
  state_.record = std::move(*session);
  state_.record.clear_data();
  if (new_key != nullptr) {
    state_.key = std::move(*new_key);
    state_.cycle_pending = false;
    key_changed_ = true;
  }
}

void ResponsePhase::OnCreate(absl::StatusOr<v1::CreateSessionResponse> result) {
  if (HandleWriteFailure(result.status(), /*record_existed=*/false)) return;
  AdoptRecord(result->mutable_session(), result->mutable_session_key());
  state_.record_exists = true;
  saved_ = true;
}

void ResponsePhase::OnSave(absl::StatusOr<v1::SaveSessionResponse> result) {
  if (HandleWriteFailure(result.status(), /*record_existed=*/true)) return;
  AdoptRecord(result->mutable_session(), /*new_key=*/nullptr);
  saved_ = true;
}

void ResponsePhase::OnCycle(absl::StatusOr<v1::CycleSessionKeyResponse> result) {
  if (HandleWriteFailure(result.status(), /*record_existed=*/true)) return;
  AdoptRecord(result->mutable_session(), result->mutable_session_key());
}

void ResponsePhase::OnDelete(absl::StatusOr<v1::DeleteSessionResponse> result) {
  if (!result.ok()) {
    error_ = result.status();
    return;
  }
  if (empty_delete_attempted_) {
    state_.key.clear();
    state_.record.Clear();
    state_.record_exists = false;
  }
}

void ResponsePhase::EndedElsewhere() {
  ended_elsewhere_ = true;
  state_.key.clear();
  state_.record.Clear();
  state_.record_exists = false;
  state_.cycle_pending = false;
}

absl::Duration ResponsePhase::CookieMaxAge() const {
  if (state_.expiry.has_value()) return *state_.expiry;
  const absl::Duration stored = FromProto(state_.record.idle_timeout());
  if (stored > absl::ZeroDuration()) return stored;
  return context_.options.idle_timeout;
}

absl::StatusOr<ResponseHeaders> ResponsePhase::Result() const {
  if (!error_.ok()) return error_;
  const CookieOptions& cookie = context_.options.cookie;
  ResponseHeaders headers;
  if (state_.record_exists && !state_.key.empty()) {
    // A new key always goes out. An existing one is re-sent when it was saved or when the load
    // may have slid the expiry, so the browser keeps it exactly as long as sessiond does.
    const bool refresh = cookie.persistent && (saved_ || state_.touched);
    if (key_changed_ || refresh) {
      headers.set_cookie.push_back(
          BuildSetCookie(cookie, state_.key, CookieMaxAge(), context_.clock->Now()));
    }
  } else if (state_.cookie_sent && (state_.loaded || ended_elsewhere_)) {
    // The browser holds a cookie that names no record (stale, garbage, flushed, emptied or
    // ended elsewhere): drop it. An untouched session's cookie is left alone.
    headers.set_cookie.push_back(BuildDeletionCookie(cookie));
  }
  headers.vary_cookie = state_.accessed;
  headers.cache_control_private = state_.accessed || !headers.set_cookie.empty();
  return headers;
}

}  // namespace usersessions::sdk::internal
