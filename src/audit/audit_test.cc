#include "audit/audit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "audit/live_rules.h"
#include "lint/report.h"
#include "spec/loader.h"

namespace vueops::audit {
namespace {

using ::testing::HasSubstr;

class AuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    spec::LoadResult loaded = spec::LoadStack(VUEOPS_SOURCE_DIR "/examples/vueocity");
    ASSERT_TRUE(loaded.ok());
    stack_ = new spec::Stack(std::move(*loaded.stack));
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static LiveAccount Account(const std::string& name, const std::string& id) {
    LiveAccount live;
    live.account = name;
    live.account_id = id;
    live.region = "us-west-2";
    return live;
  }

  static Json Tags(const std::string& address) {
    return Json::array({Json{{"Key", "vueops:address"}, {"Value", address}}});
  }

  // An ingress permission of `protocol` `from`-`to` from CIDRs and groups.
  static Json Permission(const std::string& protocol, int from, int to,
                         std::vector<std::string> cidrs, std::vector<std::string> groups = {}) {
    Json permission = {{"IpProtocol", protocol},
                       {"FromPort", from},
                       {"ToPort", to},
                       {"IpRanges", Json::array()},
                       {"UserIdGroupPairs", Json::array()}};
    for (const std::string& cidr : cidrs) permission["IpRanges"].push_back({{"CidrIp", cidr}});
    for (const std::string& group : groups) {
      permission["UserIdGroupPairs"].push_back({{"GroupId", group}});
    }
    return permission;
  }

  static Json Group(const std::string& id, const std::string& name, const std::string& address,
                    Json permissions, const std::string& vpc = "vpc-1") {
    return {{"GroupId", id},
            {"GroupName", name},
            {"VpcId", vpc},
            {"IpPermissions", std::move(permissions)},
            {"Tags", address.empty() ? Json::array() : Tags(address)}};
  }

  // A bucket set up as vueops sets up the example's.
  static LiveBucket GoodBucket(const std::string& name) {
    LiveBucket bucket;
    bucket.name = name;
    bucket.public_access_block = {{"BlockPublicAcls", true},
                                  {"IgnorePublicAcls", true},
                                  {"BlockPublicPolicy", true},
                                  {"RestrictPublicBuckets", true}};
    bucket.versioning = {{"Status", "Enabled"}, {"MFADelete", "Enabled"}};
    bucket.lifecycle_rules =
        Json::array({{{"Status", "Enabled"},
                      {"NoncurrentVersionTransitions", Json::array({{{"NoncurrentDays", 30}}})},
                      {"NoncurrentVersionExpiration", {{"NoncurrentDays", 365}}}}});
    bucket.policy = {
        {"Statement",
         Json::array({{{"Effect", "Deny"},
                       {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}}})}};
    bucket.logging = {{"TargetBucket", "vueocity-prod-logs"}};
    bucket.replication = {{"Role", "arn:aws:iam::1:role/r"}};
    return bucket;
  }

  // The findings of rule `id` (suppressed ones included).
  static std::vector<lint::Finding> Of(const lint::LintReport& report, std::string_view id) {
    std::vector<lint::Finding> found;
    for (const lint::Finding& finding : report.findings) {
      if (finding.rule->id == id) found.push_back(finding);
    }
    return found;
  }

  static inline spec::Stack* stack_ = nullptr;
};

TEST_F(AuditTest, EveryLiveCheckIsARuleOfTheTableOnce) {
  std::set<std::string_view> seen;
  std::string_view previous;
  for (const LiveCheck& check : AllLiveChecks()) {
    EXPECT_NE(lint::FindRule(check.rule_id), nullptr) << check.rule_id;
    EXPECT_TRUE(seen.insert(check.rule_id).second) << check.rule_id << " twice";
    EXPECT_LT(previous, check.rule_id) << "ordered by id";
    previous = check.rule_id;
  }
  EXPECT_GE(seen.size(), 40u);
}

TEST_F(AuditTest, ANothingAccountHasNoFindings) {
  lint::LintReport report = Audit(*stack_, {Account("vueprod", "111111111111")});
  EXPECT_TRUE(report.findings.empty());
  EXPECT_TRUE(report.suppression_problems.empty()) << "unused suppressions are not an audit's";
}

TEST_F(AuditTest, SshOpenToTheWorldIsReportedWithTheGroupsArn) {
  LiveAccount live = Account("vueprod", "111111111111");
  live.security_groups.push_back(Group("sg-0a", "vueocity-prod-servers",
                                       "prod.security_group.servers",
                                       Json::array({Permission("tcp", 22, 22, {"0.0.0.0/0"})})));
  lint::LintReport report = Audit(*stack_, {live});
  std::vector<lint::Finding> found = Of(report, "VO201");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].arn, "arn:aws:ec2:us-west-2:111111111111:security-group/sg-0a");
  EXPECT_EQ(found[0].subject, "prod.security_group.servers");
  EXPECT_THAT(found[0].message, HasSubstr("port 22 to the world"));
  EXPECT_TRUE(report.has_errors());
  // Lint's renderings carry the ARN.
  EXPECT_THAT(lint::RenderHuman(report, {}),
              HasSubstr("--> arn:aws:ec2:us-west-2:111111111111:security-group/sg-0a"));
  EXPECT_THAT(lint::RenderJson(report, {}),
              HasSubstr("\"arn\": \"arn:aws:ec2:us-west-2:111111111111:security-group/sg-0a\""));
  EXPECT_THAT(lint::RenderSarif(report, "test"), HasSubstr("\"kind\": \"resource\""));
}

TEST_F(AuditTest, AGroupMadeByHandIsJudgedByItsArn) {
  LiveAccount live = Account("vueprod", "111111111111");
  live.security_groups.push_back(Group("sg-hand", "launch-wizard-1", "",
                                       Json::array({Permission("-1", -1, -1, {"0.0.0.0/0"})})));
  lint::LintReport report = Audit(*stack_, {live});
  for (std::string_view id : {"VO201", "VO209", "VO210"}) {
    std::vector<lint::Finding> found = Of(report, id);
    ASSERT_EQ(found.size(), 1u) << id;
    EXPECT_EQ(found[0].subject, "arn:aws:ec2:us-west-2:111111111111:security-group/sg-hand");
  }
}

TEST_F(AuditTest, FlowsBetweenGroupsFollowTheSpecsRoles) {
  LiveAccount live = Account("vueprod", "111111111111");
  live.security_groups =
      Json::array({Group("sg-lb", "lb", "prod.security_group.load_balancer",
                         Json::array({Permission("tcp", 80, 80, {"0.0.0.0/0"}),
                                      Permission("tcp", 443, 443, {"0.0.0.0/0", "::/0"})})),
                   Group("sg-srv", "servers", "prod.security_group.servers",
                         Json::array({Permission("tcp", 80, 80, {}, {"sg-lb"}),
                                      Permission("tcp", 22, 22, {"203.0.113.10/32"})})),
                   Group("sg-db", "database", "prod.security_group.database",
                         Json::array({Permission("tcp", 3306, 3306, {}, {"sg-srv"})})),
                   Group("sg-cache", "cache", "prod.security_group.cache",
                         Json::array({Permission("tcp", 6379, 6379, {}, {"sg-srv"})}))});
  EXPECT_TRUE(Audit(*stack_, {live}).findings.empty());

  // By hand: MySQL from the load balancer, SSH from an office, Redis from a CIDR, 80 from
  // anywhere on the servers, and 8080 on the load balancer.
  live.security_groups[2]["IpPermissions"].push_back(Permission("tcp", 3306, 3306, {}, {"sg-lb"}));
  live.security_groups[1]["IpPermissions"].push_back(Permission("tcp", 22, 22, {"192.0.2.0/24"}));
  live.security_groups[3]["IpPermissions"].push_back(Permission("tcp", 6379, 6379, {"10.0.0.0/8"}));
  live.security_groups[1]["IpPermissions"].push_back(Permission("tcp", 80, 80, {"10.1.0.0/16"}));
  live.security_groups[0]["IpPermissions"].push_back(Permission("tcp", 8080, 8080, {"10.0.0.0/8"}));
  lint::LintReport report = Audit(*stack_, {live});
  ASSERT_EQ(Of(report, "VO204").size(), 1u);
  EXPECT_THAT(Of(report, "VO204")[0].message, HasSubstr("security group sg-lb (load_balancer)"));
  ASSERT_EQ(Of(report, "VO202").size(), 1u);
  EXPECT_THAT(Of(report, "VO202")[0].message, HasSubstr("192.0.2.0/24"));
  EXPECT_EQ(Of(report, "VO205").size(), 1u);
  EXPECT_EQ(Of(report, "VO203").size(), 1u);
  ASSERT_EQ(Of(report, "VO208").size(), 1u);
  EXPECT_THAT(Of(report, "VO208")[0].message, HasSubstr("tcp 8080"));
  EXPECT_TRUE(Of(report, "VO201").empty());
}

TEST_F(AuditTest, RouteHealthChecksReachSandboxServersOnly) {
  Json servers =
      Group("sg-srv", "servers", "", Json::array({Permission("tcp", 80, 80, {"54.224.0.0/11"})}));
  LiveAccount dev = Account("vuedev", "222222222222");
  servers["Tags"] = Tags("dev.security_group.servers");
  dev.security_groups.push_back(servers);
  EXPECT_TRUE(Of(Audit(*stack_, {dev}), "VO203").empty());
  LiveAccount prod = Account("vueprod", "111111111111");
  servers["Tags"] = Tags("prod.security_group.servers");
  prod.security_groups.push_back(servers);
  EXPECT_EQ(Of(Audit(*stack_, {prod}), "VO203").size(), 1u);
}

TEST_F(AuditTest, TheDefaultGroupOfTheStacksVpcAdmitsNothing) {
  LiveAccount live = Account("vueprod", "111111111111");
  live.vpcs = Json::array({{{"VpcId", "vpc-1"}, {"Tags", Tags("prod.vpc.main")}},
                           {{"VpcId", "vpc-aws"}, {"IsDefault", true}}});
  live.flow_logs = Json::array({{{"ResourceId", "vpc-1"}}});
  live.security_groups =
      Json::array({Group("sg-d1", "default", "",
                         Json::array({Permission("-1", -1, -1, {}, {"sg-d1"})}), "vpc-1"),
                   Group("sg-d2", "default", "",
                         Json::array({Permission("-1", -1, -1, {}, {"sg-d2"})}), "vpc-aws")});
  lint::LintReport report = Audit(*stack_, {live});
  ASSERT_EQ(Of(report, "VO215").size(), 1u) << "AWS's default VPC is not the stack's";
  EXPECT_THAT(Of(report, "VO215")[0].arn, HasSubstr("sg-d1"));
  EXPECT_TRUE(Of(report, "VO210").empty()) << "a group admitting itself opens nothing new";
  EXPECT_TRUE(Of(report, "VO214").empty()) << "the default VPC is AWS's";

  live.flow_logs = Json::array();
  EXPECT_EQ(Of(Audit(*stack_, {live}), "VO214").size(), 1u);
}

TEST_F(AuditTest, ABucketMadeByHandBreaksTheBucketRules) {
  LiveAccount live = Account("vueprod", "111111111111");
  LiveBucket bucket;
  bucket.name = "hand-made";
  live.buckets.push_back(bucket);
  lint::LintReport report = Audit(*stack_, {live});
  for (std::string_view id : {"VO601", "VO602", "VO608", "VO609"}) {
    ASSERT_EQ(Of(report, id).size(), 1u) << id;
    EXPECT_EQ(Of(report, id)[0].arn, "arn:aws:s3:::hand-made");
    EXPECT_EQ(Of(report, id)[0].subject, "arn:aws:s3:::hand-made");
  }
  EXPECT_TRUE(Of(report, "VO603").empty()) << "unversioned: VO602 says it";
}

TEST_F(AuditTest, TheSpecsBucketsAreJudgedAsTheSpecSaysAndSuppressed) {
  LiveAccount live = Account("vueprod", "111111111111");
  const spec::Environment* prod = stack_->FindEnvironment("prod");
  ASSERT_NE(prod, nullptr);
  const spec::Bucket* protected_bucket = prod->FindBucket("protected");
  ASSERT_NE(protected_bucket, nullptr);
  LiveBucket bucket = GoodBucket(protected_bucket->name);
  bucket.versioning = {{"Status", "Enabled"}};  // no MFA delete: the example suppresses VO607
  bucket.lifecycle_rules = Json::array();
  live.buckets.push_back(bucket);
  lint::LintReport report = Audit(*stack_, {live});
  ASSERT_EQ(Of(report, "VO603").size(), 1u);
  EXPECT_EQ(Of(report, "VO603")[0].subject, "prod.bucket.protected");
  ASSERT_EQ(Of(report, "VO607").size(), 1u);
  EXPECT_NE(Of(report, "VO607")[0].suppressed_by, nullptr);
  EXPECT_EQ(report.Count(Severity::kWarning), 0u);

  // Its copy in the backup account keeps every version, on purpose.
  if (protected_bucket->has_replication) {
    LiveAccount back = Account("vueback", "333333333333");
    LiveBucket copy = GoodBucket(protected_bucket->replication.bucket);
    copy.lifecycle_rules = Json::array();
    copy.logging = Json();
    back.buckets.push_back(copy);
    EXPECT_TRUE(Audit(*stack_, {back}).findings.empty());
  }
}

TEST_F(AuditTest, UsersInWorkloadAccountsButTheSmtpUser) {
  LiveAccount prod = Account("vueprod", "111111111111");
  LiveUser smtp;
  smtp.user = {{"UserName", "ses-smtp-user"},
               {"Arn", "arn:aws:iam::111111111111:user/ses-smtp-user"}};
  smtp.inline_policies = Json::array({"ses-send"});
  LiveUser bob;
  bob.user = {{"UserName", "bob"}, {"Arn", "arn:aws:iam::111111111111:user/bob"}};
  prod.users = {smtp, bob};
  lint::LintReport report = Audit(*stack_, {prod});
  ASSERT_EQ(Of(report, "VO101").size(), 1u);
  EXPECT_EQ(Of(report, "VO101")[0].arn, "arn:aws:iam::111111111111:user/bob");
  EXPECT_TRUE(Of(report, "VO111").empty());

  LiveAccount users = Account("vueusers", "444444444444");
  bob.access_keys = Json::array({{{"Status", "Active"}}, {{"Status", "Active"}}});
  bob.attached_policies = Json::array({{{"PolicyName", "AdministratorAccess"}}});
  users.users = {bob};
  report = Audit(*stack_, {users});
  EXPECT_TRUE(Of(report, "VO101").empty()) << "the identity account holds the users";
  EXPECT_EQ(Of(report, "VO110").size(), 1u);
  EXPECT_EQ(Of(report, "VO111").size(), 1u);
}

TEST_F(AuditTest, SpecRolesWithoutMfaInTheirTrust) {
  LiveAccount live = Account("vueprod", "111111111111");
  Json trust = {
      {"Statement", Json::array({{{"Effect", "Allow"},
                                  {"Principal", {{"AWS", "arn:aws:iam::444444444444:root"}}},
                                  {"Action", "sts:AssumeRole"}}})}};
  live.roles = Json::array({{{"RoleName", "VueAdmin"},
                             {"Arn", "arn:aws:iam::111111111111:role/VueAdmin"},
                             {"AssumeRolePolicyDocument", trust}},
                            {{"RoleName", "OrganizationAccountAccessRole"},
                             {"Arn", "x"},
                             {"AssumeRolePolicyDocument", trust}}});
  std::vector<lint::Finding> found = Of(Audit(*stack_, {live}), "VO108");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].arn, "arn:aws:iam::111111111111:role/VueAdmin");
  trust["Statement"][0]["Condition"] = {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}};
  live.roles[0]["AssumeRolePolicyDocument"] = trust;
  EXPECT_TRUE(Of(Audit(*stack_, {live}), "VO108").empty());
}

TEST_F(AuditTest, TheReadOnlyRolesHoldOnlyReadOnlyPolicies) {
  LiveAccount live = Account("vueprod", "111111111111");
  Json read_only = Json::array({{{"PolicyName", "ReadOnlyAccess"},
                                 {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}}});
  live.roles = Json::array({{{"RoleName", "VueRead"},
                             {"Arn", "arn:aws:iam::111111111111:role/VueRead"},
                             {"AttachedPolicies", read_only},
                             {"PolicyNames", Json::array()}},
                            {{"RoleName", "VueDev"},
                             {"Arn", "arn:aws:iam::111111111111:role/VueDev"},
                             {"AttachedPolicies", read_only},
                             {"PolicyNames", Json::array()}}});
  lint::LintReport report = Audit(*stack_, {live});
  EXPECT_TRUE(Of(report, "VO104").empty());
  EXPECT_TRUE(Of(report, "VO105").empty());

  // By hand in the console: AdministratorAccess on VueRead, an inline policy on VueDev.
  live.roles[0]["AttachedPolicies"].push_back(
      {{"PolicyName", "AdministratorAccess"},
       {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  live.roles[1]["PolicyNames"].push_back("hotfix");
  report = Audit(*stack_, {live});
  ASSERT_EQ(Of(report, "VO105").size(), 1u);
  EXPECT_EQ(Of(report, "VO105")[0].arn, "arn:aws:iam::111111111111:role/VueRead");
  EXPECT_THAT(Of(report, "VO105")[0].message, HasSubstr("AdministratorAccess"));
  ASSERT_EQ(Of(report, "VO104").size(), 1u);
  EXPECT_THAT(Of(report, "VO104")[0].message, HasSubstr("hotfix (inline)"));
  // VueDev is admin in a sandbox by design.
  live.account = "vuedev";
  EXPECT_TRUE(Of(Audit(*stack_, {live}), "VO104").empty());
}

TEST_F(AuditTest, DataStoresAndLoadBalancers) {
  LiveAccount live = Account("vueprod", "111111111111");
  live.db_instances = Json::array({{{"DBInstanceIdentifier", "main"},
                                    {"DBInstanceArn", "arn:aws:rds:us-west-2:111111111111:db:main"},
                                    {"MultiAZ", false},
                                    {"StorageEncrypted", true},
                                    {"BackupRetentionPeriod", 7},
                                    {"DeletionProtection", true},
                                    {"AutoMinorVersionUpgrade", true},
                                    {"PubliclyAccessible", true}}});
  live.replication_groups = Json::array({{{"ReplicationGroupId", "cache"},
                                          {"MultiAZ", "enabled"},
                                          {"AutomaticFailover", "enabled"},
                                          {"AtRestEncryptionEnabled", true},
                                          {"TransitEncryptionEnabled", false},
                                          {"SnapshotRetentionLimit", 5}}});
  LiveLoadBalancer balancer;
  balancer.description = {{"Type", "application"},
                          {"Scheme", "internet-facing"},
                          {"LoadBalancerName", "web"},
                          {"LoadBalancerArn", "arn:lb"}};
  balancer.listeners = Json::array({{{"Port", 80}, {"Protocol", "HTTP"}},
                                    {{"Port", 443},
                                     {"Protocol", "HTTPS"},
                                     {"ListenerArn", "arn:listener/443"},
                                     {"SslPolicy", "ELBSecurityPolicy-2016-08"},
                                     {"Certificates", Json::array({{{"CertificateArn", "c"}}})}}});
  balancer.attributes = {{"routing.http.drop_invalid_header_fields.enabled", "true"},
                         {"access_logs.s3.enabled", "true"},
                         {"deletion_protection.enabled", "false"}};
  live.load_balancers.push_back(balancer);
  lint::LintReport report = Audit(*stack_, {live});
  EXPECT_EQ(Of(report, "VO401").size(), 1u);
  EXPECT_EQ(Of(report, "VO414").size(), 1u);
  EXPECT_TRUE(Of(report, "VO402").empty());
  ASSERT_EQ(Of(report, "VO405").size(), 1u);
  EXPECT_EQ(Of(report, "VO405")[0].arn,
            "arn:aws:elasticache:us-west-2:111111111111:replicationgroup:cache");
  EXPECT_TRUE(Of(report, "VO501").empty());
  ASSERT_EQ(Of(report, "VO505").size(), 1u);
  EXPECT_EQ(Of(report, "VO505")[0].arn, "arn:listener/443");
  EXPECT_EQ(Of(report, "VO508").size(), 1u) << "production load balancers keep deletion protection";
  // A sandbox needs no deletion protection.
  live.account = "vuedev";
  EXPECT_TRUE(Of(Audit(*stack_, {live}), "VO508").empty());
}

TEST_F(AuditTest, CloudFrontDistributions) {
  LiveAccount live = Account("vueprod", "111111111111");
  LiveDistribution distribution;
  distribution.arn = "arn:aws:cloudfront::111111111111:distribution/E1";
  distribution.id = "E1";
  distribution.config = {
      {"Origins",
       {{"Items",
         Json::array({{{"Id", "files"},
                       {"DomainName", "some-bucket.s3.us-west-2.amazonaws.com"},
                       {"S3OriginConfig",
                        {{"OriginAccessIdentity", "origin-access-identity/cloudfront/E2"}}}}})}}},
      {"DefaultCacheBehavior",
       {{"TargetOriginId", "files"}, {"ViewerProtocolPolicy", "allow-all"}}},
      {"ViewerCertificate",
       {{"ACMCertificateArn", "c"},
        {"SSLSupportMethod", "vip"},
        {"MinimumProtocolVersion", "TLSv1"}}},
      {"Logging", {{"Enabled", false}}}};
  live.distributions.push_back(distribution);
  lint::LintReport report = Audit(*stack_, {live});
  for (std::string_view id : {"VO701", "VO710", "VO711", "VO712", "VO713"}) {
    ASSERT_EQ(Of(report, id).size(), 1u) << id;
    EXPECT_EQ(Of(report, id)[0].arn, distribution.arn);
  }
  EXPECT_TRUE(Of(report, "VO703").empty()) << "not the protected bucket's";
}

TEST_F(AuditTest, FailoverPrimariesNeedAHealthCheck) {
  LiveAccount live = Account("vueprod", "111111111111");
  LiveZone zone;
  zone.zone = {{"Id", "/hostedzone/Z1"}, {"Name", "vueocity.com."}};
  zone.records =
      Json::array({{{"Name", "www.vueocity.com."}, {"Type", "A"}, {"Failover", "PRIMARY"}},
                   {{"Name", "www.vueocity.com."}, {"Type", "A"}, {"Failover", "SECONDARY"}}});
  live.zones.push_back(zone);
  std::vector<lint::Finding> found = Of(Audit(*stack_, {live}), "VO805");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].arn, "arn:aws:route53:::hostedzone/Z1");
}

}  // namespace
}  // namespace vueops::audit
