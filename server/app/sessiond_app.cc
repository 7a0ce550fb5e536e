#include "server/app/sessiond_app.h"

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/clock.h"
#include "common/random.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "server/app/cleanup_loop.h"
#include "server/app/file_watcher.h"
#include "server/auth/authenticator.h"
#include "server/enrichment/geoip_database.h"
#include "server/enrichment/session_enricher.h"
#include "server/grpc/health_service.h"
#include "server/grpc/server_credentials.h"
#include "server/grpc/session_store_service.h"
#include "server/logging/logger.h"
#include "server/metrics/cleanup_metrics.h"
#include "server/metrics/instrumented_store.h"
#include "server/metrics/metrics_http_server.h"
#include "server/metrics/registry.h"
#include "server/metrics/rpc_metrics.h"
#include "server/metrics/sessiond_metrics.h"
#include "server/service/management_service.h"
#include "server/service/page_token.h"
#include "server/service/session_service.h"
#include "server/storage/store_factory.h"

namespace usersessions::server {
namespace {

constexpr absl::Duration kHealthPollInterval = absl::Seconds(1);
constexpr absl::Duration kSchemaRetryInterval = absl::Seconds(2);
constexpr absl::Duration kFileWatchInterval = absl::Seconds(10);

// Keeps the readiness names of `health` in step with the store, logging each transition.
class StoreHealthMonitor {
 public:
  StoreHealthMonitor(Store* store, HealthStatus* health) : store_(store), health_(health) {
    Update();
    thread_ = std::thread([this] {
      while (!stop_.WaitForNotificationWithTimeout(kHealthPollInterval)) Update();
    });
  }
  ~StoreHealthMonitor() {
    stop_.Notify();
    thread_.join();
  }

 private:
  void Update() {
    absl::Status status = store_->Ping();
    const bool reachable = status.ok();
    if (reachable != last_reachable_) {
      if (reachable) {
        LogInfo("store reachable");
      } else {
        LogError("store unreachable", {{"error", std::string(status.message())}});
      }
      last_reachable_ = reachable;
    }
    health_->SetStoreReachable(reachable);
  }

  Store* store_;
  HealthStatus* health_;
  bool last_reachable_ = false;
  absl::Notification stop_;
  std::thread thread_;
};

// The metrics of a serving process; created only with --metrics-listen.
struct ServingMetrics {
  ServingMetrics() : rpc(&registry), cleanup(metrics::CleanupMetrics::Register(&registry)) {
    metrics::RegisterBuildInfo(&registry, kSessiondVersion);
  }
  metrics::Registry registry;
  metrics::RpcMetrics rpc;
  metrics::CleanupMetrics cleanup;
};

// Blocks the shutdown signals in this thread and every thread it starts later.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Waits for SIGTERM or SIGINT and returns it; on SIGHUP calls `reload` and keeps waiting.
int WaitForShutdownSignal(const sigset_t& signals, const std::function<void()>& reload) {
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      LogInfo("SIGHUP received: reloading files");
      reload();
      continue;
    }
    return signal;
  }
}

// The HMAC key of page tokens: the file's contents (trailing whitespace removed), or a random
// per-process key when no file is configured.
absl::StatusOr<std::string> LoadPageTokenSecret(const std::string& path, SecureRandom& random) {
  if (path.empty()) {
    LogWarning("no --page-token-secret-file: ListSessions page tokens work only on this replica");
    return random.Bytes(32);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!secret.empty() && absl::ascii_isspace(static_cast<unsigned char>(secret.back()))) {
    secret.pop_back();
  }
  if (secret.size() < 16) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " holds ", secret.size(),
        " bytes; a page-token secret needs at least 16 (32 random bytes recommended)"));
  }
  return secret;
}

// Opens the GeoIP database into `enricher`; on failure keeps the current one.
absl::Status LoadGeoIp(const std::string& path, SessionEnricher& enricher) {
  absl::StatusOr<std::unique_ptr<GeoIpDatabase>> database = GeoIpDatabase::Open(path);
  if (!database.ok()) return database.status();
  LogInfo("geoip database loaded", {{"path", path}, {"type", (*database)->database_type()}});
  enricher.SetGeoIpDatabase(std::shared_ptr<const GeoIpDatabase>(std::move(*database)));
  return absl::OkStatus();
}

// Log fields naming a tokens file and how many tokens each role has (never the hashes).
LogFields TokenCountFields(const std::string& path, const TokenTable& tokens) {
  return {{"path", path},
          {"engine_tokens", absl::StrCat(tokens.CountOf(Caller::Role::kEngine))},
          {"admin_tokens", absl::StrCat(tokens.CountOf(Caller::Role::kAdmin))}};
}

// The authenticator of --auth-tokens-file; authentication is off without one.
absl::StatusOr<std::unique_ptr<Authenticator>> LoadAuthenticator(const std::string& path) {
  if (path.empty()) return std::make_unique<Authenticator>();
  absl::StatusOr<TokenTable> tokens = LoadTokenTable(path);
  if (!tokens.ok()) return tokens.status();
  LogInfo("auth tokens loaded", TokenCountFields(path, *tokens));
  return std::make_unique<Authenticator>(*std::move(tokens));
}

// Re-reads the tokens file into `authenticator`; on failure keeps the current tokens.
void ReloadTokens(const std::string& path, Authenticator& authenticator) {
  absl::StatusOr<TokenTable> tokens = LoadTokenTable(path);
  if (!tokens.ok()) {
    LogError("auth tokens reload failed; keeping the previous tokens",
             {{"error", std::string(tokens.status().message())}});
    return;
  }
  LogInfo("auth tokens reloaded", TokenCountFields(path, *tokens));
  authenticator.Replace(*std::move(tokens));
}

// Applies or checks the schema. SQLite always migrates itself; MySQL migrates only with
// --migrate and otherwise refuses a schema that is behind.
absl::Status PrepareSchema(Store& store, const ServerConfig& config) {
  const bool is_sqlite = absl::StartsWith(config.store, "sqlite:");
  if (is_sqlite || config.migrate) {
    absl::StatusOr<std::vector<std::string>> applied = store.Migrate();
    if (!applied.ok()) return applied.status();
    if (!applied->empty()) {
      LogInfo("schema migrated", {{"applied", absl::StrJoin(*applied, ",")}});
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<std::string>> pending = store.PendingMigrations();
  if (!pending.ok()) return pending.status();
  if (!pending->empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database schema is behind (pending migrations: ", absl::StrJoin(*pending, ", "),
        "); run `sessiond migrate --store=...` with the same --store, or start with --migrate"));
  }
  return absl::OkStatus();
}

// Retries the schema step while the database is unreachable, so that a replica started before
// its database comes up waits instead of crash-looping. Returns its final status.
absl::Status PrepareSchemaWhenReachable(Store& store, const ServerConfig& config) {
  for (;;) {
    absl::Status status = PrepareSchema(store, config);
    if (!absl::IsUnavailable(status)) return status;
    LogWarning("waiting for the store", {{"error", std::string(status.message())}});
    absl::SleepFor(kSchemaRetryInterval);
  }
}

int RunMigrate(const ServerConfig& config) {
  StoreOptions options;
  options.uri = config.store;
  options.pool_size = 1;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(options);
  if (!store.ok()) {
    LogError("cannot open the store", {{"error", std::string(store.status().message())}});
    return 1;
  }
  absl::StatusOr<std::vector<std::string>> applied = (*store)->Migrate();
  if (!applied.ok()) {
    LogError("migration failed", {{"error", std::string(applied.status().message())}});
    return 1;
  }
  LogInfo(applied->empty() ? "schema is up to date" : "schema migrated",
          {{"applied", absl::StrJoin(*applied, ",")}});
  return 0;
}

// Replaces the port of "host:port" with `port` (for logging the address port 0 picked).
std::string WithPort(const std::string& address, int port) {
  return absl::StrCat(address.substr(0, address.rfind(':')), ":", port);
}

// Opens the store named by --store, wraps it for metrics when they are on, and brings its schema
// up to date (waiting for the database if need be). Logs and returns nullptr on failure.
std::unique_ptr<Store> OpenServingStore(const ServerConfig& config, ServingMetrics* metrics) {
  StoreOptions options;
  options.uri = config.store;
  options.pool_size = static_cast<int>(config.mysql_pool_size);
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(options);
  if (!store.ok()) {
    LogError("cannot open the store", {{"error", std::string(store.status().message())}});
    return nullptr;
  }
  if (metrics != nullptr) {
    *store = metrics::InstrumentStore(*std::move(store), &metrics->registry);
    metrics::RegisterPoolGauges(&metrics->registry, store->get());
  }
  if (absl::Status schema = PrepareSchemaWhenReachable(**store, config); !schema.ok()) {
    LogError("cannot serve", {{"error", std::string(schema.message())}});
    return nullptr;
  }
  return *std::move(store);
}

SessionServiceOptions SessionServiceOptionsFrom(const ServerConfig& config) {
  SessionServiceOptions options;
  options.idle_timeout = config.idle_timeout;
  options.absolute_timeout = config.absolute_timeout;
  options.activity_resolution = config.activity_resolution;
  options.data_limits.max_bytes = config.max_data_bytes;
  options.data_limits.max_depth = static_cast<int>(config.max_data_depth);
  return options;
}

// The main gRPC server: SessionStore, health and reflection on --listen, with the RPC metrics
// interceptor when metrics are on. Sets `port` to the port bound. Logs and returns nullptr if it
// cannot listen.
std::unique_ptr<grpc::Server> StartRpcServer(
    const ServerConfig& config, const std::shared_ptr<grpc::ServerCredentials>& credentials,
    SessionStoreServiceImpl& session_store, HealthServiceImpl& health_service,
    ServingMetrics* metrics, int& port) {
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, credentials, &port);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             static_cast<int>(config.max_concurrent_streams));
  builder.SetMaxReceiveMessageSize(static_cast<int>(config.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(config.max_message_bytes));
  builder.RegisterService(&session_store);
  builder.RegisterService(&health_service);
  if (metrics != nullptr) {
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(metrics::MakeRpcMetricsInterceptor(&metrics->rpc));
    builder.experimental().SetInterceptorCreators(std::move(creators));
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError("cannot listen", {{"address", config.listen}});
    return nullptr;
  }
  return server;
}

// The plaintext health-only server on --health-listen, for probes; nullptr when --health-listen is
// empty. UNAVAILABLE (after logging) if it cannot listen.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthServer(const ServerConfig& config,
                                                                HealthServiceImpl& health_service) {
  if (config.health_listen.empty()) return nullptr;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.health_listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&health_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError("cannot listen", {{"address", config.health_listen}});
    return absl::UnavailableError("cannot listen on --health-listen");
  }
  LogInfo("health listening", {{"health_listening", WithPort(config.health_listen, port)}});
  return server;
}

// The Prometheus endpoint on --metrics-listen; nullptr when metrics are off. UNAVAILABLE (after
// logging) if it cannot listen.
absl::StatusOr<std::unique_ptr<metrics::MetricsHttpServer>> StartMetricsServer(
    const ServerConfig& config, ServingMetrics* metrics) {
  if (metrics == nullptr) return nullptr;
  absl::StatusOr<std::unique_ptr<metrics::MetricsHttpServer>> server =
      metrics::MetricsHttpServer::Start(config.metrics_listen, &metrics->registry);
  if (!server.ok()) {
    LogError("cannot listen", {{"address", config.metrics_listen}});
    return server.status();
  }
  LogInfo("metrics listening",
          {{"metrics_listening", WithPort(config.metrics_listen, (*server)->port())}});
  return server;
}

// Warns about a non-loopback address served without authentication or without TLS.
void WarnAboutExposure(const ServerConfig& config) {
  if (IsLoopbackListenAddress(config.listen)) return;
  if (config.auth_tokens_file.empty()) {
    LogWarning("serving without authentication on a non-loopback address (--insecure)");
  } else if (config.tls_cert.empty()) {
    LogWarning("serving without TLS on a non-loopback address: bearer tokens travel in clear");
  }
}

int RunServe(const ServerConfig& config, const sigset_t& signals) {
  std::unique_ptr<ServingMetrics> serving_metrics;
  if (!config.metrics_listen.empty()) serving_metrics = std::make_unique<ServingMetrics>();
  std::unique_ptr<Store> store = OpenServingStore(config, serving_metrics.get());
  if (store == nullptr) return 1;

  SystemClock clock;
  OsSecureRandom random;
  absl::StatusOr<std::string> page_token_secret =
      LoadPageTokenSecret(config.page_token_secret_file, random);
  if (!page_token_secret.ok()) {
    LogError("cannot serve", {{"error", std::string(page_token_secret.status().message())}});
    return 1;
  }
  PageTokenCodec page_tokens(*std::move(page_token_secret));
  SessionEnricher enricher;
  if (!config.geoip_db.empty()) {
    if (absl::Status loaded = LoadGeoIp(config.geoip_db, enricher); !loaded.ok()) {
      LogError("cannot serve", {{"error", std::string(loaded.message())}});
      return 1;
    }
  }
  auto reload_files = [&] {
    if (config.geoip_db.empty()) return;
    if (absl::Status loaded = LoadGeoIp(config.geoip_db, enricher); !loaded.ok()) {
      LogError("geoip reload failed; keeping the previous database",
               {{"error", std::string(loaded.message())}});
    }
  };
  FileWatcher file_watcher(kFileWatchInterval);
  if (!config.geoip_db.empty()) file_watcher.Watch(config.geoip_db, reload_files);
  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator =
      LoadAuthenticator(config.auth_tokens_file);
  if (!authenticator.ok()) {
    LogError("cannot serve", {{"error", std::string(authenticator.status().message())}});
    return 1;
  }
  auto reload_tokens = [&] {
    if (!config.auth_tokens_file.empty()) ReloadTokens(config.auth_tokens_file, **authenticator);
  };
  if (!config.auth_tokens_file.empty()) file_watcher.Watch(config.auth_tokens_file, reload_tokens);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials({config.tls_cert, config.tls_key, config.tls_client_ca});
  if (!credentials.ok()) {
    LogError("cannot serve", {{"error", std::string(credentials.status().message())}});
    return 1;
  }

  // Declared before the servers, so that they outlive them: Shutdown waits for the calls that the
  // services started.
  SessionService service(store.get(), &clock, &random, SessionServiceOptionsFrom(config));
  ManagementService management(store.get(), &clock, &page_tokens, &enricher);
  SessionStoreServiceImpl session_store(&service, &management, authenticator->get());
  HealthStatus health;
  HealthServiceImpl health_service(&health);

  int port = 0;
  std::unique_ptr<grpc::Server> server = StartRpcServer(
      config, *credentials, session_store, health_service, serving_metrics.get(), port);
  if (server == nullptr) return 1;
  absl::StatusOr<std::unique_ptr<grpc::Server>> health_server =
      StartHealthServer(config, health_service);
  if (!health_server.ok()) {
    server->Shutdown();
    return 1;
  }
  absl::StatusOr<std::unique_ptr<metrics::MetricsHttpServer>> metrics_server =
      StartMetricsServer(config, serving_metrics.get());
  if (!metrics_server.ok()) {
    server->Shutdown();
    if (*health_server != nullptr) (*health_server)->Shutdown();
    return 1;
  }
  WarnAboutExposure(config);

  auto monitor = std::make_unique<StoreHealthMonitor>(store.get(), &health);
  std::unique_ptr<CleanupLoop> cleanup;
  if (config.cleanup_interval > absl::ZeroDuration()) {
    cleanup = std::make_unique<CleanupLoop>(
        store.get(), &management, config.cleanup_interval,
        serving_metrics != nullptr ? &serving_metrics->cleanup : nullptr);
  }
  file_watcher.Start();
  LogInfo("sessiond started", {{"listening", WithPort(config.listen, port)},
                               {"version", kSessiondVersion},
                               {"store", config.store.substr(0, config.store.find(':'))}});

  const int signal = WaitForShutdownSignal(signals, [&] {
    reload_files();
    reload_tokens();
  });
  LogInfo("draining", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"},
                       {"drain_timeout", absl::FormatDuration(config.drain_timeout)}});
  health.SetShuttingDown();
  const auto deadline =
      std::chrono::system_clock::now() + absl::ToChronoMicroseconds(config.drain_timeout);
  server->Shutdown(deadline);
  if (*health_server != nullptr) (*health_server)->Shutdown(deadline);
  cleanup.reset();
  monitor.reset();
  server->Wait();
  LogInfo("stopped");
  return 0;
}

}  // namespace

int RunSessiond(const CommandLine& command_line) {
  const ServerConfig& config = command_line.config;
  switch (command_line.command) {
    case Command::kHelp:
      std::fputs(command_line.usage.c_str(), stdout);
      return 0;
    case Command::kVersion:
      std::printf("sessiond %s\n", kSessiondVersion);
      return 0;
    case Command::kMigrate:
      SetLogFormat(config.log_format == "text" ? LogFormat::kText : LogFormat::kJson);
      return RunMigrate(config);
    case Command::kServe:
      break;
  }
  SetLogFormat(config.log_format == "text" ? LogFormat::kText : LogFormat::kJson);
  // The system's Abseil is built with mutex deadlock detection on, which adds a global graph
  // update to every lock; tests keep it, the server does not need it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const sigset_t signals = BlockShutdownSignals();
  return RunServe(config, signals);
}

}  // namespace usersessions::server
