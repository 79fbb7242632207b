#include "cli/access_live.h"

#include <algorithm>
#include <map>
#include <set>

#include "audit/json_fields.h"
#include "cli/access_documents.h"
#include "ops/role_choice.h"
#include "resources/iam_inline_policy.h"

namespace vueops::cli {
namespace {

using audit::Items;
using audit::Member;
using audit::Text;

// A policy document as the client hands it over: parsed already (the model marks IAM's
// documents), or still text.
Json Document(const Json& value) {
  if (value.is_string()) {
    Result<Json> parsed = ParseJson(value.get<std::string>());
    return parsed.ok() ? std::move(parsed).value() : Json::object();
  }
  return value.is_object() ? value : Json::object();
}

// What the builder reads of a role, group or user: its AWS managed policy ARNs (the
// attributes) and its inline policies by name, with customer managed policies inlined at their
// default version ("managed:<name>").
struct EntityPolicies {
  Json attributes;
  Json inline_policies;
};

EntityPolicies PolicyAttributes(const Json& entity, std::string_view inline_list,
                                const std::map<std::string, Json>& customer_managed) {
  EntityPolicies out{{{"managed_policy_arns", Json::array()}}, Json::object()};
  for (const Json& policy : Items(Member(entity, inline_list))) {
    out.inline_policies[Text(policy, "PolicyName")] = Document(Member(policy, "PolicyDocument"));
  }
  for (const Json& attached : Items(Member(entity, "AttachedManagedPolicies"))) {
    std::string arn = Text(attached, "PolicyArn");
    auto local = customer_managed.find(arn);
    if (local != customer_managed.end()) {
      out.inline_policies["managed:" + Text(attached, "PolicyName")] = local->second;
    } else {
      out.attributes["managed_policy_arns"].push_back(arn);
    }
  }
  return out;
}

resources::DesiredResource Record(std::string address, std::string account, Json attributes) {
  resources::DesiredResource record;
  record.address = std::move(address);
  record.account = std::move(account);
  record.attributes = std::move(attributes);
  return record;
}

// The entity's record at `address` (org.<type>.<name>) and one <type>_policy record for each
// of its inline policies, as the graph builder makes them.
void AddEntity(std::vector<resources::DesiredResource>& records, std::string_view type,
               const std::string& name, const std::string& account, EntityPolicies policies) {
  const std::string address = resources::MakeAddress("org", type, name);
  const std::string policy_type = resources::InlinePolicyType(type);
  const std::string owner(resources::InlinePolicyOwner(policy_type));
  for (auto it = policies.inline_policies.begin(); it != policies.inline_policies.end(); ++it) {
    records.push_back(Record(
        resources::MakeAddress("org", policy_type, name + "/" + it.key()), account,
        {{owner, resources::Reference(address)}, {"name", it.key()}, {"policy", it.value()}}));
  }
  records.push_back(Record(address, account, std::move(policies.attributes)));
}

}  // namespace

std::vector<resources::DesiredResource> IamRecordsFromDetails(
    const Json& details, const std::string& account, const std::vector<std::string>& roles) {
  std::map<std::string, Json> customer_managed;  // ARN -> default version's document
  for (const Json& policy : Items(Member(details, "Policies"))) {
    for (const Json& version : Items(Member(policy, "PolicyVersionList"))) {
      const Json& is_default = Member(version, "IsDefaultVersion");
      if (is_default.is_boolean() && is_default.get<bool>()) {
        customer_managed[Text(policy, "Arn")] = Document(Member(version, "Document"));
      }
    }
  }
  std::vector<resources::DesiredResource> records;
  for (const Json& role : Items(Member(details, "RoleDetailList"))) {
    std::string name = Text(role, "RoleName");
    if (std::find(roles.begin(), roles.end(), name) == roles.end()) continue;
    EntityPolicies policies = PolicyAttributes(role, "RolePolicyList", customer_managed);
    Json& attributes = policies.attributes;
    attributes["name"] = name;
    attributes["assume_role_policy"] = Document(Member(role, "AssumeRolePolicyDocument"));
    std::string boundary = Text(Member(role, "PermissionsBoundary"), "PermissionsBoundaryArn");
    if (!boundary.empty()) attributes["permissions_boundary"] = boundary;
    AddEntity(records, "iam_role", account + "/" + name, account, std::move(policies));
  }
  for (const Json& group : Items(Member(details, "GroupDetailList"))) {
    EntityPolicies policies = PolicyAttributes(group, "GroupPolicyList", customer_managed);
    policies.attributes["name"] = Text(group, "GroupName");
    AddEntity(records, "iam_group", account + "-" + Text(group, "GroupName"), account,
              std::move(policies));
  }
  for (const Json& user : Items(Member(details, "UserDetailList"))) {
    EntityPolicies policies = PolicyAttributes(user, "UserPolicyList", customer_managed);
    Json& attributes = policies.attributes;
    attributes["name"] = Text(user, "UserName");
    attributes["groups"] = Json::array();
    for (const Json& group : Items(Member(user, "GroupList"))) {
      if (group.is_string()) attributes["groups"].push_back(group);
    }
    AddEntity(records, "iam_user", account + "-" + Text(user, "UserName"), account,
              std::move(policies));
  }
  return records;
}

Result<std::vector<resources::DesiredResource>> ScpRecords(const std::vector<LiveScp>& policies) {
  std::vector<resources::DesiredResource> records;
  for (const LiveScp& policy : policies) {
    if (policy.name == kFullAwsAccessName) continue;
    Result<Json> content = ParseJson(policy.content);
    if (!content.ok()) {
      return InvalidArgumentError("service control policy " + policy.name +
                                  ": its content is not JSON: " + content.status().message());
    }
    records.push_back(Record("org.service_control_policy." + policy.name, "",
                             {{"name", policy.name},
                              {"content", std::move(content).value()},
                              {"targets", policy.targets}}));
  }
  return records;
}

namespace {

// The organization's SCPs and where each is attached, read with `client` in the management
// account. kFailedPrecondition when SCPs are not enabled (nothing to read).
Result<std::vector<LiveScp>> ReadScps(client::AwsClient& client, const spec::Stack& stack,
                                      const std::map<std::string, std::string>& account_ids,
                                      size_t* calls) {
  auto call = [&](std::string_view operation, const Json& input) {
    ++*calls;
    return client.CallAllPages("organizations", operation, input);
  };
  ASSIGN_OR_RETURN(Json roots, call("ListRoots", Json::object()));
  const Json& root = Member(roots, "Roots").is_array() && !Member(roots, "Roots").empty()
                         ? Member(roots, "Roots").front()
                         : Json();
  std::string root_id = Text(root, "Id");
  if (root_id.empty()) return FailedPreconditionError("the organization has no root");
  bool enabled = false;
  for (const Json& type : Items(Member(root, "PolicyTypes"))) {
    enabled = enabled ||
              (Text(type, "Type") == "SERVICE_CONTROL_POLICY" && Text(type, "Status") == "ENABLED");
  }
  if (!enabled) return FailedPreconditionError("service control policies are not enabled");

  // Target -> the builder's name for it: the root, each OU by its name (searched from the
  // root down), each account by its id.
  std::vector<std::pair<std::string, std::string>> targets = {{root_id, "root"}};
  std::vector<std::string> parents = {root_id};
  std::set<std::string> wanted_units;
  for (const spec::OrganizationalUnit& unit : stack.organization.units) {
    wanted_units.insert(unit.name);
  }
  while (!parents.empty()) {
    std::string parent = parents.back();
    parents.pop_back();
    ASSIGN_OR_RETURN(Json units, call("ListOrganizationalUnitsForParent", {{"ParentId", parent}}));
    for (const Json& unit : Items(Member(units, "OrganizationalUnits"))) {
      if (wanted_units.count(Text(unit, "Name"))) {
        targets.emplace_back(Text(unit, "Id"), "ou:" + Text(unit, "Name"));
      }
      parents.push_back(Text(unit, "Id"));
    }
  }
  for (const auto& [name, id] : account_ids) targets.emplace_back(id, id);

  std::map<std::string, LiveScp> by_id;
  for (const auto& [target, builder_name] : targets) {
    ASSIGN_OR_RETURN(Json attached,
                     call("ListPoliciesForTarget",
                          {{"TargetId", target}, {"Filter", "SERVICE_CONTROL_POLICY"}}));
    for (const Json& policy : Items(Member(attached, "Policies"))) {
      LiveScp& scp = by_id[Text(policy, "Id")];
      scp.name = Text(policy, "Name");
      scp.targets.push_back(builder_name);
    }
  }
  std::vector<LiveScp> policies;
  for (auto& [id, scp] : by_id) {
    if (scp.name != kFullAwsAccessName) {
      ASSIGN_OR_RETURN(Json described, call("DescribePolicy", {{"PolicyId", id}}));
      scp.content = Text(Member(described, "Policy"), "Content");
    }
    policies.push_back(std::move(scp));
  }
  return policies;
}

}  // namespace

Result<iam::AccessDocuments> ReadLiveAccessDocuments(OperatorAccess& access,
                                                     const std::string& role) {
  spec::Stack stack = access.stack();  // with the live account ids written in
  std::vector<std::string> role_names;
  for (const spec::Role& spec_role : stack.access.roles) role_names.push_back(spec_role.name);

  std::vector<resources::DesiredResource> records;
  std::map<std::string, std::string> account_ids;
  std::vector<std::string> read_as;
  std::optional<client::AwsClient> management;
  size_t calls = 0;
  const spec::Stack& original = access.stack();  // whose accounts Enter knows
  for (size_t i = 0; i < original.organization.accounts.size(); ++i) {
    const spec::Account& account = original.organization.accounts[i];
    std::string through = !role.empty() ? role : ops::ReadOnlyRole(original, account);
    if (through.empty()) {
      return FailedPreconditionError("the spec makes no read-only role in " + account.name +
                                     "; give --role to read it");
    }
    Result<AccountSession> session = access.Enter(account, "", through);
    if (!session.ok()) {
      return Status(session.status().code(), "reading " + account.name + " as " + through + ": " +
                                                 session.status().message());
    }
    stack.organization.accounts[i].id = session->account_id;
    account_ids[account.name] = session->account_id;
    read_as.push_back(account.name + " as " + through);
    ++calls;
    Result<Json> details = session->client->CallAllPages(
        "iam", "GetAccountAuthorizationDetails",
        {{"Filter", {"Role", "Group", "User", "LocalManagedPolicy"}}});
    if (!details.ok()) {
      return Status(details.status().code(),
                    "reading the IAM of " + account.name + ": " + details.status().message());
    }
    std::vector<resources::DesiredResource> found =
        IamRecordsFromDetails(*details, account.name, role_names);
    records.insert(records.end(), found.begin(), found.end());
    if (account.name == stack.organization.management_account) {
      management = std::move(session->client);
    }
  }
  std::string scp_note;
  if (management) {
    account_ids.erase(stack.organization.management_account);  // SCPs never apply there
    Result<std::vector<LiveScp>> scps = ReadScps(*management, stack, account_ids, &calls);
    if (scps.ok()) {
      ASSIGN_OR_RETURN(std::vector<resources::DesiredResource> scp_records, ScpRecords(*scps));
      records.insert(records.end(), scp_records.begin(), scp_records.end());
      scp_note = std::to_string(scp_records.size()) + " service control policies";
    } else if (scps.status().code() == StatusCode::kFailedPrecondition) {
      scp_note = "no service control policies (" + scps.status().message() + ")";
    } else {
      return Status(scps.status().code(), "reading the organization's service control policies: " +
                                              scps.status().message());
    }
  } else {
    scp_note = "no service control policies (the spec names no management account)";
  }
  ASSIGN_OR_RETURN(iam::AccessDocuments documents, AccessDocumentsFromResources(stack, records));
  std::string accounts;
  for (const std::string& one : read_as) accounts += (accounts.empty() ? "" : ", ") + one;
  documents.notes.insert(documents.notes.begin(), "live: the policies in force now, read from " +
                                                      accounts + "; " + scp_note + "; " +
                                                      std::to_string(calls) + " API calls");
  return documents;
}

}  // namespace vueops::cli
