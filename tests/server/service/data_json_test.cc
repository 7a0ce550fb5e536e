#include "server/service/data_json.h"

#include <string>

#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/service/request_validation.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using google::protobuf::Struct;
using google::protobuf::util::MessageDifferencer;
using usersessions::testing::StatusIs;

// What protobuf's own parser makes of `json`.
Struct ProtobufParse(const std::string& json) {
  Struct expected;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &expected).ok()) << json;
  return expected;
}

class ParseStoredDataTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseStoredDataTest, AgreesWithProtobufsParser) {
  const std::string json = GetParam();
  ASSERT_OK_AND_ASSIGN(Struct parsed, ParseStoredData(json));
  const Struct expected = ProtobufParse(json);
  EXPECT_TRUE(MessageDifferencer::Equals(parsed, expected))
      << json << "\nparsed:   " << parsed.DebugString() << "\nexpected: " << expected.DebugString();
}

INSTANTIATE_TEST_SUITE_P(
    Documents, ParseStoredDataTest,
    ::testing::Values("{}", " { } ", R"({"a":1})",
                      R"({"cart":["book","pen"],"n":3,"ok":true,"no":false})",
                      R"({"nothing":null,"list":[],"obj":{}})",
                      R"({"nested":{"a":{"b":{"c":[1,[2,[3,{"d":"e"}]]]}}}})",
                      R"({"numbers":[0,-0,1.5,-2.25,1e3,1E-3,6.02e+23,123456789012345678,0.1]})",
                      R"({"escapes":"quote \" backslash \\ slash \/ \b\f\n\r\t end"})",
                      R"({"unicode":"caf\u00e9 \u20ac \ud83d\ude00 é € 😀"})",
                      R"({"\u0041key":"v"})", R"({"empty":"","space":" "})",
                      "{\n  \"pretty\": [ 1 , 2 ],\n  \"x\" : { \"y\" : null }\n}"));

TEST(ParseStoredDataTest, ReadsWhatSerializeDataWrites) {
  ASSERT_OK_AND_ASSIGN(Struct original, [] {
    Struct data;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(
                    R"({"user":{"name":"Zoë","langs":["nl","en"]},"cart":[{"sku":"a-1","qty":2}],
                        "flags":{"beta":true,"gone":null},"score":-12.75,"note":"line\nbreak"})",
                    &data)
                    .ok());
    return absl::StatusOr<Struct>(data);
  }());
  ASSERT_OK_AND_ASSIGN(std::string json, SerializeData(original, DataLimits()));
  ASSERT_OK_AND_ASSIGN(Struct parsed, ParseStoredData(json));
  EXPECT_TRUE(MessageDifferencer::Equals(parsed, original)) << json;
}

// Text the fast reader refuses goes to protobuf's parser, whose verdict stands.
TEST(ParseStoredDataTest, NonJsonIsInternal) {
  for (const char* json : {"", "[]", "{", R"({"a":})", R"({"a" 1})", "{} {}", R"({"a":01})",
                           R"({"a":"\ud800"})", "\"text\"", "{\"a\":\"\xff\"}"}) {
    EXPECT_THAT(ParseStoredData(json), StatusIs(absl::StatusCode::kInternal)) << json;
  }
}

}  // namespace
}  // namespace usersessions::server
