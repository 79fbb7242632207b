// CloudFront signed URLs per second on one core (ops/cloudfront_signer.h: policy, SHA-1,
// RSA-2048 PKCS #1 v1.5, CloudFront's base64, URL assembly) beside what the machine's OpenSSL
// signs with the bare RSA-2048 private key (`openssl speed -seconds 3 rsa2048`), the ceiling
// for any signer. Target: at least 90% of OpenSSL's rate, i.e. the policy, hashing and URL work
// cost under a tenth of the RSA operation.
//
// A benchmark reports; it never fails on a number (the machine may be busy).
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <time.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "ops/cloudfront_signer.h"

namespace vueops::bench {
namespace {

constexpr double kSeconds = 3.0;  // as `openssl speed -seconds 3`
constexpr double kTargetRatio = 0.90;

double CpuSeconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// A fresh RSA-2048 key as PKCS#8 PEM.
std::string GenerateKeyPem() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  if (key == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  std::string pem;
  if (PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    pem.assign(data, static_cast<size_t>(length));
  }
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

// `openssl speed`'s RSA-2048 signs per second (its machine-readable +F2 line), or 0.
double OpensslSignsPerSecond() {
  FILE* pipe = ::popen("openssl speed -seconds 3 -mr rsa2048 2>/dev/null", "r");
  if (pipe == nullptr) return 0;
  char line[512];
  double signs = 0;
  while (std::fgets(line, sizeof(line), pipe) != nullptr) {
    unsigned index = 0, bits = 0;
    double sign = 0, verify = 0;
    if (std::sscanf(line, "+F2:%u:%u:%lf:%lf", &index, &bits, &sign, &verify) == 4 &&
        bits == 2048) {
      signs = sign;
    }
  }
  ::pclose(pipe);
  return signs;
}

int Run() {
  std::string pem = GenerateKeyPem();
  Result<ops::CloudFrontSigner> signer = ops::CloudFrontSigner::FromPem(pem, "K2JCJMDEHXQW5F");
  if (!signer.ok()) {
    std::printf("cannot make a signer: %s\n", signer.status().ToString().c_str());
    return 1;
  }
  ops::CloudFrontGrant grant;
  grant.resource = "https://media.vueocity.com/p/lectures/2026/intro-to-aws.mp4";
  grant.date_less_than = 1'900'000'000;
  long urls = 0;
  double start = CpuSeconds();
  double elapsed = 0;
  while (elapsed < kSeconds) {
    for (int i = 0; i < 100; ++i) {
      grant.date_less_than = 1'900'000'000 + urls;  // a different policy each time
      Result<std::string> url = signer->SignUrl(grant, ops::SignatureHash::kSha1);
      if (!url.ok()) {
        std::printf("signing failed: %s\n", url.status().ToString().c_str());
        return 1;
      }
      ++urls;
    }
    elapsed = CpuSeconds() - start;
  }
  const double ours = urls / elapsed;
  std::printf("CloudFront signed URLs (canned policy, RSA-2048, SHA-1), one core:\n");
  std::printf("  vueops:                  %8.0f URLs per second (%.1f us each)\n", ours,
              elapsed / urls * 1e6);
  const double openssl = OpensslSignsPerSecond();
  if (openssl <= 0) {
    std::printf("  openssl speed rsa2048:   not available (no openssl on PATH?)\n");
    return 0;
  }
  std::printf("  openssl speed rsa2048:   %8.0f signs per second (the bare RSA operation)\n",
              openssl);
  std::printf("  ratio: %.1f%% of OpenSSL's signing rate (target >= %.0f%%)%s\n",
              100.0 * ours / openssl, 100.0 * kTargetRatio,
              ours / openssl >= kTargetRatio ? "" : "  [below target]");
  return 0;
}

}  // namespace
}  // namespace vueops::bench

int main() { return vueops::bench::Run(); }
