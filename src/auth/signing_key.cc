#include "auth/signing_key.h"

namespace vueops::auth {
namespace {

// The terminator of every SigV4 credential scope.
constexpr std::string_view kScopeTerminator = "aws4_request";

}  // namespace

SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service) {
  std::string secret;
  secret.reserve(4 + secret_access_key.size());
  secret += "AWS4";
  secret += secret_access_key;
  Sha256Digest key = HmacSha256(secret, date);
  key = HmacSha256(key, region);
  key = HmacSha256(key, service);
  return HmacSha256(key, kScopeTerminator);
}

SigningKey SigningKeyCache::Get(const Credentials& credentials, std::string_view date,
                                std::string_view region, std::string_view service) {
  // A per-thread buffer, so a cache hit allocates nothing.
  thread_local std::string lookup;
  lookup.clear();
  lookup += credentials.access_key_id;
  lookup += '\n';
  lookup += date;
  lookup += '/';
  lookup += region;
  lookup += '/';
  lookup += service;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(std::string_view(lookup));
    if (it != entries_.end() && it->second.secret_access_key == credentials.secret_access_key) {
      return it->second.key;
    }
  }
  SigningKey key = DeriveSigningKey(credentials.secret_access_key, date, region, service);
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(lookup, Entry{credentials.secret_access_key, key});
  return key;
}

}  // namespace vueops::auth
