#include "client/sessionctl/commands.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/sessionctl/error_message.h"
#include "client/sessionctl/session_format.h"
#include "google/protobuf/util/time_util.h"

namespace usersessions::sessionctl {
namespace {

// The largest page sessiond serves; fewer round trips for long listings.
constexpr int64_t kPageSize = 1000;

int Fail(const CommandOutput& output, absl::string_view rpc, const absl::Status& status) {
  *output.err << CallErrorMessage(rpc, status) << "\n";
  return kExitCallFailed;
}

std::string Plural(int64_t count, absl::string_view noun) {
  return absl::StrCat(count, " ", noun, count == 1 ? "" : "s");
}

}  // namespace

int RunList(client::SessionStoreClient& client, const ListArgs& args, const CommandOutput& output) {
  v1::ListSessionsRequest request;
  request.set_user_id(args.user);
  request.set_state_filter(args.state);
  request.set_query(args.search);
  request.set_page_size(
      static_cast<int32_t>(args.limit > 0 ? std::min(args.limit, kPageSize) : kPageSize));
  std::vector<v1::Session> sessions;
  for (auto& session : client.ListAllSessions(std::move(request))) {
    if (!session.ok()) return Fail(output, "ListSessions", session.status());
    sessions.push_back(*std::move(session));
    if (args.limit > 0 && static_cast<int64_t>(sessions.size()) >= args.limit) break;
  }
  if (args.json) {
    absl::StatusOr<std::string> json = SessionsJsonArray(sessions);
    if (!json.ok()) return Fail(output, "ListSessions", json.status());
    *output.out << *json << "\n";
  } else {
    SessionTable(sessions, output.clock->Now()).Print(*output.out);
  }
  return kExitOk;
}

int RunShow(client::SessionStoreClient& client, const ShowArgs& args, const CommandOutput& output) {
  v1::GetSessionRequest request;
  request.set_user_id(args.user);
  request.set_session_id(args.session_id);
  absl::StatusOr<v1::GetSessionResponse> response = client.GetSession(request);
  if (!response.ok()) return Fail(output, "GetSession", response.status());
  if (args.json) {
    absl::StatusOr<std::string> json = SessionJson(response->session());
    if (!json.ok()) return Fail(output, "GetSession", json.status());
    *output.out << *json << "\n";
  } else {
    *output.out << SessionDetails(response->session(), output.clock->Now());
  }
  return kExitOk;
}

int RunRevoke(client::SessionStoreClient& client, const RevokeArgs& args,
              const CommandOutput& output) {
  v1::RevokeSessionRequest request;
  request.set_user_id(args.user);
  request.set_session_id(args.session_id);
  absl::StatusOr<v1::RevokeSessionResponse> response = client.RevokeSession(request);
  if (!response.ok()) return Fail(output, "RevokeSession", response.status());
  *output.out << "revoked session " << args.session_id << "\n";
  return kExitOk;
}

int RunRevokeAll(client::SessionStoreClient& client, const RevokeAllArgs& args,
                 const CommandOutput& output) {
  v1::RevokeUserSessionsRequest request;
  request.set_user_id(args.user);
  request.set_keep_session_id(args.keep_session_id);
  absl::StatusOr<v1::RevokeUserSessionsResponse> response = client.RevokeUserSessions(request);
  if (!response.ok()) return Fail(output, "RevokeUserSessions", response.status());
  *output.out << "revoked " << Plural(response->revoked_count(), "session") << " of user "
              << args.user << "\n";
  return kExitOk;
}

int RunClearExpired(client::SessionStoreClient& client, const ClearExpiredArgs& args,
                    const CommandOutput& output) {
  v1::DeleteExpiredSessionsRequest request;
  request.set_batch_size(static_cast<int32_t>(args.batch_size));
  *request.mutable_max_duration() = google::protobuf::util::TimeUtil::MicrosecondsToDuration(
      absl::ToInt64Microseconds(args.max_duration_per_call));
  int64_t total = 0;
  while (true) {
    absl::StatusOr<v1::DeleteExpiredSessionsResponse> response =
        client.DeleteExpiredSessions(request);
    if (!response.ok()) {
      if (total > 0) *output.out << "deleted " << total << " before the failure\n";
      return Fail(output, "DeleteExpiredSessions", response.status());
    }
    total += response->deleted_count();
    if (!response->more_remaining()) break;
    if (response->deleted_count() == 0) {
      return Fail(output, "DeleteExpiredSessions",
                  absl::DeadlineExceededError(
                      "expired sessions remain but none could be deleted within the time "
                      "budget; try a smaller --batch or a longer --timeout"));
    }
    *output.out << "deleted " << response->deleted_count() << " (total " << total << ")...\n";
    output.out->flush();
  }
  *output.out << "deleted " << Plural(total, "expired session") << "\n";
  return kExitOk;
}

}  // namespace usersessions::sessionctl
