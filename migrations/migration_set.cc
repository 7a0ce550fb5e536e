#include "migrations/migration_set.h"

#include <algorithm>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/encoding.h"

namespace usersessions::migrations {

absl::StatusOr<Migration> MakeMigration(absl::string_view file_name, std::string sql) {
  absl::string_view name = file_name;
  if (!absl::ConsumeSuffix(&name, ".sql") || name.size() < 6 || name[4] != '_') {
    return absl::InvalidArgumentError(
        absl::StrCat("migration file \"", file_name, "\" is not named NNNN_name.sql"));
  }
  int version = 0;
  if (!absl::SimpleAtoi(name.substr(0, 4), &version) || version <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("migration file \"", file_name, "\" does not start with a version number"));
  }
  Migration migration;
  migration.version = version;
  migration.name = std::string(name);
  migration.checksum = HexEncode(Sha256(sql));
  migration.sql = std::move(sql);
  return migration;
}

absl::StatusOr<std::vector<Migration>> PlanMigrations(
    const std::vector<Migration>& available, const std::vector<AppliedMigration>& applied) {
  std::map<int, const AppliedMigration*> applied_by_version;
  for (const AppliedMigration& row : applied) applied_by_version[row.version] = &row;

  std::vector<Migration> pending;
  for (const Migration& migration : available) {
    auto it = applied_by_version.find(migration.version);
    if (it == applied_by_version.end()) {
      pending.push_back(migration);
      continue;
    }
    if (it->second->checksum != migration.checksum) {
      return absl::FailedPreconditionError(absl::StrCat(
          "migration ", migration.name, " was edited after it was applied (recorded checksum ",
          it->second->checksum, ", file checksum ", migration.checksum,
          "); applied migrations must never change: add a new migration instead"));
    }
  }
  std::sort(pending.begin(), pending.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return pending;
}

std::vector<std::string> SplitSqlStatements(absl::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, current.empty() ? "" : "\n", line);
    if (absl::EndsWith(trimmed, ";")) {
      current.erase(current.find_last_of(';'));
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) statements.push_back(std::move(current));
  return statements;
}

}  // namespace usersessions::migrations
