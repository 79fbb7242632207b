#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/diagnostic.h"
#include "graph/build.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::Join;
using resources::Reference;

constexpr char kAdministratorAccess[] = "arn:aws:iam::aws:policy/AdministratorAccess";
constexpr char kReadOnlyAccess[] = "arn:aws:iam::aws:policy/ReadOnlyAccess";

Json Trust(Json principal_account_id) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"},
             {"Principal",
              {{"AWS", Join({"arn:aws:iam::", std::move(principal_account_id), ":root"})}}},
             {"Action", "sts:AssumeRole"},
             {"Condition", {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}}}}}}};
}

class BuildAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec::LoadResult loaded =
        spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
    ASSERT_TRUE(loaded.ok()) << RenderDiagnostics(loaded.diagnostics, {});
    stack_ = std::move(*loaded.stack);
    BuildContext context(stack_, options_);
    BuildAccess(context);
    Result<std::vector<resources::DesiredResource>> built = context.Finish();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    for (resources::DesiredResource& resource : *built) {
      std::string address = resource.address;
      ASSERT_TRUE(resources_.emplace(address, std::move(resource)).second) << address;
    }
  }

  const resources::DesiredResource& At(const std::string& address) {
    static const resources::DesiredResource kMissing;
    auto it = resources_.find(address);
    EXPECT_NE(it, resources_.end()) << address << " was not built";
    return it == resources_.end() ? kMissing : it->second;
  }

  bool DependsOn(const resources::DesiredResource& resource, const std::string& address) {
    return std::find(resource.depends_on.begin(), resource.depends_on.end(), address) !=
           resource.depends_on.end();
  }

  spec::Stack stack_;
  BuildOptions options_;
  std::map<std::string, resources::DesiredResource> resources_;
};

TEST_F(BuildAccessTest, RolesExistWhereTheirGrantsReachWithThatAccountsPermissions) {
  const resources::DesiredResource& admin = At("org.iam_role.vueprod/VueAdmin");
  ASSERT_NE(admin.type, nullptr);
  EXPECT_EQ(admin.type->name(), "iam_role");
  EXPECT_EQ(admin.account, "vueprod");
  EXPECT_EQ(admin.region, "");
  EXPECT_EQ(admin.attributes,
            (Json{{"name", "VueAdmin"},
                  {"description", "Full admin access for most accounts"},
                  {"assume_role_policy", Trust(Reference("org.account.vueusers"))},
                  {"max_session_duration", 3600},
                  {"managed_policy_arns", {kAdministratorAccess}},
                  {"tags", Json::object()},
                  {"inline_policy_names", Json::array()}}));
  EXPECT_TRUE(DependsOn(admin, "org.account.vueprod"));
  EXPECT_GT(admin.source.line, 0u);

  // VueAdmin is granted to vueback, vueops, production and sandboxes, not vueusers or vueorg.
  EXPECT_EQ(resources_.count("org.iam_role.vueusers/VueAdmin"), 0u);
  EXPECT_EQ(resources_.count("org.iam_role.vueorg/VueAdmin"), 0u);
  EXPECT_EQ(At("org.iam_role.vuedev/VueAdmin").account, "vuedev");

  // "VueDev - Full admin on dev accounts, read-only on production".
  EXPECT_EQ(At("org.iam_role.vuedev/VueDev").attributes["managed_policy_arns"],
            Json::array({kAdministratorAccess}));
  EXPECT_EQ(At("org.iam_role.vueprod/VueDev").attributes["managed_policy_arns"],
            Json::array({kReadOnlyAccess}));
  EXPECT_EQ(resources_.count("org.iam_role.vueops/VueDev"), 0u);

  // VueProd deploys: ReadOnlyAccess and the permission set's own policy, named for it.
  const resources::DesiredResource& deploy = At("org.iam_role.vueprod/VueProd");
  EXPECT_EQ(deploy.attributes["managed_policy_arns"], Json::array({kReadOnlyAccess}));
  EXPECT_EQ(deploy.attributes["inline_policy_names"], Json::array({"deploy"}));
  const resources::DesiredResource& policy = At("org.iam_role_policy.vueprod/VueProd/deploy");
  ASSERT_NE(policy.type, nullptr);
  EXPECT_EQ(policy.type->name(), "iam_role_policy");
  EXPECT_EQ(policy.account, "vueprod");
  EXPECT_EQ(policy.attributes["role"], Reference("org.iam_role.vueprod/VueProd"));
  EXPECT_EQ(policy.attributes["name"], "deploy");
  EXPECT_EQ(policy.attributes["policy"]["Statement"][0]["Sid"], "RollServers");
  EXPECT_EQ(resources_.count("org.iam_role.vuedev/VueProd"), 0u);
}

TEST_F(BuildAccessTest, RolesForAllAccountsIncludeTheManagementAccount) {
  int read_roles = 0;
  for (const auto& [address, resource] : resources_) {
    read_roles += address.rfind("org.iam_role.", 0) == 0 && address.size() > 8 &&
                  address.substr(address.size() - 8) == "/VueRead";
  }
  EXPECT_EQ(read_roles, 7);
  const resources::DesiredResource& root_read = At("org.iam_role.vueorg/VueRead");
  EXPECT_EQ(root_read.account, "");  // the management account
  EXPECT_TRUE(root_read.depends_on.empty());
  // VueOrg is "managed by the vueorg root account": its trust names the management account,
  // whose id comes from the organization.
  EXPECT_EQ(At("org.iam_role.vueprod/VueOrg").attributes["assume_role_policy"],
            Trust(Reference("org.organization.main", "master_account_id")));
}

TEST_F(BuildAccessTest, GroupsMayAssumeExactlyTheirRolesArns) {
  const resources::DesiredResource& admins = At("org.iam_group.VueAdmin");
  ASSERT_NE(admins.type, nullptr);
  EXPECT_EQ(admins.type->name(), "iam_group");
  EXPECT_EQ(admins.account, "vueusers");
  Json resources = Json::array();
  for (const char* account : {"vueback", "vueops", "vueprod", "vuedev", "vuetest"}) {
    resources.push_back(Reference(std::string("org.iam_role.") + account + "/VueAdmin", "arn"));
  }
  EXPECT_EQ(admins.attributes, (Json{{"name", "VueAdmin"},
                                     {"managed_policy_arns", Json::array()},
                                     {"inline_policy_names", {"vueops-assume-roles"}}}));
  const resources::DesiredResource& assume =
      At("org.iam_group_policy.VueAdmin/vueops-assume-roles");
  EXPECT_EQ(assume.account, "vueusers");
  EXPECT_EQ(assume.attributes, (Json{{"group", Reference("org.iam_group.VueAdmin")},
                                     {"name", "vueops-assume-roles"},
                                     {"policy",
                                      {{"Version", "2012-10-17"},
                                       {"Statement",
                                        {{{"Sid", "AssumeRoles"},
                                          {"Effect", "Allow"},
                                          {"Action", "sts:AssumeRole"},
                                          {"Resource", resources}}}}}}}));

  // OrgAdmin, in the root account, reaches VueOrg everywhere.
  const resources::DesiredResource& org_admin = At("org.iam_group.OrgAdmin");
  EXPECT_EQ(org_admin.account, "");
  EXPECT_EQ(At("org.iam_group_policy.OrgAdmin/vueops-assume-roles")
                .attributes["policy"]["Statement"][0]["Resource"]
                .size(),
            7u);
  // VueOrg is not trusted from vueusers, so vueusers has no VueOrg group.
  EXPECT_EQ(resources_.count("org.iam_group.VueOrg"), 0u);

  // BackupReaders assumes nothing; its own policy is kept.
  const resources::DesiredResource& backup = At("org.iam_group.BackupReaders");
  EXPECT_EQ(backup.account, "vueback");
  EXPECT_EQ(backup.attributes["inline_policy_names"], Json::array({"vueops-group-policy"}));
  EXPECT_EQ(At("org.iam_group_policy.BackupReaders/vueops-group-policy")
                .attributes["policy"]["Statement"][0]["Action"],
            Json::array({"s3:ListBucket", "s3:GetObject", "s3:GetObjectVersion"}));
}

TEST_F(BuildAccessTest, HumansGetAPasswordAndServicesKeys) {
  const resources::DesiredResource& alice = At("org.iam_user.alice");
  ASSERT_NE(alice.type, nullptr);
  EXPECT_EQ(alice.type->name(), "iam_user");
  EXPECT_EQ(alice.account, "vueusers");
  EXPECT_EQ(alice.attributes["groups"], Json::array({"VueAdmin", "VueRead"}));
  EXPECT_TRUE(DependsOn(alice, "org.iam_group.VueAdmin"));
  EXPECT_TRUE(DependsOn(alice, "org.iam_group.VueRead"));
  const resources::DesiredResource& password = At("org.iam_login_profile.alice");
  EXPECT_EQ(password.account, "vueusers");
  EXPECT_EQ(password.attributes, (Json{{"user", Reference("org.iam_user.alice")},
                                       {"password_reset_required", true},
                                       {"secret_region", "us-west-2"}}));
  EXPECT_EQ(resources_.count("org.iam_access_key.alice/1"), 0u);

  const resources::DesiredResource& agent = At("org.iam_user.backup-agent");
  EXPECT_EQ(agent.account, "vueback");
  EXPECT_EQ(agent.attributes["groups"], Json::array({"BackupReaders"}));
  EXPECT_EQ(resources_.count("org.iam_login_profile.backup-agent"), 0u);
  const resources::DesiredResource& key = At("org.iam_access_key.backup-agent/1");
  EXPECT_EQ(key.account, "vueback");
  EXPECT_EQ(key.attributes, (Json{{"user", Reference("org.iam_user.backup-agent")},
                                  {"status", "Active"},
                                  {"secret_name", "vueops/access-key/backup-agent/1"},
                                  {"secret_region", "us-west-2"}}));
  EXPECT_EQ(resources_.count("org.iam_access_key.backup-agent/2"), 0u);
}

TEST_F(BuildAccessTest, EveryReferenceNamesSomethingThePassesBuild) {
  // Within the org section, references go to org resources only.
  std::set<std::string> referenced;
  for (const auto& [address, resource] : resources_) {
    resources::CollectReferences(resource.attributes, &referenced);
  }
  for (const std::string& address : referenced) {
    EXPECT_EQ(address.rfind("org.", 0), 0u) << address;
    if (address.rfind("org.iam_", 0) == 0) {
      EXPECT_EQ(resources_.count(address), 1u) << address;
    }
  }
}

TEST(BuildAccessGrantsTest, TheMostSpecificGrantWinsAndNoneMeansNoRole) {
  spec::Stack stack;
  stack.name = "vueocity";
  stack.organization.management_account = "vueorg";
  auto add_account = [&](const char* name, spec::AccountKind kind) {
    spec::Account& account = stack.organization.accounts.emplace_back();
    account.name = name;
    account.kind = kind;
  };
  add_account("vueorg", spec::AccountKind::kRoot);
  add_account("vueusers", spec::AccountKind::kIdentity);
  add_account("vueprod", spec::AccountKind::kProduction);
  add_account("vuedev", spec::AccountKind::kSandbox);
  stack.access.identity_account = "vueusers";
  for (const char* name : {"admin", "read-only"}) {
    stack.access.permission_sets.emplace_back().name = name;
  }
  stack.access.permission_sets[0].managed_policies = {kAdministratorAccess};
  spec::Role& role = stack.access.roles.emplace_back();
  role.name = "Ops";
  role.trusted_account = "vueusers";
  role.require_mfa = false;
  role.max_session_hours = 4;
  role.grants = {{}, {}, {}};
  role.grants[0].selector = "all";
  role.grants[0].permission_set = "read-only";
  role.grants[1].selector = "workloads";
  role.grants[1].permission_set = "admin";
  role.grants[2].selector = "vuedev";
  role.grants[2].permission_set = "none";
  BuildOptions options;
  BuildContext context(stack, options);
  BuildAccess(context);
  Result<std::vector<resources::DesiredResource>> built = context.Finish();
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::map<std::string, const resources::DesiredResource*> by_address;
  for (const resources::DesiredResource& resource : *built)
    by_address[resource.address] = &resource;
  EXPECT_EQ(by_address.count("org.iam_role.vuedev/Ops"), 0u);
  ASSERT_EQ(by_address.count("org.iam_role.vueprod/Ops"), 1u);
  const Json& prod = by_address["org.iam_role.vueprod/Ops"]->attributes;
  EXPECT_EQ(prod["managed_policy_arns"], Json::array({kAdministratorAccess}));
  EXPECT_EQ(prod["max_session_duration"], 4 * 3600);
  EXPECT_FALSE(prod["assume_role_policy"]["Statement"][0].contains("Condition"));
  ASSERT_EQ(by_address.count("org.iam_role.vueorg/Ops"), 1u);
  ASSERT_EQ(by_address.count("org.iam_role.vueusers/Ops"), 1u);
  EXPECT_EQ(by_address["org.iam_role.vueusers/Ops"]->attributes["managed_policy_arns"],
            Json::array());
}

}  // namespace
}  // namespace vueops::graph
