#include "resources/ssh_public_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "model/base64.h"

namespace vueops::resources {
namespace {

// RFC 4253 section 6.6: a key blob is a sequence of SSH "string" and "mpint" values
// (RFC 4251 section 5), each prefixed by its length as a 32-bit big-endian integer.
void AppendLength(std::string& out, size_t length) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((length >> shift) & 0xff));
  }
}

void AppendString(std::string& out, std::string_view value) {
  AppendLength(out, value.size());
  out.append(value);
}

// An mpint is two's complement, big-endian, with no needless leading zero: a positive number
// whose top bit is set gets a zero byte in front.
void AppendMpint(std::string& out, const BIGNUM* number) {
  std::vector<unsigned char> bytes(BN_num_bytes(number));
  BN_bn2bin(number, bytes.data());
  std::string value;
  if (!bytes.empty() && (bytes[0] & 0x80) != 0) value.push_back('\0');
  value.append(bytes.begin(), bytes.end());
  AppendString(out, value);
}

// Fails at once instead of asking on the terminal for an encrypted key's passphrase.
int NoPassphrase(char*, int, int, void*) { return -1; }

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct BignumDeleter {
  void operator()(BIGNUM* number) const { BN_free(number); }
};

}  // namespace

Result<std::string> OpenSshPublicKey(std::string_view pem) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return InternalError("cannot read the private key: out of memory");
  std::unique_ptr<EVP_PKEY, KeyDeleter> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!key) {
    return InvalidArgumentError(
        "not a PEM private key vueops can read (an RSA or Ed25519 key without a passphrase)");
  }
  std::string blob;
  std::string type;
  switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA: {
      BIGNUM* exponent = nullptr;
      BIGNUM* modulus = nullptr;
      if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &exponent) != 1 ||
          EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &modulus) != 1) {
        BN_free(exponent);
        return InvalidArgumentError("the RSA private key has no public exponent or modulus");
      }
      std::unique_ptr<BIGNUM, BignumDeleter> e(exponent), n(modulus);
      type = "ssh-rsa";
      AppendString(blob, type);
      AppendMpint(blob, e.get());
      AppendMpint(blob, n.get());
      break;
    }
    case EVP_PKEY_ED25519: {
      constexpr size_t kEd25519PublicKeySize = 32;  // RFC 8032 section 5.1.5
      unsigned char public_key[kEd25519PublicKeySize];
      size_t size = sizeof public_key;
      if (EVP_PKEY_get_raw_public_key(key.get(), public_key, &size) != 1 ||
          size != kEd25519PublicKeySize) {
        return InvalidArgumentError("the Ed25519 private key has no public key");
      }
      type = "ssh-ed25519";  // RFC 8709 section 4
      AppendString(blob, type);
      AppendString(blob, std::string_view(reinterpret_cast<const char*>(public_key), size));
      break;
    }
    default:
      return InvalidArgumentError(
          "the private key is neither RSA nor Ed25519, the key types EC2 key pairs take");
  }
  return type + " " + model::Base64Encode(blob);
}

std::string WithoutComment(std::string_view public_key) {
  size_t first = public_key.find(' ');
  if (first == std::string_view::npos) return std::string(public_key);
  size_t second = public_key.find_first_of(" \r\n", first + 1);
  return std::string(public_key.substr(0, second));
}

}  // namespace vueops::resources
