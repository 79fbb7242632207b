#include "auth/crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cassert>
#include <cstdlib>

namespace vueops::auth {
namespace {

// Algorithms fetched once per process: an implicit fetch on every call is what makes naive
// OpenSSL 3 code several times slower than OpenSSL 1.1 for small inputs.
EVP_MD* FetchedSha256() {
  static EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();  // OpenSSL without SHA-256 cannot sign anything
    return fetched;
  }();
  return md;
}

EVP_MAC* FetchedHmac() {
  static EVP_MAC* mac = [] {
    EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (fetched == nullptr) std::abort();
    return fetched;
  }();
  return mac;
}

// One digest context per thread, reinitialised for each hash.
class ThreadDigestContext {
 public:
  ThreadDigestContext() : context_(EVP_MD_CTX_new()) {
    if (context_ == nullptr) std::abort();
  }
  ~ThreadDigestContext() { EVP_MD_CTX_free(context_); }
  ThreadDigestContext(const ThreadDigestContext&) = delete;
  ThreadDigestContext& operator=(const ThreadDigestContext&) = delete;
  EVP_MD_CTX* get() { return context_; }

 private:
  EVP_MD_CTX* context_;
};

// One HMAC context per thread, created with SHA-256 as its digest; each use re-keys it, which
// costs two compression rounds and no allocation.
class ThreadHmacContext {
 public:
  ThreadHmacContext() : context_(EVP_MAC_CTX_new(FetchedHmac())) {
    if (context_ == nullptr) std::abort();
    char digest_name[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                           OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(context_, params) != 1) std::abort();
  }
  ~ThreadHmacContext() { EVP_MAC_CTX_free(context_); }
  ThreadHmacContext(const ThreadHmacContext&) = delete;
  ThreadHmacContext& operator=(const ThreadHmacContext&) = delete;
  EVP_MAC_CTX* get() { return context_; }

 private:
  EVP_MAC_CTX* context_;
};

}  // namespace

Sha256Digest Sha256(std::string_view data) {
  thread_local ThreadDigestContext context;
  Sha256Digest digest;
  unsigned int size = 0;
  // These calls fail only on allocation failure inside OpenSSL or a broken provider.
  if (EVP_DigestInit_ex2(context.get(), FetchedSha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1) {
    std::abort();
  }
  assert(size == kSha256Size);
  return digest;
}

Sha256Digest HmacSha256(std::string_view key, std::string_view data) {
  thread_local ThreadHmacContext context;
  Sha256Digest digest;
  size_t size = 0;
  if (EVP_MAC_init(context.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   nullptr) != 1 ||
      EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1 ||
      EVP_MAC_final(context.get(), digest.data(), &size, digest.size()) != 1) {
    std::abort();
  }
  assert(size == kSha256Size);
  return digest;
}

void AppendHex(std::string& out, const uint8_t* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  size_t start = out.size();
  out.resize(start + 2 * size);
  char* cursor = out.data() + start;
  for (size_t i = 0; i < size; ++i) {
    *cursor++ = kDigits[data[i] >> 4];
    *cursor++ = kDigits[data[i] & 0xf];
  }
}

std::string Base64Encode(std::string_view data) {
  // EVP_EncodeBlock writes 4 characters per 3 input bytes (rounded up) and a terminating NUL.
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()),
                                static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

}  // namespace vueops::auth
