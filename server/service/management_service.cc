#include "server/service/management_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "server/service/request_validation.h"
#include "server/service/session_conversion.h"
#include "server/service/session_service.h"

namespace usersessions::server {
namespace {

constexpr size_t kMaxLanguageCodeBytes = 35;

absl::Status RequireAdminForAllUsers(absl::string_view user_id, const Caller& caller) {
  if (user_id.empty() && !caller.is_admin()) {
    return MakeError(absl::StatusCode::kPermissionDenied, v1::ERROR_REASON_PERMISSION_DENIED,
                     "an empty user_id (all users) requires the admin role");
  }
  return absl::OkStatus();
}

absl::Status ValidateLanguageCode(absl::string_view language_code) {
  if (language_code.size() > kMaxLanguageCodeBytes) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                "language_code is longer than a BCP 47 tag can be");
  }
  return absl::OkStatus();
}

absl::StatusOr<StateFilter> ToStateFilter(v1::StateFilter filter) {
  switch (filter) {
    case v1::STATE_FILTER_UNSPECIFIED:
    case v1::STATE_FILTER_ACTIVE:
      return StateFilter::kActive;
    case v1::STATE_FILTER_EXPIRED:
      return StateFilter::kExpired;
    case v1::STATE_FILTER_ALL:
      return StateFilter::kAll;
    default:
      return InvalidArgumentError(
          v1::ERROR_REASON_INVALID_ARGUMENT,
          absl::StrCat("state_filter ", static_cast<int>(filter), " is not a StateFilter value"));
  }
}

}  // namespace

ManagementService::ManagementService(Store* store, const Clock* clock,
                                     const PageTokenCodec* page_tokens,
                                     const SessionEnricher* enricher)
    : store_(store), clock_(clock), page_tokens_(page_tokens), enricher_(enricher) {}

absl::StatusOr<v1::ListSessionsResponse> ManagementService::ListSessions(
    const v1::ListSessionsRequest& request, const Caller& caller) {
  RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  RETURN_IF_ERROR(RequireAdminForAllUsers(request.user_id(), caller));
  ASSIGN_OR_RETURN(StateFilter state, ToStateFilter(request.state_filter()));
  if (request.query().size() > kMaxQueryBytes) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                absl::StrCat("query is longer than ", kMaxQueryBytes, " bytes"));
  }
  if (request.page_size() < 0) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                "page_size must not be negative");
  }
  if (!request.current_session_key().empty()) {
    RETURN_IF_ERROR(ValidateSessionKey(request.current_session_key(), "current_session_key"));
  }
  RETURN_IF_ERROR(ValidateLanguageCode(request.language_code()));
  // UNSPECIFIED and ACTIVE list the same sessions, so their tokens are interchangeable.
  const std::string fingerprint =
      ListParamsFingerprint(request.user_id(), static_cast<int>(state), request.query());

  ListQuery query;
  query.user_id = request.user_id();
  query.all_users = request.user_id().empty();
  query.state = state;
  query.search = request.query();
  if (!request.page_token().empty()) {
    ASSIGN_OR_RETURN(query.after, page_tokens_->Decode(request.page_token(), fingerprint));
  }
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  query.limit = page_size + 1;  // One more tells whether there is a next page.

  const absl::Time now = clock_->Now();
  ASSIGN_OR_RETURN(std::vector<SessionRecord> records, store_->List(query, now));
  const std::string current_hash = request.current_session_key().empty()
                                       ? std::string()
                                       : HashSessionKey(request.current_session_key());
  v1::ListSessionsResponse response;
  const size_t shown = std::min(records.size(), static_cast<size_t>(page_size));
  for (size_t i = 0; i < shown; ++i) {
    v1::Session* session = response.add_sessions();
    *session = RecordToSession(records[i], now);
    session->set_current(!current_hash.empty() && records[i].key_hash == current_hash);
    enricher_->Enrich(request.language_code(), session);
  }
  if (records.size() > shown) {
    const SessionRecord& last = records[shown - 1];
    response.set_next_page_token(
        page_tokens_->Encode({last.last_activity_time, last.session_id}, fingerprint));
  }
  return response;
}

absl::StatusOr<v1::GetSessionResponse> ManagementService::GetSession(
    const v1::GetSessionRequest& request, const Caller& caller) {
  RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  RETURN_IF_ERROR(ValidateSessionId(request.session_id()));
  RETURN_IF_ERROR(ValidateLanguageCode(request.language_code()));
  RETURN_IF_ERROR(RequireAdminForAllUsers(request.user_id(), caller));
  ASSIGN_OR_RETURN(SessionRecord record, store_->FindById(request.session_id()));
  if (!request.user_id().empty() && record.user_id != request.user_id()) {
    return SessionNotFoundError();  // The same answer as for an unknown id.
  }
  v1::GetSessionResponse response;
  *response.mutable_session() = RecordToSession(record, clock_->Now());
  enricher_->Enrich(request.language_code(), response.mutable_session());
  return response;
}

absl::StatusOr<v1::RevokeSessionResponse> ManagementService::RevokeSession(
    const v1::RevokeSessionRequest& request, const Caller& caller) {
  RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  RETURN_IF_ERROR(ValidateSessionId(request.session_id()));
  RETURN_IF_ERROR(RequireAdminForAllUsers(request.user_id(), caller));
  RETURN_IF_ERROR(store_->DeleteById(request.session_id(), request.user_id(), clock_->Now()));
  return v1::RevokeSessionResponse();
}

absl::StatusOr<v1::RevokeUserSessionsResponse> ManagementService::RevokeUserSessions(
    const v1::RevokeUserSessionsRequest& request, const Caller& caller) {
  if (request.user_id().empty()) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT, "user_id is required");
  }
  RETURN_IF_ERROR(ValidateUserId(request.user_id()));
  if (!request.keep_session_key().empty() && !request.keep_session_id().empty()) {
    return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                "set at most one of keep_session_key and keep_session_id");
  }
  std::string keep_hash;
  if (!request.keep_session_key().empty()) {
    RETURN_IF_ERROR(ValidateSessionKey(request.keep_session_key(), "keep_session_key"));
    keep_hash = HashSessionKey(request.keep_session_key());
  }
  if (!request.keep_session_id().empty()) {
    RETURN_IF_ERROR(ValidateSessionId(request.keep_session_id(), "keep_session_id"));
  }
  ASSIGN_OR_RETURN(int64_t revoked,
                   store_->DeleteUserSessions(request.user_id(), keep_hash,
                                              request.keep_session_id(), clock_->Now()));
  v1::RevokeUserSessionsResponse response;
  response.set_revoked_count(revoked);
  return response;
}

absl::StatusOr<v1::DeleteExpiredSessionsResponse> ManagementService::DeleteExpiredSessions(
    const v1::DeleteExpiredSessionsRequest& request, const Caller& caller) {
  if (!caller.is_admin()) {
    return MakeError(absl::StatusCode::kPermissionDenied, v1::ERROR_REASON_PERMISSION_DENIED,
                     "DeleteExpiredSessions requires the admin role");
  }
  if (request.batch_size() < 0 || request.batch_size() > kMaxCleanupBatchSize) {
    return InvalidArgumentError(
        v1::ERROR_REASON_INVALID_ARGUMENT,
        absl::StrCat("batch_size must be between 0 (default ", kDefaultCleanupBatchSize, ") and ",
                     kMaxCleanupBatchSize));
  }
  absl::Duration max_duration = kDefaultCleanupMaxDuration;
  if (request.has_max_duration()) {
    const auto& d = request.max_duration();
    if (d.seconds() < 0 || d.nanos() < 0) {
      return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                  "max_duration must not be negative");
    }
    const absl::Duration requested = absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
    if (requested > kMaxCleanupMaxDuration) {
      return InvalidArgumentError(v1::ERROR_REASON_INVALID_ARGUMENT,
                                  absl::StrCat("max_duration must be at most ",
                                               absl::FormatDuration(kMaxCleanupMaxDuration)));
    }
    if (requested > absl::ZeroDuration()) max_duration = requested;
  }
  return DeleteExpired(request.batch_size() == 0 ? kDefaultCleanupBatchSize : request.batch_size(),
                       max_duration);
}

absl::StatusOr<v1::DeleteExpiredSessionsResponse> ManagementService::DeleteExpired(
    int batch_size, absl::Duration max_duration) {
  const absl::Time deadline = clock_->Now() + max_duration;
  v1::DeleteExpiredSessionsResponse response;
  for (;;) {
    const absl::Time now = clock_->Now();
    if (now >= deadline) {
      response.set_more_remaining(true);
      return response;
    }
    ASSIGN_OR_RETURN(int64_t deleted, store_->DeleteExpiredBatch(now, batch_size));
    response.set_deleted_count(response.deleted_count() + deleted);
    if (deleted < batch_size) return response;  // A short batch: nothing expired is left.
  }
}

}  // namespace usersessions::server
