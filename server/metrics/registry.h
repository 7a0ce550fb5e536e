// A small Prometheus metrics registry: counters, gauges and histograms with fixed buckets, grouped
// in labelled families, rendered in the Prometheus text exposition format (version 0.0.4).
//
// Updating a metric is lock-free (relaxed atomics). Creating a family or a labelled series takes
// a mutex; callers on a hot path resolve their series once and keep the pointer, which stays
// valid for the registry's lifetime.
#ifndef USERSESSIONS_SERVER_METRICS_REGISTRY_H_
#define USERSESSIONS_SERVER_METRICS_REGISTRY_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace usersessions::server::metrics {

// A monotonically increasing count. Thread-safe.
class Counter {
 public:
  void Increment(uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down. Thread-safe.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into fixed buckets, with their count and sum. Thread-safe. A scrape that
// races an Observe may see the bucket and the sum of that observation apart; Prometheus
// tolerates this, and no count is ever lost.
class Histogram {
 public:
  // `bounds` are the bucket upper bounds, strictly increasing; +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);

  void Observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Non-cumulative count of bucket `i` (i == bounds().size() is the +Inf bucket).
  uint64_t BucketCount(size_t i) const { return buckets_[i].load(std::memory_order_relaxed); }
  uint64_t Count() const;
  double Sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
};

// Latency buckets in seconds, from 0.5 ms to 10 s: a point read on a warm pool lands in the
// first buckets, a store outage at the top.
std::vector<double> DefaultLatencyBuckets();

// All series of one metric name, distinguished by the values of `label_names`. Thread-safe.
template <typename Metric>
class Family {
 public:
  // Returns the series with these label values (one per label name, in order), creating it on
  // first use. The pointer is valid for the family's lifetime.
  Metric* WithLabels(const std::vector<std::string>& values);

 private:
  friend class Registry;
  struct Series {
    std::vector<std::string> label_values;
    std::unique_ptr<Metric> metric;
  };
  Family(std::vector<std::string> label_names, std::function<std::unique_ptr<Metric>()> make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}

  const std::vector<std::string> label_names_;
  const std::function<std::unique_ptr<Metric>()> make_;
  mutable absl::Mutex mu_;
  std::deque<Series> series_ ABSL_GUARDED_BY(mu_);
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// Owns metric families and renders them. Names must match [a-zA-Z_:][a-zA-Z0-9_:]* and be
// registered once; label names must match [a-zA-Z_][a-zA-Z0-9_]*. Violations are programming
// errors and abort. Thread-safe.
class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  CounterFamily* AddCounterFamily(const std::string& name, const std::string& help,
                                  std::vector<std::string> label_names);
  GaugeFamily* AddGaugeFamily(const std::string& name, const std::string& help,
                              std::vector<std::string> label_names);
  HistogramFamily* AddHistogramFamily(const std::string& name, const std::string& help,
                                      std::vector<std::string> label_names,
                                      std::vector<double> bounds);

  // Unlabelled shorthands.
  Counter* AddCounter(const std::string& name, const std::string& help);
  Gauge* AddGauge(const std::string& name, const std::string& help);

  // A gauge family whose series are read at scrape time: `collect` returns (label values,
  // value) pairs. It is called from Expose() on the scraping thread and must be thread-safe.
  using GaugeSample = std::pair<std::vector<std::string>, double>;
  void AddGaugeCallback(const std::string& name, const std::string& help,
                        std::vector<std::string> label_names,
                        std::function<std::vector<GaugeSample>()> collect);

  // The Prometheus text format of every family, in registration order; series in creation order.
  std::string Expose() const;

 private:
  struct Entry {
    std::string name;
    std::string help;
    std::string type;  // counter, gauge, histogram
    std::function<void(const std::string& name, std::string& out)> render;
  };
  void Add(Entry entry, const std::vector<std::string>& label_names);

  mutable absl::Mutex mu_;
  std::vector<Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<CounterFamily>> counters_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<GaugeFamily>> gauges_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<HistogramFamily>> histograms_ ABSL_GUARDED_BY(mu_);
};

// The content type of Registry::Expose() output.
inline constexpr char kExpositionContentType[] = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_REGISTRY_H_
