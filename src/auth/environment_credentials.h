// Credentials from environment variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN (or the older AWS_SECURITY_TOKEN) and AWS_CREDENTIAL_EXPIRATION (ISO
// 8601), as the AWS CLI reads them.
#ifndef VUEOPS_AUTH_ENVIRONMENT_CREDENTIALS_H_
#define VUEOPS_AUTH_ENVIRONMENT_CREDENTIALS_H_

#include "auth/credentials_provider.h"
#include "base/environment.h"

namespace vueops::auth {

class EnvironmentCredentialsProvider : public CredentialsProvider {
 public:
  // REQUIRES: both outlive the provider.
  EnvironmentCredentialsProvider(const Environment& environment, Clock& clock)
      : environment_(environment), clock_(clock) {}

  // nullopt when neither key variable is set; an error when only one is, when the
  // expiration does not parse, or when it has passed. The variables are read on every call,
  // so a refresh sees a changed environment.
  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override {
    return "environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY";
  }

 private:
  const Environment& environment_;
  Clock& clock_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_ENVIRONMENT_CREDENTIALS_H_
