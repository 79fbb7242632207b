#include "apply/organization_access.h"

#include "auth/assume_role_provider.h"

namespace vueops::apply {
namespace {

// The management account's credentials, as the source of every role session.
class BaseClientCredentials : public auth::CredentialsProvider {
 public:
  explicit BaseClientCredentials(client::AwsClient base) : base_(std::move(base)) {}
  Result<std::optional<auth::Credentials>> Provide() override {
    ASSIGN_OR_RETURN(auth::Credentials credentials, base_.Credentials());
    return std::optional<auth::Credentials>(std::move(credentials));
  }
  std::string name() const override { return "the management account's credentials"; }

 private:
  client::AwsClient base_;
};

}  // namespace

OrganizationAccess::OrganizationAccess(client::AwsClient base, auth::RoleAssumer* assumer,
                                       Clock& clock, OrganizationAccessOptions options)
    : base_(std::move(base)), assumer_(assumer), clock_(clock), options_(std::move(options)) {}

Result<std::shared_ptr<auth::RefreshingCredentials>> OrganizationAccess::CredentialsFor(
    const std::string& account) {
  auto cached = credentials_.find(account);
  if (cached != credentials_.end()) return cached->second;
  if (!options_.account_id) {
    return FailedPreconditionError("no way to look up the id of account '" + account + "'");
  }
  Result<std::string> id = options_.account_id(account);
  if (!id.ok()) {
    return FailedPreconditionError("account '" + account + "' does not exist yet (" +
                                   id.status().message() +
                                   "); it is created by org.account." + account);
  }
  auth::AssumeRoleSettings settings;
  settings.params.role_arn = "arn:aws:iam::" + *id + ":role/" + options_.role_name;
  settings.params.role_session_name = options_.session_name;
  settings.profile = "account " + account;
  settings.source_description = "the management account";
  auto provider = std::make_unique<auth::AssumeRoleProvider>(
      std::move(settings), std::make_unique<BaseClientCredentials>(base_), assumer_, nullptr,
      nullptr, clock_);
  auto credentials = std::make_shared<auth::RefreshingCredentials>(std::move(provider), clock_);
  credentials_[account] = credentials;
  return credentials;
}

Result<client::AwsClient*> OrganizationAccess::ClientFor(const std::string& account,
                                                         const std::string& region) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_pair(account, region);
  auto cached = clients_.find(key);
  if (cached != clients_.end()) return cached->second.get();
  client::AwsClient client = base_;
  if (!account.empty() && account != options_.management_account) {
    ASSIGN_OR_RETURN(std::shared_ptr<auth::RefreshingCredentials> credentials,
                     CredentialsFor(account));
    client = base_.WithCredentials(std::move(credentials));
  }
  if (!region.empty()) client = client.InRegion(region);
  auto owned = std::make_unique<client::AwsClient>(std::move(client));
  client::AwsClient* pointer = owned.get();
  clients_[key] = std::move(owned);
  return pointer;
}

}  // namespace vueops::apply
