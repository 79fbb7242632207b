// Input serialization: an operation's input (vueops::Json) → a protocol::Request, in the
// service's protocol (query, ec2, json, rest-json or rest-xml), as botocore's serialize.py
// does it. One serializer per protocol, chosen from a table; each dispatches on shape types.
#ifndef VUEOPS_PROTOCOL_SERIALIZER_H_
#define VUEOPS_PROTOCOL_SERIALIZER_H_

#include <functional>
#include <string>

#include "base/json.h"
#include "base/status.h"
#include "model/service_model.h"
#include "protocol/request.h"

namespace vueops::protocol {

// How blob values appear in vueops Json values (a blob or string *payload* — the whole
// HTTP body, like S3's object data — is always the raw bytes).
enum class BlobEncoding {
  kBase64,  // base64 text, as the AWS CLI reads and prints blobs
  kRaw,     // the bytes themselves, as boto3 takes and returns them
};

struct SerializeOptions {
  BlobEncoding blobs = BlobEncoding::kBase64;
  // Makes the value of an idempotency-token member the input leaves out; RandomUuid()
  // when empty. Tests inject a fixed one.
  std::function<std::string()> idempotency_token;
};

// Serializes `input` (a JSON object of the operation's input members; null for none).
// REQUIRES: `input` passed model::ValidateInput. Values of the wrong type are still
// reported (kInvalidArgument naming the member), never a crash; so are host labels that
// are not DNS-safe and URI labels that are missing.
Result<Request> SerializeRequest(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options = {});

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_SERIALIZER_H_
