// Production wiring of the AWS client, for cli/ and end-to-end tests: the shared config
// files, the standard credential chain (with STS for role profiles, the terminal MFA prompt
// and the on-disk role cache), libcurl and the real clock, honouring --profile, --region and
// --endpoint-url.
#ifndef VUEOPS_CLIENT_DEFAULT_CLIENT_H_
#define VUEOPS_CLIENT_DEFAULT_CLIENT_H_

#include <memory>
#include <optional>
#include <string>

#include "auth/aws_config.h"
#include "auth/mfa_prompter.h"
#include "auth/role_credentials_cache.h"
#include "client/aws_client.h"
#include "client/sts_role_assumer.h"
#include "http/http.h"

namespace vueops::client {

struct DefaultClientOptions {
  std::string profile;       // --profile; empty: AWS_PROFILE, AWS_DEFAULT_PROFILE, "default"
  std::string region;        // --region; empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's
  std::string endpoint_url;  // --endpoint-url: every service; empty: resolved per service
  // Where credential notes go (a refresh that failed while the current credentials still
  // work, a clamped role duration); may be empty.
  auth::NoteSink notes;
  // Attempts per call when neither AWS_MAX_ATTEMPTS nor the profile's max_attempts says;
  // 0: the SDKs' 3. A long apply sets more: one call in 37 would fail after 3 attempts at
  // 30% throttling, and a failed create costs a re-run.
  int default_max_attempts = 0;
  // Ask on the terminal for MFA codes; when false, MFA profiles fail saying why.
  bool prompt_for_mfa = true;
  // Injected for tests; null: the process's environment, a CurlTransport, the real clock.
  const Environment* environment = nullptr;
  http::Transport* transport = nullptr;
  Clock* clock = nullptr;
};

// Owns everything the client points to. REQUIRES: outlives every AwsClient copied from
// client() and every credentials object made with role_assumer().
class DefaultClient {
 public:
  ~DefaultClient();
  DefaultClient(const DefaultClient&) = delete;
  DefaultClient& operator=(const DefaultClient&) = delete;

  // The client acting with the default credential chain of the selected profile.
  AwsClient& client() { return *client_; }
  const auth::AwsConfig& aws_config() const { return *config_; }
  // For AssumedRoleCredentials: the engine's way into each account.
  StsRoleAssumer& role_assumer() { return *role_assumer_; }
  auth::RoleCredentialsCache* role_cache() { return role_cache_.get(); }
  auth::MfaPrompter* mfa_prompter() { return mfa_prompter_.get(); }
  // Where the default region came from ("--region", "AWS_REGION", "region of profile dev
  // (~/.aws/config:3)"), or "" when there is none.
  const std::string& region_source() const { return region_source_; }

 private:
  friend Result<std::unique_ptr<DefaultClient>> MakeDefaultClient(
      const DefaultClientOptions& options);
  DefaultClient() = default;

  const Environment* environment_ = nullptr;
  std::unique_ptr<auth::AwsConfig> config_;
  std::unique_ptr<http::Transport> own_transport_;
  std::unique_ptr<auth::MfaPrompter> mfa_prompter_;
  std::unique_ptr<auth::RoleCredentialsCache> role_cache_;
  std::shared_ptr<ClientContext> context_;
  std::unique_ptr<StsRoleAssumer> role_assumer_;
  std::optional<AwsClient> client_;
  std::string region_source_;
};

// Reads the config and credentials files (a syntax error is kInvalidArgument naming
// file:line), selects the profile (a chosen profile that does not exist is kNotFound with a
// "did you mean"), resolves the retry settings and builds the credential chain. Credentials
// themselves are resolved on the first call, so commands that need none never prompt.
Result<std::unique_ptr<DefaultClient>> MakeDefaultClient(const DefaultClientOptions& options);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_DEFAULT_CLIENT_H_
