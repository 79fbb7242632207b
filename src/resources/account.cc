// account: a member account of the organization (notes: "Accounts and IAM": vueusers,
// vueback, vueops, vueprod, vuedev, ...). The management account is not one: it runs the
// organization (organization's master_account_id).
//
// Attributes:
//   name       string  replace   the account's name (refused: see CheckUpdate)
//   email      string  replace   its root user's email, unique across AWS (refused too)
//   parent_id  string  in place  the root (r-...) or OU (ou-...) it sits in (MoveAccount)
// Outputs: id (the 12-digit account id), arn.
//
// CreateAccount is asynchronous and takes no idempotency token: Create first looks for the
// account (by email among ListAccounts, then for a create still in progress under the same
// name), so a retried or resumed create never makes a second account. It then polls
// DescribeCreateAccountStatus until AWS reports the new id. Closing an account cannot be
// undone (it is suspended, then gone after 90 days), so the type is stateful.
#include <algorithm>
#include <map>

#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"email", UpdateMode::kReplace},
    {"parent_id", UpdateMode::kInPlace},
};

// Organizations API Reference: the operations' errors.
constexpr std::string_view kAccountNotFound = "AccountNotFoundException";
constexpr std::string_view kAccountAlreadyClosed = "AccountAlreadyClosedException";
constexpr std::string_view kDuplicateAccount = "DuplicateAccountException";

// Organizations User Guide, "Creating a member account": creation usually completes within
// minutes; the request is not lost if it takes longer (Create resumes it).
constexpr auto kCreateAccountTimeout = std::chrono::minutes(30);
// The role Organizations creates in every account it creates (Organizations User Guide,
// "Accessing a member account that has a management account access role"): what vueops
// assumes to work inside the account.
constexpr std::string_view kAccessRoleName = "OrganizationAccountAccessRole";
// A new account's role can be assumed only once IAM in the account has it.
constexpr auto kAccessRoleTimeout = std::chrono::minutes(10);
// STS API Reference, AssumeRole: DurationSeconds from 900; the readiness probe needs no more.
constexpr int kProbeSessionSeconds = 900;

// An account that is being closed, or is closed, is gone as far as the spec is concerned.
bool IsClosed(const Json& account) {
  std::string state = account.value("State", account.value("Status", ""));
  return state == "SUSPENDED" || state == "PENDING_CLOSURE" || state == "CLOSED";
}

Json Outputs(const Json& account) {
  return {{"id", account.value("Id", "")}, {"arn", account.value("Arn", "")}};
}

Json Attributes(const Json& account, const std::string& parent_id) {
  return {{"name", account.value("Name", "")},
          {"email", account.value("Email", "")},
          {"parent_id", parent_id}};
}

Result<Json> AllAccounts(ResourceContext& context) {
  return CallAllPages(context, "organizations", "ListAccounts", Json::object(), kNextTokenPaging,
                      "Accounts");
}

Result<std::string> ParentOf(ResourceContext& context, const std::string& account_id) {
  ASSIGN_OR_RETURN(Json parents,
                   context.Call("organizations", "ListParents", {{"ChildId", account_id}}));
  if (!parents["Parents"].is_array() || parents["Parents"].empty()) {
    return InternalError(context.address() + ": account " + account_id + " has no parent");
  }
  return parents["Parents"][0].value("Id", "");
}

Status MoveTo(ResourceContext& context, const std::string& account_id,
              const std::string& destination) {
  ASSIGN_OR_RETURN(std::string source, ParentOf(context, account_id));
  if (source == destination) return Status::Ok();
  return CallIgnoring(
      context, "organizations", "MoveAccount",
      {{"AccountId", account_id}, {"SourceParentId", source}, {"DestinationParentId", destination}},
      {kDuplicateAccount});
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The live (not closed) account with `email` (AWS compares emails without case), else one
// named `name`.
std::optional<Json> Matching(const Json& accounts, const std::string& email,
                             const std::string& name) {
  for (const Json& account : accounts) {
    if (!IsClosed(account) && Lower(account.value("Email", "")) == Lower(email)) return account;
  }
  for (const Json& account : accounts) {
    if (!IsClosed(account) && account.value("Name", "") == name) return account;
  }
  return std::nullopt;
}

class AccountType : public ResourceType {
 public:
  std::string_view name() const override { return "account"; }
  std::string_view service() const override { return "organizations"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListAccounts for every account, one ListAccountsForParent per parent the records
  // name (see ReadOne), and ListParents only for an account that is no longer where it was.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> accounts = AllAccounts(context);
    std::map<std::string, Result<Json>> children;
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      results.push_back(accounts.ok() ? ReadOne(context, *record, *accounts, children)
                                      : Result<Json>(accounts.status()));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string email = desired.value("email", "");
    std::string account_name = desired.value("name", "");
    ASSIGN_OR_RETURN(Json accounts, AllAccounts(context));
    std::string account_id;
    if (std::optional<Json> existing = Matching(accounts, email, account_name)) {
      context.Progress("adopting account " + existing->value("Id", "") + " (" +
                       existing->value("Email", "") + "), already in the organization");
      account_id = existing->value("Id", "");
    } else {
      ASSIGN_OR_RETURN(std::string request_id, StartCreate(context, account_name, email));
      ASSIGN_OR_RETURN(account_id, AwaitCreate(context, request_id));
    }
    RETURN_IF_ERROR(MoveTo(context, account_id, desired.value("parent_id", "")));
    ASSIGN_OR_RETURN(Json described,
                     context.Call("organizations", "DescribeAccount", {{"AccountId", account_id}}));
    return Created{account_id, Outputs(described["Account"]),
                   Attributes(described["Account"], desired.value("parent_id", ""))};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return MoveTo(context, record.id, desired.value("parent_id", ""));
  }

  Status CheckUpdate(const std::string& address, const Json& before,
                     const Json& after) const override {
    for (const char* attribute : {"name", "email"}) {
      if (before.contains(attribute) && after.contains(attribute) &&
          before[attribute] != after[attribute]) {
        return FailedPreconditionError(
            address + ": the account's " + attribute + " is " + DumpJson(before[attribute]) +
            ", the spec says " + DumpJson(after[attribute]) +
            "; vueops will not close an account to make another. Change it in the account's "
            "settings (AWS console), then in the spec");
      }
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallIgnoring(context, "organizations", "CloseAccount", {{"AccountId", record.id}},
                        {kAccountNotFound, kAccountAlreadyClosed});
  }

  // Everything vueops does inside the account goes through its access role: ready when the
  // management account can assume it.
  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string role_arn = "arn:aws:iam::" + record.id + ":role/" + std::string(kAccessRoleName);
    return context.Poll("the access role of account " + record.id + " to be assumable",
                        kAccessRoleTimeout, [&]() -> Result<bool> {
                          Result<Json> assumed =
                              CallUnlessDone(context, "sts", "AssumeRole",
                                             {{"RoleArn", role_arn},
                                              {"RoleSessionName", "vueops-readiness"},
                                              {"DurationSeconds", kProbeSessionSeconds}},
                                             {"AccessDenied"});
                          if (!assumed.ok()) return assumed.status();
                          return assumed->contains("Credentials");
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json accounts, AllAccounts(context));
    std::optional<Json> account =
        Matching(accounts, desired.value("email", ""), desired.value("name", ""));
    if (!account) return std::optional<Found>();
    std::string account_id = account->value("Id", "");
    ASSIGN_OR_RETURN(std::string parent_id, ParentOf(context, account_id));
    return std::optional<Found>(
        Found{account_id, Outputs(*account), Attributes(*account, parent_id)});
  }

 private:
  // One record's account among `accounts`; `children` caches each parent's accounts.
  static Result<Json> ReadOne(ResourceContext& context, const state::ResourceRecord& record,
                              const Json& accounts, std::map<std::string, Result<Json>>& children) {
    auto account = std::find_if(accounts.begin(), accounts.end(), [&](const Json& candidate) {
      return candidate.value("Id", "") == record.id;
    });
    if (account == accounts.end() || IsClosed(*account)) {
      return NotFoundError(record.address + ": account " + record.id + " is closed or gone");
    }
    std::string parent_id = record.attributes.value("parent_id", "");
    bool under_recorded_parent = false;
    if (!parent_id.empty()) {
      auto listed = children.find(parent_id);
      if (listed == children.end()) {
        listed = children
                     .emplace(parent_id,
                              CallAllPages(context, "organizations", "ListAccountsForParent",
                                           {{"ParentId", parent_id}}, kNextTokenPaging, "Accounts"))
                     .first;
      }
      if (listed->second.ok()) {
        for (const Json& child : *listed->second) {
          under_recorded_parent = under_recorded_parent || child.value("Id", "") == record.id;
        }
      }
    }
    if (!under_recorded_parent) {
      ASSIGN_OR_RETURN(parent_id, ParentOf(context, record.id));
    }
    return Attributes(*account, parent_id);
  }

  // The id of a create request for this account: one still in progress (a create an
  // interrupted apply sent), else a new one.
  static Result<std::string> StartCreate(ResourceContext& context, const std::string& account_name,
                                         const std::string& email) {
    ASSIGN_OR_RETURN(Json pending, CallAllPages(context, "organizations", "ListCreateAccountStatus",
                                                {{"States", {"IN_PROGRESS"}}}, kNextTokenPaging,
                                                "CreateAccountStatuses"));
    for (const Json& status : pending) {
      if (status.value("AccountName", "") == account_name) return status.value("Id", "");
    }
    ASSIGN_OR_RETURN(Json started, context.Call("organizations", "CreateAccount",
                                                {{"Email", email},
                                                 {"AccountName", account_name},
                                                 {"Tags", context.TagList()}}));
    return started["CreateAccountStatus"].value("Id", "");
  }

  static Result<std::string> AwaitCreate(ResourceContext& context, const std::string& request_id) {
    std::string account_id;
    std::string failure;
    RETURN_IF_ERROR(
        context.Poll("the account to be created", kCreateAccountTimeout, [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(Json status, context.Call("organizations", "DescribeCreateAccountStatus",
                                                     {{"CreateAccountRequestId", request_id}}));
          const Json& create = status["CreateAccountStatus"];
          std::string state = create.value("State", "");
          if (state == "SUCCEEDED") account_id = create.value("AccountId", "");
          if (state == "FAILED") failure = create.value("FailureReason", "unknown reason");
          return state != "IN_PROGRESS";
        }));
    if (!failure.empty()) {
      return FailedPreconditionError(context.address() +
                                     ": Organizations could not create the "
                                     "account: " +
                                     failure);
    }
    return account_id;
  }
};

}  // namespace

const ResourceType& Account() {
  static const AccountType* type = new AccountType();
  return *type;
}

}  // namespace vueops::resources
