# Writes a C++ source that holds every migration file of one backend. Run at build time by
# migrations/CMakeLists.txt with -DBACKEND=... -DSOURCE_DIR=... -DOUTPUT=...
file(GLOB files RELATIVE "${SOURCE_DIR}/${BACKEND}" "${SOURCE_DIR}/${BACKEND}/*.sql")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  file(READ "${SOURCE_DIR}/${BACKEND}/${file}" contents HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${contents}")
  string(APPEND entries "    {\"${file}\", std::string({${bytes}})},\n")
endforeach()
string(REPLACE "mysql" "Mysql" fn "${BACKEND}")
string(REPLACE "sqlite" "Sqlite" fn "${fn}")
file(WRITE "${OUTPUT}.tmp" "// Generated from migrations/${BACKEND}/*.sql. Do not edit.
#include <string>
#include <utility>
#include <vector>

#include \"migrations/migration_set.h\"

namespace usersessions::migrations {
namespace {
std::vector<Migration> Load() {
  const std::vector<std::pair<const char*, std::string>> files = {
${entries}  };
  std::vector<Migration> result;
  for (const auto& [name, sql] : files) result.push_back(*MakeMigration(name, sql));
  return result;
}
}  // namespace

const std::vector<Migration>& ${fn}Migrations() {
  static const auto* const migrations = new std::vector<Migration>(Load());
  return *migrations;
}
}  // namespace usersessions::migrations
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
