// The one place where a SessionStore RPC learns who is calling.
#ifndef USERSESSIONS_SERVER_GRPC_CALLER_CONTEXT_H_
#define USERSESSIONS_SERVER_GRPC_CALLER_CONTEXT_H_

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "server/auth/authenticator.h"
#include "server/service/caller.h"

namespace usersessions::server {

// Authenticates the caller of the RPC behind `context` from its `authorization` metadata (see
// Authenticator::Authenticate for the codes). Works with every server API (sync, callback).
// Thread-safe.
absl::StatusOr<Caller> AuthenticateCaller(const grpc::ServerContextBase& context,
                                          const Authenticator& authenticator);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_CALLER_CONTEXT_H_
