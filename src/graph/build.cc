#include "graph/build.h"

#include <algorithm>

#include "resources/iam_inline_policy.h"
#include "resources/registry.h"

namespace vueops::graph {

resources::DesiredResource& BuildContext::Add(std::string address, std::string_view type,
                                              std::string account, std::string region,
                                              Json attributes, Location source) {
  resources::DesiredResource& resource = resources_.emplace_back();
  resource.address = std::move(address);
  resource.type = resources::FindResourceType(type);
  if (resource.type == nullptr) {
    Fail(resource.address + ": no resource type named '" + std::string(type) + "'");
  }
  resource.account = std::move(account);
  resource.region = resource.type != nullptr && resource.type->global() ? "" : std::move(region);
  resource.attributes = std::move(attributes);
  resource.source = source;
  resource.tags = StackTags();
  return resource;
}

resources::DesiredResource& BuildContext::AddIamEntity(std::string address, std::string_view type,
                                                       std::string account, Json attributes,
                                                       const Json& inline_policies,
                                                       Location source) {
  std::vector<std::string> names;
  for (auto it = inline_policies.begin(); it != inline_policies.end(); ++it) {
    names.push_back(it.key());
  }
  std::sort(names.begin(), names.end());  // as the owner reads them back
  attributes["inline_policy_names"] = names;
  Result<resources::AddressParts> parts = resources::ParseAddress(address);
  if (!parts.ok() || resources::InlinePolicyOwner(resources::InlinePolicyType(type)).empty()) {
    Fail(address + ": not the address of an IAM role, group or user");
  }
  const size_t owner = resources_.size();
  Add(address, type, account, "", std::move(attributes), source);
  if (!parts.ok()) return resources_[owner];
  const std::string policy_type = resources::InlinePolicyType(type);
  const std::string owner_attribute(resources::InlinePolicyOwner(policy_type));
  for (auto it = inline_policies.begin(); it != inline_policies.end(); ++it) {
    Add(resources::MakeAddress(parts->scope, policy_type, parts->name + "/" + it.key()),
        policy_type, account, "",
        {{owner_attribute, resources::Reference(address)},
         {"name", it.key()},
         {"policy", it.value()}},
        source);
  }
  return resources_[owner];
}

std::string BuildContext::AccountOf(const std::string& account_name) const {
  return account_name == stack_.organization.management_account ? "" : account_name;
}

std::string BuildContext::AccountAddress(const std::string& account_name) const {
  std::string account = AccountOf(account_name);
  return account.empty() ? "" : resources::MakeAddress("org", "account", account);
}

std::string BuildContext::Name(const spec::Environment& env, std::string_view name) const {
  std::string text = stack_.name + "-" + env.name + "-" + std::string(name);
  for (char& c : text) {
    if (c == '_') c = '-';
  }
  return text;
}

resources::Tags BuildContext::StackTags() const {
  return {{std::string(resources::kStackTag), stack_.name}};
}

resources::Tags BuildContext::EnvironmentTags(const spec::Environment& env) const {
  resources::Tags tags = StackTags();
  tags.insert(tags.end(), env.tags.begin(), env.tags.end());
  return tags;
}

Result<std::vector<resources::DesiredResource>> BuildContext::Finish() {
  for (resources::DesiredResource& resource : resources_) {
    std::string dependency = resource.account.empty() ? "" : AccountAddress(resource.account);
    if (!dependency.empty() && dependency != resource.address &&
        std::find(resource.depends_on.begin(), resource.depends_on.end(), dependency) ==
            resource.depends_on.end()) {
      resource.depends_on.push_back(dependency);
    }
  }
  if (!errors_.empty()) {
    std::string text = "the spec could not be turned into resources:";
    for (const std::string& error : errors_) text += "\n  " + error;
    return InternalError(text);
  }
  return std::move(resources_);
}

Result<std::vector<resources::DesiredResource>> BuildResources(const spec::Stack& stack,
                                                               const BuildOptions& options) {
  BuildContext context(stack, options);
  BuildOrganization(context);
  BuildAccess(context);
  for (const spec::Environment& env : stack.environments) {
    BuildNetwork(context, env);
    BuildServers(context, env);
    BuildDataStores(context, env);
    BuildLoadBalancer(context, env);
    BuildBuckets(context, env);
    BuildCdn(context, env);
    BuildMail(context, env);
    BuildDns(context, env);
    BuildSecrets(context, env);
  }
  return context.Finish();
}

}  // namespace vueops::graph
