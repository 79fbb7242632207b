// Credentials of the EC2 instance profile through IMDSv2 (EC2 User Guide, "Use the Instance
// Metadata Service to access instance metadata"; "Retrieve security credentials from
// instance metadata"):
//   PUT /latest/api/token  with X-aws-ec2-metadata-token-ttl-seconds    -> a session token
//   GET /latest/meta-data/iam/security-credentials/                     -> the role name
//   GET /latest/meta-data/iam/security-credentials/<role>               -> the credentials
// Only version 2 is spoken: every launch template vueops writes requires it, and the
// unauthenticated version 1 is what SSRF attacks use.
//
// Settings (environment variable, then profile key):
//   AWS_EC2_METADATA_DISABLED=true                      never ask IMDS
//   AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint
//   AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode  IPv4|IPv6
//   AWS_METADATA_SERVICE_TIMEOUT / metadata_service_timeout           seconds, default 1
//   AWS_METADATA_SERVICE_NUM_ATTEMPTS / metadata_service_num_attempts default 1
#ifndef VUEOPS_AUTH_INSTANCE_METADATA_CREDENTIALS_H_
#define VUEOPS_AUTH_INSTANCE_METADATA_CREDENTIALS_H_

#include "auth/aws_config.h"
#include "auth/credentials_provider.h"
#include "http/http.h"

namespace vueops::auth {

class InstanceMetadataCredentialsProvider : public CredentialsProvider {
 public:
  // `required` is true when a profile names it (credential_source = Ec2InstanceMetadata):
  // then "not on EC2" and "no role attached" are errors instead of nullopt.
  // REQUIRES: config, transport and clock outlive the provider.
  InstanceMetadataCredentialsProvider(const AwsConfig& config, http::Transport& transport,
                                      Clock& clock, bool required = false)
      : config_(config), transport_(transport), clock_(clock), required_(required) {}

  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override;

 private:
  struct Settings {
    std::string endpoint;
    std::chrono::milliseconds timeout;
    int attempts;
  };
  Result<Settings> ReadSettings() const;
  // Sends with the configured attempts; the last transport error when every attempt failed.
  Result<http::Response> Send(const Settings& settings, http::Request request) const;

  const AwsConfig& config_;
  http::Transport& transport_;
  Clock& clock_;
  bool required_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_INSTANCE_METADATA_CREDENTIALS_H_
