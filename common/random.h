// Source of secret random bytes, injected so that tests can be deterministic.
#ifndef USERSESSIONS_COMMON_RANDOM_H_
#define USERSESSIONS_COMMON_RANDOM_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace usersessions {

// Thread-safe source of random bytes suitable for secrets.
class SecureRandom {
 public:
  virtual ~SecureRandom() = default;
  // Returns `count` random bytes. INTERNAL if the generator fails (it never returns weak bytes).
  virtual absl::StatusOr<std::string> Bytes(size_t count) = 0;
};

// The operating system's CSPRNG, through OpenSSL's RAND_bytes. Thread-safe.
class OsSecureRandom final : public SecureRandom {
 public:
  absl::StatusOr<std::string> Bytes(size_t count) override;
};

}  // namespace usersessions

#endif  // USERSESSIONS_COMMON_RANDOM_H_
