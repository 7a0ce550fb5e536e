#include "server/grpc/server_credentials.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace usersessions::server {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::FailedPreconditionError(
        absl::StrCat("--", flag, ": cannot read ", path, ": ", std::strerror(errno)));
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::unique_ptr<BIO, BioDeleter> MemoryBio(const std::string& pem) {
  return std::unique_ptr<BIO, BioDeleter>(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::unique_ptr<X509, X509Deleter> FirstCertificate(const std::string& pem) {
  auto bio = MemoryBio(pem);
  return std::unique_ptr<X509, X509Deleter>(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// Checks the files the way the TLS handshake will use them.
absl::Status CheckTlsFiles(const TlsFiles& files) {
  absl::StatusOr<std::string> cert = ReadFile(files.cert, "tls-cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadFile(files.key, "tls-key");
  if (!key.ok()) return key.status();
  std::unique_ptr<X509, X509Deleter> certificate = FirstCertificate(*cert);
  if (certificate == nullptr) {
    ERR_clear_error();
    return absl::FailedPreconditionError(
        absl::StrCat("--tls-cert: ", files.cert, " holds no PEM certificate"));
  }
  auto key_bio = MemoryBio(*key);
  std::unique_ptr<EVP_PKEY, KeyDeleter> private_key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (private_key == nullptr) {
    ERR_clear_error();
    return absl::FailedPreconditionError(
        absl::StrCat("--tls-key: ", files.key, " holds no PEM private key (or it is encrypted)"));
  }
  if (X509_check_private_key(certificate.get(), private_key.get()) != 1) {
    ERR_clear_error();
    return absl::FailedPreconditionError(absl::StrCat(
        "--tls-key: ", files.key, " is not the key of the certificate in ", files.cert));
  }
  if (!files.client_ca.empty()) {
    absl::StatusOr<std::string> ca = ReadFile(files.client_ca, "tls-client-ca");
    if (!ca.ok()) return ca.status();
    if (FirstCertificate(*ca) == nullptr) {
      ERR_clear_error();
      return absl::FailedPreconditionError(
          absl::StrCat("--tls-client-ca: ", files.client_ca, " holds no PEM certificate"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsFiles& files) {
  if (files.cert.empty() && files.key.empty()) return grpc::InsecureServerCredentials();
  if (absl::Status checked = CheckTlsFiles(files); !checked.ok()) return checked;
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key, files.cert, files.client_ca,
      static_cast<unsigned int>(absl::ToInt64Seconds(kTlsRefreshInterval)));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (files.client_ca.empty()) {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace usersessions::server
