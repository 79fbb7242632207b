// What botocore does to some operations' inputs and outputs beyond the model, and that users
// of the AWS CLI and boto3 therefore expect (botocore/handlers.py). Each is keyed on the
// service and the model's shapes, never on a hand-made list of operations where the model
// can say it.
#ifndef VUEOPS_CLIENT_CUSTOMIZATIONS_H_
#define VUEOPS_CLIENT_CUSTOMIZATIONS_H_

#include <string_view>

#include "base/json.h"
#include "http/http.h"
#include "model/service_model.h"

namespace vueops::client {

// Before validation. Route 53: ids given as returned ("/hostedzone/Z1", "/change/C2",
// "/delegationset/N3") lose their prefix, as botocore's fix_route53_ids does for the
// ResourceId, DelegationSetId and ChangeId shapes — the API wants the bare id in the URI.
// Returns `input` itself when nothing changes.
Json CustomizeInput(const model::Operation& operation, Json input);

// After a successful parse:
//   IAM: every member of the policyDocumentType shape (PolicyDocument,
//     AssumeRolePolicyDocument, ... anywhere in the output) arrives URL-encoded; it is
//     decoded and, when it is JSON, returned as the JSON value (botocore's
//     json_decode_policies), so callers compare and print documents, not escaped text.
//   S3 GetBucketLocation: a bucket in us-east-1 answers with an empty LocationConstraint,
//     which becomes null (botocore's parse_get_bucket_location).
void CustomizeOutput(const model::Operation& operation, Json& output);

// Before parsing. S3 CopyObject, UploadPartCopy and CompleteMultipartUpload may answer 200 and
// then fail mid-response, writing an <Error> body (S3 API Reference, CopyObject: "a 200 OK
// response can contain either a success or an error"); as botocore's _handle_200_error does,
// such an answer becomes a 500, so it is retried and reported as the error it is.
void CustomizeResponse(const model::Operation& operation, http::Response& response);

// S3: the region a bucket lives in when `response` says the request was signed for or sent to
// another one (301 PermanentRedirect, 400 AuthorizationHeaderMalformed, ... carrying
// x-amz-bucket-region, as botocore's S3RegionRedirector reads them); "" otherwise.
std::string S3RedirectRegion(const model::Operation& operation, const http::Response& response,
                             std::string_view signing_region);

// "%7B%22a%22%3A1%7D" -> "{\"a\":1}" (Python's urllib.parse.unquote: '+' stays '+';
// malformed escapes stay as written).
std::string PercentDecode(std::string_view text);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_CUSTOMIZATIONS_H_
