#include "bench/loadgen/requests.h"

#include "absl/strings/str_cat.h"

namespace usersessions::loadgen {
namespace {

constexpr char kUserAgent[] =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 "
    "usersessions-loadgen/1.0";

}  // namespace

google::protobuf::Struct MakePayload(int64_t payload_bytes) {
  std::string text(static_cast<size_t>(payload_bytes), 'x');
  for (size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
  google::protobuf::Struct data;
  (*data.mutable_fields())["payload"].set_string_value(std::move(text));
  return data;
}

std::string UserOf(absl::string_view run_id, int64_t index, int64_t users) {
  return absl::StrCat("loadgen-", run_id, "-", index % users);
}

v1::ClientInfo ClientOf(int64_t index, int64_t touch) {
  v1::ClientInfo client;
  client.set_ip_address(absl::StrCat("198.51.100.", 1 + index % 254));
  client.set_user_agent(touch > 0 ? absl::StrCat(kUserAgent, " touch/", touch) : kUserAgent);
  return client;
}

}  // namespace usersessions::loadgen
