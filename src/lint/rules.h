// The check function of every rule, grouped by the area of the notes it belongs to. The rule
// table (rule_table.cc) ties each to its id, severity, title, source, rationale and fix.
#ifndef VUEOPS_LINT_RULES_H_
#define VUEOPS_LINT_RULES_H_

#include "lint/rule.h"

namespace vueops::lint {

// rules_accounts.cc — notes: Accounts and IAM, Access notes.
void CheckNoUsersInWorkloadAccounts(RuleContext& context);
void CheckGroupsMatchRoles(RuleContext& context);
void CheckAssumeRoleNamesAccounts(RuleContext& context);
void CheckVueDevReadOnlyOnProduction(RuleContext& context);
void CheckVueReadReadOnly(RuleContext& context);
void CheckVueOrgTrustedFromRoot(RuleContext& context);
void CheckAdminNotOnIdentityAccount(RuleContext& context);
void CheckRolesRequireMfa(RuleContext& context);
void CheckSharedAccessKey(RuleContext& context);
void CheckOneAccessKeyPerUser(RuleContext& context);
void CheckUserPoliciesThroughGroups(RuleContext& context);
void CheckNoWildcardAdminPolicies(RuleContext& context);
void CheckNoWildcardPrincipals(RuleContext& context);
void CheckRegionLockPolicy(RuleContext& context);
void CheckAccountsInUnits(RuleContext& context);
void CheckRoleGrantsReachAccounts(RuleContext& context);
void CheckNoLocalAwsYaml(RuleContext& context);
void CheckStateInToolsAccount(RuleContext& context);

// rules_network.cc — notes: VPC / Regions / AZ, Network Security Groups.
void CheckSshNeverFromWorld(RuleContext& context);
void CheckSshOnlyFromDevopsIps(RuleContext& context);
void CheckServerHttpOnlyFromLoadBalancer(RuleContext& context);
void CheckMysqlOnlyFromServers(RuleContext& context);
void CheckRedisOnlyFromServers(RuleContext& context);
void CheckDatabaseReachableFromServers(RuleContext& context);
void CheckCacheReachableFromServers(RuleContext& context);
void CheckLoadBalancerPortsOnly(RuleContext& context);
void CheckOnlyLoadBalancerFacesWorld(RuleContext& context);
void CheckNoAllPortsRules(RuleContext& context);
void CheckPrivateSubnets(RuleContext& context);
void CheckMultipleZones(RuleContext& context);
void CheckSingleRegion(RuleContext& context);
void CheckFlowLogs(RuleContext& context);
void CheckDefaultSecurityGroupClosed(RuleContext& context);
void CheckS3EndpointForBuckets(RuleContext& context);
void CheckRuleDescriptions(RuleContext& context);
void CheckDevopsIpsNarrow(RuleContext& context);

// rules_servers.cc — notes: EC2, EC2 key pairs, Access notes.
void CheckImdsv2Required(RuleContext& context);
void CheckMetadataHopLimit(RuleContext& context);
void CheckRootVolumeEncrypted(RuleContext& context);
void CheckBroadServerRole(RuleContext& context);
void CheckSpotDiversified(RuleContext& context);
void CheckTargetGroupPerProfile(RuleContext& context);
void CheckTargetGroupsHaveServers(RuleContext& context);
void CheckNoPublicIpsInPrivateSubnets(RuleContext& context);
void CheckUserDataHasNoSecrets(RuleContext& context);
void CheckKeyPairFileMode(RuleContext& context);
void CheckKeyPairFilePresent(RuleContext& context);
void CheckNoDevServersInProduction(RuleContext& context);
void CheckDetailedMonitoring(RuleContext& context);

// rules_data_stores.cc — notes: RDS, Elasticache.
void CheckDatabaseMultiAz(RuleContext& context);
void CheckCacheMultiAz(RuleContext& context);
void CheckDatabaseEncrypted(RuleContext& context);
void CheckCacheEncryptedAtRest(RuleContext& context);
void CheckCacheTlsInTransit(RuleContext& context);
void CheckDatabaseStartsSmall(RuleContext& context);
void CheckMaxConnectionsCoverFleet(RuleContext& context);
void CheckDatabaseBackups(RuleContext& context);
void CheckDatabaseDeletionProtection(RuleContext& context);
void CheckDatabaseMinorUpgrades(RuleContext& context);
void CheckInnoDb(RuleContext& context);
void CheckDatabaseRequiresTls(RuleContext& context);
void CheckDatabaseBackupToBackupAccount(RuleContext& context);
void CheckDatabaseNotPublic(RuleContext& context);
void CheckCacheSnapshots(RuleContext& context);

// rules_load_balancer.cc — notes: ELB, Keys and SSL certificates.
void CheckHttpsListener(RuleContext& context);
void CheckListenerPorts(RuleContext& context);
void CheckListenersToPort80(RuleContext& context);
void CheckHttpRedirectsToHttps(RuleContext& context);
void CheckListenerTlsPolicy(RuleContext& context);
void CheckDropInvalidHeaders(RuleContext& context);
void CheckLoadBalancerAccessLogs(RuleContext& context);
void CheckLoadBalancerDeletionProtection(RuleContext& context);
void CheckLoadBalancerCertificateRegion(RuleContext& context);
void CheckCloudFrontCertificateRegion(RuleContext& context);
void CheckCertificatesCoverAliases(RuleContext& context);

// rules_buckets.cc — notes: S3.
void CheckBucketPublicAccessBlock(RuleContext& context);
void CheckBucketVersioning(RuleContext& context);
void CheckBucketOldVersionLifecycle(RuleContext& context);
void CheckBucketCorsForUploads(RuleContext& context);
void CheckBucketServedThroughCloudFront(RuleContext& context);
void CheckBucketCrossAccountBackup(RuleContext& context);
void CheckBucketMfaDelete(RuleContext& context);
void CheckBucketDeniesPlainHttp(RuleContext& context);
void CheckBucketAccessLogging(RuleContext& context);
void CheckBucketAbortsIncompleteUploads(RuleContext& context);

// rules_cloudfront.cc — notes: CloudFront.
void CheckOriginAccessControl(RuleContext& context);
void CheckOriginAccessPerBucket(RuleContext& context);
void CheckProtectedHttpsOnly(RuleContext& context);
void CheckProtectedSessionCookie(RuleContext& context);
void CheckProtectedContentDisposition(RuleContext& context);
void CheckProtectedSignedUrls(RuleContext& context);
void CheckErrorPage403To404(RuleContext& context);
void CheckMpfRootOnPublicBucket(RuleContext& context);
void CheckNoHostBehavior(RuleContext& context);
void CheckCustomCertificateSni(RuleContext& context);
void CheckCloudFrontLogging(RuleContext& context);
void CheckCloudFrontTlsPolicy(RuleContext& context);
void CheckViewerProtocolNotAllowAll(RuleContext& context);
void CheckCorsThroughCloudFront(RuleContext& context);
void CheckElbOriginHttps(RuleContext& context);
void CheckFailoverAliasOnDistribution(RuleContext& context);

// rules_mail_dns.cc — notes: SES, Route53; secrets.
void CheckSesNotPort25(RuleContext& context);
void CheckSesIdentityLimitNear(RuleContext& context);
void CheckSesIdentityLimitExceeded(RuleContext& context);
void CheckSesNotifications(RuleContext& context);
void CheckFailoverHealthCheck(RuleContext& context);
void CheckElasticIpsInUse(RuleContext& context);
void CheckSecretsRotate(RuleContext& context);

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_RULES_H_
