#include "server/app/file_watcher.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"

namespace usersessions::server {

FileWatcher::~FileWatcher() {
  stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void FileWatcher::Watch(std::string path, std::function<void()> on_change) {
  std::string fingerprint = Fingerprint(path);
  watched_.push_back({std::move(path), std::move(on_change), std::move(fingerprint)});
}

void FileWatcher::Start() {
  if (watched_.empty()) return;
  thread_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(interval_)) {
      for (Watched& watched : watched_) {
        std::string fingerprint = Fingerprint(watched.path);
        if (fingerprint == watched.fingerprint) continue;
        watched.fingerprint = std::move(fingerprint);
        watched.on_change();
      }
    }
  });
}

std::string FileWatcher::Fingerprint(const std::string& path) {
  struct stat info;
  // stat follows symbolic links, so a Kubernetes volume's "..data" swap counts as a change.
  if (stat(path.c_str(), &info) != 0) return "missing";
  return absl::StrCat(info.st_ino, ":", info.st_size, ":", info.st_mtim.tv_sec, ".",
                      info.st_mtim.tv_nsec);
}

}  // namespace usersessions::server
