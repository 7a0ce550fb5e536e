#include "tests/client/internal/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace usersessions::client::testing {
namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

Key NewKey() { return Key(EVP_EC_gen("P-256")); }

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (extension == nullptr) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (self-signed when
// `issuer` is null).
Cert NewCert(EVP_PKEY* key, const char* common_name, long serial, X509* issuer,
             EVP_PKEY* issuer_key, bool is_ca, const char* subject_alt_names) {
  Cert cert(X509_new());
  if (!cert) return nullptr;
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (!AddExtension(cert.get(), signer, NID_basic_constraints,
                    is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE")) {
    return nullptr;
  }
  if (is_ca && !AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign")) {
    return nullptr;
  }
  if (subject_alt_names != nullptr &&
      !AddExtension(cert.get(), signer, NID_subject_alt_name, subject_alt_names)) {
    return nullptr;
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) return nullptr;
  return cert;
}

std::string ToPem(X509* cert) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, size);
}

std::string ToPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, size);
}

}  // namespace

absl::StatusOr<TestCertificates> MakeTestCertificates() {
  Key ca_key = NewKey();
  Key server_key = NewKey();
  Key client_key = NewKey();
  if (!ca_key || !server_key || !client_key) return absl::InternalError("key generation failed");
  Cert ca = NewCert(ca_key.get(), "usersessions test CA", 1, nullptr, ca_key.get(), true, nullptr);
  if (!ca) return absl::InternalError("CA certificate failed");
  Cert server = NewCert(server_key.get(), "localhost", 2, ca.get(), ca_key.get(), false,
                        "IP:127.0.0.1,DNS:localhost");
  Cert client = NewCert(client_key.get(), "sessionctl", 3, ca.get(), ca_key.get(), false, nullptr);
  if (!server || !client) return absl::InternalError("leaf certificate failed");
  return TestCertificates{ToPem(ca.get()), ToPem(server.get()), ToPem(server_key.get()),
                          ToPem(client.get()), ToPem(client_key.get())};
}

}  // namespace usersessions::client::testing
