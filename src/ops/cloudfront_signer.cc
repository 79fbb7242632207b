#include "ops/cloudfront_signer.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace vueops::ops {
namespace {

// CloudFront Developer Guide, "Code examples for creating a signature for a signed URL": with
// SHA-256 the URL carries Hash-Algorithm=SHA256 (and a cookie CloudFront-Hash-Algorithm).
constexpr std::string_view kSha256Name = "SHA256";

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct DigestDeleter {
  void operator()(EVP_MD* digest) const { EVP_MD_free(digest); }
};
struct SignContextDeleter {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
using SignContext = std::unique_ptr<EVP_PKEY_CTX, SignContextDeleter>;

// OpenSSL would otherwise ask on the terminal for an encrypted key's pass phrase.
int NoPassphrase(char*, int, int, void*) { return -1; }

bool IsKeyPairId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

// RFC 8017 section 9.2, note 1: the DER DigestInfo that precedes each hash in an
// EMSA-PKCS1-v1_5 encoded message.
constexpr unsigned char kSha1DigestInfo[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                             0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
constexpr unsigned char kSha256DigestInfo[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                               0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                               0x01, 0x05, 0x00, 0x04, 0x20};

// The key with an RSA context initialised once for PKCS #1 v1.5 signing, as `openssl speed`
// signs, and per hash the digest fetched once: setting a context up per signature costs about
// a tenth of the RSA operation, and letting OpenSSL wrap the DigestInfo (set_signature_md)
// another twentieth, so vueops writes the DigestInfo itself (the signature is the same bytes).
// The context is used by one thread at a time; a second thread signing at the same moment
// works on its own copy.
struct CloudFrontSigner::Key {
  std::unique_ptr<EVP_PKEY, KeyDeleter> pkey;
  std::unique_ptr<EVP_MD, DigestDeleter> sha1, sha256;
  SignContext context;
  std::mutex busy;

  bool Prepare() {
    sha1.reset(EVP_MD_fetch(nullptr, "SHA1", nullptr));
    sha256.reset(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    context.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    return sha1 != nullptr && sha256 != nullptr && context != nullptr &&
           EVP_PKEY_sign_init(context.get()) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) == 1;
  }
};

Result<SignatureHash> ParseSignatureHash(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sha1") return SignatureHash::kSha1;
  if (lower == "sha256") return SignatureHash::kSha256;
  return InvalidArgumentError("unknown hash '" + std::string(name) +
                              "'; use sha1 (CloudFront's default) or sha256");
}

CloudFrontSigner::CloudFrontSigner(std::unique_ptr<Key> key, std::string key_pair_id)
    : key_(std::move(key)), key_pair_id_(std::move(key_pair_id)) {}
CloudFrontSigner::CloudFrontSigner(CloudFrontSigner&&) noexcept = default;
CloudFrontSigner& CloudFrontSigner::operator=(CloudFrontSigner&&) noexcept = default;
CloudFrontSigner::~CloudFrontSigner() = default;

Result<CloudFrontSigner> CloudFrontSigner::FromPem(std::string_view private_key_pem,
                                                   std::string key_pair_id) {
  if (!IsKeyPairId(key_pair_id)) {
    return InvalidArgumentError("'" + key_pair_id +
                                "' is not a CloudFront public key id (letters and digits, e.g. "
                                "K2JCJMDEHXQW5F)");
  }
  if (private_key_pem.find("ENCRYPTED") != std::string_view::npos) {
    return InvalidArgumentError(
        "the private key is encrypted with a pass phrase; vueops signs with an unencrypted key "
        "kept in Secrets Manager or a mode-0600 file (openssl rsa -in KEY -out PLAIN)");
  }
  std::unique_ptr<BIO, BioDeleter> bio(
      BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  if (bio == nullptr) return InternalError("OpenSSL could not allocate a buffer");
  auto key = std::make_unique<Key>();
  key->pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  ERR_clear_error();
  if (key->pkey == nullptr) {
    return InvalidArgumentError(
        "no PEM private key ('-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN PRIVATE "
        "KEY-----') could be read");
  }
  if (EVP_PKEY_get_base_id(key->pkey.get()) != EVP_PKEY_RSA) {
    return InvalidArgumentError(
        "the private key is not an RSA key; CloudFront key groups hold RSA 2048-bit keys");
  }
  if (!key->Prepare()) {
    ERR_clear_error();
    return InternalError("OpenSSL could not prepare RSA signing with SHA-1 and SHA-256");
  }
  return CloudFrontSigner(std::move(key), std::move(key_pair_id));
}

Result<std::string> CloudFrontSigner::Sign(std::string_view policy, SignatureHash hash) const {
  const bool sha256 = hash == SignatureHash::kSha256;
  std::string_view prefix =
      sha256 ? std::string_view(reinterpret_cast<const char*>(kSha256DigestInfo),
                                sizeof(kSha256DigestInfo))
             : std::string_view(reinterpret_cast<const char*>(kSha1DigestInfo),
                                sizeof(kSha1DigestInfo));
  unsigned char message[sizeof(kSha256DigestInfo) + EVP_MAX_MD_SIZE];
  std::copy(prefix.begin(), prefix.end(), message);
  unsigned int digest_size = 0;
  if (EVP_Digest(policy.data(), policy.size(), message + prefix.size(), &digest_size,
                 sha256 ? key_->sha256.get() : key_->sha1.get(), nullptr) != 1) {
    ERR_clear_error();
    return InternalError("OpenSSL could not hash the policy");
  }
  std::unique_lock<std::mutex> mine(key_->busy, std::try_to_lock);
  SignContext copy;
  EVP_PKEY_CTX* context = key_->context.get();
  if (!mine.owns_lock()) {
    copy.reset(EVP_PKEY_CTX_dup(context));
    context = copy.get();
  }
  std::string signature(static_cast<size_t>(EVP_PKEY_get_size(key_->pkey.get())), '\0');
  size_t size = signature.size();
  if (context == nullptr ||
      EVP_PKEY_sign(context, reinterpret_cast<unsigned char*>(signature.data()), &size, message,
                    prefix.size() + digest_size) != 1) {
    ERR_clear_error();
    return InternalError("OpenSSL could not sign with the private key");
  }
  signature.resize(size);
  return CloudFrontBase64(signature);
}

Result<std::string> CloudFrontSigner::SignUrl(const CloudFrontGrant& grant,
                                              SignatureHash hash) const {
  ASSIGN_OR_RETURN(SignedCookies parts, SignCookies(grant, hash));
  // The cookies' values are the query parameters' values, in the same order, named without
  // the "CloudFront-" prefix (botocore's generate_presigned_url; the guide's URL examples).
  constexpr std::string_view kPrefix = "CloudFront-";
  std::string url = grant.resource;
  char separator = grant.resource.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [cookie, value] : parts) {
    url += separator;
    url += cookie.substr(kPrefix.size()) + "=" + value;
    separator = '&';
  }
  return url;
}

Result<SignedCookies> CloudFrontSigner::SignCookies(const CloudFrontGrant& grant,
                                                    SignatureHash hash) const {
  SignedCookies cookies;
  std::string policy;
  if (NeedsCustomPolicy(grant)) {
    policy = CustomPolicy(grant);
    cookies.emplace_back("CloudFront-Policy", CloudFrontBase64(policy));
  } else {
    policy = CannedPolicy(grant.resource, grant.date_less_than);
    cookies.emplace_back("CloudFront-Expires", std::to_string(grant.date_less_than));
  }
  ASSIGN_OR_RETURN(std::string signature, Sign(policy, hash));
  cookies.emplace_back("CloudFront-Signature", std::move(signature));
  cookies.emplace_back("CloudFront-Key-Pair-Id", key_pair_id_);
  if (hash == SignatureHash::kSha256) {
    cookies.emplace_back("CloudFront-Hash-Algorithm", std::string(kSha256Name));
  }
  return cookies;
}

}  // namespace vueops::ops
