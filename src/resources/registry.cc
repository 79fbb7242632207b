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
      &IamRole(),
      &IamGroup(),
      &IamUser(),
      &IamInstanceProfile(),
      &Organization(),
      &OrganizationalUnit(),
      &Account(),
      &ServiceControlPolicy(),
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
