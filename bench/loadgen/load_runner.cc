#include "bench/loadgen/load_runner.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/loadgen/requests.h"
#include "bench/loadgen/session_setup.h"
#include "client/internal/grpc_session_store_connection.h"
#include "client/session_store_client.h"
#include "common/grpc_status.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace usersessions::loadgen {
namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

enum class Phase { kWarmup, kMeasure, kStop };

// Calls a worker chains on one thread's stack before moving to a new thread.
constexpr int kMaxInlineDepth = 32;

// The service the ping workload asks grpc.health.v1.Health about, and the deadline of a ping (the
// client library sets the other calls' deadlines).
constexpr char kPingedService[] = "usersessions.v1.SessionStore";
constexpr absl::Duration kPingTimeout = absl::Seconds(10);

// What the whole run shares: the phase, the measured window, and the count of busy workers.
class RunState {
 public:
  explicit RunState(int workers) : busy_(workers) {}

  Phase phase() const { return phase_.load(std::memory_order_acquire); }
  SteadyTime measure_start() const { return measure_start_; }

  void StartMeasuring() {
    measure_start_ = std::chrono::steady_clock::now();
    phase_.store(Phase::kMeasure, std::memory_order_release);
  }
  void Stop() {
    measure_end_ = std::chrono::steady_clock::now();
    phase_.store(Phase::kStop, std::memory_order_release);
  }
  // Call after Stop().
  absl::Duration measured() const { return absl::FromChrono(measure_end_ - measure_start_); }

  void WorkerFinished() {
    absl::MutexLock lock(&mu_);
    --busy_;
  }
  void AwaitWorkers() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* busy) { return *busy == 0; }, &busy_));
  }

 private:
  std::atomic<Phase> phase_{Phase::kWarmup};
  // Written before the phase becomes kMeasure and read only after seeing kMeasure.
  SteadyTime measure_start_;
  SteadyTime measure_end_;
  absl::Mutex mu_;
  int busy_ ABSL_GUARDED_BY(mu_);
};

// One closed-loop worker: exactly one call in flight, the next one started from the completion
// of the previous one. Its state is touched by one callback at a time, so it needs no lock; the
// runner reads it after every worker finished.
class Worker {
 public:
  Worker(int id, const LoadgenOptions& options, const client::SessionStoreClient& client,
         grpc::health::v1::Health::Stub* health, std::vector<PreparedSession> sessions,
         std::string run_id, RunState* state)
      : id_(id),
        options_(options),
        client_(client),
        health_(health),
        sessions_(std::move(sessions)),
        run_id_(std::move(run_id)),
        payload_(MakePayload(options.payload_bytes)),
        state_(state),
        random_(static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ULL + 1) {}

  ~Worker() {
    if (list_thread_.joinable()) list_thread_.join();
  }

  // Starts the loop. ListSessions has no asynchronous form in the client library, so the list
  // workload loops on a thread of the worker's own; every other workload chains asynchronous
  // calls on gRPC's callback threads.
  void Start() {
    if (options_.workload == Workload::kList) {
      list_thread_ = std::thread([this] {
        while (state_->phase() != Phase::kStop) List();
        state_->WorkerFinished();
      });
      return;
    }
    Next();
  }

  int64_t ops() const { return ops_; }
  int64_t calls() const { return calls_; }
  int64_t warmup_errors() const { return warmup_errors_; }
  const LatencyHistogram& latency() const { return latency_; }
  const std::map<std::string, int64_t>& errors() const { return errors_; }
  const std::map<std::string, int64_t>& ops_by_kind() const { return ops_by_kind_; }

 private:
  void Next() {
    if (state_->phase() == Phase::kStop) {
      state_->WorkerFinished();
      return;
    }
    switch (options_.workload) {
      case Workload::kLoad:
        Load(/*touch=*/false);
        return;
      case Workload::kLoadTouch:
        Load(/*touch=*/true);
        return;
      case Workload::kSave:
        Save();
        return;
      case Workload::kCreate:
        Create();
        return;
      case Workload::kList:
        return;  // Loops on its own thread (see Start()).
      case Workload::kPing:
        Ping();
        return;
      case Workload::kMixed: {
        const uint64_t dice = random_() % 100;
        if (dice < 90) {
          Load(/*touch=*/false);
        } else if (dice < 97) {
          Save();
        } else if (dice < 99) {
          Create();
        } else if (sessions_.size() > 1) {
          Delete();
        } else {
          Load(/*touch=*/false);
        }
        return;
      }
    }
  }

  const PreparedSession& PickSession() {
    return sessions_[static_cast<size_t>(random_() % sessions_.size())];
  }

  // Calls `call` with a completion that records the outcome as `kind` and continues the loop;
  // `on_success` sees the response first.
  template <typename Response, typename Call, typename OnSuccess>
  void Issue(const char* kind, Call call, OnSuccess on_success) {
    const SteadyTime start = std::chrono::steady_clock::now();
    call([this, kind, start, on_success](absl::StatusOr<Response> result) {
      const SteadyTime end = std::chrono::steady_clock::now();
      if (result.ok()) on_success(*result);
      Record(kind, start, end, result.status());
      // A call may complete inline (a channel that fails at once); continuing on a fresh thread
      // now and then keeps such a chain from exhausting the stack.
      thread_local int depth = 0;
      if (depth >= kMaxInlineDepth) {
        std::thread([this] { Next(); }).detach();
        return;
      }
      ++depth;
      Next();
      --depth;
    });
  }
  template <typename Response, typename Call>
  void Issue(const char* kind, Call call) {
    Issue<Response>(kind, std::move(call), [](const Response&) {});
  }

  void Record(const char* kind, SteadyTime start, SteadyTime end, const absl::Status& status) {
    const Phase phase = state_->phase();
    ++calls_;
    if (!status.ok()) {
      ++errors_[absl::StatusCodeToString(status.code())];
      if (phase == Phase::kWarmup) ++warmup_errors_;
      return;
    }
    if (phase != Phase::kMeasure || start < state_->measure_start()) return;
    ++ops_;
    ++ops_by_kind_[kind];
    latency_.Record(absl::FromChrono(end - start));
  }

  void Load(bool touch) {
    const PreparedSession& session = PickSession();
    v1::LoadSessionRequest request;
    request.set_session_key(session.key);
    *request.mutable_client() = ClientOf(session.index, touch ? ++touches_ : 0);
    Issue<v1::LoadSessionResponse>(
        "load", [this, request](auto done) { client_.AsyncLoadSession(request, std::move(done)); });
  }

  void Save() {
    v1::SaveSessionRequest request;
    request.set_session_key(PickSession().key);
    *request.mutable_data() = payload_;
    Issue<v1::SaveSessionResponse>(
        "save", [this, request](auto done) { client_.AsyncSaveSession(request, std::move(done)); });
  }

  void Create() {
    const int64_t index = options_.sessions + id_ + created_ * options_.concurrency;
    ++created_;
    v1::CreateSessionRequest request;
    *request.mutable_data() = payload_;
    request.set_user_id(UserOf(run_id_, index, options_.users));
    *request.mutable_client() = ClientOf(index);
    Issue<v1::CreateSessionResponse>(
        "create",
        [this, request](auto done) { client_.AsyncCreateSession(request, std::move(done)); },
        [this, index](const v1::CreateSessionResponse& response) {
          // Only the mixed workload reuses what it creates; create alone would grow without
          // bound.
          if (options_.workload == Workload::kMixed) {
            sessions_.push_back({response.session_key(), index});
          }
        });
  }

  void Delete() {
    // The worker owns its sessions, so no other call can be using the one it deletes.
    const size_t victim = static_cast<size_t>(random_() % sessions_.size());
    v1::DeleteSessionRequest request;
    request.set_session_key(sessions_[victim].key);
    sessions_[victim] = std::move(sessions_.back());
    sessions_.pop_back();
    Issue<v1::DeleteSessionResponse>("delete", [this, request](auto done) {
      client_.AsyncDeleteSession(request, std::move(done));
    });
  }

  void Ping() {
    Issue<grpc::health::v1::HealthCheckResponse>("ping", [this](auto done) {
      struct PingCall {
        grpc::ClientContext context;
        grpc::health::v1::HealthCheckRequest request;
        grpc::health::v1::HealthCheckResponse response;
      };
      auto* call = new PingCall;
      call->context.set_deadline(absl::ToChronoTime(absl::Now() + kPingTimeout));
      call->request.set_service(kPingedService);
      health_->async()->Check(&call->context, &call->request, &call->response,
                              [call, done = std::move(done)](grpc::Status status) mutable {
                                absl::StatusOr<grpc::health::v1::HealthCheckResponse> result =
                                    status.ok()
                                        ? absl::StatusOr<grpc::health::v1::HealthCheckResponse>(
                                              std::move(call->response))
                                        : FromGrpcStatus(status);
                                delete call;
                                done(std::move(result));
                              });
    });
  }

  void List() {
    v1::ListSessionsRequest request;
    request.set_user_id(
        UserOf(run_id_, static_cast<int64_t>(random_() % options_.users), options_.users));
    const SteadyTime start = std::chrono::steady_clock::now();
    absl::StatusOr<v1::ListSessionsResponse> response = client_.ListSessions(request);
    Record("list", start, std::chrono::steady_clock::now(), response.status());
  }

  const int id_;
  const LoadgenOptions& options_;
  const client::SessionStoreClient& client_;
  grpc::health::v1::Health::Stub* const health_;
  std::vector<PreparedSession> sessions_;
  const std::string run_id_;
  const google::protobuf::Struct payload_;
  RunState* const state_;
  std::mt19937_64 random_;
  int64_t touches_ = 0;
  int64_t created_ = 0;
  int64_t ops_ = 0;
  int64_t calls_ = 0;
  int64_t warmup_errors_ = 0;
  LatencyHistogram latency_;
  std::map<std::string, int64_t> errors_;
  std::map<std::string, int64_t> ops_by_kind_;
  std::thread list_thread_;
};

std::string RandomRunId() {
  std::random_device device;
  return absl::StrFormat("%08x", device());
}

bool NeedsSessionPerWorker(Workload workload) {
  return workload == Workload::kLoad || workload == Workload::kLoadTouch ||
         workload == Workload::kSave || workload == Workload::kMixed;
}

}  // namespace

absl::StatusOr<RunResult> RunLoad(const LoadgenOptions& options, std::ostream& log) {
  if (NeedsSessionPerWorker(options.workload) && options.sessions < options.concurrency) {
    return absl::InvalidArgumentError(
        absl::StrCat("--sessions (", options.sessions, ") must be at least --concurrency (",
                     options.concurrency, "): each worker works on sessions of its own"));
  }
  // Every failure is reported, so the client library must not retry any.
  client::ClientOptions client_options = options.client;
  client_options.max_retries = 0;
  // Separate channels would otherwise share one TCP connection through gRPC's global subchannel
  // pool.
  if (options.channels > 1) client_options.channel_int_args["grpc.use_local_subchannel_pool"] = 1;
  std::vector<client::SessionStoreClient> clients;
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> health_stubs;
  for (int i = 0; i < options.channels; ++i) {
    if (options.workload == Workload::kPing) {
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
          client::internal::CreateSessionStoreChannel(client_options);
      if (!channel.ok()) return channel.status();
      health_stubs.push_back(grpc::health::v1::Health::NewStub(*channel));
    }
    absl::StatusOr<client::SessionStoreClient> client =
        client::SessionStoreClient::Create(client_options);
    if (!client.ok()) return client.status();
    clients.push_back(*std::move(client));
  }

  const std::string run_id = RandomRunId();
  RunResult result;
  // Worker w owns the sessions w, w + concurrency, ...: a delete or save never races with
  // another worker's call on the same session. A ping touches no session, so none is made.
  std::vector<std::vector<PreparedSession>> owned(static_cast<size_t>(options.concurrency));
  if (options.workload != Workload::kPing) {
    log << "creating " << options.sessions << " sessions for " << options.users << " users on "
        << options.client.server << " ..." << std::endl;
    const absl::Time setup_start = absl::Now();
    SetupSpec spec;
    spec.sessions = options.sessions;
    spec.users = options.users;
    spec.payload_bytes = options.payload_bytes;
    spec.run_id = run_id;
    spec.parallelism = std::max(options.concurrency, 32);
    absl::StatusOr<std::vector<PreparedSession>> sessions = CreateSessions(clients, spec);
    if (!sessions.ok()) return sessions.status();
    result.setup_time = absl::Now() - setup_start;
    result.sessions_created = static_cast<int64_t>(sessions->size());
    for (size_t i = 0; i < sessions->size(); ++i) {
      owned[i % owned.size()].push_back(std::move((*sessions)[i]));
    }
  }
  RunState state(options.concurrency);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int w = 0; w < options.concurrency; ++w) {
    workers.push_back(std::make_unique<Worker>(
        w, options, clients[static_cast<size_t>(w) % clients.size()],
        health_stubs.empty() ? nullptr
                             : health_stubs[static_cast<size_t>(w) % health_stubs.size()].get(),
        std::move(owned[static_cast<size_t>(w)]), run_id, &state));
  }

  log << "running " << WorkloadName(options.workload) << " with " << options.concurrency
      << " workers: " << absl::FormatDuration(options.warmup) << " warm-up, "
      << absl::FormatDuration(options.duration) << " measured" << std::endl;
  for (auto& worker : workers) worker->Start();
  absl::SleepFor(options.warmup);
  state.StartMeasuring();
  absl::SleepFor(options.duration);
  state.Stop();
  result.measured = state.measured();
  state.AwaitWorkers();

  for (const auto& worker : workers) {
    result.ops += worker->ops();
    result.calls += worker->calls();
    result.latency.Merge(worker->latency());
    result.warmup_errors += worker->warmup_errors();
    for (const auto& [code, count] : worker->errors()) {
      result.errors_by_code[code] += count;
      result.errors += count;
    }
    for (const auto& [kind, count] : worker->ops_by_kind()) result.ops_by_kind[kind] += count;
  }
  return result;
}

}  // namespace usersessions::loadgen
