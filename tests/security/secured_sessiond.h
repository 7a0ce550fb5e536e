// Helpers for the security tests, which run the real sessiond with tokens and certificates and
// call it over loopback exactly as a host app or an operator would.
#ifndef USERSESSIONS_TESTS_SECURITY_SECURED_SESSIOND_H_
#define USERSESSIONS_TESTS_SECURITY_SECURED_SESSIOND_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/sessiond_process.h"
#include "tests/testing/temp_dir.h"
#include "usersessions/v1/session_store.grpc.pb.h"

namespace usersessions::testing {

// The tokens used by the security tests.
inline constexpr char kEngineToken[] = "engine-token-0123456789";
inline constexpr char kAdminToken[] = "admin-token-9876543210";

// Writes a tokens file with one `<role> sha256:<hex>` line per (role, token) pair, replacing the
// file atomically (write then rename), as a Kubernetes Secret update does.
void WriteTokensFile(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& role_tokens);

// A sessiond on a SQLite file in a folder of its own, with no cleanup loop, that accepts
// kEngineToken (engine role) and kAdminToken (admin role): what a test suite of the auth matrix or
// of hostile input shares. Stopped, and its folder removed, on destruction.
class SessiondWithTokens {
 public:
  static absl::StatusOr<std::unique_ptr<SessiondWithTokens>> Start();
  const std::string& address() const { return process_->address(); }

 private:
  SessiondWithTokens() = default;
  TempDir dir_;
  std::unique_ptr<SessiondProcess> process_;
};

// A stub on `address` with `credentials` (plaintext when null).
std::unique_ptr<v1::SessionStore::Stub> SessionStoreStub(
    const std::string& address, std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

// A client context with a 10 s deadline and, unless `token` is empty, `authorization: Bearer`.
std::unique_ptr<grpc::ClientContext> ContextWithToken(const std::string& token);

// The health of `service` on `address` (plaintext), or UNKNOWN when the call fails.
grpc::health::v1::HealthCheckResponse::ServingStatus CheckHealth(const std::string& address,
                                                                 const std::string& service = "");

// Every session in the store (admin listing across users, all states), counted through the API.
// -1 if a call fails.
int64_t CountSessions(v1::SessionStore::Stub& stub, const std::string& admin_token);

// Writes `contents` to `path`.
void WriteFile(const std::string& path, const std::string& contents);

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_SECURITY_SECURED_SESSIOND_H_
