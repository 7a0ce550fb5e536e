#include "server/storage/list_query_sql.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace usersessions::server::internal {

std::string BuildListSql(const ListQuery& query, absl::string_view select_without_data,
                         const std::function<std::string(absl::string_view column)>& contains) {
  std::vector<std::string> conditions;
  if (!query.all_users) conditions.push_back("user_id = ?");
  switch (query.state) {
    case StateFilter::kActive:
      conditions.push_back("expire_time > ?");
      break;
    case StateFilter::kExpired:
      conditions.push_back("expire_time <= ?");
      break;
    case StateFilter::kAll:
      break;
  }
  if (!query.search.empty()) {
    conditions.push_back(absl::StrCat("(", contains("ip_address"), " OR ", contains("user_agent"),
                                      " OR ", contains("COALESCE(user_id, '')"), ")"));
  }
  if (query.after.has_value()) {
    conditions.push_back("(last_activity_time < ? OR (last_activity_time = ? AND session_id > ?))");
  }
  std::string sql(select_without_data);
  if (!conditions.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(conditions, " AND "));
  absl::StrAppend(&sql, " ORDER BY last_activity_time DESC, session_id ASC LIMIT ?");
  return sql;
}

}  // namespace usersessions::server::internal
