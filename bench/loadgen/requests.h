// The requests usersessions-loadgen sends: deterministic payloads, client info and owners, so that
// a load in steady state presents exactly what the session already stores.
#ifndef USERSESSIONS_BENCH_LOADGEN_REQUESTS_H_
#define USERSESSIONS_BENCH_LOADGEN_REQUESTS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::loadgen {

// Session data holding one string field of `payload_bytes` characters.
google::protobuf::Struct MakePayload(int64_t payload_bytes);

// The owner of session number `index`: one of `users` owners, named with `run_id` so that
// sessions of earlier runs against the same database never join a listing.
std::string UserOf(absl::string_view run_id, int64_t index, int64_t users);

// The client a session number `index` was created from. `touch` > 0 gives a user agent that
// differs from the stored one (and from every other touch), so that a load records activity.
v1::ClientInfo ClientOf(int64_t index, int64_t touch = 0);

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_REQUESTS_H_
