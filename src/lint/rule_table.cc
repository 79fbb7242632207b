// The rule table: every lint rule's id, severity, title, source, rationale and fix, and the
// function that checks it. docs/rules.md is generated from this table (rule_table_test keeps
// the two equal). Ids are never reused: a retired rule's id stays retired.
#include <algorithm>

#include "lint/rules.h"

namespace vueops::lint {
namespace {

constexpr Severity kError = Severity::kError;
constexpr Severity kWarning = Severity::kWarning;
constexpr Severity kInfo = Severity::kInfo;

const Rule kRules[] = {
    // ---------------------------------------------------------------- Accounts and IAM (VO1xx)
    {"VO101", kError, "Workload accounts hold no IAM users, only roles",
     "notes: Accounts and IAM; Checkov CKV_AWS_273",
     "The notes: the accounts of the second group (vueops, vueprod, the sandboxes) \"have NO "
     "users or root account access, all access is through IAM roles assumed by IAM users in "
     "the vueusers account\". A user there is a long-lived identity nobody reviews with the "
     "rest. (The SES SMTP user vueops makes from mail: is the one exception SES forces.)",
     "Move the user to the identity account and give its group a role in the workload account.",
     CheckNoUsersInWorkloadAccounts},
    {"VO102", kError, "Every group in the identity account has a same-named role",
     "notes: Accounts and IAM",
     "The notes map each vueusers group onto the role of the same name; a group that names no "
     "role, or is named for no role, grants nothing the notes describe and hides who may "
     "assume what.",
     "Name the group after the role it grants (or drop it and use the group vueops derives).",
     CheckGroupsMatchRoles},
    {"VO103", kError, "sts:AssumeRole is granted on roles in named accounts",
     "notes: Accounts and IAM",
     "\"STS polices for each role in vueusers must include the account number for the "
     "target.\" An AssumeRole grant on arn:aws:iam::*:role/... lets the group assume a "
     "same-named role in any account, including ones outside the organization.",
     "Write the account number in the role ARN of every sts:AssumeRole statement.",
     CheckAssumeRoleNamesAccounts},
    {"VO104", kError, "VueDev is read-only on production", "notes: Accounts and IAM",
     "\"VueDev - Full admin on dev accounts, read-only on production\": developers must not "
     "change production.",
     "Grant VueDev read-only (or none) on production accounts.",
     CheckVueDevReadOnlyOnProduction},
    {"VO105", kError, "VueRead is read-only everywhere", "notes: Accounts and IAM",
     "\"VueRead - Read-only for all accounts where made available\".",
     "Grant VueRead only the read-only permission set.", CheckVueReadReadOnly},
    {"VO106", kError, "VueOrg is trusted only from the root account", "notes: Accounts and IAM",
     "\"VueOrg - Role managed by the vueorg root account\": trusting it from vueusers would let "
     "ordinary users reach the organization's break-glass role.",
     "Set trusted_account of VueOrg to the root (management) account.",
     CheckVueOrgTrustedFromRoot},
    {"VO107", kWarning, "No role is admin in the identity account except VueOrg",
     "notes: Accounts and IAM",
     "VueAdmin has \"Full admin access for most accounts\"; VueOrg sets up vueusers. An admin "
     "role in vueusers can edit the groups that decide who assumes every other role.",
     "Leave the identity account out of VueAdmin's grants; manage vueusers through VueOrg.",
     CheckAdminNotOnIdentityAccount},
    {"VO108", kWarning, "Roles require MFA to assume",
     "CIS AWS 5.0 1.x; ScoutSuite iam-assume-role-no-mfa",
     "A role assumed without MFA is one leaked password away from its permissions.",
     "Leave require_mfa at true (the default).", CheckRolesRequireMfa},
    {"VO109", kWarning, "MPF does not share one access key for every service",
     "notes: Access notes (FUTURE SECURE)",
     "\"MPF assumes 1 AWS access key will be used for all access to services\": one key "
     "everywhere means one leak exposes everything, and it can never be rotated safely.",
     "Set application.credentials: instance-role, so MPF uses the servers' role.",
     CheckSharedAccessKey},
    {"VO110", kWarning, "Each user has at most one access key", "CIS AWS 5.0 1.13",
     "Two active keys per user are for rotation only; kept permanently they double the "
     "exposure.",
     "Set access_keys: 1 and rotate with `vueops` rather than keeping two.",
     CheckOneAccessKeyPerUser},
    {"VO111", kWarning, "Users get permissions only through groups",
     "CIS AWS 5.0 1.15; Checkov CKV_AWS_40",
     "Permissions attached to a user are invisible from the group list and survive when the "
     "user changes teams.",
     "Move the user's policy to a group and add the user to it.",
     CheckUserPoliciesThroughGroups},
    {"VO112", kError, "No policy grants *:* except the admin permission set",
     "CIS AWS 5.0 1.16; Checkov CKV_AWS_62",
     "Full administrator rights belong to the declared admin permission set, assigned to the "
     "roles the notes make admin; anywhere else they are an escalation path.",
     "Narrow the Action and Resource, or grant the admin permission set through a role.",
     CheckNoWildcardAdminPolicies},
    {"VO113", kError, "No policy allows the \"*\" principal",
     "Checkov CKV_AWS_60/61; ScoutSuite iam-assume-role-policy-allows-all",
     "An Allow for Principal \"*\" opens the resource to every AWS account.",
     "Name the principals (account ARNs or roles) instead of \"*\".",
     CheckNoWildcardPrincipals},
    {"VO114", kWarning, "A service control policy keeps workloads in the stack's regions",
     "notes: VPC / Regions / AZ; Prowler organizations_scp_check_deny_regions",
     "The stack is single-region; an SCP denying other regions stops resources (and costs) "
     "appearing where nobody looks.",
     "Add an SCP with Deny and Condition StringNotEquals aws:RequestedRegion, targeted at the "
     "workload OUs.",
     CheckRegionLockPolicy},
    {"VO115", kInfo, "Workload accounts are in organizational units",
     "CIS AWS 7.0 2.1.x (OUs by environment)",
     "OUs let one SCP cover production and another the sandboxes.",
     "List the account under organizational_units.", CheckAccountsInUnits},
    {"VO116", kError, "Every role grant reaches at least one account", "notes: Accounts and IAM",
     "A grant whose selector matches no account (\"sandboxes\" with no sandbox) creates "
     "nothing, so the role the notes promise does not exist.",
     "Name an existing account, or remove the grant.", CheckRoleGrantsReachAccounts},
    {"VO117", kWarning, "Operators do not depend on a local .secrets/aws.yaml",
     "notes: Access notes (TBD NOW SECURE)",
     "\"To use 'fab a' a local machine must have an aws.yaml file in the .secrets folder. TBD "
     "NOW SECURE - dependency on local aws.yaml file will be removed.\" A file of long-term "
     "keys on every laptop is the weakest link.",
     "Set operations.credentials: profile and use the standard AWS profile of your vueusers "
     "user; delete .secrets/aws.yaml.",
     CheckNoLocalAwsYaml},
    {"VO118", kWarning, "Tool state lives in the tools account", "notes: Accounts and IAM",
     "\"vueops - Tool state shared across accounts\": state kept on one laptop or in a "
     "workload account forks between operators or is lost with the account.",
     "Use state: {backend: s3, account: vueops}.", CheckStateInToolsAccount},

    // ---------------------------------------------------------- Network and security groups
    {"VO201", kError, "SSH is never open to the world",
     "notes: Network Security Groups; CIS AWS 5.0 5.3; Prowler "
     "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
     "Port 22 open to 0.0.0.0/0 invites brute force on every server.",
     "Admit 22 from devops_ips only.", CheckSshNeverFromWorld},
    {"VO202", kError, "SSH comes only from the DevOps IPs", "notes: Network Security Groups",
     "\"22 -- from DevOps IPs that can deploy\": any other source is an undeclared way in.",
     "Write from: devops_ips on the port 22 rule, and list the addresses in devops_ips.",
     CheckSshOnlyFromDevopsIps},
    {"VO203", kError, "Servers take port 80 only from the load balancer",
     "notes: Network Security Groups",
     "\"80 -- From ELB (which terminates SSL), main traffic path\". Traffic that skips the ELB "
     "skips TLS and the target groups. (Sandboxes may also admit Route53 health checks from "
     "54.224.0.0/11, as the notes allow for dev/test.)",
     "Admit 80 on the servers' group from: load_balancer only.",
     CheckServerHttpOnlyFromLoadBalancer},
    {"VO204", kError, "MySQL (3306) is admitted only from the servers",
     "notes: Network Security Groups; Prowler "
     "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306",
     "\"3306 -- from servers, for RDS\"; anything else reaching the database bypasses the "
     "application.",
     "Admit 3306 on the database's group from: servers only.", CheckMysqlOnlyFromServers},
    {"VO205", kError, "Redis (6379) is admitted only from the servers",
     "notes: Network Security Groups; Prowler "
     "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379",
     "\"6379 -- from servers, for Elasticache redis\".",
     "Admit 6379 on the cache's group from: servers only.", CheckRedisOnlyFromServers},
    {"VO206", kError, "The servers can reach RDS on 3306", "notes: RDS, Network Security Groups",
     "\"RDS instances must BELONG TO SAME SECURITY GROUP as servers that use them, with port "
     "open\"; the notes warn that AWS calls then \"fail silently and are a pain to debug\".",
     "Admit 3306 from the servers' group on a group the database belongs to.",
     CheckDatabaseReachableFromServers},
    {"VO207", kError, "The servers can reach Redis on 6379",
     "notes: Elasticache, Network Security Groups",
     "\"Like RDS, Elasticache needs to belong to SecurityGroup that servers can talk to\".",
     "Admit 6379 from the servers' group on a group the cache belongs to.",
     CheckCacheReachableFromServers},
    {"VO208", kError, "The load balancer is open only on 80 and 443",
     "notes: VPC / Regions / AZ, ELB",
     "\"ELB is visible publicly on 80 and 443\"; any other open port is an undeclared service.",
     "Remove ingress rules for other ports from the load balancer's group.",
     CheckLoadBalancerPortsOnly},
    {"VO209", kError, "Only the load balancer faces the world",
     "notes: VPC / Regions / AZ; Prowler ec2_securitygroup_allow_ingress_from_internet_to_any_port",
     "\"External visibility is controlled by holes in firewall\": only the ELB's 80 and 443 "
     "are meant to be public.",
     "Replace 0.0.0.0/0 with the load balancer's group or the DevOps IPs.",
     CheckOnlyLoadBalancerFacesWorld},
    {"VO210", kWarning, "No rule opens every port", "Checkov CKV_AWS_277; CIS AWS 5.0 5.3",
     "A rule for all ports admits services nobody meant to expose.",
     "Name the ports the rule is for.", CheckNoAllPortsRules},
    {"VO211", kWarning, "Servers run in private subnets",
     "notes: VPC / Regions / AZ (FUTURE)",
     "\"FUTURE - Move EC2 instances into private VPC, using ELB in public VPC to connect to "
     "internet and NAT in private VPC to allow outgoing.\"",
     "Keep private subnets (the default) and servers.placement: private.",
     CheckPrivateSubnets},
    {"VO212", kError, "The environment spans at least two availability zones",
     "notes: VPC / Regions / AZ",
     "\"All of those resources should be configured to use multi-AZ\".",
     "List two or more availability_zones.", CheckMultipleZones},
    {"VO213", kError, "One region, except CloudFront's certificate", "notes: VPC / Regions / AZ",
     "\"The MPF stack is not currently cross-region. Be careful to select the region you want "
     "when creating resources as most are per-region.\"",
     "Use the stack's region for every environment (and us-east-1 only for CloudFront "
     "certificates).",
     CheckSingleRegion},
    {"VO214", kWarning, "VPC flow logs are on", "CIS AWS 5.0 3.7; Prowler vpc_flow_logs_enabled",
     "Without flow logs there is no record of who talked to what when something goes wrong.",
     "Leave network.flow_logs at true.", CheckFlowLogs},
    {"VO215", kWarning, "The default security group admits nothing",
     "CIS AWS 5.0 5.5; Checkov CKV2_AWS_12",
     "Anything launched without a group falls into the default one; with rules it is open.",
     "Leave network.restrict_default_security_group at true.",
     CheckDefaultSecurityGroupClosed},
    {"VO216", kError, "Buckets reached from the VPC have the S3 endpoint", "notes: S3",
     "\"VPC Endpoint for S3 (which makes it not visible to public IPs)\": bucket policies "
     "that admit the endpoint need the endpoint to exist.",
     "Set network.s3_endpoint: true.", CheckS3EndpointForBuckets},
    {"VO217", kInfo, "Security-group rules say what they are for", "Checkov CKV_AWS_23",
     "A rule without a description is hard to remove safely later.",
     "Add a description to the rule.", CheckRuleDescriptions},
    {"VO218", kWarning, "DevOps IPs are narrow", "Prowler ec2_securitygroup_allow_wide_open_public_ipv4",
     "A DevOps range wider than a /24 lets many unknown hosts reach SSH.",
     "List the deploy hosts' addresses (/32) or a small office range.",
     CheckDevopsIpsNarrow},

    // ----------------------------------------------------------------------- Servers (VO3xx)
    {"VO301", kError, "Launch templates require IMDSv2",
     "Prowler ec2_launch_template_imdsv2_required; Checkov CKV_AWS_79",
     "IMDSv1 lets a server-side request forgery read the instance role's credentials.",
     "Leave servers.imdsv2_required at true.", CheckImdsv2Required},
    {"VO302", kWarning, "The metadata hop limit is at most 2", "Checkov CKV_AWS_341",
     "A larger hop limit lets credentials travel beyond the host and its containers.",
     "Set servers.metadata_hop_limit to 1 or 2.", CheckMetadataHopLimit},
    {"VO303", kError, "Server volumes are encrypted", "CIS AWS 5.0 5.1.1; Checkov CKV_AWS_8",
     "Unencrypted EBS volumes and their snapshots expose data at rest.",
     "Set servers.root_volume.encrypted: true.", CheckRootVolumeEncrypted},
    {"VO304", kWarning, "Servers use a narrow instance role",
     "notes: Access notes (FUTURE SECURE)",
     "\"Role assigned to EC2 servers give the server policy rights to access AWS resources. "
     "FUTURE SECURE - a broad role is used for servers now, can tighten later\".",
     "Set servers.instance_role.broad: false; vueops scopes the role to the environment's "
     "buckets, secrets and SES. Drop AdministratorAccess, PowerUserAccess and *FullAccess "
     "managed policies from instance_role.managed_policies.",
     CheckBroadServerRole},
    {"VO305", kWarning, "Profiles that use spot list several instance types",
     "notes: EC2 (on-demand and spot from one launch template)",
     "\"make sure on-demand and spot instances can be created from the launch template\": a "
     "single instance type often has no spot capacity, leaving the group short.",
     "List two or more instance_types of similar size.", CheckSpotDiversified},
    {"VO306", kError, "Each profile that serves traffic has a target group", "notes: EC2, ELB",
     "\"Groups of servers will be matched against ELB target groups and separated by profile\".",
     "Set target_group on the profile (or serves_traffic: false).",
     CheckTargetGroupPerProfile},
    {"VO307", kWarning, "Every target group has servers", "notes: ELB",
     "A target group no profile registers with answers every request with 503.",
     "Name the target group in a profile, or remove it and its routes.",
     CheckTargetGroupsHaveServers},
    {"VO308", kError, "No public IPs in private subnets",
     "Prowler ec2_launch_template_no_public_ip; Checkov CKV_AWS_88",
     "A public IP on a server in a private subnet is unreachable by design or a mistake that "
     "exposes it.",
     "Set servers.associate_public_ip: false.", CheckNoPublicIpsInPrivateSubnets},
    {"VO309", kError, "User data holds no secrets",
     "Prowler ec2_launch_template_no_secrets; Checkov CKV_AWS_46",
     "User data is readable by anyone who can describe the instance.",
     "Read secrets at boot from Secrets Manager through the instance role.",
     CheckUserDataHasNoSecrets},
    {"VO310", kError, "Key-pair private keys are readable only by their owner",
     "notes: EC2 key pairs",
     "\"Private key must be available in: .secrets/vueocity/*keyname*.pem\"; ssh refuses a "
     "key others can read, and so does vueops.",
     "chmod 600 the .pem file.", CheckKeyPairFileMode},
    {"VO311", kInfo, "Key-pair private keys are present", "notes: EC2 key pairs",
     "Without the .pem file vueops ssh and the MPF fab commands cannot reach the servers. "
     "`vueops apply` creates a missing key pair and saves its private key there.",
     "Copy the key into the secrets folder, or let `vueops apply` create it.",
     CheckKeyPairFilePresent},
    {"VO312", kWarning, "Dev servers run in sandbox accounts", "notes: EC2",
     "\"Dev servers use the same launch templates, but are created manually as needed\" — in "
     "the dev sandboxes, not in production.",
     "Move dev_servers to a sandbox environment.", CheckNoDevServersInProduction},
    {"VO313", kInfo, "Servers have detailed monitoring", "Checkov CKV_AWS_126",
     "One-minute metrics make autoscaling and incident timelines accurate.",
     "Set servers.detailed_monitoring: true.", CheckDetailedMonitoring},

    // ---------------------------------------------------------------- Data stores (VO4xx)
    {"VO401", kError, "RDS is multi-AZ", "notes: VPC / Regions / AZ; CIS AWS 5.0 2.2.4",
     "\"using clustered endpoints for RDS\": a single-AZ database is down whenever its zone is.",
     "Set database.multi_az: true.", CheckDatabaseMultiAz},
    {"VO402", kError, "Redis is multi-AZ with automatic failover",
     "notes: VPC / Regions / AZ; Checkov CKV2_AWS_50",
     "\"using clustered endpoints for ... Elasticache\".",
     "Set cache.multi_az and automatic_failover to true, with replicas: 1 or more.",
     CheckCacheMultiAz},
    {"VO403", kError, "RDS storage is encrypted", "CIS AWS 5.0 2.2.1; Checkov CKV_AWS_16",
     "Unencrypted database storage and snapshots expose every user's data.",
     "Set database.storage.encrypted: true.", CheckDatabaseEncrypted},
    {"VO404", kError, "Redis is encrypted at rest", "Checkov CKV_AWS_29",
     "Cached sessions and data sit on disk in snapshots.",
     "Set cache.encryption.at_rest: true.", CheckCacheEncryptedAtRest},
    {"VO405", kError, "Redis uses TLS in transit", "Checkov CKV_AWS_30",
     "Session data crosses the VPC in clear text otherwise.",
     "Set cache.encryption.in_transit: true.", CheckCacheTlsInTransit},
    {"VO406", kWarning, "RDS storage starts at the smallest allocation", "notes: RDS",
     "\"start with 5 GB allocation since once storage is increased on an instance it cannot "
     "be reduced\" (SSD storage starts at 20 GB today). Grow it with `vueops db grow`.",
     "Set storage.allocated_gb to the type's minimum and max_allocated_gb for growth.",
     CheckDatabaseStartsSmall},
    {"VO407", kError, "max_connections covers every uWSGI process", "notes: RDS",
     "\"Can boost max_connections to better match the max number of uWSGI processes\": when "
     "the fleet scales out, processes beyond max_connections fail to connect.",
     "Set max_connections: auto, or at least the fleet's process count.",
     CheckMaxConnectionsCoverFleet},
    {"VO408", kWarning, "RDS keeps automated backups for a week or more",
     "Prowler rds_instance_backup_enabled; Checkov CKV_AWS_133",
     "Point-in-time recovery needs the backups of the days before the mistake.",
     "Set database.backup.retention_days to 7 or more.", CheckDatabaseBackups},
    {"VO409", kWarning, "Production databases have deletion protection",
     "Prowler rds_instance_deletion_protection; Checkov CKV_AWS_293",
     "One wrong destroy removes the production database.",
     "Set database.deletion_protection: true.", CheckDatabaseDeletionProtection},
    {"VO410", kWarning, "RDS takes minor version upgrades", "CIS AWS 5.0 2.2.2",
     "Minor versions carry security fixes.", "Set database.auto_minor_version_upgrade: true.",
     CheckDatabaseMinorUpgrades},
    {"VO411", kError, "MySQL uses InnoDB", "notes: RDS",
     "\"Using InnoDB backend (vs. MyISAM)\": MyISAM has no transactions or crash recovery.",
     "Set database.storage_engine: InnoDB.", CheckInnoDb},
    {"VO412", kWarning, "RDS requires TLS from clients", "Checkov CKV2_AWS_69",
     "require_secure_transport stops credentials and data crossing the VPC in clear text.",
     "Set database.require_tls: true, and leave require_secure_transport out of "
     "database.parameters.",
     CheckDatabaseRequiresTls},
    {"VO413", kWarning, "Database backups are copied to the backup account",
     "notes: Accounts and IAM (vueback), S3 (TBD backup)",
     "\"vueback - Used for backups\": backups in the same account die with it.",
     "Set database.backup.copy_to_account to the backup account.",
     CheckDatabaseBackupToBackupAccount},
    {"VO414", kError, "RDS is not publicly accessible",
     "notes: VPC / Regions / AZ; CIS AWS 5.0 2.2.3; Checkov CKV_AWS_17",
     "\"All AWS resources except CF and S3 are inside VPC\".",
     "Set database.publicly_accessible: false.", CheckDatabaseNotPublic},
    {"VO415", kWarning, "Redis keeps snapshots", "Checkov CKV_AWS_134",
     "Without snapshots a failed cluster loses every session.",
     "Set cache.snapshot_retention_days to 1 or more.", CheckCacheSnapshots},

    // ------------------------------------------------ Load balancer and certificates (VO5xx)
    {"VO501", kError, "The load balancer terminates HTTPS on 443", "notes: ELB",
     "\"80 and 443 open ... Load certificates into 443 listener (ACM easiest)\".",
     "Add an HTTPS listener on 443 with a certificate.", CheckHttpsListener},
    {"VO502", kError, "Listeners are on 80 and 443 only", "notes: ELB",
     "\"80 and 443 open, both passing to 80\".", "Remove listeners on other ports.",
     CheckListenerPorts},
    {"VO503", kError, "Both listeners pass to port 80 over HTTP", "notes: ELB",
     "\"both passing to 80, so SSL is terminated at ELB\": the servers listen on 80.",
     "Give the target groups port: 80 and protocol: HTTP.", CheckListenersToPort80},
    {"VO504", kWarning, "Plain HTTP redirects to HTTPS", "Checkov CKV_AWS_2; Prowler elbv2_ssl_listeners",
     "Forwarding port 80 serves pages and cookies without TLS. The notes forward both "
     "listeners to the servers; a spec that keeps that suppresses this rule with its reason.",
     "Set redirect_to_https: true on the port 80 listener.", CheckHttpRedirectsToHttps},
    {"VO505", kError, "HTTPS listeners use a TLS 1.2+ policy",
     "Checkov CKV_AWS_103; Prowler elbv2_insecure_ssl_ciphers",
     "Older policies allow TLS 1.0/1.1 and weak ciphers.",
     "Use ssl_policy ELBSecurityPolicy-TLS13-1-2-2021-06 (the default).",
     CheckListenerTlsPolicy},
    {"VO506", kWarning, "The load balancer drops invalid headers", "Checkov CKV_AWS_131",
     "Invalid headers are the raw material of request smuggling.",
     "Set load_balancer.drop_invalid_headers: true.", CheckDropInvalidHeaders},
    {"VO507", kWarning, "The load balancer writes access logs", "Checkov CKV_AWS_91; CIS AWS 7.0 4.10",
     "Access logs are the record of every request when something goes wrong.",
     "Set load_balancer.access_logs_bucket to the logs bucket.",
     CheckLoadBalancerAccessLogs},
    {"VO508", kWarning, "Production load balancers have deletion protection",
     "Checkov CKV_AWS_150",
     "Deleting the load balancer takes the site down and changes its DNS name.",
     "Set load_balancer.deletion_protection: true.", CheckLoadBalancerDeletionProtection},
    {"VO509", kError, "Load-balancer certificates are in the environment's region",
     "notes: Keys and SSL certificates",
     "\"ELB for HTTPS support (use ACM in region)\": ACM certificates cannot be used from "
     "another region.",
     "Remove the certificate's region (it defaults to the environment's).",
     CheckLoadBalancerCertificateRegion},
    {"VO510", kError, "CloudFront certificates are in us-east-1",
     "notes: Keys and SSL certificates, CloudFront",
     "\"ACM CERT FOR CF MUST BE REGISTERED IN North Virgina region.\"",
     "Set the certificate's region: us-east-1 (or leave it unset).",
     CheckCloudFrontCertificateRegion},
    {"VO511", kError, "Certificates cover every name they serve", "notes: CloudFront, ELB",
     "CloudFront rejects an alternate domain name its certificate does not cover, and "
     "browsers reject the site.",
     "Add the name (or a wildcard) to the certificate's domain or alternative_names.",
     CheckCertificatesCoverAliases},

    // ------------------------------------------------------------------------ S3 (VO6xx)
    {"VO601", kError, "Buckets block public access", "notes: S3; CIS AWS 5.0 2.1.4",
     "\"Buckets have no public access.\" Access is through CloudFront and the VPC endpoint.",
     "Set public_access_block: true (the default).", CheckBucketPublicAccessBlock},
    {"VO602", kError, "Buckets are versioned", "notes: S3; Checkov CKV_AWS_21",
     "\"Buckets are always versioned\": versions are the undo for overwrites and deletes.",
     "Set versioning: true.", CheckBucketVersioning},
    {"VO603", kError, "Old versions move to cheaper storage and are later deleted", "notes: S3",
     "\"with a policy to transition old versions into lower cost storage and eventually "
     "permanently delete them\": without it versioning grows the bill forever.",
     "Give the bucket a lifecycle with noncurrent_transition_days and "
     "noncurrent_expiration_days.",
     CheckBucketOldVersionLifecycle},
    {"VO604", kError, "Buckets the browser uploads to have CORS for PUT or POST", "notes: S3",
     "\"CORS access for direct upload\": without it browsers refuse the upload.",
     "Add a cors rule allowing PUT and POST from the site's origins.",
     CheckBucketCorsForUploads},
    {"VO605", kWarning, "Content buckets are served through CloudFront", "notes: S3, CloudFront",
     "\"Access is mainly through CloudFront\": a protected, public or public-protected bucket "
     "no distribution serves is unreachable for users.",
     "Use the bucket as an origin of a distribution.", CheckBucketServedThroughCloudFront},
    {"VO606", kWarning, "Buckets are replicated to the backup account", "notes: S3 (TBD)",
     "\"TBD - Create cross-account bucket backup\": vueback exists for this, and a copy in "
     "the same account dies with it. Log buckets are left out (they hold records that expire, "
     "not data to restore), and so are backup buckets, which are the copies.",
     "Add replication: {account: vueback} (an account of kind backup).",
     CheckBucketCrossAccountBackup},
    {"VO607", kWarning, "Buckets have MFA delete", "notes: S3 (TBD); CIS AWS 5.0 2.1.2",
     "\"TBD - Enable MFA delete\": a stolen key cannot then erase versions.",
     "Set mfa_delete: true; enabling it needs the root user's MFA, once per bucket "
     "(`vueops` prints the command).",
     CheckBucketMfaDelete},
    {"VO608", kError, "Bucket policies deny plain HTTP", "CIS AWS 5.0 2.1.1; Checkov CKV_AWS_379",
     "Requests without TLS expose objects and signatures.",
     "Set require_tls: true (the default).", CheckBucketDeniesPlainHttp},
    {"VO609", kWarning, "Buckets log access to the logs bucket", "Checkov CKV_AWS_18",
     "Server access logs are the only record of direct S3 requests.",
     "Set logging_bucket: logs.", CheckBucketAccessLogging},
    {"VO610", kInfo, "Incomplete uploads are cleaned up", "Checkov CKV_AWS_300",
     "Abandoned multipart uploads from the browser are billed until removed.",
     "Set lifecycle.abort_incomplete_upload_days (7 by default).",
     CheckBucketAbortsIncompleteUploads},

    // ---------------------------------------------------------------- CloudFront (VO7xx)
    {"VO701", kWarning, "S3 origins use origin access control, not OAI",
     "notes: S3, CloudFront; Prowler cloudfront_distributions_s3_origin_access_control",
     "The notes lock buckets \"down to OAI access\"; AWS replaced OAI with origin access "
     "control (SSE-KMS, every region, signed requests).",
     "Set cdn.origin_access: control.", CheckOriginAccessControl},
    {"VO702", kWarning, "Each bucket has its own origin access", "notes: CloudFront (FUTURE)",
     "\"FUTURE - use different OAIs for different behaviors/buckets\": one shared identity "
     "can read every bucket.",
     "Set cdn.origin_access_per_bucket: true.", CheckOriginAccessPerBucket},
    {"VO703", kError, "Protected distributions are HTTPS-only", "notes: CloudFront",
     "\"PROTECTED no-host and S3 downloads need to: Set to HTTPS only\".",
     "Set viewer_protocol: https-only on the protected distribution's download and no-host "
     "behaviours (the public mpf-root error files may redirect).",
     CheckProtectedHttpsOnly},
    {"VO704", kError, "Protected distributions forward the session cookie", "notes: CloudFront",
     "\"Add session_cookie_name to cookies added to cache, e.g.: vueocity*session\".",
     "Add the session cookie to forward_cookies of the default behaviour.",
     CheckProtectedSessionCookie},
    {"VO705", kError, "Protected distributions whitelist response-content-disposition",
     "notes: CloudFront",
     "\"Forward query strings and white list: response-content-disposition # for attachment "
     "downloads\".",
     "Add response-content-disposition to forward_query_strings.",
     CheckProtectedContentDisposition},
    {"VO706", kError, "Protected files use signed URLs", "notes: CloudFront",
     "\"Protected files use signed URLs.\"",
     "Set signed: true on the protected distribution's default behaviour.",
     CheckProtectedSignedUrls},
    {"VO707", kError, "403 maps to a 404 page from mpf-root", "notes: CloudFront (Error Pages)",
     "\"Return 403 for bad URLS -> map to 404 error\", with the file from the mpf-root path: "
     "a friendly (and attack-obfuscating) 404. (The notes' non-cached public endpoint for dev "
     "JS, a default behaviour with cached: false, is not one of the public and protected "
     "distributions this layout is for.)",
     "Add error_pages: [{error_code: 403, response_code: 404, response_page: "
     "/mpf-root/404.html}] with a behaviour for /mpf-root/*.",
     CheckErrorPage403To404},
    {"VO708", kError, "The mpf-root origin is the public bucket", "notes: CloudFront (Origins)",
     "\"Static error file mpf-root origin to PUBLIC S3 _static/mpf-root folder\".",
     "Point the mpf-root origin at the public bucket.", CheckMpfRootOnPublicBucket},
    {"VO709", kWarning, "Distributions route /nh/* to the load balancer", "notes: CloudFront",
     "\"/nh/* path for no-host requests, to ELB origin\" on both distributions (the public and "
     "protected ones; not the non-cached dev JS endpoint).",
     "Add a behaviour path /nh/* with the load-balancer origin.", CheckNoHostBehavior},
    {"VO710", kError, "Custom certificates are served by SNI",
     "notes: CloudFront; Prowler cloudfront_distributions_https_sni_enabled",
     "\"Custom SSL: Set to SNI\"; dedicated-IP SSL costs $600 a month per distribution.",
     "Set ssl_support: sni-only.", CheckCustomCertificateSni},
    {"VO711", kError, "Distributions log to a separate bucket",
     "notes: CloudFront; Checkov CKV_AWS_86",
     "\"Logging: Log to separate S3 bucket\".",
     "Set logging: {bucket: logs} to a bucket the distribution does not serve.",
     CheckCloudFrontLogging},
    {"VO712", kError, "Distributions use TLS 1.2 or later", "Checkov CKV_AWS_174",
     "Older protocol versions are broken.", "Set minimum_tls: TLSv1.2_2021.",
     CheckCloudFrontTlsPolicy},
    {"VO713", kError, "No behaviour allows plain HTTP",
     "Checkov CKV_AWS_34; Prowler cloudfront_distributions_https_enabled",
     "allow-all serves content and cookies without TLS.",
     "Use redirect-to-https or https-only.", CheckViewerProtocolNotAllowAll},
    {"VO714", kError, "CloudFront passes CORS uploads to buckets that take them",
     "notes: CloudFront (Behaviors)",
     "\"To support CORS uploads to S3: add OPTIONS to the allowed and cached HTTP methods\" "
     "and forward access-control-request-headers, access-control-request-method and origin. "
     "(Not on the non-cached dev JS endpoint, whose script files need no preflight.)",
     "Allow and cache OPTIONS and forward the three CORS headers on the bucket's behaviour.",
     CheckCorsThroughCloudFront},
    {"VO715", kWarning, "CloudFront reaches the load balancer over HTTPS",
     "Checkov CKV2_AWS_72",
     "An http-only origin sends session cookies to the ELB in clear text.",
     "Set protocol_policy: https-only on the load-balancer origin.", CheckElbOriginHttps},
    {"VO716", kError, "Failover names are aliases of the distribution they fail over to",
     "notes: CloudFront (Alternate Domain Names), Route53",
     "\"Add domain names that will redirect for DNS secondary\": CloudFront answers 403 to a "
     "host name it does not know, so the failover page would never show.",
     "Add the record's name to the distribution's secondary_aliases.",
     CheckFailoverAliasOnDistribution},

    // ------------------------------------------------------ Mail, DNS and secrets (VO8xx)
    {"VO801", kError, "SES is never used on port 25", "notes: SES",
     "\"DON'T USE PORT 25 -- throttling is massive, need to get AWS approval\".",
     "Set mail.smtp_port: 587 (STARTTLS) or 465 (TLS).", CheckSesNotPort25},
    {"VO802", kWarning, "SES identities stay under 80% of the limit", "notes: SES (FUTURE SCALE)",
     "\"THERE IS A 1000 identity limit on emails addresses that can be sent from\": plan the "
     "change of sending method before it is reached.",
     "Verify a domain instead of single addresses, or plan another sending method.",
     CheckSesIdentityLimitNear},
    {"VO803", kError, "SES identities fit the identity limit", "notes: SES (FUTURE SCALE)",
     "Past the limit SES refuses new identities and MPF cannot verify senders.",
     "Verify domains instead of addresses, or move sandbox admin mail elsewhere.",
     CheckSesIdentityLimitExceeded},
    {"VO804", kWarning, "SES reports bounces and complaints", "notes: SES",
     "\"Notification of emails delivery/bounce can be setup via AWS GUI in SNS\"; SES "
     "suspends senders whose bounces go unhandled.",
     "Set mail.notifications.bounce and complaint to SNS topics.", CheckSesNotifications},
    {"VO805", kError, "Failover primaries have a health check", "notes: Route53, CloudFront",
     "\"Can have Route 53, due to DNS health failover route requests to CF\": without a health "
     "check the primary never fails over.",
     "Set health_check on the primary record.", CheckFailoverHealthCheck},
    {"VO806", kWarning, "Every Elastic IP has a dev server",
     "notes: Route53; Prowler route53_dangling_ip_subdomain_takeover",
     "A DNS name on an Elastic IP nobody uses can be taken over when the address is released.",
     "Associate the Elastic IP with a dev server, or remove it and its records.",
     CheckElasticIpsInUse},
    {"VO807", kWarning, "Generated secrets rotate",
     "Prowler secretsmanager_automatic_rotation_enabled; Checkov CKV2_AWS_57",
     "A password that never changes stays valid for everyone who ever saw it.",
     "Set rotation_days on the secret (90 is common).", CheckSecretsRotate},
};

}  // namespace

std::span<const Rule> AllRules() { return kRules; }

const Rule* FindRule(std::string_view id) {
  auto it = std::find_if(std::begin(kRules), std::end(kRules),
                         [&](const Rule& rule) { return rule.id == id; });
  return it == std::end(kRules) ? nullptr : &*it;
}

}  // namespace vueops::lint
