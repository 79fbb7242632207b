// For the moto tests of certificate_validation and listener: an issued ACM certificate.
// ACM issues a requested certificate only once its DNS records resolve (moto: 60 seconds
// after the request); an imported one is issued at once. The certificate is self-signed, made
// here with OpenSSL, for a name under example.com. Included by tests only.
#ifndef VUEOPS_RESOURCES_ACM_IMPORT_FOR_TESTS_H_
#define VUEOPS_RESOURCES_ACM_IMPORT_FOR_TESTS_H_

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <functional>
#include <memory>
#include <string>

#include "client/aws_client.h"

namespace vueops::resources::testing {

namespace internal {

inline std::string PemOf(const std::function<int(BIO*)>& write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || write(bio.get()) != 1) return "";
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

// Blob members travel as base64 text in vueops's JSON, as the AWS CLI takes them.
inline std::string Base64(const std::string& bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                             reinterpret_cast<const unsigned char*>(bytes.data()),
                             static_cast<int>(bytes.size()));
  text.resize(static_cast<size_t>(size));
  return text;
}

}  // namespace internal

// Imports a self-signed certificate for `domain` into ACM; returns its ARN ("" on failure,
// with a test failure recorded).
inline std::string ImportTestCertificate(client::AwsClient& client, const std::string& domain) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), &X509_free);
  if (!key || !certificate) {
    ADD_FAILURE() << "OpenSSL could not make a key";
    return "";
  }
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 365L * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(domain.c_str()), -1, -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  X509_set_pubkey(certificate.get(), key.get());
  if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) {
    ADD_FAILURE() << "OpenSSL could not sign the certificate";
    return "";
  }
  std::string certificate_pem =
      internal::PemOf([&](BIO* bio) { return PEM_write_bio_X509(bio, certificate.get()); });
  std::string key_pem = internal::PemOf([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  Result<Json> imported =
      client.Call("acm", "ImportCertificate",
                  {{"Certificate", internal::Base64(certificate_pem)},
                   {"PrivateKey", internal::Base64(key_pem)}});
  EXPECT_TRUE(imported.ok()) << imported.status().ToString();
  if (!imported.ok()) return "";
  return imported->value("CertificateArn", "");
}

}  // namespace vueops::resources::testing

#endif  // VUEOPS_RESOURCES_ACM_IMPORT_FOR_TESTS_H_
