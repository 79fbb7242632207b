// AWS Signature Version 4: header signing and query presigning of an http::Request.
//
// The steps follow the AWS document "Create a signed AWS API request"
// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) one function each,
// as botocore's auth.py does: canonical request (canonical_request.h), string to sign,
// signing key (signing_key.h), signature, Authorization header. The Signer ties them together
// with the time from an injected Clock and a cache of derived keys.
#ifndef VUEOPS_AUTH_SIGV4_H_
#define VUEOPS_AUTH_SIGV4_H_

#include <chrono>
#include <string>
#include <string_view>

#include "auth/credentials.h"
#include "auth/signing_key.h"
#include "base/clock.h"
#include "base/status.h"
#include "http/http.h"

namespace vueops::auth {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
// The payload hash S3 accepts in place of the body's SHA-256 (S3 API Reference,
// "Signature Calculations for the Authorization Header", x-amz-content-sha256).
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// X-Amz-Expires is at most seven days (S3 API Reference, "Authenticating Requests: Using
// Query Parameters": "The minimum value you can set is 1, and the maximum is 604800").
inline constexpr std::chrono::seconds kMaxPresignExpiry{604800};

// How a service wants its requests signed. The client picks Standard() or S3() from the
// model's signatureVersion ("v4" or "s3v4") and sets unsigned_payload for the
// "v4-unsigned-body" authtype and for streaming bodies.
struct SigningOptions {
  // Remove "." / ".." / empty segments from the path before signing (all but S3).
  bool normalize_path = true;
  // URI-encode the already-encoded path once more (all but S3).
  bool double_encode_path = true;
  // Send the payload hash as x-amz-content-sha256 (S3 requires it on every request).
  bool content_sha256_header = false;
  // Sign "UNSIGNED-PAYLOAD" instead of the body's SHA-256; also sent as
  // x-amz-content-sha256.
  bool unsigned_payload = false;
  // X-Amz-Security-Token is signed (every current service) or, when false, added after the
  // signature is computed (the SigV4 suite's post-sts-header-after case).
  bool sign_security_token = true;

  static SigningOptions Standard() { return SigningOptions(); }
  static SigningOptions S3() {
    SigningOptions options;
    options.normalize_path = false;
    options.double_encode_path = false;
    options.content_sha256_header = true;
    return options;
  }
  // Presigned S3 URLs cannot know the body a browser will send.
  static SigningOptions S3Presign() {
    SigningOptions options = S3();
    options.unsigned_payload = true;
    return options;
  }
};

// "20150830/us-east-1/iam/aws4_request". `date` is "YYYYMMDD".
std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service);

// Task 2: "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>".
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// Task 3: hex(HMAC-SHA256(signing key, string to sign)).
std::string Signature(const SigningKey& key, std::string_view string_to_sign);

// Task 4: "AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=a;b, Signature=hex".
std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature);

// The intermediate values of one signature, for tests and --debug output. The canonical
// request holds the session token when one is signed: log it only through RedactSecrets
// (credentials.h).
struct SigningTrace {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
  std::string authorization;  // empty for presigned URLs
};

// Thread-safe: one Signer serves every client and thread of the process.
class Signer {
 public:
  explicit Signer(Clock& clock) : clock_(clock) {}

  // Signs `request` in place for `service` (the model's signing name) in `region`: sets
  // X-Amz-Date, X-Amz-Security-Token for temporary credentials, x-amz-content-sha256 when the
  // options ask for it, and Authorization (any earlier Authorization is replaced). The Host
  // header is derived from the URL unless the request carries one; it is not added to the
  // request, as the HTTP client derives it from the URL the same way.
  // Fails with kInvalidArgument for a URL that does not parse or an empty region/service,
  // kUnauthenticated for credentials without a key id or secret.
  Status Sign(http::Request& request, const Credentials& credentials, std::string_view region,
              std::string_view service, const SigningOptions& options = SigningOptions(),
              SigningTrace* trace = nullptr);

  // Presigns `request` in place: its URL gains X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
  // X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token and X-Amz-Signature. Headers on
  // the request are signed and must be sent with the URL (normally there are none: only
  // host is signed). `expires` is 1 s to kMaxPresignExpiry; a URL signed with temporary
  // credentials stops working when they expire, whatever `expires` says.
  Status Presign(http::Request& request, const Credentials& credentials, std::string_view region,
                 std::string_view service, std::chrono::seconds expires,
                 const SigningOptions& options = SigningOptions::S3Presign(),
                 SigningTrace* trace = nullptr);

  // The derived key for `credentials` today (S3 POST policies sign with it directly).
  SigningKey KeyFor(const Credentials& credentials, std::string_view date, std::string_view region,
                    std::string_view service) {
    return key_cache_.Get(credentials, date, region, service);
  }

  Clock& clock() { return clock_; }

 private:
  Clock& clock_;
  SigningKeyCache key_cache_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_SIGV4_H_
