#include "server/grpc/caller_context.h"

#include <vector>

namespace usersessions::server {

absl::StatusOr<Caller> AuthenticateCaller(const grpc::ServerContextBase& context,
                                          const Authenticator& authenticator) {
  if (!authenticator.enabled()) return Caller::Admin();
  std::vector<absl::string_view> authorization;
  const auto range = context.client_metadata().equal_range("authorization");
  for (auto it = range.first; it != range.second; ++it) {
    authorization.emplace_back(it->second.data(), it->second.size());
  }
  return authenticator.Authenticate(authorization);
}

}  // namespace usersessions::server
