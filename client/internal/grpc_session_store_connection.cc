#include "client/internal/grpc_session_store_connection.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "grpcpp/alarm.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace usersessions::client {
namespace internal {
namespace {

absl::StatusOr<std::string> ReadCredentialFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read ", what, " \"", path, "\": ", std::strerror(errno)));
  }
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " \"", path, "\""));
  }
  if (contents.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " \"", path, "\" is empty"));
  }
  return contents;
}

bool IsPrintableAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// How many of this project's gRPC callbacks the current thread is running (nested: a `done`
// callback may start another call that completes inline).
thread_local int callback_depth = 0;

class CallbackScope {
 public:
  CallbackScope() { ++callback_depth; }
  ~CallbackScope() { --callback_depth; }
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;
};

// One asynchronous call through its attempts. Owns everything gRPC reads and writes until the
// final callback: each attempt's ClientContext, the request and the response. Kept alive by the
// completion callbacks and the backoff alarm, which hold a shared_ptr to it.
template <typename Request, typename Response, typename AsyncRpc>
class AsyncCall : public std::enable_shared_from_this<AsyncCall<Request, Response, AsyncRpc>> {
 public:
  AsyncCall(std::shared_ptr<v1::SessionStore::StubInterface> stub,
            std::shared_ptr<const CallSettings> settings, Idempotency idempotency, Request request,
            AsyncRpc rpc, Callback<Response> done)
      : stub_(std::move(stub)),
        settings_(std::move(settings)),
        idempotency_(idempotency),
        request_(std::move(request)),
        rpc_(std::move(rpc)),
        done_(std::move(done)) {}

  void StartAttempt() {
    context_ = std::make_unique<grpc::ClientContext>();
    settings_->PrepareContext(context_.get());
    response_.Clear();
    auto self = this->shared_from_this();
    // The callback drops its reference before its scope ends, so that a last release of the
    // stub happens inside the scope (see ShareStub).
    rpc_(stub_->async(), context_.get(), &request_, &response_,
         [self](grpc::Status status) mutable {
           CallbackScope scope;
           auto call = std::move(self);
           call->OnAttemptDone(std::move(status));
         });
  }

 private:
  void OnAttemptDone(grpc::Status status) {
    if (status.ok()) {
      done_(std::move(response_));
      return;
    }
    if (!settings_->ShouldRetry(idempotency_, status.error_code(), attempt_)) {
      done_(FromGrpcStatus(status));
      return;
    }
    last_status_ = std::move(status);
    const absl::Duration delay = settings_->BackoffDelay(attempt_);
    ++attempt_;
    // A fired alarm keeps its function until the alarm is destroyed, and the alarm belongs to
    // this call: the function therefore gives up its reference when it runs, to avoid a cycle.
    // Alarms are kept, never replaced: the next attempt may end (on another thread) before Set()
    // has returned on this one.
    alarms_.push_back(std::make_unique<grpc::Alarm>());
    grpc::Alarm* alarm = alarms_.back().get();
    alarm->Set(absl::ToChronoTime(absl::Now() + delay),
               [self = this->shared_from_this()](bool fired) mutable {
                 CallbackScope scope;
                 auto call = std::move(self);
                 if (fired) {
                   call->StartAttempt();
                 } else {
                   call->done_(FromGrpcStatus(call->last_status_));
                 }
               });
  }

  // Declared first, so destroyed last: each ClientContext also holds the channel, and must not
  // be the one to let go of it last.
  std::shared_ptr<v1::SessionStore::StubInterface> stub_;
  std::shared_ptr<const CallSettings> settings_;
  Idempotency idempotency_;
  Request request_;
  AsyncRpc rpc_;
  Callback<Response> done_;
  // Touched by one callback at a time: each attempt starts after the previous one ended.
  int attempt_ = 0;
  std::unique_ptr<grpc::ClientContext> context_;
  Response response_;
  grpc::Status last_status_;
  std::vector<std::unique_ptr<grpc::Alarm>> alarms_;  // one per retry
};

template <typename Response, typename Request, typename AsyncRpc>
void StartAsyncCall(std::shared_ptr<v1::SessionStore::StubInterface> stub,
                    std::shared_ptr<const CallSettings> settings, Idempotency idempotency,
                    const Request& request, AsyncRpc rpc, Callback<Response> done) {
  auto call = std::make_shared<AsyncCall<Request, Response, AsyncRpc>>(
      std::move(stub), std::move(settings), idempotency, request, std::move(rpc), std::move(done));
  call->StartAttempt();
}

using Stub = v1::SessionStore::StubInterface;
using AsyncStub = v1::SessionStore::StubInterface::async_interface;
using GrpcCallback = std::function<void(grpc::Status)>;

}  // namespace

std::shared_ptr<v1::SessionStore::StubInterface> ShareStub(
    std::unique_ptr<v1::SessionStore::StubInterface> stub) {
  return std::shared_ptr<v1::SessionStore::StubInterface>(
      stub.release(), [](v1::SessionStore::StubInterface* released) {
        if (callback_depth == 0) {
          delete released;
        } else {
          std::thread([released] { delete released; }).detach();
        }
      });
}

absl::Status ValidateClientOptions(const ClientOptions& options) {
  if (options.server.empty()) return absl::InvalidArgumentError("server address is empty");
  if (options.call_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("call_timeout must be positive");
  }
  if (options.max_retries < 0)
    return absl::InvalidArgumentError("max_retries must not be negative");
  if (options.initial_backoff < absl::ZeroDuration() ||
      options.max_backoff < options.initial_backoff) {
    return absl::InvalidArgumentError(
        "initial_backoff must not be negative and max_backoff not below it");
  }
  if (!IsPrintableAscii(options.token)) {
    return absl::InvalidArgumentError("token must be printable ASCII");
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "a TLS client certificate and its key must be given together");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> CreateSessionStoreChannel(
    const ClientOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.tls_ca_file.empty() && options.tls_cert_file.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    if (!options.tls_ca_file.empty()) {
      auto ca = ReadCredentialFile(options.tls_ca_file, "TLS CA file");
      if (!ca.ok()) return ca.status();
      ssl.pem_root_certs = *std::move(ca);
    }
    if (!options.tls_cert_file.empty()) {
      auto cert = ReadCredentialFile(options.tls_cert_file, "TLS certificate file");
      if (!cert.ok()) return cert.status();
      auto key = ReadCredentialFile(options.tls_key_file, "TLS key file");
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *std::move(cert);
      ssl.pem_private_key = *std::move(key);
    }
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments args;
  for (const auto& [name, value] : options.channel_int_args) args.SetInt(name, value);
  return grpc::CreateCustomChannel(options.server, credentials, args);
}

absl::Duration Backoff::Delay(int retry) {
  absl::Duration delay = initial_;
  for (int i = 0; i < retry && delay < maximum_; ++i) delay *= 2;
  delay = std::min(delay, maximum_);
  if (delay <= absl::ZeroDuration()) return absl::ZeroDuration();
  const int64_t high = absl::ToInt64Microseconds(delay);
  absl::MutexLock lock(&mu_);
  return absl::Microseconds(absl::Uniform<int64_t>(absl::IntervalClosed, bitgen_, high / 2, high));
}

CallSettings::CallSettings(const ClientOptions& options)
    : call_timeout_(options.call_timeout),
      max_retries_(options.max_retries),
      authorization_(options.token.empty() ? "" : absl::StrCat("Bearer ", options.token)),
      backoff_(std::make_shared<Backoff>(options.initial_backoff, options.max_backoff)) {}

void CallSettings::PrepareContext(grpc::ClientContext* context) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + call_timeout_));
  if (!authorization_.empty()) context->AddMetadata("authorization", authorization_);
}

bool CallSettings::ShouldRetry(Idempotency idempotency, grpc::StatusCode code, int attempt) const {
  return idempotency == Idempotency::kIdempotent && code == grpc::StatusCode::UNAVAILABLE &&
         attempt < max_retries_;
}

GrpcSessionStoreConnection::GrpcSessionStoreConnection(
    std::shared_ptr<v1::SessionStore::StubInterface> stub, const ClientOptions& options)
    : stub_(std::move(stub)), settings_(std::make_shared<CallSettings>(options)) {}

template <typename Response, typename Request, typename Rpc>
absl::StatusOr<Response> GrpcSessionStoreConnection::Call(Idempotency idempotency,
                                                          const Request& request, Rpc rpc) {
  for (int attempt = 0;; ++attempt) {
    grpc::ClientContext context;
    settings_->PrepareContext(&context);
    Response response;
    const grpc::Status status = rpc(*stub_, &context, request, &response);
    if (status.ok()) return response;
    if (!settings_->ShouldRetry(idempotency, status.error_code(), attempt)) {
      return FromGrpcStatus(status);
    }
    absl::SleepFor(settings_->BackoffDelay(attempt));
  }
}

// The stub's methods are overloaded, so each call names its method in a small lambda.
#define USERSESSIONS_SYNC_RPC(Method)                                              \
  [](Stub& stub, grpc::ClientContext* context, const v1::Method##Request& request, \
     v1::Method##Response* response) { return stub.Method(context, request, response); }
#define USERSESSIONS_ASYNC_RPC(Method)                                                  \
  [](AsyncStub* stub, grpc::ClientContext* context, const v1::Method##Request* request, \
     v1::Method##Response* response,                                                    \
     GrpcCallback on_done) { stub->Method(context, request, response, std::move(on_done)); }

absl::StatusOr<v1::CreateSessionResponse> GrpcSessionStoreConnection::CreateSession(
    const v1::CreateSessionRequest& request) {
  return Call<v1::CreateSessionResponse>(Idempotency::kNonIdempotent, request,
                                         USERSESSIONS_SYNC_RPC(CreateSession));
}

absl::StatusOr<v1::LoadSessionResponse> GrpcSessionStoreConnection::LoadSession(
    const v1::LoadSessionRequest& request) {
  return Call<v1::LoadSessionResponse>(Idempotency::kIdempotent, request,
                                       USERSESSIONS_SYNC_RPC(LoadSession));
}

absl::StatusOr<v1::SaveSessionResponse> GrpcSessionStoreConnection::SaveSession(
    const v1::SaveSessionRequest& request) {
  return Call<v1::SaveSessionResponse>(Idempotency::kNonIdempotent, request,
                                       USERSESSIONS_SYNC_RPC(SaveSession));
}

absl::StatusOr<v1::CycleSessionKeyResponse> GrpcSessionStoreConnection::CycleSessionKey(
    const v1::CycleSessionKeyRequest& request) {
  return Call<v1::CycleSessionKeyResponse>(Idempotency::kNonIdempotent, request,
                                           USERSESSIONS_SYNC_RPC(CycleSessionKey));
}

absl::StatusOr<v1::DeleteSessionResponse> GrpcSessionStoreConnection::DeleteSession(
    const v1::DeleteSessionRequest& request) {
  return Call<v1::DeleteSessionResponse>(Idempotency::kIdempotent, request,
                                         USERSESSIONS_SYNC_RPC(DeleteSession));
}

absl::StatusOr<v1::ListSessionsResponse> GrpcSessionStoreConnection::ListSessions(
    const v1::ListSessionsRequest& request) {
  return Call<v1::ListSessionsResponse>(Idempotency::kIdempotent, request,
                                        USERSESSIONS_SYNC_RPC(ListSessions));
}

absl::StatusOr<v1::GetSessionResponse> GrpcSessionStoreConnection::GetSession(
    const v1::GetSessionRequest& request) {
  return Call<v1::GetSessionResponse>(Idempotency::kIdempotent, request,
                                      USERSESSIONS_SYNC_RPC(GetSession));
}

absl::StatusOr<v1::RevokeSessionResponse> GrpcSessionStoreConnection::RevokeSession(
    const v1::RevokeSessionRequest& request) {
  return Call<v1::RevokeSessionResponse>(Idempotency::kIdempotent, request,
                                         USERSESSIONS_SYNC_RPC(RevokeSession));
}

absl::StatusOr<v1::RevokeUserSessionsResponse> GrpcSessionStoreConnection::RevokeUserSessions(
    const v1::RevokeUserSessionsRequest& request) {
  return Call<v1::RevokeUserSessionsResponse>(Idempotency::kIdempotent, request,
                                              USERSESSIONS_SYNC_RPC(RevokeUserSessions));
}

absl::StatusOr<v1::DeleteExpiredSessionsResponse> GrpcSessionStoreConnection::DeleteExpiredSessions(
    const v1::DeleteExpiredSessionsRequest& request) {
  return Call<v1::DeleteExpiredSessionsResponse>(Idempotency::kIdempotent, request,
                                                 USERSESSIONS_SYNC_RPC(DeleteExpiredSessions));
}

void GrpcSessionStoreConnection::AsyncCreateSession(const v1::CreateSessionRequest& request,
                                                    Callback<v1::CreateSessionResponse> done) {
  StartAsyncCall<v1::CreateSessionResponse>(stub_, settings_, Idempotency::kNonIdempotent, request,
                                            USERSESSIONS_ASYNC_RPC(CreateSession), std::move(done));
}

void GrpcSessionStoreConnection::AsyncLoadSession(const v1::LoadSessionRequest& request,
                                                  Callback<v1::LoadSessionResponse> done) {
  StartAsyncCall<v1::LoadSessionResponse>(stub_, settings_, Idempotency::kIdempotent, request,
                                          USERSESSIONS_ASYNC_RPC(LoadSession), std::move(done));
}

void GrpcSessionStoreConnection::AsyncSaveSession(const v1::SaveSessionRequest& request,
                                                  Callback<v1::SaveSessionResponse> done) {
  StartAsyncCall<v1::SaveSessionResponse>(stub_, settings_, Idempotency::kNonIdempotent, request,
                                          USERSESSIONS_ASYNC_RPC(SaveSession), std::move(done));
}

void GrpcSessionStoreConnection::AsyncCycleSessionKey(const v1::CycleSessionKeyRequest& request,
                                                      Callback<v1::CycleSessionKeyResponse> done) {
  StartAsyncCall<v1::CycleSessionKeyResponse>(stub_, settings_, Idempotency::kNonIdempotent,
                                              request, USERSESSIONS_ASYNC_RPC(CycleSessionKey),
                                              std::move(done));
}

void GrpcSessionStoreConnection::AsyncDeleteSession(const v1::DeleteSessionRequest& request,
                                                    Callback<v1::DeleteSessionResponse> done) {
  StartAsyncCall<v1::DeleteSessionResponse>(stub_, settings_, Idempotency::kIdempotent, request,
                                            USERSESSIONS_ASYNC_RPC(DeleteSession), std::move(done));
}

#undef USERSESSIONS_SYNC_RPC
#undef USERSESSIONS_ASYNC_RPC

}  // namespace internal

absl::StatusOr<std::shared_ptr<SessionStoreConnection>> MakeSessionStoreConnection(
    const ClientOptions& options) {
  if (absl::Status valid = internal::ValidateClientOptions(options); !valid.ok()) return valid;
  auto channel = internal::CreateSessionStoreChannel(options);
  if (!channel.ok()) return channel.status();
  // The stub holds the only long-lived reference to the channel (see ShareStub).
  auto stub = internal::ShareStub(v1::SessionStore::NewStub(*std::move(channel)));
  return std::shared_ptr<SessionStoreConnection>(
      std::make_shared<internal::GrpcSessionStoreConnection>(std::move(stub), options));
}

}  // namespace usersessions::client
