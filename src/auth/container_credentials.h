// Container credentials: the ECS task role endpoint and EKS Pod Identity (AWS SDKs and Tools
// Reference Guide, "Container credential provider").
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI  a path on http://169.254.170.2 (ECS)
//   AWS_CONTAINER_CREDENTIALS_FULL_URI      a whole URL; over plain http only to a loopback
//                                           address or the ECS/EKS link-local hosts
//   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE  a file holding the Authorization header value
//                                           (read on every call: EKS rotates it)
//   AWS_CONTAINER_AUTHORIZATION_TOKEN       the header value itself (the file wins)
#ifndef VUEOPS_AUTH_CONTAINER_CREDENTIALS_H_
#define VUEOPS_AUTH_CONTAINER_CREDENTIALS_H_

#include "auth/credentials_provider.h"
#include "base/environment.h"
#include "http/http.h"

namespace vueops::auth {

class ContainerCredentialsProvider : public CredentialsProvider {
 public:
  // REQUIRES: all three outlive the provider.
  ContainerCredentialsProvider(const Environment& environment, http::Transport& transport,
                               Clock& clock)
      : environment_(environment), transport_(transport), clock_(clock) {}

  // nullopt when neither URI variable is set. A disallowed URL, an unreadable token file, an
  // endpoint that fails three times or answers an error are errors.
  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override {
    return "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)";
  }

 private:
  const Environment& environment_;
  http::Transport& transport_;
  Clock& clock_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CONTAINER_CREDENTIALS_H_
