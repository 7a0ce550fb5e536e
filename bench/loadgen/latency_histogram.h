// A fixed-size latency histogram for the load generator: constant-time recording, about 3%
// relative error on the percentiles it reports, and cheap merging of per-worker histograms.
#ifndef USERSESSIONS_BENCH_LOADGEN_LATENCY_HISTOGRAM_H_
#define USERSESSIONS_BENCH_LOADGEN_LATENCY_HISTOGRAM_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace usersessions::loadgen {

// Records durations in nanoseconds into log-linear buckets (32 per power of two). Not
// thread-safe: each worker keeps its own and the runner merges them at the end.
class LatencyHistogram {
 public:
  LatencyHistogram();

  void Record(absl::Duration latency);
  // Adds every sample of `other`.
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  absl::Duration max() const { return absl::Nanoseconds(max_ns_); }
  absl::Duration mean() const;
  // The latency below which a fraction `quantile` (0 to 1) of the samples fall, to within the
  // bucket width; zero when the histogram is empty.
  absl::Duration Percentile(double quantile) const;

 private:
  static int BucketOf(int64_t nanos);
  // The midpoint of a bucket, in nanoseconds.
  static int64_t ValueOf(int bucket);

  std::vector<int64_t> buckets_;
  int64_t count_ = 0;
  int64_t max_ns_ = 0;
  double sum_ns_ = 0;
};

}  // namespace usersessions::loadgen

#endif  // USERSESSIONS_BENCH_LOADGEN_LATENCY_HISTOGRAM_H_
