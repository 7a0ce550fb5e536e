#include "server/metrics/registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace usersessions::server::metrics {
namespace {

bool IsValidName(const std::string& name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const bool ok = absl::ascii_isalpha(c) || c == '_' || (allow_colon && c == ':') ||
                    (i > 0 && absl::ascii_isdigit(c));
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "metrics registry: %s\n", message.c_str());
  std::abort();
}

// HELP text escapes backslash and newline; label values also escape the double quote.
std::string Escape(const std::string& text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Integers print exactly; other values with enough digits to round-trip.
std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  // The shortest text that reads back as the same double; plain decimals in the usual range, so
  // that bucket bounds read le="0.0005" rather than le="5e-04".
  char buffer[64];
  const double magnitude = std::fabs(value);
  const auto result =
      magnitude >= 1e-6 && magnitude < 1e15
          ? std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed)
          : std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// `{a="x",b="y"}`, with `extra` (already formatted, e.g. le="0.5") appended; empty when there
// are no labels at all.
std::string LabelSet(const std::vector<std::string>& names, const std::vector<std::string>& values,
                     const std::string& extra = "") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", names[i], "=\"", Escape(values[i], true), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&out, out.empty() ? "" : ",", extra);
  return out.empty() ? out : absl::StrCat("{", out, "}");
}

void CheckBounds(const std::vector<double>& bounds) {
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    if (!(bounds[i] < bounds[i + 1])) Die("histogram bounds must be strictly increasing");
  }
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  CheckBounds(bounds_);
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  // The first bound >= value: buckets are "less than or equal" (le).
  const size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                       bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  double sum = sum_.load(std::memory_order_relaxed);
  while (!sum_.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed)) {
  }
}

uint64_t Histogram::Count() const {
  uint64_t count = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) count += BucketCount(i);
  return count;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

template <typename Metric>
Metric* Family<Metric>::WithLabels(const std::vector<std::string>& values) {
  if (values.size() != label_names_.size()) {
    Die(absl::StrCat("expected ", label_names_.size(), " label values, got ", values.size()));
  }
  absl::MutexLock lock(&mu_);
  for (Series& series : series_) {
    if (series.label_values == values) return series.metric.get();
  }
  series_.push_back(Series{values, make_()});
  return series_.back().metric.get();
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void Registry::Add(Entry entry, const std::vector<std::string>& label_names) {
  if (!IsValidName(entry.name, /*allow_colon=*/true)) Die("invalid metric name " + entry.name);
  for (const std::string& label : label_names) {
    if (!IsValidName(label, /*allow_colon=*/false) || label == "le") {
      Die(absl::StrCat("invalid label name ", label, " of ", entry.name));
    }
  }
  for (const Entry& existing : entries_) {
    if (existing.name == entry.name) Die("metric registered twice: " + entry.name);
  }
  entries_.push_back(std::move(entry));
}

CounterFamily* Registry::AddCounterFamily(const std::string& name, const std::string& help,
                                          std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  counters_.push_back(std::unique_ptr<CounterFamily>(
      new CounterFamily(label_names, [] { return std::make_unique<Counter>(); })));
  CounterFamily* family = counters_.back().get();
  Add({name, help, "counter",
       [family](const std::string& metric, std::string& out) {
         absl::MutexLock series_lock(&family->mu_);
         for (const auto& series : family->series_) {
           absl::StrAppend(&out, metric, LabelSet(family->label_names_, series.label_values), " ",
                           series.metric->Value(), "\n");
         }
       }},
      label_names);
  return family;
}

GaugeFamily* Registry::AddGaugeFamily(const std::string& name, const std::string& help,
                                      std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  gauges_.push_back(std::unique_ptr<GaugeFamily>(
      new GaugeFamily(label_names, [] { return std::make_unique<Gauge>(); })));
  GaugeFamily* family = gauges_.back().get();
  Add({name, help, "gauge",
       [family](const std::string& metric, std::string& out) {
         absl::MutexLock series_lock(&family->mu_);
         for (const auto& series : family->series_) {
           absl::StrAppend(&out, metric, LabelSet(family->label_names_, series.label_values), " ",
                           FormatValue(series.metric->Value()), "\n");
         }
       }},
      label_names);
  return family;
}

HistogramFamily* Registry::AddHistogramFamily(const std::string& name, const std::string& help,
                                              std::vector<std::string> label_names,
                                              std::vector<double> bounds) {
  CheckBounds(bounds);
  absl::MutexLock lock(&mu_);
  histograms_.push_back(std::unique_ptr<HistogramFamily>(
      new HistogramFamily(label_names, [bounds] { return std::make_unique<Histogram>(bounds); })));
  HistogramFamily* family = histograms_.back().get();
  Add({name, help, "histogram",
       [family](const std::string& metric, std::string& out) {
         absl::MutexLock series_lock(&family->mu_);
         for (const auto& series : family->series_) {
           const Histogram& histogram = *series.metric;
           const auto& names = family->label_names_;
           const auto& values = series.label_values;
           uint64_t cumulative = 0;
           for (size_t i = 0; i <= histogram.bounds().size(); ++i) {
             cumulative += histogram.BucketCount(i);
             const std::string le =
                 i < histogram.bounds().size() ? FormatValue(histogram.bounds()[i]) : "+Inf";
             absl::StrAppend(&out, metric, "_bucket",
                             LabelSet(names, values, absl::StrCat("le=\"", le, "\"")), " ",
                             cumulative, "\n");
           }
           // _count equals the +Inf bucket, as the format requires, even while Observe races.
           absl::StrAppend(&out, metric, "_sum", LabelSet(names, values), " ",
                           FormatValue(histogram.Sum()), "\n", metric, "_count",
                           LabelSet(names, values), " ", cumulative, "\n");
         }
       }},
      label_names);
  return family;
}

Counter* Registry::AddCounter(const std::string& name, const std::string& help) {
  return AddCounterFamily(name, help, {})->WithLabels({});
}

Gauge* Registry::AddGauge(const std::string& name, const std::string& help) {
  return AddGaugeFamily(name, help, {})->WithLabels({});
}

void Registry::AddGaugeCallback(const std::string& name, const std::string& help,
                                std::vector<std::string> label_names,
                                std::function<std::vector<GaugeSample>()> collect) {
  absl::MutexLock lock(&mu_);
  Add({name, help, "gauge",
       [label_names, collect = std::move(collect)](const std::string& metric, std::string& out) {
         for (const auto& [values, value] : collect()) {
           if (values.size() != label_names.size()) Die("gauge callback label count of " + metric);
           absl::StrAppend(&out, metric, LabelSet(label_names, values), " ", FormatValue(value),
                           "\n");
         }
       }},
      label_names);
}

std::string Registry::Expose() const {
  absl::MutexLock lock(&mu_);
  std::string out;
  for (const Entry& entry : entries_) {
    absl::StrAppend(&out, "# HELP ", entry.name, " ", Escape(entry.help, false), "\n", "# TYPE ",
                    entry.name, " ", entry.type, "\n");
    entry.render(entry.name, out);
  }
  return out;
}

}  // namespace usersessions::server::metrics
