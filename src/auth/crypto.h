// The few primitives SigV4 and the credential cache need: SHA-256, HMAC-SHA256, hex and base64,
// all on OpenSSL 3's EVP interfaces.
//
// Signing is on the hot path of every AWS call, so these reuse per-thread OpenSSL contexts and
// algorithms fetched once: after a thread's first call they allocate nothing but their result.
#ifndef VUEOPS_AUTH_CRYPTO_H_
#define VUEOPS_AUTH_CRYPTO_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace vueops::auth {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

Sha256Digest Sha256(std::string_view data);
Sha256Digest HmacSha256(std::string_view key, std::string_view data);
inline Sha256Digest HmacSha256(const Sha256Digest& key, std::string_view data) {
  return HmacSha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), data);
}

// Lowercase hex, as SigV4 writes hashes and signatures.
void AppendHex(std::string& out, const uint8_t* data, size_t size);
inline std::string HexEncode(const Sha256Digest& digest) {
  std::string out;
  AppendHex(out, digest.data(), digest.size());
  return out;
}
inline std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

// Standard base64 with padding (RFC 4648 section 4), as S3 POST policies use.
std::string Base64Encode(std::string_view data);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CRYPTO_H_
