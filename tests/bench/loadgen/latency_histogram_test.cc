#include "bench/loadgen/latency_histogram.h"

#include "gtest/gtest.h"

namespace usersessions::loadgen {
namespace {

// The histogram promises about 3% relative error (32 buckets per power of two).
void ExpectNear(absl::Duration actual, absl::Duration expected) {
  const double a = absl::ToDoubleMicroseconds(actual);
  const double e = absl::ToDoubleMicroseconds(expected);
  EXPECT_NEAR(a, e, e * 0.035) << "actual " << actual << ", expected " << expected;
}

TEST(LatencyHistogramTest, EmptyHistogramReportsZero) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0);
  EXPECT_EQ(histogram.Percentile(0.99), absl::ZeroDuration());
  EXPECT_EQ(histogram.mean(), absl::ZeroDuration());
}

TEST(LatencyHistogramTest, PercentilesOfAUniformSpread) {
  LatencyHistogram histogram;
  for (int i = 1; i <= 1000; ++i) histogram.Record(absl::Microseconds(i));
  EXPECT_EQ(histogram.count(), 1000);
  ExpectNear(histogram.Percentile(0.50), absl::Microseconds(500));
  ExpectNear(histogram.Percentile(0.95), absl::Microseconds(950));
  ExpectNear(histogram.Percentile(0.99), absl::Microseconds(990));
  ExpectNear(histogram.Percentile(0.999), absl::Microseconds(999));
  EXPECT_EQ(histogram.max(), absl::Microseconds(1000));
  ExpectNear(histogram.mean(), absl::Microseconds(500.5));
}

TEST(LatencyHistogramTest, ATailShowsInTheHighPercentilesOnly) {
  LatencyHistogram histogram;
  for (int i = 0; i < 990; ++i) histogram.Record(absl::Milliseconds(1));
  for (int i = 0; i < 10; ++i) histogram.Record(absl::Milliseconds(80));
  ExpectNear(histogram.Percentile(0.50), absl::Milliseconds(1));
  ExpectNear(histogram.Percentile(0.99), absl::Milliseconds(1));
  ExpectNear(histogram.Percentile(0.999), absl::Milliseconds(80));
}

TEST(LatencyHistogramTest, SmallAndHugeValuesStayInRange) {
  LatencyHistogram histogram;
  histogram.Record(absl::Nanoseconds(3));
  histogram.Record(absl::Hours(2));
  EXPECT_EQ(histogram.Percentile(0.0), absl::Nanoseconds(3));
  EXPECT_EQ(histogram.max(), absl::Hours(2));
  EXPECT_LE(histogram.Percentile(1.0), absl::Hours(2));
}

TEST(LatencyHistogramTest, MergeAddsEverySample) {
  LatencyHistogram fast;
  LatencyHistogram slow;
  for (int i = 0; i < 50; ++i) fast.Record(absl::Milliseconds(1));
  for (int i = 0; i < 50; ++i) slow.Record(absl::Milliseconds(10));
  fast.Merge(slow);
  EXPECT_EQ(fast.count(), 100);
  ExpectNear(fast.Percentile(0.25), absl::Milliseconds(1));
  ExpectNear(fast.Percentile(0.75), absl::Milliseconds(10));
  EXPECT_EQ(fast.max(), absl::Milliseconds(10));
}

}  // namespace
}  // namespace usersessions::loadgen
