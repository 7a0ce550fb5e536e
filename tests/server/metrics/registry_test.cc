#include "server/metrics/registry.h"

#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace usersessions::server::metrics {
namespace {

using ::testing::HasSubstr;

TEST(RegistryTest, CountersRenderWithHelpTypeAndLabels) {
  Registry registry;
  CounterFamily* requests =
      registry.AddCounterFamily("app_requests_total", "Requests served.", {"method", "code"});
  requests->WithLabels({"Get", "OK"})->Increment();
  requests->WithLabels({"Get", "OK"})->Increment(2);
  requests->WithLabels({"Put", "ABORTED"})->Increment();
  EXPECT_EQ(registry.Expose(),
            "# HELP app_requests_total Requests served.\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{method=\"Get\",code=\"OK\"} 3\n"
            "app_requests_total{method=\"Put\",code=\"ABORTED\"} 1\n");
}

TEST(RegistryTest, WithLabelsReturnsTheSameSeriesForTheSameValues) {
  Registry registry;
  CounterFamily* family = registry.AddCounterFamily("c_total", "h", {"a"});
  EXPECT_EQ(family->WithLabels({"x"}), family->WithLabels({"x"}));
  EXPECT_NE(family->WithLabels({"x"}), family->WithLabels({"y"}));
}

TEST(RegistryTest, EscapesLabelValuesAndHelp) {
  Registry registry;
  registry.AddCounterFamily("c_total", "line one\nback\\slash", {"v"})
      ->WithLabels({"quote\" back\\ nl\n"})
      ->Increment();
  EXPECT_EQ(registry.Expose(),
            "# HELP c_total line one\\nback\\\\slash\n"
            "# TYPE c_total counter\n"
            "c_total{v=\"quote\\\" back\\\\ nl\\n\"} 1\n");
}

TEST(RegistryTest, GaugesPrintIntegersExactlyAndFractionsShortest) {
  Registry registry;
  registry.AddGauge("g_int", "h")->Set(42);
  registry.AddGauge("g_frac", "h")->Set(0.1);
  registry.AddGauge("g_neg", "h")->Set(-2.5);
  registry.AddGauge("g_small", "h")->Set(0.0005);
  registry.AddGauge("g_tiny", "h")->Set(1e-9);
  const std::string text = registry.Expose();
  EXPECT_THAT(text, HasSubstr("\ng_int 42\n"));
  EXPECT_THAT(text, HasSubstr("\ng_frac 0.1\n"));
  EXPECT_THAT(text, HasSubstr("\ng_neg -2.5\n"));
  EXPECT_THAT(text, HasSubstr("\ng_small 0.0005\n"));
  EXPECT_THAT(text, HasSubstr("\ng_tiny 1e-09\n"));
}

TEST(RegistryTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry registry;
  Histogram* h =
      registry.AddHistogramFamily("lat_seconds", "Latency.", {"m"}, {0.1, 1})->WithLabels({"A"});
  h->Observe(0.05);
  h->Observe(0.1);  // le is inclusive
  h->Observe(0.5);
  h->Observe(7);
  EXPECT_EQ(registry.Expose(),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{m=\"A\",le=\"0.1\"} 2\n"
            "lat_seconds_bucket{m=\"A\",le=\"1\"} 3\n"
            "lat_seconds_bucket{m=\"A\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{m=\"A\"} 7.65\n"
            "lat_seconds_count{m=\"A\"} 4\n");
  EXPECT_EQ(h->Count(), 4u);
}

TEST(RegistryTest, UnlabelledHistogramHasOnlyTheLeLabel) {
  Registry registry;
  registry.AddHistogramFamily("h_seconds", "h", {}, {1})->WithLabels({})->Observe(2);
  EXPECT_THAT(registry.Expose(), HasSubstr("h_seconds_bucket{le=\"1\"} 0\n"
                                           "h_seconds_bucket{le=\"+Inf\"} 1\n"
                                           "h_seconds_sum 2\n"
                                           "h_seconds_count 1\n"));
}

TEST(RegistryTest, GaugeCallbacksAreReadAtEveryScrape) {
  Registry registry;
  int calls = 0;
  registry.AddGaugeCallback("pool_connections", "Pool.", {"state"}, [&calls] {
    ++calls;
    return std::vector<Registry::GaugeSample>{{{"in_use"}, static_cast<double>(calls)},
                                              {{"idle"}, 3.0}};
  });
  EXPECT_THAT(registry.Expose(), HasSubstr("pool_connections{state=\"in_use\"} 1\n"
                                           "pool_connections{state=\"idle\"} 3\n"));
  EXPECT_THAT(registry.Expose(), HasSubstr("pool_connections{state=\"in_use\"} 2\n"));
}

TEST(RegistryTest, FamiliesRenderInRegistrationOrder) {
  Registry registry;
  registry.AddCounter("b_total", "h");
  registry.AddCounter("a_total", "h");
  const std::string text = registry.Expose();
  EXPECT_LT(text.find("b_total"), text.find("a_total"));
}

TEST(RegistryTest, ConcurrentUpdatesLoseNothing) {
  Registry registry;
  CounterFamily* family = registry.AddCounterFamily("c_total", "h", {"t"});
  Histogram* histogram = registry.AddHistogramFamily("h_seconds", "h", {}, {0.5})->WithLabels({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        family->WithLabels({"x"})->Increment();
        histogram->Observe(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(family->WithLabels({"x"})->Value(), 40000u);
  EXPECT_EQ(histogram->Count(), 40000u);
  EXPECT_EQ(histogram->Sum(), 40000.0);
}

TEST(RegistryDeathTest, RejectsInvalidAndDuplicateNames) {
  EXPECT_DEATH(Registry().AddCounter("bad-name", "h"), "invalid metric name");
  EXPECT_DEATH(Registry().AddCounterFamily("c_total", "h", {"le"}), "invalid label name");
  EXPECT_DEATH(
      {
        Registry registry;
        registry.AddCounter("c_total", "h");
        registry.AddGauge("c_total", "h");
      },
      "registered twice");
  EXPECT_DEATH(Registry().AddHistogramFamily("h", "h", {}, {1, 1}), "strictly increasing");
}

}  // namespace
}  // namespace usersessions::server::metrics
