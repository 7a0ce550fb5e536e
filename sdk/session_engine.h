// The framework-neutral session engine that a host web application's middleware drives: Begin
// when a request arrives, Finish before the response goes out. A framework shim only fills a
// RequestContext, calls Begin/Finish (or their async forms), copies the ResponseHeaders onto the
// response, and answers 503 when Finish returns UNAVAILABLE.
#ifndef USERSESSIONS_SDK_SESSION_ENGINE_H_
#define USERSESSIONS_SDK_SESSION_ENGINE_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/session_store_connection.h"
#include "sdk/request_context.h"
#include "sdk/session.h"
#include "sdk/session_engine_options.h"

namespace usersessions::sdk {
namespace internal {
struct EngineContext;
}  // namespace internal

// Thread-safe: one engine serves the whole application, from any number of threads. Sessions it
// hands out share its configuration and connection and may outlive it.
class SessionEngine {
 public:
  // INVALID_ARGUMENT for a null connection, invalid cookie options (see ValidateCookieOptions),
  // a trusted proxy that is not a CIDR, or a negative idle_timeout.
  static absl::StatusOr<std::unique_ptr<SessionEngine>> Create(
      std::shared_ptr<client::SessionStoreConnection> connection, SessionEngineOptions options);

  SessionEngine(const SessionEngine&) = delete;
  SessionEngine& operator=(const SessionEngine&) = delete;

  // Starts a request's session: reads the session cookie (the first value that is a well-formed
  // key; anything else counts as no key), resolves the client IP through the trusted proxies and
  // cleans the user agent. Never does I/O; the session loads itself on first use.
  std::unique_ptr<Session> Begin(const RequestContext& request) const;

  // The response phase; call once per session, after the handler and before sending headers.
  // Writes what the request changed and returns the headers to add:
  // - Writes only a modified session (or any session holding data, with save_every_request).
  //   The first write creates the record (with data, owner, client and the idle timeout as
  //   ttl); a request that only read never creates one, and neither does an anonymous session
  //   without data.
  // - A session without data and owner loses its record and, if the browser sent one, its
  //   cookie (a deletion Set-Cookie).
  // - A cookie that named no live session is cleared, unless a new session replaces it.
  // - Set-Cookie carries a new key after creation or CycleKey/Login, and is re-sent with a fresh
  //   Max-Age (the session's idle timeout) whenever the session was saved or loaded (a load is
  //   activity, which may slide the expiry), so the browser never drops a cookie that sessiond
  //   still honours. With CookieOptions::persistent off it is sent only for a new key.
  // - vary_cookie when the handler accessed the session; cache_control_private then too, and
  //   whenever a Set-Cookie is returned.
  // - http_status >= 500: nothing is saved or created (records ended by Flush/Logout are still
  //   deleted).
  // Errors: the session's load error, or the failing call's status: UNAVAILABLE when sessiond
  // cannot be reached (answer 503), ABORTED (VERSION_CONFLICT) under optimistic_concurrency when
  // another request wrote first, INVALID_ARGUMENT for data sessiond rejects; FAILED_PRECONDITION
  // when called twice. NOT_FOUND from sessiond while saving is not an error: the session was
  // ended elsewhere, so the cookie is cleared and the session is not re-created.
  absl::StatusOr<ResponseHeaders> Finish(Session& session, int http_status) const;

  // Begin for event-loop servers: if the request carries a well-formed session key, preloads the
  // session with one AsyncLoadSession, so the handler never blocks. `done` runs exactly once: on
  // a gRPC thread after a load, or on the calling thread (before BeginAsync returns) when there is
  // nothing to load. A stale key yields a fresh session; any other load failure (UNAVAILABLE) is
  // passed to `done` as the error. A preload alone does not mark the session accessed.
  void BeginAsync(const RequestContext& request,
                  std::function<void(absl::StatusOr<std::unique_ptr<Session>>)> done) const;

  // Finish for event-loop servers, with the Async* calls. `done` receives the session back and
  // the result of Finish; it runs exactly once, on a gRPC thread, or on the calling thread when
  // no call is needed. `done` must not block.
  void FinishAsync(
      std::unique_ptr<Session> session, int http_status,
      std::function<void(std::unique_ptr<Session>, absl::StatusOr<ResponseHeaders>)> done) const;

  // The validated options the engine was created with.
  const SessionEngineOptions& options() const;

 private:
  explicit SessionEngine(std::shared_ptr<const internal::EngineContext> context);

  std::shared_ptr<const internal::EngineContext> context_;
};

}  // namespace usersessions::sdk

#endif  // USERSESSIONS_SDK_SESSION_ENGINE_H_
