// Cost of turning a session's stored JSON into the Struct of a LoadSession response: protobuf's
// JSON parser against the reader the hot path uses (server/service/data_json.h); and of the
// write path's opposite, SerializeData (protobuf's JSON printer plus the depth and size checks).
#include <string>

#include "benchmark/benchmark.h"
#include "google/protobuf/util/json_util.h"
#include "server/service/data_json.h"
#include "server/service/request_validation.h"

namespace usersessions::server {
namespace {

// A typical small session: a payload string like usersessions-loadgen's, plus a few fields.
std::string SessionJson() {
  return "{\"payload\":\"" + std::string(256, 'a') +
         "\",\"cart\":[1,2,3],\"user\":{\"name\":\"Zo\\u00eb\",\"admin\":false}}";
}

void BM_ProtobufJsonParser(benchmark::State& state) {
  const std::string json = SessionJson();
  for (auto _ : state) {
    google::protobuf::Struct data;
    benchmark::DoNotOptimize(google::protobuf::util::JsonStringToMessage(json, &data).ok());
  }
}
BENCHMARK(BM_ProtobufJsonParser);

void BM_ParseStoredData(benchmark::State& state) {
  const std::string json = SessionJson();
  for (auto _ : state) benchmark::DoNotOptimize(ParseStoredData(json).ok());
}
BENCHMARK(BM_ParseStoredData);

void BM_SerializeData(benchmark::State& state) {
  const absl::StatusOr<google::protobuf::Struct> data = ParseStoredData(SessionJson());
  DataLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_depth = 32;
  for (auto _ : state) benchmark::DoNotOptimize(SerializeData(*data, limits).ok());
}
BENCHMARK(BM_SerializeData);

}  // namespace
}  // namespace usersessions::server
