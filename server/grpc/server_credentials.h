// The credentials of sessiond's gRPC port: plaintext, TLS, or TLS that requires client
// certificates (mutual TLS), with certificates re-read when their files change.
#ifndef USERSESSIONS_SERVER_GRPC_SERVER_CREDENTIALS_H_
#define USERSESSIONS_SERVER_GRPC_SERVER_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"

namespace usersessions::server {

struct TlsFiles {
  // PEM certificate chain and private key; both empty means plaintext.
  std::string cert;
  std::string key;
  // PEM CA bundle; non-empty requires and verifies client certificates.
  std::string client_ca;
};

// How often gRPC checks the TLS files for a new certificate, key or client CA.
inline constexpr absl::Duration kTlsRefreshInterval = absl::Seconds(10);

// Plaintext credentials when `files` is empty, else TLS credentials that re-read the files every
// kTlsRefreshInterval (a rotated certificate applies to new connections). The files are checked
// first, so that a mistake stops sessiond at start: FAILED_PRECONDITION, naming the file, if one
// cannot be read, holds no PEM certificate or key, or the key does not match the certificate.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsFiles& files);

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_SERVER_CREDENTIALS_H_
