#include "server/service/session_service.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "server/service/data_json.h"
#include "server/service/session_conversion.h"

namespace usersessions::server {
namespace {

// An unconditional save re-reads and retries when a concurrent write wins the race; after this
// many rounds of contention it reports the conflict instead of spinning.
constexpr int kMaxUnconditionalSaveAttempts = 8;
// Generated keys and ids collide with probability ~2^-128; one retry covers a broken generator
// only in tests.
constexpr int kMaxCreateAttempts = 3;

// The validated client of a request.
struct Client {
  std::string ip_address;
  std::string user_agent;
};

absl::StatusOr<Client> ValidateClient(const v1::ClientInfo& info) {
  ASSIGN_OR_RETURN(std::string ip, CanonicalIpAddress(info.ip_address()));
  return Client{std::move(ip), TruncateUserAgent(info.user_agent())};
}

}  // namespace

std::string HashSessionKey(absl::string_view session_key) {
  return Base64UrlEncode(Sha256(session_key));
}

SessionService::SessionService(Store* store, const Clock* clock, SecureRandom* random,
                               SessionServiceOptions options)
    : store_(store), clock_(clock), random_(random), options_(std::move(options)) {}

absl::StatusOr<SessionService::NewKey> SessionService::GenerateKey() {
  ASSIGN_OR_RETURN(std::string bytes, random_->Bytes(32));
  NewKey key;
  key.key = Base64UrlEncode(bytes);
  key.key_hash = HashSessionKey(key.key);
  return key;
}

absl::StatusOr<std::string> SessionService::GenerateSessionId() {
  ASSIGN_OR_RETURN(std::string bytes, random_->Bytes(16));
  return Base64UrlEncode(bytes);
}

absl::Time SessionService::Now() const {
  // The store keeps microseconds; truncating here keeps responses equal to what was stored.
  return absl::FromUnixMicros(absl::ToUnixMicros(clock_->Now()));
}

absl::Time SessionService::ExpiryAt(absl::Time now, absl::Time create_time,
                                    absl::Duration idle_timeout) const {
  absl::Time expiry = now + idle_timeout;
  if (options_.absolute_timeout > absl::ZeroDuration()) {
    expiry = std::min(expiry, create_time + options_.absolute_timeout);
  }
  return expiry;
}

absl::StatusOr<v1::Session> SessionService::ToEngineSession(const SessionRecord& record,
                                                            absl::Time now) const {
  v1::Session session = RecordToSession(record, now);
  ASSIGN_OR_RETURN(*session.mutable_data(), ParseStoredData(record.data_json));
  return session;
}

absl::StatusOr<v1::CreateSessionResponse> SessionService::CreateSession(
    const v1::CreateSessionRequest& request) {
  RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  ASSIGN_OR_RETURN(Client client, ValidateClient(request.client()));
  absl::Duration idle_timeout = options_.idle_timeout;
  if (request.has_ttl() && (request.ttl().seconds() != 0 || request.ttl().nanos() != 0)) {
    ASSIGN_OR_RETURN(idle_timeout, ValidateTtl(request.ttl()));
  }
  ASSIGN_OR_RETURN(std::string data_json, SerializeData(request.data(), options_.data_limits));

  const absl::Time now = Now();
  SessionRecord record;
  record.user_id = request.user_id();
  record.data_json = std::move(data_json);
  record.ip_address = std::move(client.ip_address);
  record.user_agent = std::move(client.user_agent);
  record.idle_timeout = idle_timeout;
  record.create_time = now;
  record.last_activity_time = now;
  record.expire_time = ExpiryAt(now, now, idle_timeout);
  record.version = 1;

  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(NewKey key, GenerateKey());
    ASSIGN_OR_RETURN(record.session_id, GenerateSessionId());
    record.key_hash = key.key_hash;
    absl::Status inserted = store_->Insert(record);
    if (absl::IsAlreadyExists(inserted) && attempt < kMaxCreateAttempts) continue;
    if (absl::IsAlreadyExists(inserted)) {
      return absl::InternalError("could not generate a unique session key");
    }
    RETURN_IF_ERROR(inserted);
    v1::CreateSessionResponse response;
    response.set_session_key(key.key);
    ASSIGN_OR_RETURN(*response.mutable_session(), ToEngineSession(record, now));
    return response;
  }
}

absl::StatusOr<SessionService::LoadPlan> SessionService::PlanLoad(
    const v1::LoadSessionRequest& request) const {
  RETURN_IF_ERROR(ValidateSessionKey(request.session_key()));
  LoadPlan plan;
  if (request.has_client()) {
    ASSIGN_OR_RETURN(Client client, ValidateClient(request.client()));
    plan.has_client = true;
    plan.ip_address = std::move(client.ip_address);
    plan.user_agent = std::move(client.user_agent);
  }
  plan.now = Now();
  plan.key_hash = HashSessionKey(request.session_key());
  return plan;
}

bool SessionService::NeedsTouch(const LoadPlan& plan, const SessionRecord& record) const {
  return plan.has_client &&
         (plan.ip_address != record.ip_address || plan.user_agent != record.user_agent ||
          plan.now - record.last_activity_time >= options_.activity_resolution);
}

absl::StatusOr<v1::LoadSessionResponse> SessionService::FinishLoad(const LoadPlan& plan,
                                                                   SessionRecord record) const {
  if (NeedsTouch(plan, record)) {
    ActivityUpdate update;
    update.key_hash = plan.key_hash;
    update.ip_address = plan.ip_address;
    update.user_agent = plan.user_agent;
    update.last_activity_time = plan.now;
    update.expire_time = ExpiryAt(plan.now, record.create_time, record.idle_timeout);
    RETURN_IF_ERROR(store_->RecordActivity(update, plan.now));
    record.ip_address = std::move(update.ip_address);
    record.user_agent = std::move(update.user_agent);
    record.last_activity_time = update.last_activity_time;
    record.expire_time = update.expire_time;
  }
  v1::LoadSessionResponse response;
  ASSIGN_OR_RETURN(*response.mutable_session(), ToEngineSession(record, plan.now));
  return response;
}

absl::StatusOr<v1::LoadSessionResponse> SessionService::LoadSession(
    const v1::LoadSessionRequest& request) {
  ASSIGN_OR_RETURN(LoadPlan plan, PlanLoad(request));
  ASSIGN_OR_RETURN(SessionRecord record, store_->FindLive(plan.key_hash, plan.now));
  return FinishLoad(plan, std::move(record));
}

void SessionService::LoadSessionAsync(const v1::LoadSessionRequest& request, Executor& blocking,
                                      LoadSessionCallback done) {
  absl::StatusOr<LoadPlan> plan = PlanLoad(request);
  if (!plan.ok()) {
    std::move(done)(plan.status());
    return;
  }
  std::string key_hash = plan->key_hash;
  const absl::Time now = plan->now;
  store_->FindLiveAsync(
      std::move(key_hash), now,
      [this, &blocking, plan = *std::move(plan),
       done = std::move(done)](absl::StatusOr<SessionRecord> record) mutable {
        if (!record.ok()) {
          std::move(done)(record.status());
          return;
        }
        if (!NeedsTouch(plan, *record)) {
          std::move(done)(FinishLoad(plan, *std::move(record)));  // Writes nothing.
          return;
        }
        blocking.Submit([this, plan = std::move(plan), record = *std::move(record),
                         done = std::move(done)]() mutable {
          std::move(done)(FinishLoad(plan, std::move(record)));
        });
      });
}

absl::StatusOr<v1::SaveSessionResponse> SessionService::SaveSession(
    const v1::SaveSessionRequest& request) {
  RETURN_IF_ERROR(ValidateSessionKey(request.session_key()));
  if (request.has_user_id()) RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  std::optional<Client> client;
  if (request.has_client()) {
    ASSIGN_OR_RETURN(client, ValidateClient(request.client()));
  }
  std::optional<absl::Duration> ttl;
  if (request.has_ttl()) {
    ASSIGN_OR_RETURN(ttl, ValidateTtl(request.ttl()));
  }
  if (request.expected_version() < 0) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                "expected_version must not be negative");
  }
  ASSIGN_OR_RETURN(std::string data_json, SerializeData(request.data(), options_.data_limits));

  const std::string key_hash = HashSessionKey(request.session_key());
  for (int attempt = 1;; ++attempt) {
    const absl::Time now = Now();
    ASSIGN_OR_RETURN(SessionRecord record, store_->FindLive(key_hash, now));
    if (request.expected_version() != 0 && record.version != request.expected_version()) {
      return MakeError(absl::StatusCode::kAborted, v1::ERROR_REASON_VERSION_CONFLICT,
                       absl::StrCat("the session is at version ", record.version,
                                    ", not the expected ", request.expected_version()));
    }
    DataUpdate update;
    update.key_hash = key_hash;
    update.expected_version = record.version;
    update.data_json = data_json;
    update.user_id = request.has_user_id() ? request.user_id() : record.user_id;
    update.ip_address = client.has_value() ? client->ip_address : record.ip_address;
    update.user_agent = client.has_value() ? client->user_agent : record.user_agent;
    update.idle_timeout = ttl.value_or(record.idle_timeout);
    update.last_activity_time = now;
    update.expire_time = ExpiryAt(now, record.create_time, update.idle_timeout);

    absl::Status written = store_->UpdateIfVersion(update, now);
    if (absl::IsAborted(written) && request.expected_version() == 0 &&
        attempt < kMaxUnconditionalSaveAttempts) {
      continue;  // Lost a race with another writer; an unconditional save simply goes again.
    }
    RETURN_IF_ERROR(written);

    record.version = update.expected_version + 1;
    record.data_json = std::move(update.data_json);
    record.user_id = std::move(update.user_id);
    record.ip_address = std::move(update.ip_address);
    record.user_agent = std::move(update.user_agent);
    record.idle_timeout = update.idle_timeout;
    record.last_activity_time = update.last_activity_time;
    record.expire_time = update.expire_time;
    v1::SaveSessionResponse response;
    ASSIGN_OR_RETURN(*response.mutable_session(), ToEngineSession(record, now));
    return response;
  }
}

absl::StatusOr<v1::CycleSessionKeyResponse> SessionService::CycleSessionKey(
    const v1::CycleSessionKeyRequest& request) {
  RETURN_IF_ERROR(ValidateSessionKey(request.session_key()));
  const absl::Time now = Now();
  const std::string old_hash = HashSessionKey(request.session_key());
  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(NewKey key, GenerateKey());
    absl::Status replaced = store_->ReplaceKey(old_hash, key.key_hash, now);
    if (absl::IsAlreadyExists(replaced) && attempt < kMaxCreateAttempts) continue;
    RETURN_IF_ERROR(replaced);
    ASSIGN_OR_RETURN(SessionRecord record, store_->FindLive(key.key_hash, now));
    v1::CycleSessionKeyResponse response;
    response.set_session_key(key.key);
    ASSIGN_OR_RETURN(*response.mutable_session(), ToEngineSession(record, now));
    return response;
  }
}

absl::StatusOr<v1::DeleteSessionResponse> SessionService::DeleteSession(
    const v1::DeleteSessionRequest& request) {
  RETURN_IF_ERROR(ValidateSessionKey(request.session_key()));
  RETURN_IF_ERROR(store_->Delete(HashSessionKey(request.session_key())));
  return v1::DeleteSessionResponse();
}

}  // namespace usersessions::server
