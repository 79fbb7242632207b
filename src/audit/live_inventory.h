// What `vueops audit` reads from one live account: every object of the kinds the rule table
// speaks of, whether vueops made it or not (a bucket made by hand, a security group opened in
// the console), as the AWS APIs return it. Read through a client acting as the read-only role,
// with the calls of one account made in parallel; nothing is written.
#ifndef VUEOPS_AUDIT_LIVE_INVENTORY_H_
#define VUEOPS_AUDIT_LIVE_INVENTORY_H_

#include <atomic>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::audit {

// A bucket and its settings. A member is null where the bucket has none of that setting
// (S3's NoSuch... errors), which the rules read as "not set".
struct LiveBucket {
  std::string name;
  Json public_access_block;  // PublicAccessBlockConfiguration
  Json versioning;           // GetBucketVersioning's answer
  Json lifecycle_rules;      // Rules
  Json policy;               // the policy document, parsed
  Json logging;              // LoggingEnabled
  Json replication;          // ReplicationConfiguration
};

// A load balancer (DescribeLoadBalancers' entry) with its listeners and attributes.
struct LiveLoadBalancer {
  Json description;
  Json listeners;   // DescribeListeners' Listeners
  Json attributes;  // {"key": "value"} from DescribeLoadBalancerAttributes
};

// A CloudFront distribution: its ARN and id, its whole config and its tags.
struct LiveDistribution {
  std::string arn;
  std::string id;
  Json config;  // DistributionConfig
  Json tags;    // {"key": "value"}
};

// An IAM user with its keys and policies.
struct LiveUser {
  Json user;               // ListUsers' entry (UserName, Arn)
  Json access_keys;        // AccessKeyMetadata
  Json attached_policies;  // AttachedPolicies
  Json inline_policies;    // PolicyNames
};

// A hosted zone with its records.
struct LiveZone {
  Json zone;     // ListHostedZones' entry
  Json records;  // ResourceRecordSets
};

// One account's objects in one region (the regional services) plus its global ones.
struct LiveAccount {
  std::string account;  // the spec's name: vueprod
  std::string account_id;
  std::string region;
  std::string partition = "aws";

  Json security_groups = Json::array();     // DescribeSecurityGroups
  Json vpcs = Json::array();                // DescribeVpcs
  Json flow_logs = Json::array();           // DescribeFlowLogs
  Json launch_templates = Json::array();    // the $Latest LaunchTemplateVersions entry of each
  Json db_instances = Json::array();        // DescribeDBInstances
  Json replication_groups = Json::array();  // DescribeReplicationGroups
  std::vector<LiveLoadBalancer> load_balancers;
  std::vector<LiveBucket> buckets;
  std::vector<LiveDistribution> distributions;
  std::vector<LiveUser> users;
  // ListRoles, trust policies decoded; the roles named in CollectOptions::role_policies also
  // carry "AttachedPolicies" (ListAttachedRolePolicies) and "PolicyNames" (ListRolePolicies).
  Json roles = Json::array();
  std::vector<LiveZone> zones;

  // What could not be read ("s3 GetBucketPolicy vueocity-logs: AccessDenied ..."): the audit
  // reports it, since an object it cannot see is an object it cannot vouch for.
  std::vector<std::string> unreadable;
  size_t api_calls = 0;

  // Objects read, for "API calls per resource".
  size_t ObjectCount() const;
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, for services whose ARNs are built so.
  std::string Arn(std::string_view service, std::string_view resource, bool regional = true) const;
};

struct CollectOptions {
  // Read the account-wide services (IAM, S3, CloudFront, Route53) too. Off for the second
  // region of an account, which would read them again.
  bool global_services = true;
  // Calls in flight at once for the account.
  int parallelism = 16;
  // Roles whose policies are read too (the notes' read-only roles, VueRead and VueDev).
  std::vector<std::string> role_policies = {"VueRead", "VueDev"};
};

// Reads everything. An error only when nothing could be read (the role is refused); a call
// that fails on one object lands in `unreadable`.
Result<LiveAccount> CollectAccount(client::AwsClient& client, std::string account,
                                   std::string account_id, const CollectOptions& options = {});

}  // namespace vueops::audit

#endif  // VUEOPS_AUDIT_LIVE_INVENTORY_H_
