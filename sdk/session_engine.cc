#include "sdk/session_engine.h"

#include <utility>

#include "sdk/client_ip.h"
#include "sdk/cookie.h"
#include "sdk/internal/engine_context.h"
#include "sdk/internal/response_phase.h"
#include "sdk/internal/session_state.h"
#include "sdk/utf8.h"

namespace usersessions::sdk {
namespace {

using internal::PendingCall;
using internal::ResponsePhase;

// Drives a ResponsePhase with the callback API. Owns the session while calls are in flight;
// keeps itself alive through the callbacks it registers.
class AsyncFinish final : public std::enable_shared_from_this<AsyncFinish> {
 public:
  using Done = std::function<void(std::unique_ptr<Session>, absl::StatusOr<ResponseHeaders>)>;

  AsyncFinish(std::shared_ptr<const internal::EngineContext> context,
              std::unique_ptr<Session> session, internal::SessionState& state, int http_status,
              Done done)
      : context_(std::move(context)),
        session_(std::move(session)),
        phase_(*context_, state, http_status),
        done_(std::move(done)) {}

  void Step() {
    PendingCall call = phase_.Next();
    client::SessionStoreConnection& connection = *context_->connection;
    auto self = shared_from_this();
    switch (call.kind) {
      case PendingCall::Kind::kNone: {
        absl::StatusOr<ResponseHeaders> result = phase_.Result();
        Done done = std::move(done_);
        done(std::move(session_), std::move(result));
        return;
      }
      case PendingCall::Kind::kLoad:
        connection.AsyncLoadSession(call.load, [self](auto result) {
          self->phase_.OnLoad(std::move(result));
          self->Step();
        });
        return;
      case PendingCall::Kind::kCreate:
        connection.AsyncCreateSession(call.create, [self](auto result) {
          self->phase_.OnCreate(std::move(result));
          self->Step();
        });
        return;
      case PendingCall::Kind::kSave:
        connection.AsyncSaveSession(call.save, [self](auto result) {
          self->phase_.OnSave(std::move(result));
          self->Step();
        });
        return;
      case PendingCall::Kind::kCycle:
        connection.AsyncCycleSessionKey(call.cycle, [self](auto result) {
          self->phase_.OnCycle(std::move(result));
          self->Step();
        });
        return;
      case PendingCall::Kind::kDelete:
        connection.AsyncDeleteSession(call.remove, [self](auto result) {
          self->phase_.OnDelete(std::move(result));
          self->Step();
        });
        return;
    }
  }

 private:
  std::shared_ptr<const internal::EngineContext> context_;
  std::unique_ptr<Session> session_;
  ResponsePhase phase_;
  Done done_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SessionEngine>> SessionEngine::Create(
    std::shared_ptr<client::SessionStoreConnection> connection, SessionEngineOptions options) {
  if (connection == nullptr) {
    return absl::InvalidArgumentError("session engine needs a connection");
  }
  if (absl::Status status = ValidateCookieOptions(options.cookie); !status.ok()) return status;
  if (options.idle_timeout < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("session idle timeout must not be negative");
  }
  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies.ok()) return proxies.status();

  auto context = std::make_shared<internal::EngineContext>();
  context->connection = std::move(connection);
  context->trusted_proxies = *std::move(proxies);
  context->clock = options.clock != nullptr ? options.clock : std::make_shared<SystemClock>();
  context->options = std::move(options);
  return std::unique_ptr<SessionEngine>(new SessionEngine(std::move(context)));
}

SessionEngine::SessionEngine(std::shared_ptr<const internal::EngineContext> context)
    : context_(std::move(context)) {}

const SessionEngineOptions& SessionEngine::options() const { return context_->options; }

std::unique_ptr<Session> SessionEngine::Begin(const RequestContext& request) const {
  auto state = std::make_unique<internal::SessionState>();
  state->client.set_ip_address(ResolveClientIp(request.remote_addr, request.x_forwarded_for,
                                               request.forwarded, context_->trusted_proxies,
                                               context_->options.proxy_header));
  state->client.set_user_agent(SanitizeUtf8(request.user_agent));
  SessionCookie cookie = FindSessionCookie(request.cookie_header, context_->options.cookie.name);
  state->cookie_sent = cookie.present;
  state->key = std::move(cookie.key);
  state->loaded = state->key.empty();  // Without a key there is nothing to load: a fresh session.
  return std::unique_ptr<Session>(new Session(context_, std::move(state)));
}

absl::StatusOr<ResponseHeaders> SessionEngine::Finish(Session& session, int http_status) const {
  internal::SessionState& state = *session.state_;
  if (state.finished) return absl::FailedPreconditionError("session already finished");
  state.finished = true;
  client::SessionStoreConnection& connection = *session.context_->connection;
  ResponsePhase phase(*session.context_, state, http_status);
  for (;;) {
    PendingCall call = phase.Next();
    switch (call.kind) {
      case PendingCall::Kind::kNone:
        return phase.Result();
      case PendingCall::Kind::kLoad:
        phase.OnLoad(connection.LoadSession(call.load));
        break;
      case PendingCall::Kind::kCreate:
        phase.OnCreate(connection.CreateSession(call.create));
        break;
      case PendingCall::Kind::kSave:
        phase.OnSave(connection.SaveSession(call.save));
        break;
      case PendingCall::Kind::kCycle:
        phase.OnCycle(connection.CycleSessionKey(call.cycle));
        break;
      case PendingCall::Kind::kDelete:
        phase.OnDelete(connection.DeleteSession(call.remove));
        break;
    }
  }
}

void SessionEngine::BeginAsync(
    const RequestContext& request,
    std::function<void(absl::StatusOr<std::unique_ptr<Session>>)> done) const {
  std::unique_ptr<Session> session = Begin(request);
  if (session->state_->loaded) {
    done(std::move(session));
    return;
  }
  const v1::LoadSessionRequest load = internal::MakeLoadRequest(*session->state_);
  // std::function needs a copyable callable, so the session travels in a shared holder.
  auto holder = std::make_shared<std::unique_ptr<Session>>(std::move(session));
  context_->connection->AsyncLoadSession(
      load, [holder, done = std::move(done)](absl::StatusOr<v1::LoadSessionResponse> result) {
        internal::SessionState& state = *(*holder)->state_;
        internal::ApplyLoadResult(state, std::move(result));
        if (!state.load_status.ok()) {
          done(state.load_status);
          return;
        }
        done(std::move(*holder));
      });
}

void SessionEngine::FinishAsync(
    std::unique_ptr<Session> session, int http_status,
    std::function<void(std::unique_ptr<Session>, absl::StatusOr<ResponseHeaders>)> done) const {
  internal::SessionState& state = *session->state_;
  if (state.finished) {
    done(std::move(session), absl::FailedPreconditionError("session already finished"));
    return;
  }
  state.finished = true;
  std::shared_ptr<const internal::EngineContext> context = session->context_;
  auto finish = std::make_shared<AsyncFinish>(std::move(context), std::move(session), state,
                                              http_status, std::move(done));
  finish->Step();
}

}  // namespace usersessions::sdk
