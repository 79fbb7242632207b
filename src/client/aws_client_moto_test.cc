// Round trips through moto of every operation the engine relies on, per service, plus the
// error path, a throttled call and the CLI commands end to end.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include "auth/credentials_provider.h"
#include "auth/testing/fakes.h"
#include "auth/testing/test_credentials.h"
#include "base/file.h"
#include "client/aws_client.h"
#include "client/sts_role_assumer.h"
#include "http/curl_transport.h"
#include "http/fake_transport.h"
#include "support/local_aws_fixture.h"

namespace vueops::client {
namespace {

using ::testing::HasSubstr;

// Answers the first `count` requests with a throttling error, then lets the rest through.
class ThrottleFirstRequests : public http::Transport {
 public:
  ThrottleFirstRequests(http::Transport& inner, int count) : inner_(inner), remaining_(count) {}
  Result<http::Response> Send(const http::Request& request, const http::Options& options) override {
    if (remaining_ > 0) {
      --remaining_;
      return http::FakeTransport::MakeResponse(
          400,
          "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate "
          "exceeded</Message></Error><RequestId>throttled</RequestId></ErrorResponse>");
    }
    return inner_.Send(request, options);
  }

 private:
  http::Transport& inner_;
  int remaining_;
};

class AwsMotoTest : public test_support::MotoTest {
 protected:
  AwsClient Client(std::string region = kRegion, http::Transport* transport = nullptr) {
    if (transport != nullptr) {
      own_contexts_.push_back(std::make_shared<ClientContext>(transport, &Clock::Real(), &random_,
                                                              nullptr, &environment_));
    }
    ClientConfig config;
    config.region = std::move(region);
    config.endpoint_url = endpoint_url();
    auth::Credentials credentials =
        auth::testing::MakeCredentials(kAccessKeyId, kSecretAccessKey, "", "moto test credentials");
    return AwsClient(
        transport != nullptr ? own_contexts_.back() : context_,
        std::make_shared<auth::RefreshingCredentials>(
            std::make_unique<auth::StaticCredentialsProvider>(credentials), Clock::Real()),
        config);
  }

  // The call's output; a failure fails the test, naming the call.
  Json Must(std::string_view service, std::string_view operation, const Json& input,
            std::string region = kRegion) {
    Result<Json> output = Client(std::move(region)).Call(service, operation, input);
    EXPECT_TRUE(output.ok()) << output.status().ToString();
    return output.ok() ? std::move(output).value() : Json::object();
  }

  http::CurlTransport transport_;
  FakeRandomSource random_{{0.0}};  // no backoff: retries go at once
  MapEnvironment environment_;
  std::shared_ptr<ClientContext> context_ = std::make_shared<ClientContext>(
      &transport_, &Clock::Real(), &random_, nullptr, &environment_);
  std::vector<std::shared_ptr<ClientContext>> own_contexts_;
};

class StsMotoTest : public AwsMotoTest {};
class OrganizationsMotoTest : public AwsMotoTest {};
class IamMotoTest : public AwsMotoTest {};
class Ec2MotoTest : public AwsMotoTest {};
class AutoScalingMotoTest : public AwsMotoTest {};
class Elbv2MotoTest : public AwsMotoTest {};
class RdsMotoTest : public AwsMotoTest {};
class ElastiCacheMotoTest : public AwsMotoTest {};
class S3MotoTest : public AwsMotoTest {};
class AcmMotoTest : public AwsMotoTest {};
class CloudFrontMotoTest : public AwsMotoTest {};
class SecretsManagerMotoTest : public AwsMotoTest {};
class MailMotoTest : public AwsMotoTest {};
class Route53MotoTest : public AwsMotoTest {};
class DynamoDbMotoTest : public AwsMotoTest {};
class ClientBehaviourMotoTest : public AwsMotoTest {};
class CommandsMotoTest : public AwsMotoTest {};

TEST_F(StsMotoTest, GetCallerIdentityAndAssumeRoleIntoACreatedAccount) {
  EXPECT_EQ(Must("sts", "GetCallerIdentity", {})["Account"], kAccountId);
  Must("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}});
  Json created = Must("organizations", "CreateAccount",
                      {{"Email", "prod@example.com"}, {"AccountName", "vueprod"}});
  std::string account = created["CreateAccountStatus"]["AccountId"];
  ASSERT_EQ(account.size(), 12u);

  AwsClient client = Client();
  StsRoleAssumer assumer(client);
  auth::AssumeRoleParams params;
  params.role_arn = "arn:aws:iam::" + account + ":role/OrganizationAccountAccessRole";
  params.role_session_name = "vueops-test";
  auth::testing::TempDirectory cache_directory;
  auth::RoleCredentialsCache cache(cache_directory.path(), Clock::Real());
  Result<std::shared_ptr<auth::RefreshingCredentials>> role =
      AssumedRoleCredentials(client, params, assumer, &cache, nullptr);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  Result<Json> identity =
      client.WithCredentials(*role).Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ((*identity)["Account"], account);
  EXPECT_THAT((*identity)["Arn"].get<std::string>(),
              HasSubstr(":assumed-role/OrganizationAccountAccessRole/vueops-test"));
}

TEST_F(OrganizationsMotoTest, AccountsUnitsAndPolicies) {
  Json organization = Must("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}});
  EXPECT_EQ(organization["Organization"]["FeatureSet"], "ALL");
  Json created = Must("organizations", "CreateAccount",
                      {{"Email", "dev@example.com"}, {"AccountName", "vuedev"}});
  Json status = Must("organizations", "DescribeCreateAccountStatus",
                     {{"CreateAccountRequestId", created["CreateAccountStatus"]["Id"]}});
  EXPECT_EQ(status["CreateAccountStatus"]["State"], "SUCCEEDED");
  Result<Json> accounts = Client().CallAllPages("organizations", "ListAccounts", Json::object());
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  EXPECT_EQ((*accounts)["Accounts"].size(), 2u);  // the management account and vuedev

  std::string root = Must("organizations", "ListRoots", {})["Roots"][0]["Id"];
  Json unit = Must("organizations", "CreateOrganizationalUnit",
                   {{"ParentId", root}, {"Name", "workloads"}});
  Json policy = Must(
      "organizations", "CreatePolicy",
      {{"Name", "deny-leave"},
       {"Description", "accounts stay"},
       {"Type", "SERVICE_CONTROL_POLICY"},
       {"Content",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]})"}});
  std::string policy_id = policy["Policy"]["PolicySummary"]["Id"];
  Must("organizations", "AttachPolicy",
       {{"PolicyId", policy_id}, {"TargetId", unit["OrganizationalUnit"]["Id"]}});
  Json targets = Must("organizations", "ListTargetsForPolicy", {{"PolicyId", policy_id}});
  EXPECT_EQ(targets["Targets"][0]["Name"], "workloads");
}

TEST_F(IamMotoTest, UsersGroupsRolesPoliciesAndInstanceProfiles) {
  const Json trust = Json::parse(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  const Json allow_assume = Json::parse(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
          "Resource": "arn:aws:iam::111122223333:role/VueDev"}]})");
  Must("iam", "CreateUser",
       {{"UserName", "alice"}, {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}});
  Must("iam", "CreateGroup", {{"GroupName", "VueDev"}});
  Must("iam", "AddUserToGroup", {{"GroupName", "VueDev"}, {"UserName", "alice"}});
  Must(
      "iam", "PutGroupPolicy",
      {{"GroupName", "VueDev"}, {"PolicyName", "assume"}, {"PolicyDocument", allow_assume.dump()}});
  Json group_policy =
      Must("iam", "GetGroupPolicy", {{"GroupName", "VueDev"}, {"PolicyName", "assume"}});
  // Decoded from its URL-encoded form into the document itself.
  EXPECT_TRUE(JsonEqualUnordered(group_policy["PolicyDocument"], allow_assume))
      << group_policy.dump();
  Must("iam", "CreateLoginProfile",
       {{"UserName", "alice"}, {"Password", "Correct-Horse-9"}, {"PasswordResetRequired", true}});
  Json key = Must("iam", "CreateAccessKey", {{"UserName", "alice"}});
  EXPECT_EQ(key["AccessKey"]["Status"], "Active");

  Json role = Must("iam", "CreateRole",
                   {{"RoleName", "servers"},
                    {"AssumeRolePolicyDocument", trust.dump()},
                    {"Tags", {{{"Key", "env"}, {"Value", "prod"}}}}});
  EXPECT_TRUE(JsonEqualUnordered(role["Role"]["AssumeRolePolicyDocument"], trust));
  Must("iam", "PutRolePolicy",
       {{"RoleName", "servers"}, {"PolicyName", "read"}, {"PolicyDocument", allow_assume.dump()}});
  EXPECT_TRUE(
      JsonEqualUnordered(Must("iam", "GetRolePolicy",
                              {{"RoleName", "servers"}, {"PolicyName", "read"}})["PolicyDocument"],
                         allow_assume));
  Json managed = Must("iam", "CreatePolicy",
                      {{"PolicyName", "logs"}, {"PolicyDocument", allow_assume.dump()}});
  Must("iam", "AttachRolePolicy",
       {{"RoleName", "servers"}, {"PolicyArn", managed["Policy"]["Arn"]}});
  Json attached = Must("iam", "ListAttachedRolePolicies", {{"RoleName", "servers"}});
  EXPECT_EQ(attached["AttachedPolicies"][0]["PolicyName"], "logs");
  Must("iam", "CreateInstanceProfile", {{"InstanceProfileName", "servers"}});
  Must("iam", "AddRoleToInstanceProfile",
       {{"InstanceProfileName", "servers"}, {"RoleName", "servers"}});
  Json profile = Must("iam", "GetInstanceProfile", {{"InstanceProfileName", "servers"}});
  EXPECT_EQ(profile["InstanceProfile"]["Roles"][0]["RoleName"], "servers");
  Must("iam", "TagRole",
       {{"RoleName", "servers"}, {"Tags", {{{"Key", "owner"}, {"Value", "ops"}}}}});
  EXPECT_EQ(Must("iam", "ListRoleTags", {{"RoleName", "servers"}})["Tags"].size(), 2u);
}

// A VPC with two subnets, for the services that need one.
struct Network {
  std::string vpc;
  std::string subnet_a;
  std::string subnet_b;
  std::string security_group;
};

Network MakeNetwork(
    AwsMotoTest& test,
    const std::function<Json(std::string_view, std::string_view, const Json&)>& call) {
  (void)test;
  Network network;
  network.vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/16"}})["Vpc"]["VpcId"];
  network.subnet_a = call("ec2", "CreateSubnet",
                          {{"VpcId", network.vpc},
                           {"CidrBlock", "10.0.1.0/24"},
                           {"AvailabilityZone", "us-east-1a"}})["Subnet"]["SubnetId"];
  network.subnet_b = call("ec2", "CreateSubnet",
                          {{"VpcId", network.vpc},
                           {"CidrBlock", "10.0.2.0/24"},
                           {"AvailabilityZone", "us-east-1b"}})["Subnet"]["SubnetId"];
  network.security_group = call(
      "ec2", "CreateSecurityGroup",
      {{"GroupName", "servers"}, {"Description", "servers"}, {"VpcId", network.vpc}})["GroupId"];
  return network;
}

#define NETWORK()                                                                    \
  MakeNetwork(*this, [this](std::string_view s, std::string_view o, const Json& i) { \
    return Must(s, o, i);                                                            \
  })

TEST_F(Ec2MotoTest, TheNetworkSecurityGroupsKeysAndLaunchTemplates) {
  Network network = NETWORK();
  std::string igw =
      Must("ec2", "CreateInternetGateway", {})["InternetGateway"]["InternetGatewayId"];
  Must("ec2", "AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", network.vpc}});
  std::string table =
      Must("ec2", "CreateRouteTable", {{"VpcId", network.vpc}})["RouteTable"]["RouteTableId"];
  Must("ec2", "CreateRoute",
       {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", igw}});
  Json association =
      Must("ec2", "AssociateRouteTable", {{"RouteTableId", table}, {"SubnetId", network.subnet_a}});
  EXPECT_TRUE(association.contains("AssociationId"));
  std::string allocation = Must("ec2", "AllocateAddress", {{"Domain", "vpc"}})["AllocationId"];
  Json nat = Must("ec2", "CreateNatGateway",
                  {{"SubnetId", network.subnet_a}, {"AllocationId", allocation}});
  EXPECT_EQ(nat["NatGateway"]["SubnetId"], network.subnet_a);
  Json endpoint = Must("ec2", "CreateVpcEndpoint",
                       {{"VpcId", network.vpc},
                        {"ServiceName", "com.amazonaws.us-east-1.s3"},
                        {"VpcEndpointType", "Gateway"},
                        {"RouteTableIds", {table}}});
  EXPECT_EQ(endpoint["VpcEndpoint"]["VpcId"], network.vpc);

  std::string balancer = Must(
      "ec2", "CreateSecurityGroup",
      {{"GroupName", "elb"}, {"Description", "load balancer"}, {"VpcId", network.vpc}})["GroupId"];
  Must("ec2", "AuthorizeSecurityGroupIngress",
       {{"GroupId", network.security_group},
        {"IpPermissions",
         {{{"IpProtocol", "tcp"},
           {"FromPort", 80},
           {"ToPort", 80},
           {"UserIdGroupPairs", {{{"GroupId", balancer}}}}}}}});
  Json referencing =
      Must("ec2", "DescribeSecurityGroups",
           {{"Filters", {{{"Name", "ip-permission.group-id"}, {"Values", {balancer}}}}}});
  ASSERT_EQ(referencing["SecurityGroups"].size(), 1u);
  EXPECT_EQ(referencing["SecurityGroups"][0]["GroupId"], network.security_group);

  Json key = Must("ec2", "CreateKeyPair", {{"KeyName", "vueprod"}});
  EXPECT_THAT(key["KeyMaterial"].get<std::string>(), HasSubstr("PRIVATE KEY"));

  Json template_ = Must("ec2", "CreateLaunchTemplate",
                        {{"LaunchTemplateName", "foh"},
                         {"LaunchTemplateData",
                          {{"ImageId", "ami-12c6146b"},
                           {"InstanceType", "t3.small"},
                           {"KeyName", "vueprod"},
                           {"SecurityGroupIds", {network.security_group}},
                           {"MetadataOptions", {{"HttpTokens", "required"}}}}}});
  std::string template_id = template_["LaunchTemplate"]["LaunchTemplateId"];
  Json version = Must("ec2", "CreateLaunchTemplateVersion",
                      {{"LaunchTemplateId", template_id},
                       {"SourceVersion", "1"},
                       {"LaunchTemplateData", {{"InstanceType", "t3.medium"}}}});
  EXPECT_EQ(version["LaunchTemplateVersion"]["VersionNumber"], 2);
  Json versions = Must("ec2", "DescribeLaunchTemplateVersions",
                       {{"LaunchTemplateId", template_id}, {"Versions", {"2"}}});
  EXPECT_EQ(versions["LaunchTemplateVersions"][0]["LaunchTemplateData"]["InstanceType"],
            "t3.medium");

  Must("ec2", "CreateTags",
       {{"Resources", {network.vpc}}, {"Tags", {{{"Key", "vueops:env"}, {"Value", "prod"}}}}});
  Json tagged = Must("ec2", "DescribeVpcs",
                     {{"Filters", {{{"Name", "tag:vueops:env"}, {"Values", {"prod"}}}}}});
  ASSERT_EQ(tagged["Vpcs"].size(), 1u);
  EXPECT_EQ(tagged["Vpcs"][0]["VpcId"], network.vpc);
  Json subnets = Must("ec2", "DescribeSubnets",
                      {{"Filters", {{{"Name", "vpc-id"}, {"Values", {network.vpc}}}}}});
  EXPECT_EQ(subnets["Subnets"].size(), 2u);
}

TEST_F(AutoScalingMotoTest, MixedInstancesGroupsAndScheduledActions) {
  Network network = NETWORK();
  Json template_ =
      Must("ec2", "CreateLaunchTemplate",
           {{"LaunchTemplateName", "boh"},
            {"LaunchTemplateData", {{"ImageId", "ami-12c6146b"}, {"InstanceType", "t3.small"}}}});
  std::string template_id = template_["LaunchTemplate"]["LaunchTemplateId"];
  Must("autoscaling", "CreateAutoScalingGroup",
       {{"AutoScalingGroupName", "prod-boh"},
        {"MinSize", 0},
        {"MaxSize", 4},
        {"DesiredCapacity", 1},
        {"VPCZoneIdentifier", network.subnet_a + "," + network.subnet_b},
        {"MixedInstancesPolicy",
         {{"LaunchTemplate",
           {{"LaunchTemplateSpecification",
             {{"LaunchTemplateId", template_id}, {"Version", "$Latest"}}},
            {"Overrides", {{{"InstanceType", "t3.small"}}, {{"InstanceType", "t3a.small"}}}}}},
          {"InstancesDistribution",
           {{"OnDemandBaseCapacity", 1},
            {"OnDemandPercentageAboveBaseCapacity", 0},
            {"SpotAllocationStrategy", "capacity-optimized"}}}}}});
  Json created =
      Must("autoscaling", "DescribeAutoScalingGroups", {{"AutoScalingGroupNames", {"prod-boh"}}});
  ASSERT_EQ(created["AutoScalingGroups"].size(), 1u);
  EXPECT_EQ(
      created["AutoScalingGroups"][0]["MixedInstancesPolicy"]["LaunchTemplate"]["Overrides"].size(),
      2u);
  EXPECT_EQ(created["AutoScalingGroups"][0]["MixedInstancesPolicy"]["InstancesDistribution"]
                   ["OnDemandBaseCapacity"],
            1);
  // (moto 5 forgets the mixed instances policy on update; AWS keeps it.)
  Must("autoscaling", "UpdateAutoScalingGroup",
       {{"AutoScalingGroupName", "prod-boh"}, {"MaxSize", 6}});
  Json updated =
      Must("autoscaling", "DescribeAutoScalingGroups", {{"AutoScalingGroupNames", {"prod-boh"}}});
  EXPECT_EQ(updated["AutoScalingGroups"][0]["MaxSize"], 6);
  Must("autoscaling", "PutScheduledUpdateGroupAction",
       {{"AutoScalingGroupName", "prod-boh"},
        {"ScheduledActionName", "night"},
        {"Recurrence", "0 2 * * *"},
        {"DesiredCapacity", 0}});
  Json actions =
      Must("autoscaling", "DescribeScheduledActions", {{"AutoScalingGroupName", "prod-boh"}});
  EXPECT_EQ(actions["ScheduledUpdateGroupActions"][0]["ScheduledActionName"], "night");
}

TEST_F(Elbv2MotoTest, LoadBalancerTargetGroupsListenersAndRules) {
  Network network = NETWORK();
  Json balancer = Must("elbv2", "CreateLoadBalancer",
                       {{"Name", "prod"},
                        {"Subnets", {network.subnet_a, network.subnet_b}},
                        {"SecurityGroups", {network.security_group}},
                        {"Type", "application"}});
  std::string balancer_arn = balancer["LoadBalancers"][0]["LoadBalancerArn"];
  Json group =
      Must("elbv2", "CreateTargetGroup",
           {{"Name", "prod-foh"}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", network.vpc}});
  std::string group_arn = group["TargetGroups"][0]["TargetGroupArn"];
  Must("elbv2", "ModifyTargetGroupAttributes",
       {{"TargetGroupArn", group_arn},
        {"Attributes",
         {{{"Key", "stickiness.enabled"}, {"Value", "true"}},
          {{"Key", "stickiness.type"}, {"Value", "lb_cookie"}}}}});
  Json attributes = Must("elbv2", "DescribeTargetGroupAttributes", {{"TargetGroupArn", group_arn}});
  bool sticky = false;
  for (const Json& attribute : attributes["Attributes"]) {
    if (attribute["Key"] == "stickiness.enabled") sticky = attribute["Value"] == "true";
  }
  EXPECT_TRUE(sticky);
  Json listener =
      Must("elbv2", "CreateListener",
           {{"LoadBalancerArn", balancer_arn},
            {"Protocol", "HTTP"},
            {"Port", 80},
            {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", group_arn}}}}});
  std::string listener_arn = listener["Listeners"][0]["ListenerArn"];
  Must("elbv2", "CreateRule",
       {{"ListenerArn", listener_arn},
        {"Priority", 10},
        {"Conditions", {{{"Field", "path-pattern"}, {"Values", {"/api/*"}}}}},
        {"Actions", {{{"Type", "forward"}, {"TargetGroupArn", group_arn}}}}});
  Json rules = Must("elbv2", "DescribeRules", {{"ListenerArn", listener_arn}});
  EXPECT_EQ(rules["Rules"].size(), 2u);  // the rule and the default
}

TEST_F(RdsMotoTest, SubnetAndParameterGroupsAndAGrowingInstance) {
  Network network = NETWORK();
  Must("rds", "CreateDBSubnetGroup",
       {{"DBSubnetGroupName", "prod"},
        {"DBSubnetGroupDescription", "prod"},
        {"SubnetIds", {network.subnet_a, network.subnet_b}}});
  Must("rds", "CreateDBParameterGroup",
       {{"DBParameterGroupName", "prod-mysql"},
        {"DBParameterGroupFamily", "mysql8.0"},
        {"Description", "vueops"}});
  Must("rds", "ModifyDBParameterGroup",
       {{"DBParameterGroupName", "prod-mysql"},
        {"Parameters",
         {{{"ParameterName", "max_connections"},
           {"ParameterValue", "300"},
           {"ApplyMethod", "pending-reboot"}}}}});
  Json instance = Must("rds", "CreateDBInstance",
                       {{"DBInstanceIdentifier", "prod"},
                        {"DBInstanceClass", "db.t3.micro"},
                        {"Engine", "mysql"},
                        {"AllocatedStorage", 5},
                        {"MasterUsername", "admin"},
                        {"MasterUserPassword", "not-a-real-password"},
                        {"DBSubnetGroupName", "prod"},
                        {"DBParameterGroupName", "prod-mysql"},
                        {"VpcSecurityGroupIds", {network.security_group}}});
  EXPECT_EQ(instance["DBInstance"]["AllocatedStorage"], 5);
  Must("rds", "ModifyDBInstance",
       {{"DBInstanceIdentifier", "prod"}, {"AllocatedStorage", 10}, {"ApplyImmediately", true}});
  Json described = Must("rds", "DescribeDBInstances", {{"DBInstanceIdentifier", "prod"}});
  EXPECT_EQ(described["DBInstances"][0]["AllocatedStorage"], 10);
  EXPECT_EQ(described["DBInstances"][0]["DBSubnetGroup"]["DBSubnetGroupName"], "prod");
}

TEST_F(ElastiCacheMotoTest, SubnetGroupAndReplicationGroup) {
  Network network = NETWORK();
  Must("elasticache", "CreateCacheSubnetGroup",
       {{"CacheSubnetGroupName", "prod"},
        {"CacheSubnetGroupDescription", "prod"},
        {"SubnetIds", {network.subnet_a, network.subnet_b}}});
  Must("elasticache", "CreateReplicationGroup",
       {{"ReplicationGroupId", "prod-redis"},
        {"ReplicationGroupDescription", "sessions"},
        {"Engine", "redis"},
        {"CacheNodeType", "cache.t3.micro"},
        {"NumCacheClusters", 2},
        {"AutomaticFailoverEnabled", true},
        {"CacheSubnetGroupName", "prod"},
        {"SecurityGroupIds", {network.security_group}}});
  Json groups =
      Must("elasticache", "DescribeReplicationGroups", {{"ReplicationGroupId", "prod-redis"}});
  EXPECT_EQ(groups["ReplicationGroups"][0]["ReplicationGroupId"], "prod-redis");
}

TEST_F(S3MotoTest, AProtectedVersionedBucketInUsWest2) {
  const std::string bucket = "vueops-protected-test";
  Must("s3", "CreateBucket",
       {{"Bucket", bucket}, {"CreateBucketConfiguration", {{"LocationConstraint", "us-west-2"}}}},
       "us-west-2");
  EXPECT_EQ(
      Must("s3", "GetBucketLocation", {{"Bucket", bucket}}, "us-west-2")["LocationConstraint"],
      "us-west-2");
  auto put = [&](const char* operation, Json input) {
    input["Bucket"] = bucket;
    Must("s3", operation, input, "us-west-2");
  };
  put("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}});
  put("PutBucketLifecycleConfiguration",
      {{"LifecycleConfiguration",
        {{"Rules",
          {{{"ID", "old-versions"},
            {"Status", "Enabled"},
            {"Filter", {{"Prefix", ""}}},
            {"NoncurrentVersionExpiration", {{"NoncurrentDays", 90}}}}}}}}});
  put("PutBucketCors",
      {{"CORSConfiguration",
        {{"CORSRules", {{{"AllowedMethods", {"GET"}}, {"AllowedOrigins", {"https://x.test"}}}}}}}});
  put("PutPublicAccessBlock", {{"PublicAccessBlockConfiguration",
                                {{"BlockPublicAcls", true},
                                 {"IgnorePublicAcls", true},
                                 {"BlockPublicPolicy", true},
                                 {"RestrictPublicBuckets", true}}}});
  put("PutBucketAccelerateConfiguration", {{"AccelerateConfiguration", {{"Status", "Enabled"}}}});
  put("PutBucketOwnershipControls",
      {{"OwnershipControls", {{"Rules", {{{"ObjectOwnership", "BucketOwnerEnforced"}}}}}}});
  put("PutBucketTagging", {{"Tagging", {{"TagSet", {{{"Key", "env"}, {"Value", "prod"}}}}}}});

  auto get = [&](const char* operation) {
    return Must("s3", operation, {{"Bucket", bucket}}, "us-west-2");
  };
  EXPECT_EQ(get("GetBucketVersioning")["Status"], "Enabled");
  EXPECT_EQ(get("GetBucketLifecycleConfiguration")["Rules"][0]["ID"], "old-versions");
  EXPECT_EQ(get("GetBucketCors")["CORSRules"][0]["AllowedOrigins"][0], "https://x.test");
  EXPECT_EQ(get("GetPublicAccessBlock")["PublicAccessBlockConfiguration"]["BlockPublicAcls"], true);
  EXPECT_EQ(get("GetBucketAccelerateConfiguration")["Status"], "Enabled");
  EXPECT_EQ(get("GetBucketOwnershipControls")["OwnershipControls"]["Rules"][0]["ObjectOwnership"],
            "BucketOwnerEnforced");
  EXPECT_EQ(get("GetBucketTagging")["TagSet"][0]["Value"], "prod");

  put("PutObject", {{"Key", "state/lock"}, {"Body", "holder-1"}});
  EXPECT_EQ(
      Must("s3", "GetObject", {{"Bucket", bucket}, {"Key", "state/lock"}}, "us-west-2")["Body"],
      "holder-1");
  // The state lock: a second conditional create of the same key is refused.
  CallInfo info;
  Result<Json> second = Client("us-west-2")
                            .Call("s3", "PutObject",
                                  Json{{"Bucket", bucket},
                                       {"Key", "state/lock"},
                                       {"Body", "holder-2"},
                                       {"IfNoneMatch", "*"}},
                                  &info);
  ASSERT_FALSE(second.ok());
  ASSERT_TRUE(info.error.has_value());
  EXPECT_EQ(info.error->http_status, 412);
  EXPECT_EQ(info.error->code, "PreconditionFailed");
  EXPECT_EQ(
      Must("s3", "GetObject", {{"Bucket", bucket}, {"Key", "state/lock"}}, "us-west-2")["Body"],
      "holder-1");
  // Last: moto enforces bucket policies, and this one lets only CloudFront read.
  put("PutBucketPolicy",
      {{"Policy", Json{{"Version", "2012-10-17"},
                       {"Statement",
                        {{{"Effect", "Allow"},
                          {"Principal", {{"Service", "cloudfront.amazonaws.com"}}},
                          {"Action", "s3:GetObject"},
                          {"Resource", "arn:aws:s3:::" + bucket + "/*"}}}}}
                      .dump()}});
  EXPECT_THAT(get("GetBucketPolicy")["Policy"].get<std::string>(),
              HasSubstr("cloudfront.amazonaws.com"));
  Result<Json> missing =
      Client("us-west-2").Call("s3", "GetBucketTagging", Json{{"Bucket", "no-such-bucket-x"}});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(AcmMotoTest, RequestAndDescribeACertificate) {
  Json requested = Must("acm", "RequestCertificate",
                        {{"DomainName", "www.example.com"},
                         {"ValidationMethod", "DNS"},
                         {"SubjectAlternativeNames", {"example.com"}}});
  Json described =
      Must("acm", "DescribeCertificate", {{"CertificateArn", requested["CertificateArn"]}});
  EXPECT_EQ(described["Certificate"]["DomainName"], "www.example.com");
}

TEST_F(CloudFrontMotoTest, OriginAccessControlKeyGroupAndADistribution) {
  Json control = Must("cloudfront", "CreateOriginAccessControl",
                      {{"OriginAccessControlConfig",
                        {{"Name", "protected"},
                         {"SigningProtocol", "sigv4"},
                         {"SigningBehavior", "always"},
                         {"OriginAccessControlOriginType", "s3"}}}});
  std::string control_id = control["OriginAccessControl"]["Id"];
  Json key =
      Must("cloudfront", "CreatePublicKey",
           {{"PublicKeyConfig",
             {{"CallerReference", "key-1"},
              {"Name", "signing"},
              {"EncodedKey", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"}}}});
  Json group =
      Must("cloudfront", "CreateKeyGroup",
           {{"KeyGroupConfig", {{"Name", "signers"}, {"Items", {key["PublicKey"]["Id"]}}}}});
  EXPECT_TRUE(group["KeyGroup"].contains("Id"));

  Json config = {{"CallerReference", "dist-1"},
                 {"Comment", "protected"},
                 {"Enabled", true},
                 {"Origins",
                  {{"Quantity", 1},
                   {"Items",
                    {{{"Id", "s3"},
                      {"DomainName", "vueops-protected.s3.us-east-1.amazonaws.com"},
                      {"OriginAccessControlId", control_id},
                      {"S3OriginConfig", {{"OriginAccessIdentity", ""}}}}}}}},
                 {"DefaultCacheBehavior",
                  {{"TargetOriginId", "s3"},
                   {"ViewerProtocolPolicy", "https-only"},
                   {"CachePolicyId", "658327ea-f89d-4fab-a63d-7e88639e58f6"}}}};
  Json created = Must("cloudfront", "CreateDistribution", {{"DistributionConfig", config}});
  std::string id = created["Distribution"]["Id"];
  Result<Json> got = Client().Call("cloudfront", "GetDistribution", Json{{"Id", id}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  Json updated_config = (*got)["Distribution"]["DistributionConfig"];
  updated_config["Comment"] = "protected, updated";
  Json updated =
      Must("cloudfront", "UpdateDistribution",
           {{"Id", id}, {"IfMatch", (*got)["ETag"]}, {"DistributionConfig", updated_config}});
  EXPECT_EQ(updated["Distribution"]["DistributionConfig"]["Comment"], "protected, updated");
}

TEST_F(SecretsManagerMotoTest, CreatePutGetDescribeAndTag) {
  Json secret = Must("secretsmanager", "CreateSecret",
                     {{"Name", "prod/cloudfront-key"}, {"SecretString", "v1"}});
  Must("secretsmanager", "PutSecretValue", {{"SecretId", secret["ARN"]}, {"SecretString", "v2"}});
  EXPECT_EQ(Must("secretsmanager", "GetSecretValue",
                 {{"SecretId", "prod/cloudfront-key"}})["SecretString"],
            "v2");
  Must("secretsmanager", "TagResource",
       {{"SecretId", "prod/cloudfront-key"}, {"Tags", {{{"Key", "env"}, {"Value", "prod"}}}}});
  Json described = Must("secretsmanager", "DescribeSecret", {{"SecretId", "prod/cloudfront-key"}});
  EXPECT_EQ(described["Tags"][0]["Value"], "prod");
}

TEST_F(MailMotoTest, SesIdentitiesAndSnsTopics) {
  Must("ses", "VerifyDomainIdentity", {{"Domain", "example.com"}});
  Json identities = Must("ses", "ListIdentities", {});
  EXPECT_EQ(identities["Identities"][0], "example.com");
  Must("sesv2", "CreateEmailIdentity", {{"EmailIdentity", "ops@example.com"}});
  Json identity = Must("sesv2", "GetEmailIdentity", {{"EmailIdentity", "ops@example.com"}});
  EXPECT_EQ(identity["IdentityType"], "EMAIL_ADDRESS");
  std::string topic = Must("sns", "CreateTopic", {{"Name", "ses-bounces"}})["TopicArn"];
  Json topics = Must("sns", "ListTopics", {});
  EXPECT_EQ(topics["Topics"][0]["TopicArn"], topic);
}

TEST_F(Route53MotoTest, ZoneRecordsAliasesAndHealthChecks) {
  Json zone = Must("route53", "CreateHostedZone",
                   {{"Name", "example.com."}, {"CallerReference", "zone-1"}});
  std::string zone_id = zone["HostedZone"]["Id"];  // "/hostedzone/Z..." as returned
  Must("route53", "ChangeResourceRecordSets",
       {{"HostedZoneId", zone_id},
        {"ChangeBatch",
         {{"Changes",
           {{{"Action", "CREATE"},
             {"ResourceRecordSet",
              {{"Name", "dev.example.com."},
               {"Type", "A"},
               {"TTL", 300},
               {"ResourceRecords", {{{"Value", "203.0.113.10"}}}}}}},
            {{"Action", "CREATE"},
             {"ResourceRecordSet",
              {{"Name", "www.example.com."},
               {"Type", "A"},
               {"AliasTarget",
                {{"HostedZoneId", "Z2FDTNDATAQYW2"},
                 {"DNSName", "d111111abcdef8.cloudfront.net."},
                 {"EvaluateTargetHealth", false}}}}}}}}}}});
  Json records = Must("route53", "ListResourceRecordSets", {{"HostedZoneId", zone_id}});
  bool alias = false;
  for (const Json& record : records["ResourceRecordSets"]) {
    if (record["Name"] == "www.example.com.") alias = record.contains("AliasTarget");
  }
  EXPECT_TRUE(alias) << records.dump();
  Json check = Must("route53", "CreateHealthCheck",
                    {{"CallerReference", "check-1"},
                     {"HealthCheckConfig",
                      {{"Type", "HTTPS"},
                       {"FullyQualifiedDomainName", "www.example.com"},
                       {"ResourcePath", "/health"},
                       {"Port", 443}}}});
  EXPECT_EQ(check["HealthCheck"]["HealthCheckConfig"]["ResourcePath"], "/health");
}

TEST_F(DynamoDbMotoTest, TableAndConditionalPut) {
  Must("dynamodb", "CreateTable",
       {{"TableName", "locks"},
        {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PAY_PER_REQUEST"}});
  Status waited = Client().Wait("dynamodb", "TableExists", Json{{"TableName", "locks"}});
  EXPECT_TRUE(waited.ok()) << waited.ToString();
  Json put = {{"TableName", "locks"},
              {"Item", {{"id", {{"S", "state"}}}, {"holder", {{"S", "a"}}}}},
              {"ConditionExpression", "attribute_not_exists(id)"}};
  Must("dynamodb", "PutItem", put);
  CallInfo info;
  Result<Json> again = Client().Call("dynamodb", "PutItem", put, &info);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(info.error->code, "ConditionalCheckFailedException");
  EXPECT_THAT(again.status().message(),
              HasSubstr("dynamodb PutItem: ConditionalCheckFailedException"));
}

TEST_F(ClientBehaviourMotoTest, AnErrorAnswerIsAClearMessage) {
  Result<Json> missing =
      Client().Call("ec2", "DescribeSecurityGroups", Json{{"GroupIds", {"sg-00000000"}}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(
      missing.status().message(),
      ::testing::MatchesRegex("ec2 DescribeSecurityGroups: InvalidGroup.NotFound: .*sg-0+.* "
                              "\\(HTTP 400, request id .+\\)"));
}

TEST_F(ClientBehaviourMotoTest, AThrottledCallIsRetriedToTheRightAnswer) {
  ThrottleFirstRequests throttled(transport_, 2);
  CallInfo info;
  Result<Json> identity =
      Client(kRegion, &throttled).Call("sts", "GetCallerIdentity", Json::object(), &info);
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ((*identity)["Account"], kAccountId);
  EXPECT_EQ(info.attempts, 3);
}

TEST_F(ClientBehaviourMotoTest, PagesAreFollowed) {
  for (int i = 0; i < 5; ++i) {
    Must("iam", "CreateRole",
         {{"RoleName", "role" + std::to_string(i)}, {"AssumeRolePolicyDocument", "{}"}});
  }
  int pages = 0;
  size_t roles = 0;
  Status walked =
      Client().ForEachPage("iam", "ListRoles", Json{{"MaxItems", 2}}, [&](const Json& page) {
        ++pages;
        roles += page["Roles"].size();
        return Status::Ok();
      });
  ASSERT_TRUE(walked.ok()) << walked.ToString();
  EXPECT_EQ(roles, 5u);
  EXPECT_EQ(pages, 3);
  Result<Json> all = Client().CallAllPages("iam", "ListRoles", Json{{"MaxItems", 2}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ((*all)["Roles"].size(), 5u);
}

// Runs build/vueops with `arguments`, dummy credentials and moto as every endpoint; returns
// the exit status and what it printed (stdout and stderr).
std::pair<int, std::string> RunVueops(const std::string& endpoint, const std::string& arguments) {
  auth::testing::TempDirectory home;
  std::string command = "env -i PATH=/usr/bin:/bin HOME=" + home.path() +
                        " AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing"
                        " AWS_REGION=us-east-1 AWS_ENDPOINT_URL=" +
                        endpoint + " " VUEOPS_BINARY_DIR "/vueops " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  char buffer[4096];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST_F(CommandsMotoTest, AwsAndWhoamiEndToEnd) {
  ASSERT_TRUE(FileExists(VUEOPS_BINARY_DIR "/vueops")) << "build the vueops target first";
  auto [status, output] = RunVueops(endpoint_url(), "aws sts get-caller-identity");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output,
            "{\n    \"UserId\": \"AKIAIOSFODNN7EXAMPLE\",\n    \"Account\": \"123456789012\",\n"
            "    \"Arn\": \"arn:aws:sts::123456789012:user/moto\"\n}\n");

  std::tie(status, output) =
      RunVueops(endpoint_url(),
                "aws ec2 create-security-group --input-json "
                "'{\"GroupName\": \"web\", \"Description\": \"web servers\"}'");
  EXPECT_EQ(status, 0) << output;
  // Members as the AWS CLI's options, overriding --input-json; lists as several words.
  std::tie(status, output) =
      RunVueops(endpoint_url(),
                "aws ec2 create-security-group --input-json '{\"GroupName\": \"x\"}' "
                "--group-name db --description 'database servers' --region us-east-1");
  EXPECT_EQ(status, 0) << output;
  std::tie(status, output) = RunVueops(endpoint_url(),
                                       "aws ec2 describe-security-groups --group-names web db "
                                       "--query 'length(SecurityGroups)'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "2\n");
  std::tie(status, output) =
      RunVueops(endpoint_url(), "aws ec2 describe-security-groups --group-nams web");
  EXPECT_EQ(status, 2);
  EXPECT_THAT(output, HasSubstr("did you mean '--group-names'?"));
  std::tie(status, output) = RunVueops(
      endpoint_url(),
      "aws ec2 DescribeSecurityGroups --query 'SecurityGroups[?GroupName==`web`].Description'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "[\n    \"web servers\"\n]\n");

  std::tie(status, output) = RunVueops(endpoint_url(),
                                       "aws ec2 describe-security-groups --input-json "
                                       "'{\"GroupIds\": [\"sg-00000000\"]}'");
  EXPECT_EQ(status, 1);
  EXPECT_THAT(output, HasSubstr("vueops aws: ec2 DescribeSecurityGroups: InvalidGroup.NotFound"));
  EXPECT_THAT(output, HasSubstr("request id"));

  std::tie(status, output) = RunVueops(endpoint_url(), "aws ec2 describe-vpc");
  EXPECT_EQ(status, 2);
  EXPECT_THAT(output, HasSubstr("did you mean 'describe-vpcs'?"));
  std::tie(status, output) = RunVueops(endpoint_url(), "aws iam create-role --input-json '{'");
  EXPECT_EQ(status, 2);
  EXPECT_THAT(output, HasSubstr("--input-json is not valid JSON"));

  std::tie(status, output) = RunVueops(endpoint_url(), "whoami --json");
  EXPECT_EQ(status, 0) << output;
  Result<Json> whoami = ParseJson(output);
  ASSERT_TRUE(whoami.ok()) << output;
  EXPECT_EQ((*whoami)["Account"], kAccountId);
  EXPECT_EQ((*whoami)["CredentialsSource"], "environment variables");
  EXPECT_EQ((*whoami)["EndpointSource"], "AWS_ENDPOINT_URL");
  EXPECT_THAT(output, ::testing::Not(HasSubstr("\"testing\"")));  // the secret key
}

}  // namespace
}  // namespace vueops::client
