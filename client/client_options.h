// How a client reaches sessiond.
#ifndef USERSESSIONS_CLIENT_CLIENT_OPTIONS_H_
#define USERSESSIONS_CLIENT_CLIENT_OPTIONS_H_

#include <map>
#include <string>

#include "absl/time/time.h"

namespace usersessions::client {

struct ClientOptions {
  // sessiond's address, HOST:PORT (or any gRPC target such as dns:///sessiond:50051).
  std::string server = "127.0.0.1:50051";
  // Bearer token sent as `authorization: Bearer <token>`; empty sends none.
  std::string token;
  // TLS: a CA bundle file to verify the server enables TLS. A client certificate and key (files)
  // add mutual TLS. All empty: plaintext.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  // Deadline of each attempt of a call.
  absl::Duration call_timeout = absl::Seconds(5);
  // Retries of safe calls (reads and idempotent deletes) that fail with UNAVAILABLE, with
  // exponential backoff from initial_backoff up to max_backoff. 0 disables retries.
  int max_retries = 3;
  absl::Duration initial_backoff = absl::Milliseconds(50);
  absl::Duration max_backoff = absl::Seconds(1);
  // Extra gRPC channel arguments (integer-valued), for example {"grpc.keepalive_time_ms", 30000}.
  std::map<std::string, int> channel_int_args;
};

}  // namespace usersessions::client

#endif  // USERSESSIONS_CLIENT_CLIENT_OPTIONS_H_
