#include "tests/security/secured_sessiond.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/encoding.h"

namespace usersessions::testing {

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
}

void WriteTokensFile(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& role_tokens) {
  std::string contents = "# written by the security tests\n";
  for (const auto& [role, token] : role_tokens) {
    absl::StrAppend(&contents, role, " sha256:", HexEncode(Sha256(token)), "\n");
  }
  const std::string temporary = path + ".new";
  WriteFile(temporary, contents);
  std::rename(temporary.c_str(), path.c_str());
}

absl::StatusOr<std::unique_ptr<SessiondWithTokens>> SessiondWithTokens::Start() {
  std::unique_ptr<SessiondWithTokens> sessiond(new SessiondWithTokens());
  const std::string tokens = sessiond->dir_.File("tokens");
  WriteTokensFile(tokens, {{"engine", kEngineToken}, {"admin", kAdminToken}});
  absl::StatusOr<std::unique_ptr<SessiondProcess>> process = SessiondProcess::Start(
      {"--listen=127.0.0.1:0", "--store=sqlite:" + sessiond->dir_.File("s.db"),
       "--cleanup-interval=0", "--auth-tokens-file=" + tokens});
  if (!process.ok()) return process.status();
  sessiond->process_ = *std::move(process);
  return sessiond;
}

std::unique_ptr<v1::SessionStore::Stub> SessionStoreStub(
    const std::string& address, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  if (credentials == nullptr) credentials = grpc::InsecureChannelCredentials();
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 * 1024 * 1024);
  return v1::SessionStore::NewStub(grpc::CreateCustomChannel(address, credentials, args));
}

std::unique_ptr<grpc::ClientContext> ContextWithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  return context;
}

grpc::health::v1::HealthCheckResponse::ServingStatus CheckHealth(const std::string& address,
                                                                 const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) {
    return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  }
  return response.status();
}

int64_t CountSessions(v1::SessionStore::Stub& stub, const std::string& admin_token) {
  int64_t count = 0;
  v1::ListSessionsRequest request;
  request.set_state_filter(v1::STATE_FILTER_ALL);
  request.set_page_size(1000);
  do {
    v1::ListSessionsResponse response;
    if (!stub.ListSessions(ContextWithToken(admin_token).get(), request, &response).ok()) {
      return -1;
    }
    count += response.sessions_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return count;
}

}  // namespace usersessions::testing
