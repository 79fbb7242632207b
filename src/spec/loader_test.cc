#include "spec/loader.h"

#include <gtest/gtest.h>

#include "spec/resolve.h"

namespace vueops::spec {
namespace {

std::string ExamplePath() { return std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity"; }

std::string Errors(const LoadResult& result) {
  return RenderDiagnostics(result.diagnostics, {});
}

// A minimal valid spec that tests extend with one change each.
std::string Minimal(const std::string& environment_extra = "",
                    const std::string& top_extra = "") {
  return R"(vueops: 1
name: demo
region: us-west-2
organization:
  management_account: root
  accounts:
    root: {kind: root, email: root@example.com}
    users: {kind: identity, email: users@example.com}
    prod: {kind: production, email: prod@example.com}
access:
  identity_account: users
  roles:
    Admin:
      grants: {all: admin}
)" + top_extra + R"(environments:
  prod:
    account: prod
    network: {vpc_cidr: 10.0.0.0/16}
)" + environment_extra;
}

LoadResult Load(const std::string& text) { return LoadStackFromText("test.yaml", text); }

TEST(LoaderTest, ExampleIsValid) {
  LoadResult result = LoadStack(ExamplePath());
  ASSERT_TRUE(result.ok()) << Errors(result);
  const Stack& stack = *result.stack;
  EXPECT_EQ(stack.name, "vueocity");
  EXPECT_EQ(stack.EnvironmentNames(), (std::vector<std::string>{"prod", "dev", "test"}));
  EXPECT_EQ(stack.organization.accounts.size(), 7u);
  EXPECT_EQ(stack.organization.FindAccount("vueback")->organizational_unit, "Infrastructure");
  // Same-named groups for every role trusted from vueusers, and OrgAdmin in vueorg.
  for (const char* role : {"VueAdmin", "VueProd", "VueDev", "VueRead"}) {
    const Group* group = stack.access.FindGroup(role);
    ASSERT_NE(group, nullptr) << role;
    EXPECT_EQ(group->account, "vueusers");
  }
  EXPECT_EQ(stack.access.FindGroup("VueOrg"), nullptr);
  EXPECT_EQ(stack.access.FindGroup("OrgAdmin")->account, "vueorg");
  EXPECT_EQ(stack.access.FindRole("VueOrg")->trusted_account, "vueorg");
}

TEST(LoaderTest, ExampleEnvironmentsComeFromTemplates) {
  LoadResult result = LoadStack(ExamplePath());
  ASSERT_TRUE(result.ok()) << Errors(result);
  const Environment& prod = *result.stack->FindEnvironment("prod");
  const Environment& dev = *result.stack->FindEnvironment("dev");
  EXPECT_EQ(prod.account, "vueprod");
  EXPECT_EQ(prod.availability_zones, (std::vector<std::string>{"us-west-2a", "us-west-2b"}));
  // Subnets carved from the VPC block, one per zone.
  ASSERT_EQ(prod.network.public_subnets.size(), 2u);
  EXPECT_EQ(prod.network.public_subnets[1].cidr.ToString(), "10.10.16.0/20");
  EXPECT_EQ(prod.network.private_subnets[0].cidr.ToString(), "10.10.128.0/20");
  EXPECT_EQ(prod.network.private_subnets[1].availability_zone, "us-west-2b");
  EXPECT_EQ(dev.network.public_subnets[0].cidr.ToString(), "10.20.0.0/20");
  // vars and built-in variables.
  EXPECT_EQ(prod.FindCertificate("site")->domain, "vueocity.com");
  EXPECT_EQ(dev.FindCertificate("site")->domain, "dev.vueocity.com");
  EXPECT_EQ(prod.servers->key_pair, "vueocity-prod");
  EXPECT_EQ(prod.FindBucket("public_protected")->name, "vueocity-prod-public-protected");
  // The CloudFront certificate lives in us-east-1, the ELB's in the region.
  EXPECT_EQ(prod.FindCertificate("cdn")->region, "us-east-1");
  EXPECT_EQ(prod.FindCertificate("site")->region, "us-west-2");
  // Overrides: prod's bigger database; the sandbox template's smaller fleet.
  EXPECT_EQ(prod.database->instance_class, "db.r6g.large");
  EXPECT_EQ(dev.database->instance_class, "db.t4g.small");
  EXPECT_EQ(dev.servers->FindProfile("FOH")->capacity.max, 2);
  EXPECT_FALSE(dev.servers->FindProfile("FOH")->cpu_target_percent.has_value());
  EXPECT_EQ(prod.servers->FindProfile("FOH")->cpu_target_percent, 60);
  EXPECT_EQ(dev.cdn->distributions.size(), 3u);
  EXPECT_EQ(prod.cdn->distributions.size(), 2u);
  // max_connections: FOH 8x8 + BOH 3x4 + FT 4x4 = 92 processes, +20%, +10.
  EXPECT_EQ(FleetConnectionDemand(*prod.servers), 92);
  EXPECT_EQ(prod.database->max_connections, 121);
}

TEST(LoaderTest, ExampleSecurityGroupsFollowTheNotes) {
  LoadResult result = LoadStack(ExamplePath());
  ASSERT_TRUE(result.ok()) << Errors(result);
  const Environment& prod = *result.stack->FindEnvironment("prod");
  const SecurityGroup* servers = prod.FindSecurityGroup("servers");
  ASSERT_NE(servers, nullptr);
  EXPECT_TRUE(servers->derived);
  ASSERT_EQ(servers->ingress.size(), 2u);
  EXPECT_EQ(servers->ingress[0].ports.from, 80);
  EXPECT_EQ(servers->ingress[0].sources[0].security_group, "load_balancer");
  EXPECT_EQ(servers->ingress[1].ports.from, 22);
  EXPECT_EQ(servers->ingress[1].sources[0].kind, RuleSource::Kind::kDevopsIps);
  EXPECT_EQ(prod.FindSecurityGroup("database")->ingress[0].ports.from, 3306);
  EXPECT_EQ(prod.FindSecurityGroup("cache")->ingress[0].ports.from, 6379);
  // The sandbox template writes its own servers group (with the dev extras).
  const Environment& dev = *result.stack->FindEnvironment("dev");
  EXPECT_FALSE(dev.FindSecurityGroup("servers")->derived);
  EXPECT_EQ(dev.FindSecurityGroup("servers")->ingress.size(), 4u);
  EXPECT_TRUE(dev.FindSecurityGroup("load_balancer")->derived);
}

TEST(LoaderTest, MinimalSpecLoads) {
  LoadResult result = Load(Minimal());
  ASSERT_TRUE(result.ok()) << Errors(result);
  EXPECT_TRUE(result.stack->access.FindPermissionSet("admin") != nullptr);
  EXPECT_TRUE(result.stack->access.FindPermissionSet("read-only") != nullptr);
}

TEST(LoaderTest, AllProblemsInOnePassSortedByLine) {
  LoadResult result = Load(Minimal(R"(    regoin: us-east-1
    servers:
      ami: ami-0123456789abcdef0
      key_pair: k
      profiles:
        FOH:
          instance_types: t3.medium
          capacity: {min: 1, max: 2}
          target_group: foh
)"));
  ASSERT_FALSE(result.ok());
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics.items()) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"spec.unknown-key", "spec.reference"}))
      << Errors(result);
  EXPECT_EQ(result.diagnostics.items()[0].hint, "did you mean 'region'?");
  EXPECT_NE(result.diagnostics.items()[1].message.find("no load_balancer"), std::string::npos);
}

TEST(LoaderTest, TemplateErrorsAreReportedOnce) {
  std::string text = Minimal("", R"(templates:
  base:
    network: {vpc_cidr: 10.0.0.0/16, nat: perzone}
)");
  text += "    template: base\n  dev:\n    template: base\n    account: prod\n";
  LoadResult result = Load(text);
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u) << Errors(result);
  EXPECT_EQ(result.diagnostics.items()[0].hint, "did you mean 'per-zone'?");
}

TEST(LoaderTest, UnknownTemplateAndVariable) {
  LoadResult result = Load(Minimal("    template: bsae\n    tags:\n      owner: ${team}\n",
                                   "templates:\n  base: {region: us-west-2}\n"));
  ASSERT_FALSE(result.ok());
  std::string text = Errors(result);
  EXPECT_NE(text.find("unknown template 'bsae'"), std::string::npos) << text;
  EXPECT_NE(text.find("did you mean 'base'?"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown variable '${team}'"), std::string::npos) << text;
}

TEST(LoaderTest, SyntaxErrorsGetAHint) {
  LoadResult result = Load(Minimal("    tags: {owner: ${team}}\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "spec.syntax");
  EXPECT_NE(result.diagnostics.items()[0].hint.find("quote"), std::string::npos);
}

TEST(LoaderTest, MissingFileAndFolder) {
  LoadResult missing = LoadStack("/nonexistent/stack.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diagnostics.items()[0].code, "spec.file");
  LoadResult folder = LoadStack("/tmp");
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.diagnostics.items()[0].hint, "the folder has no stack.yaml");
}

TEST(LoaderTest, EnvironmentsLiveInWorkloadAccounts) {
  std::string text = Minimal();
  text.replace(text.find("account: prod"), 13, "account: users");
  LoadResult result = Load(text);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(Errors(result).find("is in account 'users' (identity)"), std::string::npos)
      << Errors(result);
}

}  // namespace
}  // namespace vueops::spec
