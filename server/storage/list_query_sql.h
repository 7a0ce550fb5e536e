// The listing query (ListSessions), built once for every SQL backend.
#ifndef USERSESSIONS_SERVER_STORAGE_LIST_QUERY_SQL_H_
#define USERSESSIONS_SERVER_STORAGE_LIST_QUERY_SQL_H_

#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "server/storage/store.h"

namespace usersessions::server::internal {

// Returns `select_without_data` followed by the WHERE clause for `query` and the keyset order
// (last_activity_time DESC, session_id ASC) with a LIMIT. `contains(column)` returns the
// backend's case-sensitive substring test of `column` against one bound parameter.
//
// Parameters to bind, in order, each only when it applies: user_id (unless all_users); now
// (unless StateFilter::kAll); search three times (when non-empty); cursor time, cursor time,
// cursor session_id (when `after` is set); limit.
std::string BuildListSql(const ListQuery& query, absl::string_view select_without_data,
                         const std::function<std::string(absl::string_view column)>& contains);

}  // namespace usersessions::server::internal

#endif  // USERSESSIONS_SERVER_STORAGE_LIST_QUERY_SQL_H_
