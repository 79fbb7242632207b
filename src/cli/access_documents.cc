#include "cli/access_documents.h"

#include <cstdio>
#include <map>
#include <set>

#include "base/source.h"
#include "iam/aws_managed_policies.h"
#include "iam/policy_parser.h"
#include "resources/iam_inline_policy.h"

namespace vueops::cli {
namespace {

// The first stand-in account id (12 digits, as ARNs need).
constexpr long long kFirstStandInAccountId = 100000000001LL;
// What the organization's root and OUs resolve to here: only compared with SCP targets.
constexpr const char* kRootTarget = "root";
constexpr const char* kOuTargetPrefix = "ou:";

class Builder {
 public:
  Builder(const spec::Stack& stack, const std::vector<resources::DesiredResource>& resources)
      : stack_(stack), resources_(resources) {}

  Result<iam::AccessDocuments> Build() {
    documents_.identity_account = stack_.access.identity_account;
    documents_.region = stack_.region;
    for (const spec::Role& role : stack_.access.roles) documents_.role_names.push_back(role.name);
    Accounts();
    RETURN_IF_ERROR(ServiceControlPolicies());
    InlinePolicies();
    for (const resources::DesiredResource& resource : resources_) {
      Result<resources::AddressParts> address = resources::ParseAddress(resource.address);
      if (!address.ok() || address->scope != "org") continue;
      if (address->type == "iam_role") RETURN_IF_ERROR(AddRole(resource, address->name));
      if (address->type == "iam_group") RETURN_IF_ERROR(AddGroup(resource));
      if (address->type == "iam_user") RETURN_IF_ERROR(AddUser(resource));
    }
    return std::move(documents_);
  }

 private:
  void Accounts() {
    std::string stand_ins;
    long long next = kFirstStandInAccountId;
    for (const spec::Account& account : stack_.organization.accounts) {
      iam::AccessAccount& out = documents_.accounts.emplace_back();
      out.name = account.name;
      out.kind = std::string(spec::AccountKindName(account.kind));
      out.management = account.name == stack_.organization.management_account;
      out.id = account.id;
      if (out.id.empty()) {
        // Skip a stand-in that is some other account's real id.
        auto taken = [&](const std::string& id) {
          for (const spec::Account& other : stack_.organization.accounts) {
            if (other.id == id) return true;
          }
          return false;
        };
        do {
          char text[24];
          std::snprintf(text, sizeof text, "%012lld", next++);
          out.id = text;
        } while (taken(out.id));
        stand_ins += (stand_ins.empty() ? "" : ", ") + out.name + " " + out.id;
      }
    }
    if (!stand_ins.empty()) {
      documents_.notes.push_back("account ids the spec does not give are stand-ins: " + stand_ins);
    }
  }

  const iam::AccessAccount* AccountNamed(const std::string& name) const {
    return documents_.FindAccount(name);
  }

  std::string AccountId(const std::string& name) const {
    const iam::AccessAccount* account = AccountNamed(name);
    return account != nullptr ? account->id : "";
  }

  // The value of a reference the access documents hold, as AWS will have it.
  std::optional<Json> Lookup(const std::string& address, const std::string& output) const {
    Result<resources::AddressParts> parts = resources::ParseAddress(address);
    if (!parts.ok() || parts->scope != "org") return std::nullopt;
    if (parts->type == "organization") {
      if (output == "master_account_id") return AccountId(stack_.organization.management_account);
      if (output == "root_id") return kRootTarget;
      return std::nullopt;
    }
    if (parts->type == "organizational_unit" && output == "id") {
      return kOuTargetPrefix + parts->name;
    }
    if (parts->type == "account" && output == "id") {
      std::string id = AccountId(parts->name);
      if (!id.empty()) return id;
      return std::nullopt;
    }
    if (parts->type == "iam_role" && output == "arn") {
      size_t slash = parts->name.find('/');
      if (slash == std::string::npos) return std::nullopt;
      return "arn:aws:iam::" + AccountId(parts->name.substr(0, slash)) + ":role/" +
             parts->name.substr(slash + 1);
    }
    return std::nullopt;
  }

  Json Resolve(const Json& value, const std::string& what) {
    bool fully_known = true;
    Json resolved = resources::ResolveReferences(
        value,
        [this](const std::string& address, const std::string& output) {
          return Lookup(address, output);
        },
        &fully_known);
    if (!fully_known) {
      documents_.notes.push_back(what + " refers to values known only after apply");
    }
    return resolved;
  }

  Result<iam::Policy> Parse(const Json& document, iam::PolicyKind kind, const std::string& name) {
    Result<iam::Policy> policy = iam::ParsePolicyDocument(Resolve(document, name), kind, name);
    if (!policy.ok()) return policy.status().WithContext("access documents: " + name);
    return policy;
  }

  Result<iam::Policy> ParseFullAwsAccess() {
    Json document = {
        {"Version", "2012-10-17"},
        {"Statement", Json::array({{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}})}};
    return Parse(document, iam::PolicyKind::kServiceControl, kFullAwsAccessName);
  }

  // The SCPs of each account from the root down: FullAWSAccess at every level, plus the spec's
  // SCPs at the levels their targets name.
  Status ServiceControlPolicies() {
    if (stack_.organization.accounts.empty()) return Status::Ok();
    std::map<std::string, std::vector<iam::Policy>> by_target;
    for (const resources::DesiredResource& resource : resources_) {
      Result<resources::AddressParts> address = resources::ParseAddress(resource.address);
      if (!address.ok() || address->type != "service_control_policy") continue;
      const std::string name = resource.attributes.value("name", address->name);
      ASSIGN_OR_RETURN(iam::Policy policy,
                       Parse(resource.attributes.value("content", Json::object()),
                             iam::PolicyKind::kServiceControl, name));
      Json targets = Resolve(resource.attributes.value("targets", Json::array()), name);
      for (const Json& target : targets) {
        if (target.is_string()) by_target[target.get<std::string>()].push_back(policy);
      }
    }
    ASSIGN_OR_RETURN(iam::Policy full_access, ParseFullAwsAccess());
    auto level = [&](std::string name, const std::string& target) {
      iam::ServiceControlLevel out{std::move(name), {full_access}};
      auto found = by_target.find(target);
      if (found != by_target.end()) {
        out.policies.insert(out.policies.end(), found->second.begin(), found->second.end());
      }
      return out;
    };
    for (iam::AccessAccount& account : documents_.accounts) {
      const spec::Account* spec_account = stack_.organization.FindAccount(account.name);
      account.service_control_policies.push_back(level("Root", kRootTarget));
      if (spec_account != nullptr && !spec_account->organizational_unit.empty()) {
        const std::string& unit = spec_account->organizational_unit;
        account.service_control_policies.push_back(level("ou:" + unit, kOuTargetPrefix + unit));
      }
      account.service_control_policies.push_back(level("account:" + account.name, account.id));
    }
    return Status::Ok();
  }

  // The iam_role_policy, iam_group_policy and iam_user_policy resources, by the address of
  // the role, group or user they belong to (the one their owner attribute refers to).
  void InlinePolicies() {
    for (const resources::DesiredResource& resource : resources_) {
      Result<resources::AddressParts> address = resources::ParseAddress(resource.address);
      if (!address.ok()) continue;
      const std::string owner_attribute(resources::InlinePolicyOwner(address->type));
      if (owner_attribute.empty()) continue;
      std::set<std::string> owners;
      resources::CollectReferences(resource.attributes.value(owner_attribute, Json()), &owners);
      for (const std::string& owner : owners) {
        inline_policies_[owner][resource.attributes.value("name", address->name)] =
            resource.attributes.value("policy", Json::object());
      }
    }
  }

  // The inline policies of the role, group or user `resource` (name -> document) and its
  // managed policy ARNs, named "<owner>/<policy>".
  Status Permissions(const resources::DesiredResource& resource, const std::string& owner,
                     std::vector<iam::Policy>& out) {
    const Json& attributes = resource.attributes;
    auto found = inline_policies_.find(resource.address);
    const Json inline_policies = found != inline_policies_.end() ? found->second : Json::object();
    for (auto it = inline_policies.begin(); it != inline_policies.end(); ++it) {
      ASSIGN_OR_RETURN(iam::Policy policy,
                       Parse(it.value(), iam::PolicyKind::kIdentity, owner + "/" + it.key()));
      out.push_back(std::move(policy));
    }
    for (const Json& arn : attributes.value("managed_policy_arns", Json::array())) {
      if (!arn.is_string()) continue;
      std::string text = arn.get<std::string>();
      std::optional<iam::AwsManagedPolicy> managed = iam::FindAwsManagedPolicy(text);
      if (!managed.has_value()) {
        documents_.notes.push_back(owner + ": managed policy " + text +
                                   " is not known to vueops; counted as granting nothing");
        continue;
      }
      if (managed->excerpt) NoteExcerpt(*managed);
      ASSIGN_OR_RETURN(iam::Policy policy,
                       iam::ParsePolicy(managed->document, iam::PolicyKind::kIdentity,
                                        owner + "/" + std::string(managed->name)));
      out.push_back(std::move(policy));
    }
    return Status::Ok();
  }

  void NoteExcerpt(const iam::AwsManagedPolicy& managed) {
    std::string note = std::string(managed.name) +
                       " is evaluated from an excerpt of AWS's document (the services the "
                       "representative actions and the stack use)";
    for (const std::string& existing : documents_.notes) {
      if (existing == note) return;
    }
    documents_.notes.push_back(std::move(note));
  }

  // org.iam_role.<account>/<role>
  Status AddRole(const resources::DesiredResource& resource, const std::string& name) {
    size_t slash = name.find('/');
    if (slash == std::string::npos) return Status::Ok();
    iam::AccessRole role;
    role.account = name.substr(0, slash);
    role.name = resource.attributes.value("name", name.substr(slash + 1));
    role.arn = "arn:aws:iam::" + AccountId(role.account) + ":role/" + role.name;
    role.source = FormatLocation(resource.source);
    const std::string owner = role.name + "@" + role.account;
    ASSIGN_OR_RETURN(role.trust,
                     Parse(resource.attributes.value("assume_role_policy", Json::object()),
                           iam::PolicyKind::kTrust, owner + " trust policy"));
    RETURN_IF_ERROR(Permissions(resource, owner, role.permissions));
    const Json boundary = resource.attributes.value("permissions_boundary", Json());
    if (boundary.is_string() && !boundary.get<std::string>().empty()) {
      std::optional<iam::AwsManagedPolicy> managed =
          iam::FindAwsManagedPolicy(boundary.get<std::string>());
      if (managed.has_value()) {
        ASSIGN_OR_RETURN(role.permissions_boundary,
                         iam::ParsePolicy(managed->document, iam::PolicyKind::kPermissionsBoundary,
                                          owner + " boundary " + std::string(managed->name)));
      } else {
        documents_.notes.push_back(owner + ": permissions boundary " + boundary.get<std::string>() +
                                   " is not known to vueops; counted as allowing nothing");
        role.permissions_boundary = iam::Policy{.name = owner + " boundary",
                                                .kind = iam::PolicyKind::kPermissionsBoundary,
                                                .version = std::string(iam::kPolicyVersionCurrent),
                                                .statements = {}};
      }
    }
    documents_.roles.push_back(std::move(role));
    return Status::Ok();
  }

  // The account a resource lives in: "" is the management account.
  std::string AccountName(const resources::DesiredResource& resource) const {
    return resource.account.empty() ? stack_.organization.management_account : resource.account;
  }

  Status AddGroup(const resources::DesiredResource& resource) {
    iam::AccessGroup group;
    group.name = resource.attributes.value("name", "");
    group.account = AccountName(resource);
    group.source = FormatLocation(resource.source);
    RETURN_IF_ERROR(Permissions(resource, "group " + group.name, group.policies));
    documents_.groups.push_back(std::move(group));
    return Status::Ok();
  }

  Status AddUser(const resources::DesiredResource& resource) {
    iam::AccessUser user;
    user.name = resource.attributes.value("name", "");
    user.account = AccountName(resource);
    for (const Json& group : resource.attributes.value("groups", Json::array())) {
      if (group.is_string()) user.groups.push_back(group.get<std::string>());
    }
    RETURN_IF_ERROR(Permissions(resource, "user " + user.name, user.policies));
    documents_.users.push_back(std::move(user));
    return Status::Ok();
  }

  const spec::Stack& stack_;
  const std::vector<resources::DesiredResource>& resources_;
  iam::AccessDocuments documents_;
  std::map<std::string, Json> inline_policies_;  // owner's address -> {name: document}
};

}  // namespace

Result<iam::AccessDocuments> AccessDocumentsFromResources(
    const spec::Stack& stack, const std::vector<resources::DesiredResource>& resources) {
  return Builder(stack, resources).Build();
}

}  // namespace vueops::cli
