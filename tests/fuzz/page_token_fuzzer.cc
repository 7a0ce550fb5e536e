// Fuzzes the page-token codec. Arbitrary text must decode to INVALID_ARGUMENT (a forged token
// cannot pass the MAC), every encoded cursor must decode back to itself, and any one-character
// change to a genuine token must be refused.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/encoding.h"
#include "server/service/page_token.h"

namespace {

using usersessions::server::ListCursor;
using usersessions::server::ListParamsFingerprint;
using usersessions::server::PageTokenCodec;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const PageTokenCodec* const codec = new PageTokenCodec("fuzzing-page-token-secret");
  FuzzedDataProvider input(data, size);
  const std::string user_id = input.ConsumeRandomLengthString(64);
  const int state_filter = input.ConsumeIntegralInRange<int>(0, 3);
  const std::string query = input.ConsumeRandomLengthString(64);
  const std::string fingerprint = ListParamsFingerprint(user_id, state_filter, query);

  const std::string forged = input.ConsumeRandomLengthString(256);
  if (codec->Decode(forged, fingerprint).status().code() != absl::StatusCode::kInvalidArgument) {
    std::abort();
  }

  ListCursor cursor;
  cursor.last_activity_time = absl::FromUnixMicros(input.ConsumeIntegral<int64_t>());
  cursor.session_id = usersessions::Base64UrlEncode(input.ConsumeBytesAsString(16));
  if (cursor.session_id.size() != 22) return 0;
  const std::string token = codec->Encode(cursor, fingerprint);
  absl::StatusOr<ListCursor> decoded = codec->Decode(token, fingerprint);
  if (!decoded.ok() || decoded->last_activity_time != cursor.last_activity_time ||
      decoded->session_id != cursor.session_id) {
    std::abort();
  }

  std::string altered = token;
  const size_t at = input.ConsumeIntegralInRange<size_t>(0, altered.size() - 1);
  altered[at] = input.ConsumeIntegral<char>();
  if (altered != token && codec->Decode(altered, fingerprint).ok()) std::abort();
  return 0;
}
