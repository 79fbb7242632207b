#include "protocol/service_error.h"

#include <algorithm>
#include <array>

namespace vueops::protocol {
namespace {

// Throttling error codes of the AWS SDKs' standard retry mode (botocore
// retries/standard.py, ThrottlingErrorDetector / _THROTTLED_ERROR_CODES).
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

// Codes that mean the credentials themselves were refused.
constexpr std::array<std::string_view, 8> kAuthenticationCodes = {
    "ExpiredToken",       "ExpiredTokenException", "InvalidClientTokenId",
    "InvalidAccessKeyId", "SignatureDoesNotMatch", "UnrecognizedClientException",
    "AuthFailure",        "RequestExpired",
};

bool Contains(std::string_view code, std::string_view part) {
  return code.find(part) != std::string_view::npos;
}

}  // namespace

bool ServiceError::IsThrottling() const {
  return std::find(kThrottlingCodes.begin(), kThrottlingCodes.end(), code) !=
         kThrottlingCodes.end();
}

std::string ServiceError::ToString() const {
  std::string text = code.empty() ? "HTTP " + std::to_string(http_status) : code;
  if (!message.empty()) text += ": " + message;
  text += " (HTTP " + std::to_string(http_status);
  if (!request_id.empty()) text += ", request id " + request_id;
  text += ")";
  return text;
}

Status ServiceError::ToStatus() const {
  StatusCode status_code = StatusCode::kFailedPrecondition;
  if (IsThrottling() || http_status == 429) {
    status_code = StatusCode::kResourceExhausted;
  } else if (std::find(kAuthenticationCodes.begin(), kAuthenticationCodes.end(), code) !=
                 kAuthenticationCodes.end() ||
             http_status == 401) {
    status_code = StatusCode::kUnauthenticated;
  } else if (Contains(code, "AccessDenied") || code == "UnauthorizedOperation" ||
             code == "Forbidden" || http_status == 403) {
    status_code = StatusCode::kPermissionDenied;
  } else if (Contains(code, "NotFound") || code.starts_with("NoSuch") || http_status == 404) {
    status_code = StatusCode::kNotFound;
  } else if (Contains(code, "AlreadyExists") || code.starts_with("Duplicate") ||
             Contains(code, ".Duplicate")) {
    status_code = StatusCode::kAlreadyExists;
  } else if (http_status >= 500) {
    status_code = StatusCode::kUnavailable;
  } else if (code.starts_with("Invalid") || code.starts_with("Validation") ||
             code.starts_with("Malformed") || code.starts_with("MissingParameter")) {
    status_code = StatusCode::kInvalidArgument;
  }
  return Status(status_code, ToString());
}

}  // namespace vueops::protocol
