// How sessionctl shows sessions: table rows, the detail view, and proto3 JSON.
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_SESSION_FORMAT_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_SESSION_FORMAT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/sessionctl/table_printer.h"
#include "usersessions/v1/session.pb.h"

namespace usersessions::sessionctl {

// "active", "expired", or "unknown".
std::string StateName(v1::SessionState state);

// A table with the columns SESSION ID, USER, IP, DEVICE, LOCATION, LAST ACTIVITY (relative to
// `now`, for example "5 minutes ago") and STATE. An anonymous session shows "(anonymous)"; an
// unknown IP, device or location shows "-".
TablePrinter SessionTable(const std::vector<v1::Session>& sessions, absl::Time now);

// One "LABEL:  value" line per field of `session`, times in UTC with their relative form.
std::string SessionDetails(const v1::Session& session, absl::Time now);

// The proto3 JSON of one session (lowerCamelCase names, int64 as strings).
absl::StatusOr<std::string> SessionJson(const v1::Session& session);

// One JSON array of the proto3 JSON of each session, one element per line; "[]" when empty.
absl::StatusOr<std::string> SessionsJsonArray(const std::vector<v1::Session>& sessions);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_SESSION_FORMAT_H_
