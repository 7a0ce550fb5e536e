#include "client/sessionctl/session_format.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/humanize_time.h"
#include "google/protobuf/util/json_util.h"

namespace usersessions::sessionctl {
namespace {

absl::Time FromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

std::string UserOf(const v1::Session& session) {
  return session.user_id().empty() ? "(anonymous)" : session.user_id();
}

std::string TimeWithAge(const google::protobuf::Timestamp& timestamp, absl::Time now) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "-";
  const absl::Time time = FromProto(timestamp);
  return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", time, absl::UTCTimeZone()), " (",
                      HumanizeElapsed(now - time), ")");
}

}  // namespace

std::string StateName(v1::SessionState state) {
  switch (state) {
    case v1::SESSION_STATE_ACTIVE:
      return "active";
    case v1::SESSION_STATE_EXPIRED:
      return "expired";
    default:
      return "unknown";
  }
}

TablePrinter SessionTable(const std::vector<v1::Session>& sessions, absl::Time now) {
  TablePrinter table({"SESSION ID", "USER", "IP", "DEVICE", "LOCATION", "LAST ACTIVITY", "STATE"});
  for (const v1::Session& session : sessions) {
    table.AddRow({session.session_id(), UserOf(session), OrDash(session.ip_address()),
                  OrDash(session.device().display()), OrDash(session.location().display()),
                  HumanizeElapsed(now - FromProto(session.last_activity_time())),
                  StateName(session.state())});
  }
  return table;
}

std::string SessionDetails(const v1::Session& session, absl::Time now) {
  const std::pair<const char*, std::string> fields[] = {
      {"SESSION ID", session.session_id()},
      {"USER", UserOf(session)},
      {"IP", OrDash(session.ip_address())},
      {"USER AGENT", OrDash(session.user_agent())},
      {"DEVICE", OrDash(session.device().display())},
      {"LOCATION", OrDash(session.location().display())},
      {"CREATED", TimeWithAge(session.create_time(), now)},
      {"LAST ACTIVITY", TimeWithAge(session.last_activity_time(), now)},
      {"EXPIRES", session.has_expire_time()
                      ? absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", FromProto(session.expire_time()),
                                         absl::UTCTimeZone())
                      : "-"},
      {"IDLE TIMEOUT", absl::FormatDuration(absl::Seconds(session.idle_timeout().seconds()))},
      {"STATE", StateName(session.state())},
      {"VERSION", absl::StrCat(session.version())},
  };
  std::string out;
  for (const auto& [label, value] : fields) {
    std::string padded = absl::StrCat(label, ":");
    padded.resize(15, ' ');
    absl::StrAppend(&out, padded, SanitizeForTerminal(value), "\n");
  }
  return out;
}

absl::StatusOr<std::string> SessionJson(const v1::Session& session) {
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(session, &json);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print session as JSON: ", status.ToString()));
  }
  return json;
}

absl::StatusOr<std::string> SessionsJsonArray(const std::vector<v1::Session>& sessions) {
  if (sessions.empty()) return std::string("[]");
  std::string out = "[\n";
  for (size_t i = 0; i < sessions.size(); ++i) {
    absl::StatusOr<std::string> json = SessionJson(sessions[i]);
    if (!json.ok()) return json.status();
    absl::StrAppend(&out, "  ", *json, i + 1 < sessions.size() ? ",\n" : "\n");
  }
  out += "]";
  return out;
}

}  // namespace usersessions::sessionctl
