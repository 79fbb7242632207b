"""What exists in moto, account by account, found by the vueops:address tag, and how it compares
with a vueops state.

Every object vueops creates carries its address in the tag vueops:address wherever AWS allows a
tag. The inventory lists, in the management account and in each member account (through
OrganizationAccountAccessRole, as an operator switches role), every object of each type vueops
creates, with its tags, and keeps those that carry the tag. compare() then finds:

  duplicate  two live objects with the same address (a create that ran twice);
  orphan     a live tagged object the state does not hold (vueops lost track of it);
  missing    a state record whose object does not exist.

Types AWS cannot tag (the organization, IAM groups, bucket settings, security group rules,
DNS records, origin access controls, ...) cannot be orphans by tag; their state records are
checked to exist where a read by id is simple, and otherwise counted as "not checked".
"""

import concurrent.futures
import threading

import boto3
import botocore.config
import botocore.exceptions

from proof_support import ACCESS_KEY, ADDRESS_TAG, MEMBER_ROLE

CONFIG = botocore.config.Config(retries={"max_attempts": 2, "mode": "standard"},
                                connect_timeout=10, read_timeout=60)
GLOBAL_REGION = "us-east-1"  # IAM, Organizations, Route53, CloudFront, S3 listings
# Listers run side by side (moto serves each request on a thread of its own): a check of the
# minimal spec takes about 2 s instead of 7.
PARALLEL_LISTERS = 8

# State types that are settings or parts of another object, not objects of their own: they
# exist exactly when their parent does, and AWS gives them neither a tag nor a separate id.
PART_TYPES = {
    "bucket_public_access_block", "bucket_ownership", "bucket_versioning", "bucket_encryption",
    "bucket_lifecycle", "bucket_cors", "bucket_acceleration", "bucket_logging", "bucket_policy",
    "bucket_replication", "certificate_validation", "eip_association", "iam_login_profile",
    "scheduled_action", "scaling_policy", "listener_rule",
}


def tag_value(tags, key=ADDRESS_TAG):
    """The value of `key` in an AWS tag list ([{Key, Value}] or [{key, value}]) or dict."""
    if isinstance(tags, dict):
        return tags.get(key)
    for tag in tags or []:
        if tag.get("Key", tag.get("key")) == key:
            return tag.get("Value", tag.get("value"))
    return None


_LOCK = threading.Lock()  # boto3 sessions do not create clients thread-safely
_SESSION = None
_CLIENTS = {}
_MEMBER_CREDENTIALS = {}


class Live:
    """One object that exists: its account, region, kind, the identifiers a state record may
    hold for it (id, name, ARN) and its vueops:address tag (None when untagged)."""

    def __init__(self, account, region, kind, ids, address):
        self.account, self.region, self.kind = account, region, kind
        self.ids = {str(value) for value in ids if value}
        self.address = address

    def key(self):
        return (self.account, self.region, self.kind, min(self.ids) if self.ids else "")

    def describe(self):
        return "%s %s in %s/%s" % (self.kind, min(self.ids) if self.ids else "?", self.account,
                                   self.region or "global")


class Inventory:
    """Lists moto. `endpoint`: moto (or a proxy in front of it); `regions`: where to look."""

    def __init__(self, endpoint, regions):
        self.endpoint = endpoint
        self.regions = sorted(set(regions) | {GLOBAL_REGION})
        self.unlisted = {}  # lister name -> why it could not list (moto lacks the API)
        self.management = (ACCESS_KEY, ACCESS_KEY, None)
        self.management_id = self.client(self.management, "sts").get_caller_identity()["Account"]

    def client(self, credentials, service, region=GLOBAL_REGION):
        """A client of `service` with `credentials` (key id, secret, token). One botocore
        session serves every account, and clients are kept: loading a service's model takes
        tens of milliseconds, which a check would otherwise spend a hundred times."""
        key = (self.endpoint, credentials, service, region)
        with _LOCK:
            if key not in _CLIENTS:
                global _SESSION
                if _SESSION is None:
                    _SESSION = boto3.session.Session()
                access_key, secret, token = credentials
                _CLIENTS[key] = _SESSION.client(
                    service, region_name=region, endpoint_url=self.endpoint, config=CONFIG,
                    aws_access_key_id=access_key, aws_secret_access_key=secret,
                    aws_session_token=token)
            return _CLIENTS[key]

    def accounts(self):
        """{account id: (status, tags)} of the organization ({} without one)."""
        organizations = self.client(self.management, "organizations")
        try:
            pages = organizations.get_paginator("list_accounts").paginate()
            listed = [account for page in pages for account in page["Accounts"]]
        except botocore.exceptions.ClientError as error:
            if "AWSOrganizationsNotInUse" in str(error):
                return {}
            raise
        result = {}
        for account in listed:
            tags = organizations.list_tags_for_resource(ResourceId=account["Id"])["Tags"]
            result[account["Id"]] = (account["Status"], tags)
        return result

    def session_in(self, account):
        """Credentials in `account`: the management account's own, or the member role's.
        (moto's role credentials stay valid for its lifetime, so they are kept too.)"""
        if account == self.management_id:
            return self.management
        key = (self.endpoint, account)
        with _LOCK:
            if key in _MEMBER_CREDENTIALS:
                return _MEMBER_CREDENTIALS[key]
        credentials = self.client(self.management, "sts").assume_role(
            RoleArn="arn:aws:iam::%s:role/%s" % (account, MEMBER_ROLE),
            RoleSessionName="vueops-proof")["Credentials"]
        result = (credentials["AccessKeyId"], credentials["SecretAccessKey"],
                  credentials["SessionToken"])
        with _LOCK:
            _MEMBER_CREDENTIALS[key] = result
        return result

    def collect(self, include_suspended=True):
        """Every live object of a type vueops creates, in every account and region."""
        objects = []
        accounts = self.accounts()
        for account_id, (status, tags) in accounts.items():
            if account_id != self.management_id and status == "ACTIVE":
                objects.append(Live(self.management_id, "", "account", [account_id],
                                    tag_value(tags)))
        objects += self.organization_parts()
        members = [account for account, (status, _) in accounts.items()
                   if account != self.management_id
                   and (status == "ACTIVE" or include_suspended)]
        tasks = []
        self.sessions = [(account, self.session_in(account))
                         for account in [self.management_id] + sorted(members)]
        for account, session in self.sessions:
            tasks += self.listers_in(account, session)
        with concurrent.futures.ThreadPoolExecutor(PARALLEL_LISTERS) as pool:
            for found in pool.map(lambda task: self.attempt(*task), tasks):
                objects += found
        return objects

    def attempt(self, name, function, *args):
        """function(*args), or [] when moto does not implement what it calls."""
        try:
            return list(function(*args))
        except Exception as error:  # noqa: BLE001 - moto answers what it lacks in many ways
            # (a 500 page botocore cannot parse, NotImplemented, an error code): the lister is
            # reported as not listed, and the check goes on with the others.
            text = str(error)
            if "AWSOrganizationsNotInUse" in text:
                return []
            self.unlisted.setdefault(name, text.splitlines()[0][:160])
            return []

    def organization_parts(self):
        organizations = self.client(self.management, "organizations")
        return (self.attempt("organization", self.organization, organizations)
                + self.attempt("organizational_unit", self.organizational_units, organizations)
                + self.attempt("service_control_policy", self.policies, organizations))

    def organization(self, organizations):
        described = organizations.describe_organization()["Organization"]
        yield Live(self.management_id, "", "organization", [described["Id"], described["Arn"]],
                   None)  # an organization takes no tags

    def organizational_units(self, organizations):
        roots = organizations.list_roots()["Roots"]
        parents = [root["Id"] for root in roots]
        while parents:
            parent = parents.pop()
            units = organizations.list_organizational_units_for_parent(ParentId=parent)
            for unit in units["OrganizationalUnits"]:
                parents.append(unit["Id"])
                tags = organizations.list_tags_for_resource(ResourceId=unit["Id"])["Tags"]
                yield Live(self.management_id, "", "organizational_unit",
                           [unit["Id"], unit["Arn"], unit["Name"]], tag_value(tags))

    def policies(self, organizations):
        listed = organizations.list_policies(Filter="SERVICE_CONTROL_POLICY")["Policies"]
        for policy in listed:
            if policy.get("AwsManaged"):
                continue
            tags = organizations.list_tags_for_resource(ResourceId=policy["Id"])["Tags"]
            yield Live(self.management_id, "", "service_control_policy",
                       [policy["Id"], policy["Arn"], policy["Name"]], tag_value(tags))

    def listers_in(self, account, session):
        """(name, lister, arguments...) of every listing to make in `account`."""
        tasks = [(lister.__name__, lister, account, session)
                 for lister in (self.iam, self.s3, self.route53, self.cloudfront)]
        for region in self.regions:
            tasks += [(lister.__name__, lister, account, session, region)
                      for lister in (self.ec2, self.autoscaling, self.elbv2, self.rds,
                                     self.elasticache, self.acm, self.secrets, self.sns, self.ses)]
        return tasks

    def optional(self, call, key, **arguments):
        """call(**arguments)[key], or [] when moto cannot answer it."""
        try:
            return call(**arguments)[key]
        except Exception as error:  # noqa: BLE001
            self.unlisted.setdefault(call.__name__, str(error).splitlines()[0][:160])
            return []

    # --- the listers: one per service, each yielding Live objects -------------------------

    def ec2(self, account, session, region):
        ec2 = self.client(session, "ec2", region)

        def listed(kind, operation, key, id_key, extra=lambda item: [], alive=lambda item: True):
            try:
                pages = ec2.get_paginator(operation).paginate()
                items = [item for page in pages for item in page[key]]
            except botocore.exceptions.OperationNotPageableError:
                items = getattr(ec2, operation)()[key]
            except botocore.exceptions.ClientError as error:
                self.unlisted.setdefault("ec2." + operation, str(error)[:160])
                return
            for item in items:
                if alive(item):
                    yield Live(account, region, kind, [item.get(id_key)] + extra(item),
                               tag_value(item.get("Tags")))

        yield from listed("vpc", "describe_vpcs", "Vpcs", "VpcId")
        yield from listed("subnet", "describe_subnets", "Subnets", "SubnetId")
        yield from listed("internet_gateway", "describe_internet_gateways", "InternetGateways",
                          "InternetGatewayId")
        yield from listed("route_table", "describe_route_tables", "RouteTables", "RouteTableId")
        yield from listed("elastic_ip", "describe_addresses", "Addresses", "AllocationId",
                          lambda item: [item.get("PublicIp")])
        yield from listed("nat_gateway", "describe_nat_gateways", "NatGateways", "NatGatewayId",
                          alive=lambda item: item.get("State") not in ("deleted", "deleting"))
        yield from listed("vpc_endpoint", "describe_vpc_endpoints", "VpcEndpoints", "VpcEndpointId",
                          alive=lambda item: item.get("State", "").lower() not in ("deleted",
                                                                                    "deleting"))
        yield from listed("security_group", "describe_security_groups", "SecurityGroups", "GroupId",
                          lambda item: [item.get("GroupName")])
        yield from listed("security_group_rule", "describe_security_group_rules",
                          "SecurityGroupRules", "SecurityGroupRuleId")
        yield from listed("key_pair", "describe_key_pairs", "KeyPairs", "KeyPairId",
                          lambda item: [item.get("KeyName")])
        yield from listed("launch_template", "describe_launch_templates", "LaunchTemplates",
                          "LaunchTemplateId", lambda item: [item.get("LaunchTemplateName")])
        yield from listed("flow_log", "describe_flow_logs", "FlowLogs", "FlowLogId")
        reservations = ec2.describe_instances()["Reservations"]
        for reservation in reservations:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] in ("terminated", "shutting-down"):
                    continue
                # Instances an autoscaling group launches carry its tags: they are its, not
                # objects vueops created.
                if tag_value(instance.get("Tags"), "aws:autoscaling:groupName"):
                    continue
                yield Live(account, region, "instance", [instance["InstanceId"]],
                           tag_value(instance.get("Tags")))

    def iam(self, account, session):
        iam = self.client(session, "iam")
        for page in iam.get_paginator("list_roles").paginate():
            for role in page["Roles"]:
                tags = iam.list_role_tags(RoleName=role["RoleName"])["Tags"]
                yield Live(account, "", "iam_role", [role["RoleName"], role["Arn"], role["RoleId"]],
                           tag_value(tags))
                yield from self.inline_policies(account, "iam_role_policy", role["RoleName"],
                                                iam.list_role_policies, RoleName=role["RoleName"])
        for page in iam.get_paginator("list_users").paginate():
            for user in page["Users"]:
                tags = iam.list_user_tags(UserName=user["UserName"])["Tags"]
                yield Live(account, "", "iam_user", [user["UserName"], user["Arn"], user["UserId"]],
                           tag_value(tags))
                yield from self.inline_policies(account, "iam_user_policy", user["UserName"],
                                                iam.list_user_policies, UserName=user["UserName"])
        for page in iam.get_paginator("list_instance_profiles").paginate():
            for profile in page["InstanceProfiles"]:
                tags = profile.get("Tags")
                if tags is None:  # moto 5.2 does not answer ListInstanceProfileTags
                    tags = self.optional(iam.list_instance_profile_tags, "Tags",
                                         InstanceProfileName=profile["InstanceProfileName"])
                yield Live(account, "", "iam_instance_profile",
                           [profile["InstanceProfileName"], profile["Arn"],
                            profile["InstanceProfileId"]], tag_value(tags))
        for page in iam.get_paginator("list_groups").paginate():  # IAM groups take no tags
            for group in page["Groups"]:
                yield Live(account, "", "iam_group", [group["GroupName"], group["Arn"],
                                                      group["GroupId"]], None)
                yield from self.inline_policies(account, "iam_group_policy", group["GroupName"],
                                                iam.list_group_policies,
                                                GroupName=group["GroupName"])

    @staticmethod
    def inline_policies(account, kind, owner, lister, **owner_name):
        """The inline policies of one role, user or group, known by "<owner>:<policy>" (their
        state id); they take no tags."""
        for name in lister(**owner_name)["PolicyNames"]:
            yield Live(account, "", kind, ["%s:%s" % (owner, name)], None)

    def s3(self, account, session):
        s3 = self.client(session, "s3")
        for bucket in s3.list_buckets().get("Buckets", []):
            name = bucket["Name"]
            try:
                tags = s3.get_bucket_tagging(Bucket=name)["TagSet"]
            except botocore.exceptions.ClientError as error:
                if "NoSuchTagSet" not in str(error):
                    raise
                tags = []
            yield Live(account, "", "bucket", [name, "arn:aws:s3:::" + name], tag_value(tags))

    def route53(self, account, session):
        route53 = self.client(session, "route53")
        for zone in route53.list_hosted_zones()["HostedZones"]:
            zone_id = zone["Id"].split("/")[-1]
            tags = route53.list_tags_for_resource(ResourceType="hostedzone",
                                                  ResourceId=zone_id)["ResourceTagSet"]["Tags"]
            yield Live(account, "", "hosted_zone", [zone_id, zone["Id"], zone["Name"]],
                       tag_value(tags))
        for check in route53.list_health_checks()["HealthChecks"]:
            tags = route53.list_tags_for_resource(ResourceType="healthcheck",
                                                  ResourceId=check["Id"])["ResourceTagSet"]["Tags"]
            yield Live(account, "", "health_check", [check["Id"]], tag_value(tags))

    def cloudfront(self, account, session):
        cloudfront = self.client(session, "cloudfront")
        listed = cloudfront.list_distributions()["DistributionList"].get("Items", [])
        for distribution in listed:
            tags = cloudfront.list_tags_for_resource(Resource=distribution["ARN"])["Tags"]
            yield Live(account, "", "distribution", [distribution["Id"], distribution["ARN"]],
                       tag_value(tags.get("Items", [])))
        # These take no tags: listed so that their records can be checked to exist.
        controls = cloudfront.list_origin_access_controls()["OriginAccessControlList"]
        for control in controls.get("Items", []):
            yield Live(account, "", "origin_access_control", [control["Id"], control["Name"]], None)
        for key in cloudfront.list_public_keys()["PublicKeyList"].get("Items", []):
            yield Live(account, "", "cloudfront_public_key", [key["Id"], key["Name"]], None)
        for group in cloudfront.list_key_groups()["KeyGroupList"].get("Items", []):
            yield Live(account, "", "cloudfront_key_group",
                       [group["KeyGroup"]["Id"], group["KeyGroup"]["KeyGroupConfig"]["Name"]], None)

    def ses(self, account, session, region):
        ses = self.client(session, "ses", region)
        for identity in ses.list_identities()["Identities"]:  # SES v1 identities take no tags
            yield Live(account, region, "ses_identity", [identity], None)

    def autoscaling(self, account, session, region):
        autoscaling = self.client(session, "autoscaling", region)
        for group in autoscaling.describe_auto_scaling_groups()["AutoScalingGroups"]:
            yield Live(account, region, "autoscaling_group",
                       [group["AutoScalingGroupName"], group.get("AutoScalingGroupARN")],
                       tag_value(group.get("Tags")))

    def elbv2(self, account, session, region):
        elbv2 = self.client(session, "elbv2", region)
        found = []
        for balancer in elbv2.describe_load_balancers()["LoadBalancers"]:
            arn = balancer["LoadBalancerArn"]
            found.append(("load_balancer", arn, [arn, balancer["LoadBalancerName"]]))
            for listener in elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]:
                found.append(("listener", listener["ListenerArn"], [listener["ListenerArn"]]))
        for group in elbv2.describe_target_groups()["TargetGroups"]:
            arn = group["TargetGroupArn"]
            found.append(("target_group", arn, [arn, group["TargetGroupName"]]))
        for kind, arn, ids in found:
            described = elbv2.describe_tags(ResourceArns=[arn])["TagDescriptions"]
            tags = described[0]["Tags"] if described else []
            yield Live(account, region, kind, ids, tag_value(tags))

    def rds(self, account, session, region):
        rds = self.client(session, "rds", region)
        for instance in rds.describe_db_instances()["DBInstances"]:
            yield Live(account, region, "db_instance",
                       [instance["DBInstanceIdentifier"], instance.get("DBInstanceArn")],
                       tag_value(instance.get("TagList")))
        for group in rds.describe_db_subnet_groups()["DBSubnetGroups"]:
            arn = group.get("DBSubnetGroupArn")
            tags = rds.list_tags_for_resource(ResourceName=arn)["TagList"] if arn else []
            yield Live(account, region, "db_subnet_group", [group["DBSubnetGroupName"], arn],
                       tag_value(tags))
        for group in rds.describe_db_parameter_groups()["DBParameterGroups"]:
            if group["DBParameterGroupName"].startswith("default."):
                continue
            arn = group.get("DBParameterGroupArn")
            tags = rds.list_tags_for_resource(ResourceName=arn)["TagList"] if arn else []
            yield Live(account, region, "db_parameter_group",
                       [group["DBParameterGroupName"], arn], tag_value(tags))

    def elasticache(self, account, session, region):
        elasticache = self.client(session, "elasticache", region)
        for group in elasticache.describe_replication_groups()["ReplicationGroups"]:
            if group.get("Status") == "deleting":  # moto keeps it so, without nodes, for good
                continue
            arn = group.get("ARN")
            tags = elasticache.list_tags_for_resource(ResourceName=arn)["TagList"] if arn else []
            yield Live(account, region, "cache_replication_group",
                       [group["ReplicationGroupId"], arn], tag_value(tags))
        for group in elasticache.describe_cache_subnet_groups()["CacheSubnetGroups"]:
            if group["CacheSubnetGroupName"] == "default":
                continue
            arn = group.get("ARN")
            tags = elasticache.list_tags_for_resource(ResourceName=arn)["TagList"] if arn else []
            yield Live(account, region, "cache_subnet_group", [group["CacheSubnetGroupName"], arn],
                       tag_value(tags))

    def acm(self, account, session, region):
        acm = self.client(session, "acm", region)
        for certificate in acm.list_certificates()["CertificateSummaryList"]:
            arn = certificate["CertificateArn"]
            tags = acm.list_tags_for_certificate(CertificateArn=arn).get("Tags", [])
            yield Live(account, region, "certificate", [arn], tag_value(tags))

    def secrets(self, account, session, region):
        secrets = self.client(session, "secretsmanager", region)
        for page in secrets.get_paginator("list_secrets").paginate():
            for secret in page["SecretList"]:
                yield Live(account, region, "secret", [secret["ARN"], secret["Name"]],
                           tag_value(secret.get("Tags")))

    def sns(self, account, session, region):
        sns = self.client(session, "sns", region)
        for topic in sns.list_topics()["Topics"]:
            arn = topic["TopicArn"]
            tags = sns.list_tags_for_resource(ResourceArn=arn)["Tags"]
            yield Live(account, region, "sns_topic", [arn, arn.split(":")[-1]], tag_value(tags))


class Findings:
    def __init__(self):
        self.duplicates, self.orphans, self.missing, self.unchecked = [], [], [], []
        self.tagged = 0

    def problems(self):
        return self.duplicates + self.orphans + self.missing

    def summary(self):
        return ("%d tagged objects live; %d duplicate, %d orphan, %d missing; %d records not "
                "checkable by listing" % (self.tagged, len(self.duplicates), len(self.orphans),
                                          len(self.missing), len(self.unchecked)))


def compare(objects, records):
    """Findings of the live `objects` (Inventory.collect()) against the state's `records`
    (vueops state list --json)."""
    findings = Findings()
    by_address = {}
    for live in objects:
        if live.address:
            by_address.setdefault(live.address, {})[live.key()] = live
    findings.tagged = sum(len(found) for found in by_address.values())
    for address, found in sorted(by_address.items()):
        if len(found) > 1:
            findings.duplicates.append("duplicate: %s is %d live objects: %s" % (
                address, len(found), "; ".join(live.describe() for live in found.values())))
    held = {record["address"]: record for record in records}
    for address, found in sorted(by_address.items()):
        if address not in held:
            findings.orphans.append("orphan: %s (%s) is live but not in the state" % (
                address, "; ".join(live.describe() for live in found.values())))
    listed_kinds = {live.kind for live in objects}
    all_ids = {}
    for live in objects:
        for value in live.ids:
            all_ids.setdefault(value, []).append(live)
    for record in records:
        if record.get("status") != "created":
            findings.missing.append("unfinished: %s is still %s in the state" % (
                record["address"], record.get("status")))
            continue
        kind, record_id = record["type"], str(record.get("id") or "")
        if kind in PART_TYPES:
            findings.unchecked.append(record["address"])
            continue
        tagged = by_address.get(record["address"], {})
        if any(record_id in live.ids for live in tagged.values()):
            continue
        if record_id and record_id in all_ids:
            continue  # exists, but untaggable or its tag was changed: not our question here
        if kind not in listed_kinds and kind not in KNOWN_LISTED_KINDS:
            findings.unchecked.append(record["address"])
            continue
        findings.missing.append("missing: %s (%s %s) is in the state but not live" % (
            record["address"], kind, record_id or "without an id"))
    return findings


# The kinds the listers above report; a state record of one of these that matches nothing
# live is missing, even when no object of its kind exists at all.
KNOWN_LISTED_KINDS = {
    "account", "organization", "organizational_unit", "service_control_policy", "vpc", "subnet",
    "internet_gateway", "route_table", "elastic_ip", "nat_gateway", "vpc_endpoint",
    "security_group", "default_security_group", "security_group_rule", "key_pair",
    "launch_template", "flow_log", "instance", "iam_role", "iam_user", "iam_instance_profile",
    "iam_group", "iam_role_policy", "iam_user_policy", "iam_group_policy", "bucket", "hosted_zone", "health_check", "distribution", "autoscaling_group",
    "load_balancer", "listener", "target_group", "db_instance", "db_subnet_group",
    "db_parameter_group", "cache_replication_group", "cache_subnet_group", "certificate",
    "secret", "sns_topic", "origin_access_control", "cloudfront_public_key",
    "cloudfront_key_group", "ses_identity",
}


def check(endpoint, regions, records, say, include_suspended=True):
    """Lists moto and compares it with `records`; prints the problems; returns Findings."""
    inventory = Inventory(endpoint, regions)
    objects = inventory.collect(include_suspended)
    findings = compare(objects, records)
    for problem in findings.problems():
        say("  " + problem)
    for name, why in sorted(inventory.unlisted.items()):
        say("  note: could not list %s through moto: %s" % (name, why))
    findings.objects = objects
    return findings
