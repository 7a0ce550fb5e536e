// Structured logs: one line per event on stderr, JSON ({"ts":...,"level":...,"msg":...,fields})
// or text. Callers must never pass keys, tokens or session data as fields.
#ifndef USERSESSIONS_SERVER_LOGGING_LOGGER_H_
#define USERSESSIONS_SERVER_LOGGING_LOGGER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace usersessions::server {

enum class LogFormat { kJson, kText };
enum class LogLevel { kInfo, kWarning, kError };

using LogFields = std::vector<std::pair<std::string, std::string>>;

// Sets the process-wide format; call once at start, before other threads log.
void SetLogFormat(LogFormat format);

// Writes one event. Thread-safe; lines from concurrent callers never interleave.
void Log(LogLevel level, absl::string_view message, const LogFields& fields = {});

inline void LogInfo(absl::string_view message, const LogFields& fields = {}) {
  Log(LogLevel::kInfo, message, fields);
}
inline void LogWarning(absl::string_view message, const LogFields& fields = {}) {
  Log(LogLevel::kWarning, message, fields);
}
inline void LogError(absl::string_view message, const LogFields& fields = {}) {
  Log(LogLevel::kError, message, fields);
}

// Renders one event without writing it (exposed for tests).
std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view message, const LogFields& fields);

// JSON string escaping (RFC 8259), exposed for other JSON writers in the server.
std::string JsonEscape(absl::string_view text);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_LOGGING_LOGGER_H_
