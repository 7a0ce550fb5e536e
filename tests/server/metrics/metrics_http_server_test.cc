#include "server/metrics/metrics_http_server.h"

#include <httplib.h>

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server::metrics {
namespace {

using ::testing::HasSubstr;
using ::usersessions::testing::StatusIs;

TEST(MetricsHttpServerTest, ServesTheRegistryAtMetrics) {
  Registry registry;
  Counter* counter = registry.AddCounter("demo_total", "Demo.");
  ASSERT_OK_AND_ASSIGN(auto server, MetricsHttpServer::Start("127.0.0.1:0", &registry));
  ASSERT_GT(server->port(), 0);
  httplib::Client client("127.0.0.1", server->port());

  counter->Increment(5);
  httplib::Result result = client.Get("/metrics");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), kExpositionContentType);
  EXPECT_THAT(result->body, HasSubstr("\ndemo_total 5\n"));

  counter->Increment();
  result = client.Get("/metrics");
  ASSERT_TRUE(result);
  EXPECT_THAT(result->body, HasSubstr("\ndemo_total 6\n"));
}

TEST(MetricsHttpServerTest, OtherPathsAreNotFound) {
  Registry registry;
  ASSERT_OK_AND_ASSIGN(auto server, MetricsHttpServer::Start("127.0.0.1:0", &registry));
  httplib::Client client("127.0.0.1", server->port());
  httplib::Result result = client.Get("/");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
}

TEST(MetricsHttpServerTest, BusyPortIsUnavailable) {
  Registry registry;
  ASSERT_OK_AND_ASSIGN(auto first, MetricsHttpServer::Start("127.0.0.1:0", &registry));
  EXPECT_THAT(
      MetricsHttpServer::Start("127.0.0.1:" + std::to_string(first->port()), &registry).status(),
      StatusIs(absl::StatusCode::kUnavailable));
}

TEST(MetricsHttpServerTest, MalformedAddressIsInvalid) {
  Registry registry;
  EXPECT_THAT(MetricsHttpServer::Start("nowhere", &registry).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MetricsHttpServerTest, StopsRightAfterStart) {
  Registry registry;
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK_AND_ASSIGN(auto server, MetricsHttpServer::Start("127.0.0.1:0", &registry));
  }
}

}  // namespace
}  // namespace usersessions::server::metrics
