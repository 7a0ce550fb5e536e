#include "common/random.h"

#include <openssl/rand.h>

#include "absl/status/status.h"

namespace usersessions {

absl::StatusOr<std::string> OsSecureRandom::Bytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return absl::InternalError("the random number generator failed");
  }
  return bytes;
}

}  // namespace usersessions
