#include "server/logging/logger.h"

#include <atomic>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace usersessions::server {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kJson};
absl::Mutex g_write_mu;

absl::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void SetLogFormat(LogFormat format) { g_format.store(format); }

std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view message, const LogFields& fields) {
  const std::string ts = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
  std::string line;
  if (format == LogFormat::kJson) {
    line = absl::StrCat("{\"ts\":\"", ts, "\",\"level\":\"", LevelName(level), "\",\"msg\":\"",
                        JsonEscape(message), "\"");
    for (const auto& [key, value] : fields) {
      absl::StrAppend(&line, ",\"", JsonEscape(key), "\":\"", JsonEscape(value), "\"");
    }
    line += "}";
  } else {
    line = absl::StrCat(ts, " ", LevelName(level), " ", message);
    for (const auto& [key, value] : fields) absl::StrAppend(&line, " ", key, "=", value);
  }
  line += "\n";
  return line;
}

void Log(LogLevel level, absl::string_view message, const LogFields& fields) {
  const std::string line = FormatLogLine(g_format.load(), absl::Now(), level, message, fields);
  absl::MutexLock lock(&g_write_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace usersessions::server
