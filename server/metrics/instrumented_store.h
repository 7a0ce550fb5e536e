// A Store decorator that counts failed store calls by status code into
// usersessions_store_errors_total{code}.
#ifndef USERSESSIONS_SERVER_METRICS_INSTRUMENTED_STORE_H_
#define USERSESSIONS_SERVER_METRICS_INSTRUMENTED_STORE_H_

#include <memory>

#include "server/metrics/registry.h"
#include "server/storage/store.h"

namespace usersessions::server::metrics {

// Wraps `store` (owned) and forwards every call unchanged. A call that returns an error other
// than NOT_FOUND increments the counter of its code: NOT_FOUND is the ordinary answer for an
// unknown or expired session, not a store failure. Thread-safe if `store` is.
std::unique_ptr<Store> InstrumentStore(std::unique_ptr<Store> store, Registry* registry);

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_INSTRUMENTED_STORE_H_
