// S3 POST policies: the signed form that lets a browser upload straight to a bucket
// (S3 API Reference, "Browser-Based Uploads Using POST (AWS Signature Version 4)" and
// "Creating a POST Policy"). The policy document (an expiration and the conditions every
// form field must meet) is base64-encoded; that base64 text is itself the string to sign,
// signed with the ordinary SigV4 signing key for service "s3".
#ifndef VUEOPS_AUTH_POST_POLICY_H_
#define VUEOPS_AUTH_POST_POLICY_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/credentials.h"
#include "auth/signing_key.h"
#include "auth/sigv4.h"
#include "base/json.h"
#include "base/status.h"

namespace vueops::auth {

struct PostPolicyRequest {
  std::string bucket;
  // The object key. A key ending in "${filename}" lets the browser choose the file name
  // under that prefix (the condition becomes ["starts-with", "$key", prefix]).
  std::string key;
  std::chrono::seconds expires_in{3600};
  // Form fields the upload sends besides key and file: acl, Content-Type,
  // success_action_redirect, x-amz-meta-*... Each gets an exact-match condition unless
  // `conditions` already names it.
  std::vector<std::pair<std::string, std::string>> fields;
  // Further conditions as S3 writes them: {"acl": "public-read"},
  // ["starts-with", "$Content-Type", "image/"], ["content-length-range", 0, 10485760].
  Json conditions = Json::array();
};

struct PostPolicyForm {
  // Every field to send, in order; the file itself must come after them (S3 ignores fields
  // after the file).
  std::vector<std::pair<std::string, std::string>> fields;
  // The policy JSON before base64, for --debug and tests. Holds the session token of
  // temporary credentials (S3 requires it as a condition).
  std::string policy_document;
};

// hex(HMAC-SHA256(signing key, base64 policy)): the x-amz-signature form field.
std::string SignPostPolicy(const SigningKey& key, std::string_view base64_policy);

// Builds and signs the form for an upload to `request.bucket` in `region`, at the time of
// the signer's clock. Fails with kInvalidArgument for an empty bucket or key, an expiry that
// is not positive, or a condition that is neither an object nor an array.
Result<PostPolicyForm> BuildPostPolicyForm(const PostPolicyRequest& request,
                                           const Credentials& credentials, std::string_view region,
                                           Signer& signer);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_POST_POLICY_H_
