#include "bench/loadgen/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace usersessions::loadgen {
namespace {

// Values below 2^kSubBits nanoseconds get a bucket each; above, every power of two is split into
// 2^(kSubBits - 1) buckets.
constexpr int kSubBits = 6;
constexpr int kLinear = 1 << kSubBits;           // 64 exact buckets
constexpr int kPerOctave = 1 << (kSubBits - 1);  // 32 buckets per power of two
// Octaves above the linear range: enough for 2^(kSubBits + kOctaves) ns, far beyond any deadline.
constexpr int kOctaves = 40;

int HighestBit(uint64_t value) { return 63 - __builtin_clzll(value); }

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kLinear + kOctaves * kPerOctave, 0) {}

int LatencyHistogram::BucketOf(int64_t nanos) {
  if (nanos < kLinear) return static_cast<int>(std::max<int64_t>(nanos, 0));
  const int shift = HighestBit(static_cast<uint64_t>(nanos)) - (kSubBits - 1);
  const int mantissa = static_cast<int>(nanos >> shift);  // in [kPerOctave, 2 * kPerOctave)
  const int bucket = kLinear + (shift - 1) * kPerOctave + (mantissa - kPerOctave);
  return std::min(bucket, kLinear + kOctaves * kPerOctave - 1);
}

int64_t LatencyHistogram::ValueOf(int bucket) {
  if (bucket < kLinear) return bucket;
  const int shift = (bucket - kLinear) / kPerOctave + 1;
  const int64_t mantissa = (bucket - kLinear) % kPerOctave + kPerOctave;
  const int64_t low = mantissa << shift;
  return low + (int64_t{1} << shift) / 2;
}

void LatencyHistogram::Record(absl::Duration latency) {
  const int64_t nanos = absl::ToInt64Nanoseconds(latency);
  ++buckets_[BucketOf(nanos)];
  ++count_;
  max_ns_ = std::max(max_ns_, nanos);
  sum_ns_ += static_cast<double>(nanos);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  max_ns_ = std::max(max_ns_, other.max_ns_);
  sum_ns_ += other.sum_ns_;
}

absl::Duration LatencyHistogram::mean() const {
  if (count_ == 0) return absl::ZeroDuration();
  return absl::Nanoseconds(sum_ns_ / static_cast<double>(count_));
}

absl::Duration LatencyHistogram::Percentile(double quantile) const {
  if (count_ == 0) return absl::ZeroDuration();
  const double clamped = std::clamp(quantile, 0.0, 1.0);
  // The rank of the sample that the percentile names, counting from 1.
  const int64_t rank =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(clamped * static_cast<double>(count_))));
  int64_t seen = 0;
  for (size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      return absl::Nanoseconds(std::min(ValueOf(static_cast<int>(i)), max_ns_));
    }
  }
  return absl::Nanoseconds(max_ns_);
}

}  // namespace usersessions::loadgen
