#include "resources/registry.h"

#include <algorithm>
#include <vector>

#include "resources/types.h"

namespace vueops::resources {
namespace {

std::vector<const ResourceType*> MakeTypes() {
  std::vector<const ResourceType*> types = {
      &Vpc(),
      &Subnet(),
      &InternetGateway(),
      &RouteTable(),
      &ElasticIp(),
      &NatGateway(),
      &VpcEndpoint(),
      &DefaultSecurityGroup(),
      &FlowLog(),
      &SecurityGroup(),
      &SecurityGroupRule(),
      &KeyPair(),
      &LaunchTemplate(),
      &AutoscalingGroup(),
      &ScheduledAction(),
      &ScalingPolicy(),
      &Instance(),
      &EipAssociation(),
      &IamRole(),
      &IamRolePolicy(),
      &Organization(),
      &OrganizationalUnit(),
      &Account(),
      &ServiceControlPolicy(),
      &IamGroup(),
      &IamGroupPolicy(),
      &IamUser(),
      &IamUserPolicy(),
      &IamInstanceProfile(),
      &IamLoginProfile(),
      &IamAccessKey(),
      &Bucket(),
      &BucketPublicAccessBlock(),
      &BucketOwnership(),
      &BucketVersioning(),
      &BucketEncryption(),
      &BucketLifecycle(),
      &BucketCors(),
      &BucketAcceleration(),
      &BucketLogging(),
      &BucketPolicy(),
      &BucketReplication(),
      &OriginAccessControl(),
      &CloudFrontPublicKey(),
      &CloudFrontKeyGroup(),
      &Distribution(),
      &DbSubnetGroup(),
      &DbParameterGroup(),
      &DbInstance(),
      &CacheSubnetGroup(),
      &CacheReplicationGroup(),
      &Certificate(),
      &CertificateValidation(),
      &LoadBalancer(),
      &TargetGroup(),
      &Listener(),
      &ListenerRule(),
      &HostedZone(),
      &DnsRecord(),
      &HealthCheck(),
      &Secret(),
      &SesIdentity(),
      &SnsTopic(),
      &CertificateDnsRecords(),
  };
  std::sort(types.begin(), types.end(),
            [](const ResourceType* a, const ResourceType* b) { return a->name() < b->name(); });
  return types;
}

}  // namespace

std::span<const ResourceType* const> AllResourceTypes() {
  static const std::vector<const ResourceType*>* types =
      new std::vector<const ResourceType*>(MakeTypes());
  return *types;
}

const ResourceType* FindResourceType(std::string_view name) {
  for (const ResourceType* type : AllResourceTypes()) {
    if (type->name() == name) return type;
  }
  return nullptr;
}

}  // namespace vueops::resources
