// The resource types, one function per type, each defined in the file named after it.
// registry.cc lists them all; add a new type there too.
#ifndef VUEOPS_RESOURCES_TYPES_H_
#define VUEOPS_RESOURCES_TYPES_H_

#include "resources/resource_type.h"

namespace vueops::resources {

const ResourceType& Vpc();
const ResourceType& Subnet();
const ResourceType& InternetGateway();
const ResourceType& RouteTable();
const ResourceType& ElasticIp();
const ResourceType& NatGateway();
const ResourceType& VpcEndpoint();
const ResourceType& DefaultSecurityGroup();
const ResourceType& FlowLog();
const ResourceType& SecurityGroup();
const ResourceType& SecurityGroupRule();
const ResourceType& KeyPair();
const ResourceType& LaunchTemplate();
const ResourceType& AutoscalingGroup();
const ResourceType& ScheduledAction();
const ResourceType& ScalingPolicy();
const ResourceType& Instance();
const ResourceType& EipAssociation();
const ResourceType& IamRole();
const ResourceType& IamRolePolicy();
const ResourceType& Organization();
const ResourceType& OrganizationalUnit();
const ResourceType& Account();
const ResourceType& ServiceControlPolicy();
const ResourceType& IamGroup();
const ResourceType& IamGroupPolicy();
const ResourceType& IamUser();
const ResourceType& IamUserPolicy();
const ResourceType& IamInstanceProfile();
const ResourceType& IamLoginProfile();
const ResourceType& IamAccessKey();
const ResourceType& Bucket();
const ResourceType& BucketPublicAccessBlock();
const ResourceType& BucketOwnership();
const ResourceType& BucketVersioning();
const ResourceType& BucketEncryption();
const ResourceType& BucketLifecycle();
const ResourceType& BucketCors();
const ResourceType& BucketAcceleration();
const ResourceType& BucketLogging();
const ResourceType& BucketPolicy();
const ResourceType& BucketReplication();
const ResourceType& OriginAccessControl();
const ResourceType& CloudFrontPublicKey();
const ResourceType& CloudFrontKeyGroup();
const ResourceType& Distribution();
const ResourceType& DbSubnetGroup();
const ResourceType& DbParameterGroup();
const ResourceType& DbInstance();
const ResourceType& CacheSubnetGroup();
const ResourceType& CacheReplicationGroup();
const ResourceType& Certificate();
const ResourceType& CertificateValidation();
const ResourceType& LoadBalancer();
const ResourceType& TargetGroup();
const ResourceType& Listener();
const ResourceType& ListenerRule();
const ResourceType& HostedZone();
const ResourceType& DnsRecord();
const ResourceType& HealthCheck();
const ResourceType& Secret();
const ResourceType& SesIdentity();
const ResourceType& SnsTopic();
const ResourceType& CertificateDnsRecords();

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_TYPES_H_
