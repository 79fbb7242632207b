// The access matrix and its comparison with the notes' intent, on a small organization written
// out as vueops builds it: vueorg (root, management), vueusers (identity), vueprod
// (production), vuedev (sandbox); groups in vueusers named after the roles.
#include "iam/access_matrix.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "iam/access_intent.h"
#include "iam/access_matrix_render.h"
#include "iam/aws_managed_policies.h"
#include "iam/policy_testing.h"

namespace vueops::iam {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAdmin[] = R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
constexpr char kReadOnly[] = R"({"Sid": "ReadOnly", "Effect": "Allow",
    "Action": ["ec2:Describe*", "s3:Get*", "s3:List*", "rds:Describe*"], "Resource": "*"})";
constexpr char kDeploy[] = R"({"Sid": "ReadOnly", "Effect": "Allow",
    "Action": ["ec2:Describe*", "s3:Get*", "rds:Describe*"], "Resource": "*"},
    {"Sid": "PublishStatic", "Effect": "Allow",
     "Action": ["s3:PutObject", "autoscaling:UpdateAutoScalingGroup"], "Resource": "*"})";
constexpr char kDenyLeaving[] = R"({"Sid": "DenyLeave", "Effect": "Deny",
    "Action": "organizations:LeaveOrganization", "Resource": "*"})";
constexpr char kStayInRegion[] = R"({"Sid": "DenyOtherRegions", "Effect": "Deny",
    "NotAction": ["iam:*", "organizations:*", "sts:*"], "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-west-2", "us-east-1"]}}})";

struct AccountSpec {
  const char* name;
  const char* kind;
  const char* id;
};
constexpr AccountSpec kAccounts[] = {{"vueorg", "root", "111111111111"},
                                     {"vueusers", "identity", "222222222222"},
                                     {"vueprod", "production", "333333333333"},
                                     {"vuedev", "sandbox", "444444444444"}};

std::string Id(const std::string& account) {
  for (const AccountSpec& spec : kAccounts) {
    if (account == spec.name) return spec.id;
  }
  return "";
}

Policy Trust(const std::string& trusted_account) {
  return MustParse(PolicyKind::kTrust, "trust",
                   Document(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::)" +
                            Id(trusted_account) + R"(:root"}, "Action": "sts:AssumeRole",
                   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})"));
}

class AccessMatrixTest : public testing::Test {
 protected:
  AccessMatrixTest() {
    documents_.identity_account = "vueusers";
    documents_.region = "us-west-2";
    documents_.role_names = {"VueAdmin", "VueProd", "VueDev", "VueRead", "VueOrg"};
    for (const AccountSpec& spec : kAccounts) {
      AccessAccount& account = documents_.accounts.emplace_back();
      account.name = spec.name;
      account.kind = spec.kind;
      account.id = spec.id;
      account.management = account.kind == "root";
      Policy full = MustParse(PolicyKind::kServiceControl, "FullAWSAccess", Document(kAdmin));
      account.service_control_policies = {{"Root", {full}}, {"account:" + account.name, {full}}};
      if (!account.management) {
        account.service_control_policies[1].policies.push_back(
            MustParse(PolicyKind::kServiceControl, "deny-leaving", Document(kDenyLeaving)));
      }
    }
    for (const char* account : {"vueprod", "vuedev"}) AddRole("VueAdmin", account, kAdmin);
    AddRole("VueProd", "vueprod", kDeploy);
    AddRole("VueDev", "vuedev", kAdmin);
    AddRole("VueDev", "vueprod", kReadOnly);
    for (const AccountSpec& spec : kAccounts) AddRole("VueRead", spec.name, kReadOnly);
    for (const AccountSpec& spec : kAccounts) AddRole("VueOrg", spec.name, kAdmin, "vueorg");
    for (const char* role : {"VueAdmin", "VueProd", "VueDev", "VueRead"}) {
      AddGroup(role, "vueusers", role);
    }
    AddGroup("OrgAdmin", "vueorg", "VueOrg");
  }

  void AddRole(const std::string& name, const std::string& account, const char* permissions,
               const std::string& trusted = "vueusers") {
    AccessRole& role = documents_.roles.emplace_back();
    role.name = name;
    role.account = account;
    role.arn = "arn:aws:iam::" + Id(account) + ":role/" + name;
    role.trust = Trust(trusted);
    role.permissions = {MustParse(PolicyKind::kIdentity, name + "@" + account + "/permissions",
                                  Document(permissions))};
    role.source = "stack.yaml:1:1";
  }

  // A group allowed sts:AssumeRole on `role` in every account it exists in.
  void AddGroup(const std::string& name, const std::string& account, const std::string& role) {
    std::string arns;
    for (const AccessRole& existing : documents_.roles) {
      if (existing.name == role) arns += (arns.empty() ? "\"" : ", \"") + existing.arn + "\"";
    }
    AccessGroup& group = documents_.groups.emplace_back();
    group.name = name;
    group.account = account;
    group.policies = {MustParse(PolicyKind::kIdentity, "group " + name + "/vueops-assume-roles",
                                Document(R"({"Sid": "AssumeRoles", "Effect": "Allow",
                                   "Action": "sts:AssumeRole", "Resource": [)" +
                                         arns + "]}"))};
  }

  AccessRole& Role(const std::string& name, const std::string& account) {
    for (AccessRole& role : documents_.roles) {
      if (role.name == name && role.account == account) return role;
    }
    ADD_FAILURE() << "no role " << name << "@" << account;
    return documents_.roles.front();
  }

  std::vector<AccessDifference> Differences() {
    matrix_ = ComputeAccessMatrix(documents_);
    return CompareWithIntent(matrix_, documents_, VueocityAccessIntent());
  }

  AccessDocuments documents_;
  AccessMatrix matrix_;
};

struct CellCase {
  const char* role;
  const char* account;
  ActionClass action_class;
  Verdict verdict;
};

TEST_F(AccessMatrixTest, ComputesEachClass) {
  constexpr CellCase kCases[] = {
      {"VueAdmin", "vueprod", ActionClass::kAssume, Verdict::kAllowed},
      {"VueAdmin", "vueprod", ActionClass::kAdmin, Verdict::kAllowed},
      {"VueAdmin", "vueorg", ActionClass::kAssume, Verdict::kNoRole},
      {"VueAdmin", "vueusers", ActionClass::kRead, Verdict::kNoRole},
      {"VueProd", "vueprod", ActionClass::kRead, Verdict::kAllowed},
      {"VueProd", "vueprod", ActionClass::kWrite, Verdict::kPartial},  // no ec2:RunInstances
      {"VueProd", "vueprod", ActionClass::kAdmin, Verdict::kDenied},
      {"VueDev", "vuedev", ActionClass::kWrite, Verdict::kAllowed},
      {"VueDev", "vueprod", ActionClass::kRead, Verdict::kAllowed},
      {"VueDev", "vueprod", ActionClass::kWrite, Verdict::kDenied},
      {"VueRead", "vueorg", ActionClass::kRead, Verdict::kAllowed},
      {"VueRead", "vueusers", ActionClass::kAssume, Verdict::kAllowed},  // same account
      {"VueRead", "vuedev", ActionClass::kAdmin, Verdict::kDenied},
      // No VueOrg group in vueusers, and the trust names vueorg only.
      {"VueOrg", "vueprod", ActionClass::kAssume, Verdict::kDenied},
      {"VueOrg", "vueorg", ActionClass::kAdmin, Verdict::kAllowed},
  };
  matrix_ = ComputeAccessMatrix(documents_);
  for (const CellCase& test : kCases) {
    const MatrixCell* cell = matrix_.Find(test.role, test.account, test.action_class);
    ASSERT_NE(cell, nullptr) << test.role << "@" << test.account;
    EXPECT_EQ(VerdictName(cell->verdict), VerdictName(test.verdict))
        << test.role << "@" << test.account << " " << ActionClassName(test.action_class);
  }
}

TEST_F(AccessMatrixTest, AssumeNeedsGroupPolicyTrustAndMfa) {
  matrix_ = ComputeAccessMatrix(documents_);
  const MatrixCell* via = matrix_.Find("VueOrg", "vueprod", ActionClass::kAssume, "OrgAdmin");
  ASSERT_NE(via, nullptr);
  EXPECT_EQ(via->verdict, Verdict::kAllowed);
  EXPECT_EQ(via->caller_account, "vueorg");
  EXPECT_EQ(matrix_.OtherAssumingGroups("VueOrg"), std::vector<std::string>{"OrgAdmin"});
  EXPECT_TRUE(matrix_.OtherAssumingGroups("VueAdmin").empty());
  EXPECT_EQ(matrix_.Find("VueOrg", "vueprod", ActionClass::kAssume)->note,
            "no group VueOrg in vueusers");

  // Without MFA the trust policy refuses.
  ContextValues context = DefaultAccessContext(documents_);
  context.Set("aws:MultiFactorAuthPresent", "false");
  Evaluation without = EvaluateAssume(documents_, *documents_.FindGroup("VueDev"),
                                      Role("VueDev", "vueprod"), context);
  EXPECT_EQ(without.step, EvaluationStep::kResourcePolicy) << without.ToString();
  // A group whose policy names another account's ARN cannot assume it here.
  Evaluation wrong = EvaluateAssume(documents_, *documents_.FindGroup("VueProd"),
                                    Role("VueAdmin", "vueprod"), DefaultAccessContext(documents_));
  EXPECT_EQ(wrong.step, EvaluationStep::kIdentityPolicies) << wrong.ToString();
}

TEST_F(AccessMatrixTest, ServiceControlPoliciesLimitMembersNotTheManagementAccount) {
  Policy region = MustParse(PolicyKind::kServiceControl, "stay-in-region", Document(kStayInRegion));
  for (AccessAccount& account : documents_.accounts) {
    account.service_control_policies[1].policies.push_back(region);
  }
  documents_.region = "eu-central-1";
  matrix_ = ComputeAccessMatrix(documents_);
  const MatrixCell* member = matrix_.Find("VueAdmin", "vueprod", ActionClass::kRead);
  EXPECT_EQ(member->verdict, Verdict::kDenied);
  EXPECT_EQ(member->outcomes[0].evaluation.statements[0].sid, "DenyOtherRegions");
  // iam:* is exempt; the management account has no SCPs at all.
  EXPECT_EQ(matrix_.Find("VueAdmin", "vueprod", ActionClass::kAdmin)->verdict, Verdict::kAllowed);
  EXPECT_EQ(matrix_.Find("VueOrg", "vueorg", ActionClass::kWrite)->verdict, Verdict::kAllowed);
}

TEST_F(AccessMatrixTest, RepresentativeActionsAreCoveredByTheReadOnlyExcerpt) {
  std::optional<AwsManagedPolicy> read_only =
      FindAwsManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess");
  ASSERT_TRUE(read_only.has_value());
  EXPECT_TRUE(read_only->excerpt);
  for (const RepresentativeAction& action : RepresentativeActions()) {
    std::string service(action.action.substr(0, action.action.find(':') + 1));
    EXPECT_THAT(std::string(read_only->document), HasSubstr("\"" + service))
        << action.action << ": the excerpt must keep this service's statements";
  }
  for (std::string_view arn :
       {"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess"}) {
    std::optional<AwsManagedPolicy> policy = FindAwsManagedPolicy(arn);
    ASSERT_TRUE(policy.has_value()) << arn;
    EXPECT_TRUE(ParsePolicy(policy->document, PolicyKind::kIdentity, "p").ok()) << arn;
  }
  EXPECT_FALSE(FindAwsManagedPolicy("arn:aws:iam::aws:policy/NoSuchPolicy").has_value());
}

TEST_F(AccessMatrixTest, TheNotesMatrixHasNoDifferences) {
  std::vector<AccessDifference> differences = Differences();
  for (const AccessDifference& d : differences) {
    ADD_FAILURE() << d.role << "@" << d.account << " " << d.action_class << ": " << d.expected
                  << " vs " << d.computed;
  }
}

// One change to the documents and the difference it must give.
struct BreakCase {
  const char* name;
  void (*change)(AccessMatrixTest&);
  const char* role;
  const char* account;
  const char* action_class;
  const char* expected;
  const char* computed;
  const char* cause;  // a substring of one cause
};

class AccessIntentTest : public AccessMatrixTest, public testing::WithParamInterface<BreakCase> {
 public:
  using AccessMatrixTest::AddGroup;
  using AccessMatrixTest::AddRole;
  using AccessMatrixTest::Role;
  AccessDocuments& documents() { return documents_; }
};

const BreakCase kBreakCases[] = {
    {"DevWritesProd",
     [](AccessMatrixTest& t) {
       static_cast<AccessIntentTest&>(t).Role("VueDev", "vueprod").permissions = {
           MustParse(PolicyKind::kIdentity, "VueDev@vueprod/deploy", Document(kDeploy))};
     },
     "VueDev", "vueprod", "write", "denied", "partial", "(Sid \"PublishStatic\")"},
    {"AdminLosesIam",
     [](AccessMatrixTest& t) {
       static_cast<AccessIntentTest&>(t)
           .Role("VueAdmin", "vuedev")
           .permissions.push_back(MustParse(PolicyKind::kIdentity, "VueAdmin@vuedev/no-iam",
                                            Document(R"({"Sid": "NoIam",
               "Effect": "Deny", "Action": "iam:*", "Resource": "*"})")));
     },
     "VueAdmin", "vuedev", "admin", "allowed", "partial", "(Sid \"NoIam\")"},
    {"ProdRoleInDev",
     [](AccessMatrixTest& t) {
       static_cast<AccessIntentTest&>(t).AddRole("VueProd", "vuedev", kDeploy);
     },
     "VueProd", "vuedev", "exists", "—", "present", "granted at stack.yaml:1:1"},
    {"DevMissingFromSandbox",
     [](AccessMatrixTest& t) {
       auto& roles = static_cast<AccessIntentTest&>(t).documents().roles;
       std::erase_if(
           roles, [](const AccessRole& r) { return r.name == "VueDev" && r.account == "vuedev"; });
     },
     "VueDev", "vuedev", "exists", "present", "—", "no grant of VueDev reaches vuedev"},
    {"OrgTrustsVueusers",
     [](AccessMatrixTest& t) {
       auto& test = static_cast<AccessIntentTest&>(t);
       test.Role("VueOrg", "vueprod").trust = Trust("vueusers");
       test.AddGroup("Helpdesk", "vueusers", "VueOrg");
     },
     "VueOrg", "vueprod", "assume via Helpdesk@vueusers", "denied", "allowed",
     "trust policy \"trust\" Statement[0]"},
    {"OrgAdminCannotAssume",
     [](AccessMatrixTest& t) {
       auto& groups = static_cast<AccessIntentTest&>(t).documents().groups;
       std::erase_if(groups, [](const AccessGroup& g) { return g.name == "OrgAdmin"; });
     },
     "VueOrg", "vueprod", "assume via a group in an account of kind root", "allowed", "denied",
     "no group in an account of kind root"},
    {"ReadWithoutMfaTrust",
     [](AccessMatrixTest& t) {
       static_cast<AccessIntentTest&>(t).Role("VueRead", "vuedev").trust = Trust("vueprod");
     },
     "VueRead", "vuedev", "assume", "allowed", "denied", "ImplicitDeny at resource-based policy"},
};

TEST_P(AccessIntentTest, ABreakIsADifferenceWithItsCause) {
  const BreakCase& test = GetParam();
  test.change(*this);
  std::vector<AccessDifference> differences = Differences();
  const AccessDifference* found = nullptr;
  for (const AccessDifference& d : differences) {
    if (d.role == test.role && d.account == test.account && d.action_class == test.action_class) {
      found = &d;
    }
  }
  ASSERT_NE(found, nullptr) << test.name << ": " << differences.size() << " differences";
  EXPECT_EQ(found->expected, test.expected);
  EXPECT_EQ(found->computed, test.computed);
  std::string causes;
  for (const std::string& cause : found->causes) causes += cause + "\n";
  EXPECT_THAT(causes, HasSubstr(test.cause));
  EXPECT_THAT(causes, Not(HasSubstr("FullAWSAccess")));  // an SCP's Allow causes nothing
}

INSTANTIATE_TEST_SUITE_P(Breaks, AccessIntentTest, testing::ValuesIn(kBreakCases),
                         [](const testing::TestParamInfo<BreakCase>& info) {
                           return std::string(info.param.name);
                         });

TEST_F(AccessMatrixTest, RolesWithoutIntentAreNamed) {
  documents_.role_names.push_back("Contractor");
  matrix_ = ComputeAccessMatrix(documents_);
  EXPECT_EQ(RolesWithoutIntent(matrix_, VueocityAccessIntent()),
            std::vector<std::string>{"Contractor"});
}

class AccessMatrixRenderTest : public AccessMatrixTest {
 protected:
  MatrixReport Report() {
    MatrixReport report;
    report.title = "test (stack.yaml)";
    report.documents = &documents_;
    report.differences = Differences();
    report.matrix = &matrix_;
    return report;
  }
};

TEST_F(AccessMatrixRenderTest, TableMarksDifferencesAndListsThem) {
  Role("VueDev", "vueprod").permissions = {
      MustParse(PolicyKind::kIdentity, "VueDev@vueprod/deploy", Document(kDeploy))};
  std::string table = RenderMatrixTable(Report());
  EXPECT_THAT(table, HasSubstr("partial!"));
  EXPECT_THAT(table, HasSubstr("assume via OrgAdmin@vueorg"));
  EXPECT_THAT(table, HasSubstr("VueDev in vueprod, write: expected denied, computed partial"));
  EXPECT_THAT(table, HasSubstr("1 difference from the notes' intent"));
}

TEST_F(AccessMatrixRenderTest, HtmlIsSelfContained) {
  Role("VueDev", "vueprod").permissions = {
      MustParse(PolicyKind::kIdentity, "VueDev@vueprod/deploy", Document(kDeploy))};
  std::string html = RenderMatrixHtml(Report());
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("<style>"));
  EXPECT_THAT(html, HasSubstr("class=\"partial diff\""));
  EXPECT_THAT(html, HasSubstr("expected denied"));
  for (const char* external : {"<script", "<link", "http://", "https://", "src=", "@import"}) {
    EXPECT_THAT(html, Not(HasSubstr(external))) << external;
  }
  // The cause's quotes are escaped inside the page.
  EXPECT_THAT(html, HasSubstr("(Sid &quot;PublishStatic&quot;)"));
}

TEST_F(AccessMatrixRenderTest, JsonHasEveryCellWithItsEvaluations) {
  Json json = MatrixToJson(Report());
  EXPECT_TRUE(json["matches_intent"].get<bool>());
  ASSERT_EQ(json["roles"].size(), 5u);
  const Json& admin_rows = json["roles"][0]["rows"];
  EXPECT_EQ(admin_rows[0]["class"], "assume");
  EXPECT_EQ(admin_rows[0]["caller_group"], "VueAdmin");
  EXPECT_EQ(admin_rows[0]["cells"]["vueorg"]["verdict"], "no role");
  EXPECT_EQ(admin_rows[3]["cells"]["vueprod"]["actions"][0]["action"], "iam:CreateRole");
  EXPECT_EQ(admin_rows[3]["cells"]["vueprod"]["actions"][0]["evaluation"]["decision"], "Allow");
}

}  // namespace
}  // namespace vueops::iam
