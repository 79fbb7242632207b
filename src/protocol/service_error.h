// An error answer from an AWS service, whatever its protocol: the one error type the client
// and everything above it see.
#ifndef VUEOPS_PROTOCOL_SERVICE_ERROR_H_
#define VUEOPS_PROTOCOL_SERVICE_ERROR_H_

#include <string>

#include "base/json.h"
#include "base/status.h"
#include "model/shape.h"

namespace vueops::protocol {

// Who is at fault, as the service says (query "Type", x-amzn-query-error, the modeled
// error's senderFault), else as the HTTP status implies (4xx sender, 5xx receiver).
enum class Fault { kSender, kReceiver };

struct ServiceError {
  std::string code;        // "InvalidGroup.NotFound", "NoSuchBucket", "ThrottlingException"
  std::string message;     // may be empty
  std::string request_id;  // x-amzn-RequestId / x-amz-request-id / the body's RequestId
  int http_status = 0;
  Fault fault = Fault::kSender;
  // awsQueryCompatible services: the JSON protocol's code before x-amzn-query-error mapped
  // it to `code`; empty otherwise.
  std::string query_error_code;
  // The modeled exception shape `code` names, or nullptr; its members are in `details`.
  const model::Shape* shape = nullptr;
  Json details = Json::object();

  // "InvalidGroup.NotFound: The security group 'sg-1' does not exist (HTTP 400, request
  // id 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE)".
  std::string ToString() const;

  // A Status whose message is ToString() and whose code says what kind of failure this is:
  // kResourceExhausted (throttling), kUnauthenticated, kPermissionDenied, kNotFound,
  // kAlreadyExists, kInvalidArgument, kFailedPrecondition (other 4xx), kUnavailable (5xx).
  Status ToStatus() const;

  // Whether the code is one the AWS SDKs treat as throttling (botocore's retry handler's
  // throttling list, e.g. Throttling, RequestLimitExceeded, SlowDown).
  bool IsThrottling() const;
};

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_SERVICE_ERROR_H_
