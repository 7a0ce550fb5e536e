// A throwaway CA with a server and a client certificate, made in memory for TLS tests so that no
// key material is checked in.
#ifndef USERSESSIONS_TESTS_CLIENT_INTERNAL_TEST_CERTIFICATES_H_
#define USERSESSIONS_TESTS_CLIENT_INTERNAL_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/statusor.h"

namespace usersessions::client::testing {

// PEM text. The server certificate is valid for 127.0.0.1 and localhost; both leaf
// certificates are signed by the CA and valid for a day.
struct TestCertificates {
  std::string ca_cert;
  std::string server_cert;
  std::string server_key;
  std::string client_cert;
  std::string client_key;
};

absl::StatusOr<TestCertificates> MakeTestCertificates();

}  // namespace usersessions::client::testing

#endif  // USERSESSIONS_TESTS_CLIENT_INTERNAL_TEST_CERTIFICATES_H_
