// organization: the AWS Organization the management account runs (notes: "Accounts and IAM":
// "Vueocity is setup using AWS organizations: vueorg - root org").
//
// Attributes:
//   feature_set   string  replace   "ALL" (service control policies need it)
//   policy_types  list    in place  the policy types enabled on the root, sorted
//                                   ("SERVICE_CONTROL_POLICY")
// Outputs: id (o-...), arn, root_id (r-...), master_account_id (the management account's
// 12-digit id: vueops does not create that account, so references to it use this output).
//
// There is one organization per management account: Create adopts the one that exists, and
// Find finds it. Deleting it needs every member account gone first; it is stateful because
// deleting it leaves every account standalone, which cannot be undone.
#include <algorithm>

#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"feature_set", UpdateMode::kReplace},
    {"policy_types", UpdateMode::kInPlace},
};

// Organizations API Reference, Common Errors and the operations' errors.
constexpr std::string_view kNotInUse = "AWSOrganizationsNotInUseException";
constexpr std::string_view kAlreadyInOrganization = "AlreadyInOrganizationException";
constexpr std::string_view kPolicyTypeAlreadyEnabled = "PolicyTypeAlreadyEnabledException";
constexpr std::string_view kPolicyTypeNotEnabled = "PolicyTypeNotEnabledException";

// Organizations API Reference, EnablePolicyType: "the policy type ... has a status of
// PENDING_ENABLE until" the change has reached every account. Minutes at most.
constexpr auto kPolicyTypeTimeout = std::chrono::minutes(10);

// The organization and its root as Organizations describes them.
struct Described {
  Json organization;
  Json root;
};

Result<Described> Describe(ResourceContext& context) {
  ASSIGN_OR_RETURN(
      Json organization,
      context.CallOrNotFound("organizations", "DescribeOrganization", Json::object(), {kNotInUse}));
  ASSIGN_OR_RETURN(Json roots, context.Call("organizations", "ListRoots", Json::object()));
  if (!roots["Roots"].is_array() || roots["Roots"].empty()) {
    return InternalError(context.address() + ": the organization has no root");
  }
  return Described{organization["Organization"], roots["Roots"][0]};
}

// The policy types that are on, or on their way on, at the root.
Json EnabledPolicyTypes(const Json& root) {
  Json types = Json::array();
  for (const Json& type : root.value("PolicyTypes", Json::array())) {
    std::string status = type.value("Status", "");
    if (status == "ENABLED" || status == "PENDING_ENABLE") types.push_back(type.value("Type", ""));
  }
  return SortedStrings(types);
}

Json Attributes(const Described& described) {
  return {{"feature_set", described.organization.value("FeatureSet", "")},
          {"policy_types", EnabledPolicyTypes(described.root)}};
}

Json Outputs(const Described& described) {
  return {{"id", described.organization.value("Id", "")},
          {"arn", described.organization.value("Arn", "")},
          {"root_id", described.root.value("Id", "")},
          {"master_account_id", described.organization.value("MasterAccountId", "")}};
}

class OrganizationType : public ResourceType {
 public:
  std::string_view name() const override { return "organization"; }
  std::string_view service() const override { return "organizations"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(Described described, Describe(context));
    if (described.organization.value("Id", "") != record.id) {
      return NotFoundError(record.address + ": organization " + record.id +
                           " is gone (the account now runs " +
                           described.organization.value("Id", "") + ")");
    }
    return Attributes(described);
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    bool existed = false;
    RETURN_IF_ERROR(CallUnlessDone(context, "organizations", "CreateOrganization",
                                   {{"FeatureSet", desired.value("feature_set", "ALL")}},
                                   {kAlreadyInOrganization}, &existed)
                        .status());
    if (existed) context.Progress("adopting the organization this account already runs");
    ASSIGN_OR_RETURN(Described described, Describe(context));
    // The organization itself takes no tags; its root does.
    RETURN_IF_ERROR(
        context
            .Call("organizations", "TagResource",
                  {{"ResourceId", described.root.value("Id", "")}, {"Tags", context.TagList()}})
            .status());
    RETURN_IF_ERROR(SyncPolicyTypes(context, described.root, desired));
    Created created{described.organization.value("Id", ""), Outputs(described), Json::object()};
    return created;
  }

  Status Update(ResourceContext& context, const state::ResourceRecord&, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Described described, Describe(context));
    return SyncPolicyTypes(context, described.root, desired);
  }

  Status CheckUpdate(const std::string& address, const Json& before,
                     const Json& after) const override {
    if (before.contains("feature_set") && after.contains("feature_set") &&
        before["feature_set"] != after["feature_set"]) {
      return FailedPreconditionError(
          address + ": the organization's feature set is " + DumpJson(before["feature_set"]) +
          "; vueops will not replace an organization (that would detach every account). "
          "Enable all features from the Organizations console (every member must accept)");
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted =
        CallUnlessDone(context, "organizations", "DeleteOrganization", Json::object(), {kNotInUse});
    if (deleted.ok()) return Status::Ok();
    Result<Json> accounts = CallAllPages(context, "organizations", "ListAccounts",
                                         Json::object(), kNextTokenPaging, "Accounts");
    if (!accounts.ok()) return deleted.status();
    // A closed account stays in the organization, SUSPENDED, for up to 90 days (Organizations
    // User Guide, "Closing a member account"), and cannot be removed from it meanwhile; the
    // organization can only go once AWS has dropped them.
    int closed = 0;
    for (const Json& account : *accounts) {
      std::string status = account.value("Status", "");
      if (status == "SUSPENDED" || status == "PENDING_CLOSURE") ++closed;
    }
    if (closed == 0) return deleted.status();
    return FailedPreconditionError(
        record.address + ": the organization still holds " + std::to_string(closed) +
        " closed account" + (closed == 1 ? "" : "s") +
        ", which AWS keeps for up to 90 days after closing; delete the organization after that, "
        "or keep it and forget it here: vueops state rm " + record.address);
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord&) const override {
    return context.Poll(
        "the root's policy types to be enabled", kPolicyTypeTimeout, [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(Json roots, context.Call("organizations", "ListRoots", Json::object()));
          for (const Json& root : roots["Roots"]) {
            for (const Json& type : root.value("PolicyTypes", Json::array())) {
              if (type.value("Status", "") != "ENABLED") return false;
            }
          }
          return true;
        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    Result<Described> described = Describe(context);
    if (!described.ok()) {
      if (described.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return described.status();
    }
    return std::optional<Found>(Found{described->organization.value("Id", ""), Outputs(*described),
                                      Attributes(*described)});
  }

 private:
  // Enables the desired policy types the root lacks and disables the others.
  static Status SyncPolicyTypes(ResourceContext& context, const Json& root, const Json& desired) {
    Json wanted = SortedStrings(desired.value("policy_types", Json::array()));
    Json enabled = EnabledPolicyTypes(root);
    std::string root_id = root.value("Id", "");
    for (const Json& type : wanted) {
      if (std::find(enabled.begin(), enabled.end(), type) != enabled.end()) continue;
      RETURN_IF_ERROR(CallIgnoring(context, "organizations", "EnablePolicyType",
                                   {{"RootId", root_id}, {"PolicyType", type}},
                                   {kPolicyTypeAlreadyEnabled}));
    }
    for (const Json& type : enabled) {
      if (std::find(wanted.begin(), wanted.end(), type) != wanted.end()) continue;
      RETURN_IF_ERROR(CallIgnoring(context, "organizations", "DisablePolicyType",
                                   {{"RootId", root_id}, {"PolicyType", type}},
                                   {kPolicyTypeNotEnabled}));
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& Organization() {
  static const OrganizationType* type = new OrganizationType();
  return *type;
}

}  // namespace vueops::resources
