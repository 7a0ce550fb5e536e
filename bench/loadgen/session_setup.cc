#include "bench/loadgen/session_setup.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "bench/loadgen/requests.h"

namespace usersessions::loadgen {
namespace {

// Shared by the creation slots; each slot keeps one CreateSession in flight until the indices
// run out or a call fails.
class Creator {
 public:
  Creator(const std::vector<client::SessionStoreClient>& clients, const SetupSpec& spec)
      : clients_(clients), spec_(spec), payload_(MakePayload(spec.payload_bytes)) {
    sessions_.resize(static_cast<size_t>(spec.sessions));
  }

  absl::StatusOr<std::vector<PreparedSession>> Run() {
    const int slots =
        static_cast<int>(std::min<int64_t>(spec_.sessions, std::max(spec_.parallelism, 1)));
    {
      absl::MutexLock lock(&mu_);
      running_ = slots;
    }
    for (int slot = 0; slot < slots; ++slot) Next(slot);
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* running) { return *running == 0; }, &running_));
    if (!first_error_.ok()) return first_error_;
    return std::move(sessions_);
  }

 private:
  void Next(int slot) {
    const int64_t index = next_index_.fetch_add(1);
    if (index >= spec_.sessions || failed_.load()) {
      absl::MutexLock lock(&mu_);
      --running_;
      return;
    }
    v1::CreateSessionRequest request;
    *request.mutable_data() = payload_;
    request.set_user_id(UserOf(spec_.run_id, index, spec_.users));
    *request.mutable_client() = ClientOf(index);
    const client::SessionStoreClient& client =
        clients_[static_cast<size_t>(slot) % clients_.size()];
    client.AsyncCreateSession(
        request, [this, slot, index](absl::StatusOr<v1::CreateSessionResponse> response) {
          if (response.ok()) {
            sessions_[static_cast<size_t>(index)] = {response->session_key(), index};
          } else {
            absl::MutexLock lock(&mu_);
            if (first_error_.ok()) {
              first_error_ = absl::Status(
                  response.status().code(),
                  absl::StrCat("creating the sessions failed: ", response.status().message()));
            }
            failed_.store(true);
          }
          Next(slot);
        });
  }

  const std::vector<client::SessionStoreClient>& clients_;
  const SetupSpec spec_;
  const google::protobuf::Struct payload_;
  // Each element is written by exactly one callback; read after every slot finished.
  std::vector<PreparedSession> sessions_;
  std::atomic<int64_t> next_index_{0};
  std::atomic<bool> failed_{false};
  absl::Mutex mu_;
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status first_error_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<std::vector<PreparedSession>> CreateSessions(
    const std::vector<client::SessionStoreClient>& clients, const SetupSpec& spec) {
  if (spec.sessions <= 0) return std::vector<PreparedSession>();
  Creator creator(clients, spec);
  return creator.Run();
}

}  // namespace usersessions::loadgen
