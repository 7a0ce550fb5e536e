// The management RPCs: sessions named by their public id, listed per user or across users,
// revoked one by one or all at once, and expired rows cleaned up in bounded batches.
#ifndef USERSESSIONS_SERVER_SERVICE_MANAGEMENT_SERVICE_H_
#define USERSESSIONS_SERVER_SERVICE_MANAGEMENT_SERVICE_H_

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/enrichment/session_enricher.h"
#include "server/service/caller.h"
#include "server/service/page_token.h"
#include "server/storage/store.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::server {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
inline constexpr int kDefaultCleanupBatchSize = 1000;
inline constexpr int kMaxCleanupBatchSize = 10000;
inline constexpr absl::Duration kDefaultCleanupMaxDuration = absl::Seconds(10);
inline constexpr absl::Duration kMaxCleanupMaxDuration = absl::Hours(1);
inline constexpr size_t kMaxQueryBytes = 256;

// Every method validates its whole request first (bad input changes nothing). Owner-scoped
// methods answer NOT_FOUND for another user's session, so callers cannot probe ids. An empty
// user_id (all users) needs the admin role: PERMISSION_DENIED otherwise. Thread-safe; the
// pointers must outlive it.
class ManagementService {
 public:
  ManagementService(Store* store, const Clock* clock, const PageTokenCodec* page_tokens,
                    const SessionEnricher* enricher);

  absl::StatusOr<v1::ListSessionsResponse> ListSessions(const v1::ListSessionsRequest& request,
                                                        const Caller& caller);
  absl::StatusOr<v1::GetSessionResponse> GetSession(const v1::GetSessionRequest& request,
                                                    const Caller& caller);
  absl::StatusOr<v1::RevokeSessionResponse> RevokeSession(const v1::RevokeSessionRequest& request,
                                                          const Caller& caller);
  absl::StatusOr<v1::RevokeUserSessionsResponse> RevokeUserSessions(
      const v1::RevokeUserSessionsRequest& request, const Caller& caller);
  // Admin only.
  absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpiredSessions(
      const v1::DeleteExpiredSessionsRequest& request, const Caller& caller);

  // The cleanup loop: deletes expired rows in batches of `batch_size` until none are left or
  // `max_duration` has passed. Used by DeleteExpiredSessions and by sessiond's periodic cleanup.
  absl::StatusOr<v1::DeleteExpiredSessionsResponse> DeleteExpired(int batch_size,
                                                                  absl::Duration max_duration);

 private:
  Store* const store_;
  const Clock* const clock_;
  const PageTokenCodec* const page_tokens_;
  const SessionEnricher* const enricher_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_MANAGEMENT_SERVICE_H_
