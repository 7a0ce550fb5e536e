// Notices when a file named by a flag changes on disk (Kubernetes Secret and ConfigMap updates
// replace files atomically), so that it can be re-read without a restart.
#ifndef USERSESSIONS_SERVER_APP_FILE_WATCHER_H_
#define USERSESSIONS_SERVER_APP_FILE_WATCHER_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace usersessions::server {

// Polls the modification time, size and inode of each watched file every `interval` on its own
// thread and calls the file's callback when one of them changes. Callbacks run on that thread.
// Watches are added before Start(); the destructor stops the thread.
class FileWatcher {
 public:
  explicit FileWatcher(absl::Duration interval) : interval_(interval) {}
  ~FileWatcher();

  void Watch(std::string path, std::function<void()> on_change);
  void Start();

 private:
  struct Watched {
    std::string path;
    std::function<void()> on_change;
    std::string fingerprint;
  };
  static std::string Fingerprint(const std::string& path);

  const absl::Duration interval_;
  std::vector<Watched> watched_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_APP_FILE_WATCHER_H_
