#include "sdk/session.h"

#include <algorithm>
#include <utility>

#include "sdk/internal/engine_context.h"
#include "sdk/internal/session_state.h"

namespace usersessions::sdk {

Session::Session(std::shared_ptr<const internal::EngineContext> context,
                 std::unique_ptr<internal::SessionState> state)
    : context_(std::move(context)), state_(std::move(state)) {}

Session::~Session() = default;

bool Session::accessed() const { return state_->accessed; }
bool Session::modified() const { return state_->modified; }
const std::string& Session::session_key() const { return state_->key; }
const std::string& Session::session_id() const { return state_->record.session_id(); }
int64_t Session::version() const { return state_->record.version(); }

absl::Status Session::EnsureLoaded() {
  if (state_->loaded) return absl::OkStatus();
  if (!state_->load_status.ok()) return state_->load_status;
  internal::ApplyLoadResult(*state_,
                            context_->connection->LoadSession(internal::MakeLoadRequest(*state_)));
  return state_->load_status;
}

absl::Status Session::Access() {
  state_->accessed = true;
  return EnsureLoaded();
}

absl::Status Session::Load() { return EnsureLoaded(); }

absl::optional<google::protobuf::Value> Session::Find(absl::string_view key) const {
  const auto& fields = state_->data.fields();
  const auto it = fields.find(std::string(key));
  if (it == fields.end()) return absl::nullopt;
  return it->second;
}

absl::StatusOr<absl::optional<google::protobuf::Value>> Session::Get(absl::string_view key) {
  if (absl::Status status = Access(); !status.ok()) return status;
  return Find(key);
}

std::string Session::GetString(absl::string_view key, absl::string_view default_value) {
  if (!Access().ok()) return std::string(default_value);
  const auto value = Find(key);
  if (!value.has_value() || value->kind_case() != google::protobuf::Value::kStringValue) {
    return std::string(default_value);
  }
  return value->string_value();
}

double Session::GetNumber(absl::string_view key, double default_value) {
  if (!Access().ok()) return default_value;
  const auto value = Find(key);
  if (!value.has_value() || value->kind_case() != google::protobuf::Value::kNumberValue) {
    return default_value;
  }
  return value->number_value();
}

bool Session::GetBool(absl::string_view key, bool default_value) {
  if (!Access().ok()) return default_value;
  const auto value = Find(key);
  if (!value.has_value() || value->kind_case() != google::protobuf::Value::kBoolValue) {
    return default_value;
  }
  return value->bool_value();
}

absl::StatusOr<bool> Session::Contains(absl::string_view key) {
  if (absl::Status status = Access(); !status.ok()) return status;
  return state_->data.fields().count(std::string(key)) > 0;
}

absl::StatusOr<std::vector<std::string>> Session::Keys() {
  if (absl::Status status = Access(); !status.ok()) return status;
  std::vector<std::string> keys;
  keys.reserve(state_->data.fields().size());
  for (const auto& [key, value] : state_->data.fields()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

absl::Status Session::Set(absl::string_view key, google::protobuf::Value value) {
  if (absl::Status status = Access(); !status.ok()) return status;
  (*state_->data.mutable_fields())[std::string(key)] = std::move(value);
  state_->modified = true;
  return absl::OkStatus();
}

absl::Status Session::SetString(absl::string_view key, absl::string_view value) {
  google::protobuf::Value proto;
  proto.set_string_value(std::string(value));
  return Set(key, std::move(proto));
}

absl::Status Session::SetNumber(absl::string_view key, double value) {
  google::protobuf::Value proto;
  proto.set_number_value(value);
  return Set(key, std::move(proto));
}

absl::Status Session::SetBool(absl::string_view key, bool value) {
  google::protobuf::Value proto;
  proto.set_bool_value(value);
  return Set(key, std::move(proto));
}

absl::Status Session::Erase(absl::string_view key) {
  if (absl::Status status = Access(); !status.ok()) return status;
  if (state_->data.mutable_fields()->erase(std::string(key)) > 0) state_->modified = true;
  return absl::OkStatus();
}

absl::Status Session::Clear() {
  if (absl::Status status = Access(); !status.ok()) return status;
  state_->data.Clear();
  if (!state_->user_id.empty()) state_->user_changed = true;
  state_->user_id.clear();
  state_->modified = true;
  return absl::OkStatus();
}

absl::StatusOr<std::string> Session::user_id() {
  if (absl::Status status = Access(); !status.ok()) return status;
  return state_->user_id;
}

absl::Status Session::SetUser(absl::string_view user_id) {
  if (absl::Status status = Access(); !status.ok()) return status;
  if (state_->user_id != user_id) {
    state_->user_id = std::string(user_id);
    state_->user_changed = true;
  }
  state_->modified = true;
  return absl::OkStatus();
}

absl::Status Session::Login(absl::string_view user_id) {
  if (user_id.empty()) return absl::InvalidArgumentError("Login needs a non-empty user id");
  if (absl::Status status = Access(); !status.ok()) return status;
  if (!state_->user_id.empty() && state_->user_id != user_id) Flush();
  if (absl::Status status = CycleKey(); !status.ok()) return status;
  return SetUser(user_id);
}

void Session::Logout() { Flush(); }

void Session::Flush() {
  // A key whose record was never confirmed is deleted anyway: DeleteSession is idempotent.
  if (!state_->key.empty() && (!state_->loaded || state_->record_exists)) {
    state_->keys_to_delete.push_back(state_->key);
  }
  state_->key.clear();
  state_->record.Clear();
  state_->record_exists = false;
  state_->loaded = true;
  state_->load_status = absl::OkStatus();
  state_->touched = false;
  state_->data.Clear();
  state_->user_id.clear();
  state_->user_changed = true;
  state_->cycle_pending = false;
  state_->expiry.reset();
  state_->accessed = true;
  state_->modified = true;
}

absl::Status Session::CycleKey() {
  if (absl::Status status = Access(); !status.ok()) return status;
  if (state_->record_exists) state_->cycle_pending = true;
  return absl::OkStatus();
}

absl::Status Session::SetExpiry(absl::Duration idle_timeout) {
  if (idle_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("session idle timeout must be positive");
  }
  if (absl::Status status = Access(); !status.ok()) return status;
  state_->expiry = idle_timeout;
  state_->modified = true;
  return absl::OkStatus();
}

}  // namespace usersessions::sdk
