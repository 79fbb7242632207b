// SigV4 task 3's key derivation and a cache for it.
//
// kSecret = "AWS4" + secret access key
// kDate = HMAC(kSecret, "20150830"); kRegion = HMAC(kDate, region);
// kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request")
// (AWS Signature Version 4, "Calculate the signature"). The key only changes with the date,
// region, service and secret, so the cache turns four HMACs per request into one lookup.
#ifndef VUEOPS_AUTH_SIGNING_KEY_H_
#define VUEOPS_AUTH_SIGNING_KEY_H_

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/credentials.h"
#include "auth/crypto.h"

namespace vueops::auth {

using SigningKey = Sha256Digest;

// `date` is the scope date, "YYYYMMDD".
SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service);

// Thread-safe. Keys are held per access key id, date, region and service; an entry whose
// secret no longer matches (a rotated key reusing the id) is derived again.
class SigningKeyCache {
 public:
  SigningKey Get(const Credentials& credentials, std::string_view date, std::string_view region,
                 std::string_view service);

 private:
  // Bounds memory: many dates or regions in one long process clear the cache, which
  // costs a few derivations.
  static constexpr size_t kMaxEntries = 256;

  struct Entry {
    std::string secret_access_key;
    SigningKey key;
  };
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };

  std::mutex mutex_;
  std::unordered_map<std::string, Entry, TransparentHash, std::equal_to<>> entries_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_SIGNING_KEY_H_
