#include "protocol/service_error.h"

#include <gtest/gtest.h>

namespace vueops::protocol {
namespace {

ServiceError Error(const char* code, int status) {
  ServiceError error;
  error.code = code;
  error.http_status = status;
  return error;
}

TEST(ServiceErrorTest, SaysCodeMessageStatusAndRequestId) {
  ServiceError error = Error("InvalidGroup.NotFound", 400);
  error.message = "The security group 'sg-1' does not exist";
  error.request_id = "7a62c49f";
  EXPECT_EQ(error.ToString(),
            "InvalidGroup.NotFound: The security group 'sg-1' does not exist (HTTP 400, request "
            "id 7a62c49f)");
  EXPECT_EQ(Error("", 502).ToString(), "HTTP 502 (HTTP 502)");
}

TEST(ServiceErrorTest, MapsToStatusCodes) {
  struct Case {
    const char* code;
    int status;
    StatusCode expected;
  };
  const Case cases[] = {
      {"Throttling", 400, StatusCode::kResourceExhausted},
      {"RequestLimitExceeded", 503, StatusCode::kResourceExhausted},
      {"SlowDown", 503, StatusCode::kResourceExhausted},
      {"Whatever", 429, StatusCode::kResourceExhausted},
      {"ExpiredToken", 400, StatusCode::kUnauthenticated},
      {"SignatureDoesNotMatch", 403, StatusCode::kUnauthenticated},
      {"AccessDenied", 403, StatusCode::kPermissionDenied},
      {"UnauthorizedOperation", 400, StatusCode::kPermissionDenied},
      {"InvalidGroup.NotFound", 400, StatusCode::kNotFound},
      {"NoSuchBucket", 404, StatusCode::kNotFound},
      {"404", 404, StatusCode::kNotFound},
      {"EntityAlreadyExists", 409, StatusCode::kAlreadyExists},
      {"InvalidGroup.Duplicate", 400, StatusCode::kAlreadyExists},
      {"InternalError", 500, StatusCode::kUnavailable},
      {"InvalidParameterValue", 400, StatusCode::kInvalidArgument},
      {"ValidationError", 400, StatusCode::kInvalidArgument},
      {"DependencyViolation", 400, StatusCode::kFailedPrecondition},
  };
  for (const Case& c : cases) {
    ServiceError error = Error(c.code, c.status);
    EXPECT_EQ(error.ToStatus().code(), c.expected) << c.code;
    EXPECT_EQ(error.ToStatus().message(), error.ToString());
  }
  EXPECT_TRUE(Error("ThrottlingException", 400).IsThrottling());
  EXPECT_FALSE(Error("AccessDenied", 403).IsThrottling());
}

}  // namespace
}  // namespace vueops::protocol
