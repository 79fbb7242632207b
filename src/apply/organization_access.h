// The engine's way into every account of the organization, as the notes describe it: from
// the management account's credentials, assume a role in each member account (AWS
// Organizations creates OrganizationAccountAccessRole in every account it creates).
#ifndef VUEOPS_APPLY_ORGANIZATION_ACCESS_H_
#define VUEOPS_APPLY_ORGANIZATION_ACCESS_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "auth/refreshing_credentials.h"
#include "auth/role_assumer.h"
#include "resources/account_access.h"

namespace vueops::apply {

// The role Organizations makes in every account it creates (Organizations User Guide,
// "Accessing a member account that has a management account access role").
inline constexpr std::string_view kOrganizationAccessRole = "OrganizationAccountAccessRole";

struct OrganizationAccessOptions {
  // The spec's name of the management account: its objects use the base client.
  std::string management_account;
  std::string role_name = std::string(kOrganizationAccessRole);
  // The 12-digit id of a member account (from the state, or written in the spec); kNotFound
  // when it does not exist yet.
  std::function<Result<std::string>(const std::string& account)> account_id;
  // Session names show in CloudTrail: "vueops-<operator>".
  std::string session_name = "vueops";
};

class OrganizationAccess : public resources::AccountAccess {
 public:
  // REQUIRES: `assumer` and `clock` outlive this object.
  OrganizationAccess(client::AwsClient base, auth::RoleAssumer* assumer, Clock& clock,
                     OrganizationAccessOptions options);

  Result<client::AwsClient*> ClientFor(const std::string& account,
                                       const std::string& region) override;
  Clock& clock() override { return clock_; }

 private:
  Result<std::shared_ptr<auth::RefreshingCredentials>> CredentialsFor(const std::string& account);

  client::AwsClient base_;
  auth::RoleAssumer* assumer_;
  Clock& clock_;
  OrganizationAccessOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<auth::RefreshingCredentials>> credentials_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<client::AwsClient>> clients_;
};

}  // namespace vueops::apply

#endif  // VUEOPS_APPLY_ORGANIZATION_ACCESS_H_
