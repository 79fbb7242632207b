#include "audit/live_rules.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "audit/json_fields.h"
#include "lint/rule_helpers.h"
#include "spec/cidr.h"

namespace vueops::audit {
namespace {

// ------------------------------------------------------------------------------ JSON access

bool Flag(const Json& object, std::string_view name) {
  const Json& value = Member(object, name);
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) return value.get<std::string>() == "true";
  return false;
}

int64_t Number(const Json& object, std::string_view name, int64_t otherwise = 0) {
  const Json& value = Member(object, name);
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_string()) {
    try {
      return std::stoll(value.get<std::string>());
    } catch (...) {
    }
  }
  return otherwise;
}

// The value of tag `key` in EC2's [{"Key","Value"}] (or RDS's TagList) form.
std::string Tag(const Json& tags, std::string_view key) {
  for (const Json& tag : Items(tags)) {
    if (Text(tag, "Key") == key) return Text(tag, "Value");
  }
  return "";
}

// ------------------------------------------------------------------------- the spec's view

// "prod" of "prod.security_group.servers".
struct Address {
  std::string text;
  std::string environment;
  std::string type;
  std::string name;
};

Address ParseAddress(const std::string& text) {
  Address address{text, "", "", ""};
  size_t first = text.find('.');
  if (first == std::string::npos) return address;
  size_t second = text.find('.', first + 1);
  address.environment = text.substr(0, first);
  if (second == std::string::npos) return address;
  address.type = text.substr(first + 1, second - first - 1);
  address.name = text.substr(second + 1);
  return address;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// What a security group is for, in its environment's spec.
struct GroupRole {
  const spec::Environment* environment = nullptr;
  std::string address;
  std::string name;  // the spec's name: servers
  bool servers = false, load_balancer = false, database = false, cache = false;
};

// The environments whose VPC a live VPC is (by its vueops:address tag).
class SpecView {
 public:
  SpecView(const spec::Stack& stack, const LiveAccount& live) : stack_(stack) {
    for (const Json& vpc : live.vpcs) {
      Address address = ParseAddress(Tag(Member(vpc, "Tags"), kAddressTag));
      if (const spec::Environment* env = stack.FindEnvironment(address.environment)) {
        vpc_environments_[Text(vpc, "VpcId")] = env;
      }
    }
    for (const Json& group : live.security_groups) {
      GroupRole role;
      role.address = Tag(Member(group, "Tags"), kAddressTag);
      Address address = ParseAddress(role.address);
      role.environment = stack.FindEnvironment(address.environment);
      if (role.environment == nullptr) role.environment = EnvironmentOfVpc(Text(group, "VpcId"));
      if (role.environment != nullptr && address.type == "security_group") {
        const spec::Environment& env = *role.environment;
        role.name = address.name;
        role.servers = env.servers && Contains(env.servers->security_groups, role.name);
        role.load_balancer =
            env.load_balancer && Contains(env.load_balancer->security_groups, role.name);
        role.database = env.database && Contains(env.database->security_groups, role.name);
        role.cache = env.cache && Contains(env.cache->security_groups, role.name);
      }
      groups_[Text(group, "GroupId")] = role;
    }
  }

  const spec::Environment* EnvironmentOfVpc(const std::string& vpc_id) const {
    auto found = vpc_environments_.find(vpc_id);
    return found == vpc_environments_.end() ? nullptr : found->second;
  }
  const GroupRole& Role(const std::string& group_id) const {
    static const GroupRole kUnknown;
    auto found = groups_.find(group_id);
    return found == groups_.end() ? kUnknown : found->second;
  }
  // The spec's bucket of this global name, with its environment.
  std::pair<const spec::Environment*, const spec::Bucket*> Bucket(const std::string& name) const {
    for (const spec::Environment& env : stack_.environments) {
      for (const spec::Bucket& bucket : env.buckets) {
        if (bucket.name == name) return {&env, &bucket};
      }
    }
    return {nullptr, nullptr};
  }
  // The spec's bucket whose copy in the backup account this is (replication.bucket).
  std::pair<const spec::Environment*, const spec::Bucket*> BackupOf(const std::string& name) const {
    for (const spec::Environment& env : stack_.environments) {
      for (const spec::Bucket& bucket : env.buckets) {
        if (bucket.has_replication && bucket.replication.bucket == name) return {&env, &bucket};
      }
    }
    return {nullptr, nullptr};
  }

 private:
  const spec::Stack& stack_;
  std::map<std::string, const spec::Environment*> vpc_environments_;
  std::map<std::string, GroupRole> groups_;
};

bool IsProductionAccount(const LiveContext& context) {
  const spec::Account* account = context.account();
  return account != nullptr && account->kind == spec::AccountKind::kProduction;
}

// ------------------------------------------------------------------------ security groups

// One source of an ingress permission.
struct Source {
  enum class Kind { kCidr, kGroup, kPrefixList } kind = Kind::kCidr;
  std::string value;  // a CIDR, a group id or a prefix list id
  bool IsWorld() const { return kind == Kind::kCidr && (value == "0.0.0.0/0" || value == "::/0"); }
};

struct Permission {
  std::string protocol;  // "tcp", "udp", "icmp", "-1"
  int from = -1, to = -1;
  std::vector<Source> sources;

  bool AllPorts() const { return protocol == "-1" || (from <= 0 && to >= 65535); }
  bool AdmitsTcp(int port) const {
    return protocol == "-1" || (protocol == "tcp" && from <= port && port <= to);
  }
  std::string Ports() const {
    if (protocol == "-1") return "every port";
    std::string range =
        from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
    return protocol + " " + range;
  }
};

std::vector<Permission> Permissions(const Json& group) {
  std::vector<Permission> permissions;
  for (const Json& entry : Items(Member(group, "IpPermissions"))) {
    Permission permission;
    permission.protocol = Text(entry, "IpProtocol");
    if (permission.protocol == "6") permission.protocol = "tcp";
    permission.from = static_cast<int>(Number(entry, "FromPort", -1));
    permission.to = static_cast<int>(Number(entry, "ToPort", -1));
    for (const Json& range : Items(Member(entry, "IpRanges"))) {
      permission.sources.push_back({Source::Kind::kCidr, Text(range, "CidrIp")});
    }
    for (const Json& range : Items(Member(entry, "Ipv6Ranges"))) {
      permission.sources.push_back({Source::Kind::kCidr, Text(range, "CidrIpv6")});
    }
    for (const Json& pair : Items(Member(entry, "UserIdGroupPairs"))) {
      permission.sources.push_back({Source::Kind::kGroup, Text(pair, "GroupId")});
    }
    for (const Json& list : Items(Member(entry, "PrefixListIds"))) {
      permission.sources.push_back({Source::Kind::kPrefixList, Text(list, "PrefixListId")});
    }
    permissions.push_back(std::move(permission));
  }
  return permissions;
}

std::string GroupArn(const LiveContext& context, const Json& group) {
  return context.live().Arn("ec2", "security-group/" + Text(group, "GroupId"));
}

std::string GroupSubject(const Json& group) {
  std::string address = Tag(Member(group, "Tags"), kAddressTag);
  return address;
}

std::string Describe(const Source& source, const SpecView& view) {
  switch (source.kind) {
    case Source::Kind::kCidr:
      return source.IsWorld() ? "the world (" + source.value + ")" : source.value;
    case Source::Kind::kPrefixList: return "prefix list " + source.value;
    case Source::Kind::kGroup: {
      const GroupRole& role = view.Role(source.value);
      return "security group " + source.value + (role.name.empty() ? "" : " (" + role.name + ")");
    }
  }
  return source.value;
}

std::string GroupLabel(const Json& group) {
  return "security group " + Text(group, "GroupId") + " (" + Text(group, "GroupName") + ")";
}

// Calls `visit` for every source of every permission of every group.
template <typename Visit>
void ForEachSource(const LiveContext& context, Visit visit) {
  for (const Json& group : context.live().security_groups) {
    for (const Permission& permission : Permissions(group)) {
      for (const Source& source : permission.sources) visit(group, permission, source);
    }
  }
}

void CheckSshNeverFromWorld(LiveContext& context) {
  ForEachSource(
      context, [&](const Json& group, const Permission& permission, const Source& source) {
        if (permission.AdmitsTcp(22) && source.IsWorld()) {
          context.Report(GroupArn(context, group), GroupSubject(group),
                         GroupLabel(group) + " opens port 22 to the world (" + source.value + ")");
        }
      });
}

bool WithinDevopsIps(const spec::Environment& env, const std::string& cidr) {
  Result<spec::Cidr> parsed = spec::ParseCidr(cidr);
  if (!parsed.ok()) return false;
  return std::any_of(env.devops_ips.begin(), env.devops_ips.end(), [&](const spec::DevopsIp& ip) {
    return spec::CidrContains(ip.cidr, *parsed);
  });
}

void CheckSshOnlyFromDevopsIps(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  ForEachSource(context,
                [&](const Json& group, const Permission& permission, const Source& source) {
                  // The world is VO201's finding; every port is VO210's.
                  if (!permission.AdmitsTcp(22) || permission.AllPorts() || source.IsWorld())
                    return;
                  const GroupRole& role = view.Role(Text(group, "GroupId"));
                  if (source.kind == Source::Kind::kCidr && role.environment != nullptr &&
                      WithinDevopsIps(*role.environment, source.value)) {
                    return;
                  }
                  if (source.kind == Source::Kind::kCidr && role.environment == nullptr) {
                    // Not an environment's group: any DevOps IP of the stack is one.
                    for (const spec::Environment& env : context.stack().environments) {
                      if (WithinDevopsIps(env, source.value)) return;
                    }
                  }
                  if (source.kind == Source::Kind::kGroup && source.value == Text(group, "GroupId"))
                    return;
                  context.Report(GroupArn(context, group), GroupSubject(group),
                                 GroupLabel(group) + " opens port 22 to " + Describe(source, view));
                });
}

// Reports every source of `port` on groups with `is_target` that is not a group with
// `is_allowed`.
// `also_allowed`: a further source the notes accept.
template <typename IsTarget, typename IsAllowed>
void CheckOnlyFrom(LiveContext& context, int port, std::string_view service, IsTarget is_target,
                   IsAllowed is_allowed, std::string_view allowed_name,
                   const std::function<bool(const Source&)>& also_allowed = nullptr) {
  SpecView view(context.stack(), context.live());
  ForEachSource(context,
                [&](const Json& group, const Permission& permission, const Source& source) {
                  if (!permission.AdmitsTcp(port) || !is_target(view.Role(Text(group, "GroupId"))))
                    return;
                  if (source.kind == Source::Kind::kGroup && is_allowed(view.Role(source.value)))
                    return;
                  if (also_allowed && also_allowed(source)) return;
                  context.Report(GroupArn(context, group), GroupSubject(group),
                                 std::string(service) + " port " + std::to_string(port) + " of " +
                                     GroupLabel(group) + " is open to " + Describe(source, view) +
                                     ", not only to " + std::string(allowed_name));
                });
}

void CheckServerHttpOnlyFromLoadBalancer(LiveContext& context) {
  // notes, Network Security Groups, "Other possibilities for dev/test": Route53 health-check
  // pings on port 80 come from 54.224.0.0/11 (sandbox accounts only).
  const spec::Cidr health_checks = *spec::ParseCidr("54.224.0.0/11");
  const spec::Account* account = context.account();
  const bool sandbox = account != nullptr && account->kind == spec::AccountKind::kSandbox;
  CheckOnlyFrom(
      context, 80, "HTTP", [](const GroupRole& role) { return role.servers; },
      [](const GroupRole& role) { return role.load_balancer; }, "the load balancer's group",
      [&](const Source& source) {
        if (!sandbox || source.kind != Source::Kind::kCidr) return false;
        Result<spec::Cidr> cidr = spec::ParseCidr(source.value);
        return cidr.ok() && spec::CidrContains(health_checks, *cidr);
      });
}

void CheckMysqlOnlyFromServers(LiveContext& context) {
  CheckOnlyFrom(
      context, 3306, "MySQL", [](const GroupRole& role) { return role.database; },
      [](const GroupRole& role) { return role.servers; }, "the servers' group");
}

void CheckRedisOnlyFromServers(LiveContext& context) {
  CheckOnlyFrom(
      context, 6379, "Redis", [](const GroupRole& role) { return role.cache; },
      [](const GroupRole& role) { return role.servers; }, "the servers' group");
}

void CheckLoadBalancerPortsOnly(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  for (const Json& group : context.live().security_groups) {
    if (!view.Role(Text(group, "GroupId")).load_balancer) continue;
    for (const Permission& permission : Permissions(group)) {
      bool web = permission.protocol == "tcp" && permission.from == permission.to &&
                 (permission.from == 80 || permission.from == 443);
      if (!web) {
        context.Report(
            GroupArn(context, group), GroupSubject(group),
            "the load balancer's " + GroupLabel(group) + " admits " + permission.Ports());
      }
    }
  }
}

void CheckOnlyLoadBalancerFacesWorld(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  ForEachSource(context,
                [&](const Json& group, const Permission& permission, const Source& source) {
                  if (!source.IsWorld() || view.Role(Text(group, "GroupId")).load_balancer) return;
                  // SSH to the world is VO201's finding.
                  if (permission.protocol == "tcp" && permission.from == 22 && permission.to == 22)
                    return;
                  context.Report(GroupArn(context, group), GroupSubject(group),
                                 GroupLabel(group) + " opens " + permission.Ports() +
                                     " to the world (" + source.value + ")");
                });
}

void CheckNoAllPortsRules(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  for (const Json& group : context.live().security_groups) {
    for (const Permission& permission : Permissions(group)) {
      if (!permission.AllPorts()) continue;
      for (const Source& source : permission.sources) {
        // A group admitting its own members (AWS's default group does) opens nothing new.
        if (source.kind == Source::Kind::kGroup && source.value == Text(group, "GroupId")) {
          continue;
        }
        context.Report(GroupArn(context, group), GroupSubject(group),
                       GroupLabel(group) + " opens every port to " + Describe(source, view));
      }
    }
  }
}

// The VPCs vueops made (tagged), which the spec's network rules speak of; AWS's default VPC
// and VPCs made by hand are not the spec's.
std::vector<const Json*> SpecVpcs(const LiveContext& context) {
  std::vector<const Json*> vpcs;
  for (const Json& vpc : context.live().vpcs) {
    if (!Tag(Member(vpc, "Tags"), kAddressTag).empty()) vpcs.push_back(&vpc);
  }
  return vpcs;
}

void CheckFlowLogs(LiveContext& context) {
  std::set<std::string> logged;
  for (const Json& log : context.live().flow_logs) logged.insert(Text(log, "ResourceId"));
  for (const Json& vpc : context.live().vpcs) {
    if (Flag(vpc, "IsDefault")) continue;  // AWS's, unused by the stack
    std::string id = Text(vpc, "VpcId");
    if (!logged.count(id)) {
      context.Report(context.live().Arn("ec2", "vpc/" + id), Tag(Member(vpc, "Tags"), kAddressTag),
                     "VPC " + id + " has no flow log");
    }
  }
}

void CheckDefaultSecurityGroupClosed(LiveContext& context) {
  std::set<std::string> spec_vpcs;
  for (const Json* vpc : SpecVpcs(context)) spec_vpcs.insert(Text(*vpc, "VpcId"));
  for (const Json& group : context.live().security_groups) {
    if (Text(group, "GroupName") != "default" || !spec_vpcs.count(Text(group, "VpcId"))) continue;
    if (!Items(Member(group, "IpPermissions")).empty()) {
      context.Report(GroupArn(context, group), GroupSubject(group),
                     "the default " + GroupLabel(group) + " of VPC " + Text(group, "VpcId") +
                         " admits traffic");
    }
  }
}

// ------------------------------------------------------------------------- launch templates

std::string TemplateArn(const LiveContext& context, const Json& version) {
  return context.live().Arn("ec2", "launch-template/" + Text(version, "LaunchTemplateId"));
}

std::string TemplateLabel(const Json& version) {
  return "launch template " + Text(version, "LaunchTemplateName") + " (version " +
         Text(version, "VersionNumber") + ")";
}

void CheckImdsv2Required(LiveContext& context) {
  for (const Json& version : context.live().launch_templates) {
    const Json& data = Member(version, "LaunchTemplateData");
    if (Text(Member(data, "MetadataOptions"), "HttpTokens") != "required") {
      context.Report(TemplateArn(context, version), Tag(Member(version, "Tags"), kAddressTag),
                     TemplateLabel(version) + " lets instances use IMDSv1");
    }
  }
}

void CheckMetadataHopLimit(LiveContext& context) {
  for (const Json& version : context.live().launch_templates) {
    int64_t hops = Number(Member(Member(version, "LaunchTemplateData"), "MetadataOptions"),
                          "HttpPutResponseHopLimit", 1);
    if (hops > 2) {
      context.Report(
          TemplateArn(context, version), Tag(Member(version, "Tags"), kAddressTag),
          TemplateLabel(version) + " has a metadata hop limit of " + std::to_string(hops));
    }
  }
}

void CheckRootVolumeEncrypted(LiveContext& context) {
  for (const Json& version : context.live().launch_templates) {
    for (const Json& mapping :
         Items(Member(Member(version, "LaunchTemplateData"), "BlockDeviceMappings"))) {
      const Json& ebs = Member(mapping, "Ebs");
      if (ebs.is_object() && !Flag(ebs, "Encrypted")) {
        context.Report(TemplateArn(context, version), Tag(Member(version, "Tags"), kAddressTag),
                       TemplateLabel(version) + " gives " + Text(mapping, "DeviceName") +
                           " an unencrypted volume");
      }
    }
  }
}

// ------------------------------------------------------------------------------ RDS, Redis

template <typename Test>
void ForEachDatabase(LiveContext& context, Test test) {
  for (const Json& instance : context.live().db_instances) {
    std::string problem = test(instance);
    if (problem.empty()) continue;
    context.Report(Text(instance, "DBInstanceArn"), Tag(Member(instance, "TagList"), kAddressTag),
                   "RDS instance " + Text(instance, "DBInstanceIdentifier") + " " + problem);
  }
}

void CheckDatabaseMultiAz(LiveContext& context) {
  ForEachDatabase(context, [](const Json& db) {
    return Flag(db, "MultiAZ") ? "" : std::string("runs in one availability zone");
  });
}

void CheckDatabaseEncrypted(LiveContext& context) {
  ForEachDatabase(context, [](const Json& db) {
    return Flag(db, "StorageEncrypted") ? "" : std::string("stores its data unencrypted");
  });
}

void CheckDatabaseBackups(LiveContext& context) {
  ForEachDatabase(context, [](const Json& db) {
    int64_t days = Number(db, "BackupRetentionPeriod");
    return days >= 7 ? "" : "keeps automated backups for " + std::to_string(days) + " days";
  });
}

void CheckDatabaseDeletionProtection(LiveContext& context) {
  if (!IsProductionAccount(context)) return;
  ForEachDatabase(context, [](const Json& db) {
    return Flag(db, "DeletionProtection") ? "" : std::string("has no deletion protection");
  });
}

void CheckDatabaseMinorUpgrades(LiveContext& context) {
  ForEachDatabase(context, [](const Json& db) {
    return Flag(db, "AutoMinorVersionUpgrade") ? "" : std::string("takes no minor upgrades");
  });
}

void CheckDatabaseNotPublic(LiveContext& context) {
  ForEachDatabase(context, [](const Json& db) {
    return Flag(db, "PubliclyAccessible") ? std::string("is publicly accessible") : "";
  });
}

template <typename Test>
void ForEachCache(LiveContext& context, Test test) {
  for (const Json& group : context.live().replication_groups) {
    std::string problem = test(group);
    if (problem.empty()) continue;
    std::string arn = Text(group, "ARN");
    if (arn.empty()) {
      arn = context.live().Arn("elasticache",
                               "replicationgroup:" + Text(group, "ReplicationGroupId"));
    }
    context.Report(arn, "",
                   "Redis replication group " + Text(group, "ReplicationGroupId") + " " + problem);
  }
}

void CheckCacheMultiAz(LiveContext& context) {
  ForEachCache(context, [](const Json& group) {
    if (Text(group, "MultiAZ") != "enabled") return std::string("is not multi-AZ");
    if (Text(group, "AutomaticFailover") != "enabled") {
      return std::string("has no automatic failover");
    }
    return std::string();
  });
}

void CheckCacheEncryptedAtRest(LiveContext& context) {
  ForEachCache(context, [](const Json& group) {
    return Flag(group, "AtRestEncryptionEnabled") ? "" : std::string("stores data unencrypted");
  });
}

void CheckCacheTls(LiveContext& context) {
  ForEachCache(context, [](const Json& group) {
    return Flag(group, "TransitEncryptionEnabled") ? "" : std::string("takes plain connections");
  });
}

void CheckCacheSnapshots(LiveContext& context) {
  ForEachCache(context, [](const Json& group) {
    return Number(group, "SnapshotRetentionLimit") > 0 ? "" : std::string("keeps no snapshots");
  });
}

// ---------------------------------------------------------------------------- load balancer

template <typename Visit>
void ForEachBalancer(LiveContext& context, Visit visit) {
  for (const LiveLoadBalancer& balancer : context.live().load_balancers) {
    if (Text(balancer.description, "Type") != "application") continue;
    visit(balancer, Text(balancer.description, "LoadBalancerArn"),
          "load balancer " + Text(balancer.description, "LoadBalancerName"));
  }
}

void CheckHttpsOn443(LiveContext& context) {
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string& arn,
                               const std::string& label) {
    if (Text(balancer.description, "Scheme") != "internet-facing") return;
    bool https = std::any_of(Items(balancer.listeners).begin(), Items(balancer.listeners).end(),
                             [](const Json& listener) {
                               return Number(listener, "Port") == 443 &&
                                      Text(listener, "Protocol") == "HTTPS" &&
                                      !Items(Member(listener, "Certificates")).empty();
                             });
    if (!https) context.Report(arn, "", label + " has no HTTPS listener with a certificate on 443");
  });
}

void CheckListenerPorts(LiveContext& context) {
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string& arn,
                               const std::string& label) {
    for (const Json& listener : Items(balancer.listeners)) {
      int64_t port = Number(listener, "Port");
      if (port != 80 && port != 443) {
        context.Report(Text(listener, "ListenerArn").empty() ? arn : Text(listener, "ListenerArn"),
                       "", label + " listens on " + std::to_string(port));
      }
    }
  });
}

void CheckListenerTlsPolicy(LiveContext& context) {
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string&,
                               const std::string& label) {
    for (const Json& listener : Items(balancer.listeners)) {
      if (Text(listener, "Protocol") != "HTTPS") continue;
      std::string policy = Text(listener, "SslPolicy");
      if (std::string weakness = lint::WeakTlsPolicy(policy); !weakness.empty()) {
        context.Report(Text(listener, "ListenerArn"), "",
                       label + " port " + Text(listener, "Port") + ": " + policy + " " + weakness);
      }
    }
  });
}

void CheckDropInvalidHeaders(LiveContext& context) {
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string& arn,
                               const std::string& label) {
    if (!Flag(balancer.attributes, "routing.http.drop_invalid_header_fields.enabled")) {
      context.Report(arn, "", label + " passes invalid headers on");
    }
  });
}

void CheckAccessLogs(LiveContext& context) {
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string& arn,
                               const std::string& label) {
    if (!Flag(balancer.attributes, "access_logs.s3.enabled")) {
      context.Report(arn, "", label + " writes no access logs");
    }
  });
}

void CheckLoadBalancerDeletionProtection(LiveContext& context) {
  if (!IsProductionAccount(context)) return;
  ForEachBalancer(context, [&](const LiveLoadBalancer& balancer, const std::string& arn,
                               const std::string& label) {
    if (!Flag(balancer.attributes, "deletion_protection.enabled")) {
      context.Report(arn, "", label + " has no deletion protection");
    }
  });
}

// ---------------------------------------------------------------------------------- buckets

std::string BucketArn(const LiveContext& context, const LiveBucket& bucket) {
  return "arn:" + context.live().partition + ":s3:::" + bucket.name;
}

// The bucket's address in the spec ("" for a bucket the spec does not make) and kind.
struct BucketFacts {
  std::string address;
  const spec::Bucket* spec = nullptr;
  // The copy of a spec bucket in the backup account (replication's destination): it keeps
  // every version and is written only by replication, which is what a backup is for.
  bool backup_copy = false;
  bool state_bucket = false;  // the team backend's (vueops backend bootstrap makes it)
};

BucketFacts FactsOf(const LiveContext& context, const SpecView& view, const LiveBucket& bucket) {
  BucketFacts facts;
  auto [env, spec_bucket] = view.Bucket(bucket.name);
  if (spec_bucket != nullptr) {
    facts.spec = spec_bucket;
    facts.address = env->name + ".bucket." + spec_bucket->key;
  } else if (auto [source_env, source] = view.BackupOf(bucket.name); source != nullptr) {
    facts.backup_copy = true;
    facts.address = source_env->name + ".bucket." + source->key + "-backup";
  }
  facts.state_bucket =
      context.stack().state.kind == "s3" && bucket.name == context.stack().state.bucket;
  return facts;
}

template <typename Test>
void ForEachBucket(LiveContext& context, Test test) {
  SpecView view(context.stack(), context.live());
  for (const LiveBucket& bucket : context.live().buckets) {
    BucketFacts facts = FactsOf(context, view, bucket);
    std::string problem = test(bucket, facts);
    if (!problem.empty()) {
      context.Report(BucketArn(context, bucket), facts.address,
                     "bucket " + bucket.name + " " + problem);
    }
  }
}

bool IsKind(const BucketFacts& facts, spec::BucketAccess access) {
  return facts.spec != nullptr && facts.spec->access == access;
}

void CheckBucketPublicAccessBlock(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts&) -> std::string {
    const Json& block = bucket.public_access_block;
    if (!block.is_object()) return "has no public access block";
    for (const char* setting :
         {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
      if (!Flag(block, setting))
        return "does not block public access (" + std::string(setting) + " is off)";
    }
    return "";
  });
}

bool Versioned(const LiveBucket& bucket) { return Text(bucket.versioning, "Status") == "Enabled"; }

void CheckBucketVersioning(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts&) -> std::string {
    if (Versioned(bucket)) return "";
    std::string status = Text(bucket.versioning, "Status");
    return status.empty() ? "is not versioned" : "has versioning " + status;
  });
}

void CheckBucketOldVersionLifecycle(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts& facts) -> std::string {
    // No old versions: VO602's finding. A backup copy keeps them on purpose.
    if (!Versioned(bucket) || facts.state_bucket || facts.backup_copy) return "";
    bool transition = false, expiration = false;
    for (const Json& rule : Items(bucket.lifecycle_rules)) {
      if (Text(rule, "Status") != "Enabled") continue;
      transition = transition || !Items(Member(rule, "NoncurrentVersionTransitions")).empty() ||
                   Member(rule, "NoncurrentVersionTransition").is_object();
      expiration = expiration || Member(rule, "NoncurrentVersionExpiration").is_object();
    }
    if (!transition && !expiration) return "keeps every old version forever";
    if (!expiration) return "never deletes old versions";
    if (!transition) return "keeps old versions in STANDARD storage";
    return "";
  });
}

void CheckBucketCrossAccountBackup(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts& facts) -> std::string {
    if (facts.spec == nullptr || IsKind(facts, spec::BucketAccess::kBackup) ||
        IsKind(facts, spec::BucketAccess::kLogs) || !facts.spec->has_replication) {
      // Only the spec knows which buckets are copies; lint reports a spec without replication.
      return "";
    }
    return bucket.replication.is_object() ? "" : "is not replicated, though the spec replicates it";
  });
}

void CheckBucketMfaDelete(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts& facts) -> std::string {
    if (IsKind(facts, spec::BucketAccess::kBackup) || facts.backup_copy || !Versioned(bucket)) {
      return "";
    }
    return Text(bucket.versioning, "MFADelete") == "Enabled"
               ? ""
               : "lets versions be deleted without MFA";
  });
}

// Whether the policy denies requests with aws:SecureTransport false.
bool DeniesPlainHttp(const Json& policy) {
  for (const Json& statement : lint::Statements(policy)) {
    if (Text(statement, "Effect") != "Deny") continue;
    const Json& condition = Member(statement, "Condition");
    const Json& test = Member(condition, "Bool");
    const Json& value = Member(test, "aws:SecureTransport");
    if ((value.is_string() && value.get<std::string>() == "false") ||
        (value.is_boolean() && !value.get<bool>()) ||
        (value.is_array() && !value.empty() && value.front() == "false")) {
      return true;
    }
  }
  return false;
}

void CheckBucketDeniesPlainHttp(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts&) -> std::string {
    return DeniesPlainHttp(bucket.policy) ? "" : "takes requests without TLS";
  });
}

void CheckBucketAccessLogging(LiveContext& context) {
  ForEachBucket(context, [](const LiveBucket& bucket, const BucketFacts& facts) -> std::string {
    // A logs bucket logging its own access would log the log writes, without end.
    // Nobody but replication reads or writes a backup copy.
    if (IsKind(facts, spec::BucketAccess::kLogs) || facts.state_bucket || facts.backup_copy) {
      return "";
    }
    if (facts.spec != nullptr && facts.spec->logging_bucket.empty()) return "";  // lint's finding
    return bucket.logging.is_object() ? "" : "logs no access";
  });
}

// ------------------------------------------------------------------------------ CloudFront

std::vector<const Json*> Behaviors(const Json& config) {
  std::vector<const Json*> behaviors = {&Member(config, "DefaultCacheBehavior")};
  for (const Json& behavior : Items(Member(Member(config, "CacheBehaviors"), "Items"))) {
    behaviors.push_back(&behavior);
  }
  return behaviors;
}

std::string BehaviorLabel(const Json& behavior) {
  std::string path = Text(behavior, "PathPattern");
  return path.empty() ? "the default behavior" : "behavior '" + path + "'";
}

std::string DistributionLabel(const LiveDistribution& distribution) {
  std::string comment = Text(distribution.config, "Comment");
  return "distribution " + distribution.id + (comment.empty() ? "" : " (" + comment + ")");
}

std::string DistributionAddress(const LiveDistribution& distribution) {
  return Text(distribution.tags, kAddressTag);
}

// The bucket an S3 origin serves: "vueocity-prod-protected" of
// "vueocity-prod-protected.s3.us-west-2.amazonaws.com".
std::string OriginBucket(const Json& origin) {
  if (!Member(origin, "S3OriginConfig").is_object()) {
    const std::string domain = Text(origin, "DomainName");
    if (domain.find(".s3.") == std::string::npos && domain.find(".s3-") == std::string::npos) {
      return "";
    }
  }
  std::string domain = Text(origin, "DomainName");
  size_t dot = domain.find(".s3");
  return dot == std::string::npos ? "" : domain.substr(0, dot);
}

// A distribution whose default behavior serves the spec's protected bucket.
bool IsProtected(const SpecView& view, const LiveDistribution& distribution) {
  std::string target = Text(Member(distribution.config, "DefaultCacheBehavior"), "TargetOriginId");
  for (const Json& origin : Items(Member(Member(distribution.config, "Origins"), "Items"))) {
    if (Text(origin, "Id") != target) continue;
    const spec::Bucket* bucket = view.Bucket(OriginBucket(origin)).second;
    return bucket != nullptr && bucket->access == spec::BucketAccess::kProtected;
  }
  return false;
}

template <typename Visit>
void ForEachDistribution(LiveContext& context, Visit visit) {
  for (const LiveDistribution& distribution : context.live().distributions) {
    if (!distribution.config.is_object()) continue;  // unreadable: reported as such
    visit(distribution);
  }
}

void CheckOriginAccessControl(LiveContext& context) {
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    for (const Json& origin : Items(Member(Member(distribution.config, "Origins"), "Items"))) {
      if (!Text(Member(origin, "S3OriginConfig"), "OriginAccessIdentity").empty()) {
        context.Report(distribution.arn, DistributionAddress(distribution),
                       DistributionLabel(distribution) + " reaches origin '" + Text(origin, "Id") +
                           "' through an origin access identity");
      }
    }
  });
}

void CheckProtectedHttpsOnly(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    if (!IsProtected(view, distribution)) return;
    for (const Json* behavior : Behaviors(distribution.config)) {
      // notes: the mpf-root error files are public.
      if (Text(*behavior, "TargetOriginId") == "mpf-root") continue;
      std::string protocol = Text(*behavior, "ViewerProtocolPolicy");
      if (protocol != "https-only") {
        context.Report(distribution.arn, DistributionAddress(distribution),
                       BehaviorLabel(*behavior) + " of protected " +
                           DistributionLabel(distribution) + " is " + protocol);
      }
    }
  });
}

void CheckErrorPage403To404(LiveContext& context) {
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    // Only the distributions with the notes' mpf-root origin serve MPF's error pages.
    bool mpf_root = false;
    for (const Json& origin : Items(Member(Member(distribution.config, "Origins"), "Items"))) {
      mpf_root = mpf_root || Text(origin, "Id") == "mpf-root";
    }
    if (!mpf_root) return;
    const Json* page = nullptr;
    for (const Json& response :
         Items(Member(Member(distribution.config, "CustomErrorResponses"), "Items"))) {
      if (Number(response, "ErrorCode") == 403) page = &response;
    }
    std::string problem;
    if (page == nullptr) {
      problem = "has no error page for 403";
    } else if (Text(*page, "ResponseCode") != "404") {
      problem = "answers 403 with " + Text(*page, "ResponseCode") + ", not 404";
    } else if (Text(*page, "ResponsePagePath").empty()) {
      problem = "maps 403 to 404 without a page";
    }
    if (!problem.empty()) {
      context.Report(distribution.arn, DistributionAddress(distribution),
                     DistributionLabel(distribution) + " " + problem);
    }
  });
}

void CheckCustomCertificateSni(LiveContext& context) {
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    const Json& certificate = Member(distribution.config, "ViewerCertificate");
    if (Flag(certificate, "CloudFrontDefaultCertificate")) return;
    std::string method = Text(certificate, "SSLSupportMethod");
    if (!method.empty() && method != "sni-only") {
      context.Report(distribution.arn, DistributionAddress(distribution),
                     DistributionLabel(distribution) + " serves its certificate by " + method);
    }
  });
}

void CheckCloudFrontLogging(LiveContext& context) {
  SpecView view(context.stack(), context.live());
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    const Json& logging = Member(distribution.config, "Logging");
    if (!Flag(logging, "Enabled")) {
      context.Report(distribution.arn, DistributionAddress(distribution),
                     DistributionLabel(distribution) + " writes no access logs");
      return;
    }
    // "bucket.s3.amazonaws.com": logs must not land in a bucket the distribution serves.
    std::string bucket = Text(logging, "Bucket");
    bucket = bucket.substr(0, bucket.find(".s3"));
    for (const Json& origin : Items(Member(Member(distribution.config, "Origins"), "Items"))) {
      if (OriginBucket(origin) == bucket) {
        context.Report(
            distribution.arn, DistributionAddress(distribution),
            DistributionLabel(distribution) + " logs into " + bucket + ", a bucket it serves");
        return;
      }
    }
  });
}

void CheckCloudFrontTlsPolicy(LiveContext& context) {
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    const Json& certificate = Member(distribution.config, "ViewerCertificate");
    // The default *.cloudfront.net certificate's protocol version is CloudFront's to choose.
    if (Flag(certificate, "CloudFrontDefaultCertificate")) return;
    std::string tls = Text(certificate, "MinimumProtocolVersion");
    if (!tls.starts_with("TLSv1.2") && !tls.starts_with("TLSv1.3")) {
      context.Report(distribution.arn, DistributionAddress(distribution),
                     DistributionLabel(distribution) + " accepts " + tls);
    }
  });
}

void CheckViewerProtocolNotAllowAll(LiveContext& context) {
  ForEachDistribution(context, [&](const LiveDistribution& distribution) {
    for (const Json* behavior : Behaviors(distribution.config)) {
      if (Text(*behavior, "ViewerProtocolPolicy") == "allow-all") {
        context.Report(distribution.arn, DistributionAddress(distribution),
                       BehaviorLabel(*behavior) + " of " + DistributionLabel(distribution) +
                           " allows plain HTTP");
      }
    }
  });
}

// ------------------------------------------------------------------------------------- IAM

// The SES SMTP user vueops makes for an environment in this account: the one user a
// workload account may hold (SES forces it).
bool IsSmtpUser(const LiveContext& context, const std::string& name) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.account == context.live().account && env.mail && env.mail->smtp_user == name) {
      return true;
    }
  }
  return false;
}

void CheckNoUsersInWorkloadAccounts(LiveContext& context) {
  const spec::Account* account = context.account();
  if (account == nullptr || spec::AccountKindMayHoldUsers(account->kind)) return;
  for (const LiveUser& user : context.live().users) {
    std::string name = Text(user.user, "UserName");
    if (IsSmtpUser(context, name)) continue;
    context.Report(Text(user.user, "Arn"), "",
                   "IAM user " + name + " is in " +
                       std::string(spec::AccountKindName(account->kind)) + " account " +
                       account->name);
  }
}

void CheckOneAccessKeyPerUser(LiveContext& context) {
  for (const LiveUser& user : context.live().users) {
    size_t active = static_cast<size_t>(
        std::count_if(Items(user.access_keys).begin(), Items(user.access_keys).end(),
                      [](const Json& key) { return Text(key, "Status") == "Active"; }));
    if (active > 1) {
      context.Report(Text(user.user, "Arn"), "",
                     "IAM user " + Text(user.user, "UserName") + " has " + std::to_string(active) +
                         " active access keys");
    }
  }
}

void CheckUserPoliciesThroughGroups(LiveContext& context) {
  for (const LiveUser& user : context.live().users) {
    std::string name = Text(user.user, "UserName");
    if (IsSmtpUser(context, name)) continue;  // its one permission is SES's sending right
    size_t count = Items(user.attached_policies).size() + Items(user.inline_policies).size();
    if (count > 0) {
      context.Report(Text(user.user, "Arn"), "",
                     "IAM user " + name + " has " + std::to_string(count) + " policies of its own");
    }
  }
}

// Whether a trust statement asks for MFA (aws:MultiFactorAuthPresent true, or an
// aws:MultiFactorAuthAge bound).
bool AsksForMfa(const Json& statement) {
  for (const auto& [op, tests] : Member(statement, "Condition").items()) {
    if (!tests.is_object()) continue;
    for (const auto& [key, value] : tests.items()) {
      std::string lower = key;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      if (lower == "aws:multifactorauthpresent" || lower == "aws:multifactorauthage") return true;
    }
  }
  return false;
}

void CheckRolesRequireMfa(LiveContext& context) {
  for (const Json& role : context.live().roles) {
    std::string name = Text(role, "RoleName");
    const spec::Role* spec_role = context.stack().access.FindRole(name);
    // The spec's roles (VueAdmin, ...), as the spec asks; AWS's service roles are not people's.
    if (spec_role == nullptr || !spec_role->require_mfa) continue;
    for (const Json& statement : lint::Statements(Member(role, "AssumeRolePolicyDocument"))) {
      if (Text(statement, "Effect") == "Allow" &&
          Member(Member(statement, "Principal"), "AWS").is_null() == false &&
          !AsksForMfa(statement)) {
        context.Report(Text(role, "Arn"), "", "role " + name + " can be assumed without MFA");
        break;
      }
    }
  }
}

// AWS's managed policies that only read (as ops::PrivilegeOf counts them), in any partition.
bool IsReadOnlyManagedPolicy(const std::string& arn) {
  for (const char* name : {"ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit"}) {
    if (arn.starts_with("arn:") && arn.ends_with(":iam::aws:policy/" + std::string(name))) {
      return true;
    }
  }
  return false;
}

// Reports role `name` when its live policies are more than AWS's read-only ones: an attached
// policy that is not read-only, or any inline policy (which the read-only permission set has
// none of).
void CheckRoleReadOnly(LiveContext& context, const std::string& name) {
  for (const Json& role : context.live().roles) {
    if (Text(role, "RoleName") != name) continue;
    std::vector<std::string> extra;
    for (const Json& attached : Items(Member(role, "AttachedPolicies"))) {
      if (!IsReadOnlyManagedPolicy(Text(attached, "PolicyArn"))) {
        extra.push_back(Text(attached, "PolicyName"));
      }
    }
    for (const Json& policy : Items(Member(role, "PolicyNames"))) {
      if (policy.is_string()) extra.push_back(policy.get<std::string>() + " (inline)");
    }
    if (extra.empty()) continue;
    std::string list;
    for (const std::string& one : extra) list += (list.empty() ? "" : ", ") + one;
    context.Report(Text(role, "Arn"), "",
                   "role " + name + " in " + context.live().account +
                       " has more than read-only "
                       "policies: " +
                       list);
  }
}

void CheckVueDevReadOnlyOnProduction(LiveContext& context) {
  if (IsProductionAccount(context)) CheckRoleReadOnly(context, "VueDev");
}

void CheckVueReadReadOnly(LiveContext& context) { CheckRoleReadOnly(context, "VueRead"); }

// ------------------------------------------------------------------------------------- DNS

void CheckFailoverHealthChecks(LiveContext& context) {
  for (const LiveZone& zone : context.live().zones) {
    std::string id = Text(zone.zone, "Id");
    if (id.starts_with("/hostedzone/")) id = id.substr(sizeof("/hostedzone/") - 1);
    for (const Json& record : Items(zone.records)) {
      if (Text(record, "Failover") == "PRIMARY" && Text(record, "HealthCheckId").empty()) {
        context.Report("arn:" + context.live().partition + ":route53:::hostedzone/" + id, "",
                       "failover primary " + Text(record, "Name") + " " + Text(record, "Type") +
                           " has no health check");
      }
    }
  }
}

const LiveCheck kChecks[] = {
    {"VO101", CheckNoUsersInWorkloadAccounts},
    {"VO104", CheckVueDevReadOnlyOnProduction},
    {"VO105", CheckVueReadReadOnly},
    {"VO108", CheckRolesRequireMfa},
    {"VO110", CheckOneAccessKeyPerUser},
    {"VO111", CheckUserPoliciesThroughGroups},
    {"VO201", CheckSshNeverFromWorld},
    {"VO202", CheckSshOnlyFromDevopsIps},
    {"VO203", CheckServerHttpOnlyFromLoadBalancer},
    {"VO204", CheckMysqlOnlyFromServers},
    {"VO205", CheckRedisOnlyFromServers},
    {"VO208", CheckLoadBalancerPortsOnly},
    {"VO209", CheckOnlyLoadBalancerFacesWorld},
    {"VO210", CheckNoAllPortsRules},
    {"VO214", CheckFlowLogs},
    {"VO215", CheckDefaultSecurityGroupClosed},
    {"VO301", CheckImdsv2Required},
    {"VO302", CheckMetadataHopLimit},
    {"VO303", CheckRootVolumeEncrypted},
    {"VO401", CheckDatabaseMultiAz},
    {"VO402", CheckCacheMultiAz},
    {"VO403", CheckDatabaseEncrypted},
    {"VO404", CheckCacheEncryptedAtRest},
    {"VO405", CheckCacheTls},
    {"VO408", CheckDatabaseBackups},
    {"VO409", CheckDatabaseDeletionProtection},
    {"VO410", CheckDatabaseMinorUpgrades},
    {"VO414", CheckDatabaseNotPublic},
    {"VO415", CheckCacheSnapshots},
    {"VO501", CheckHttpsOn443},
    {"VO502", CheckListenerPorts},
    {"VO505", CheckListenerTlsPolicy},
    {"VO506", CheckDropInvalidHeaders},
    {"VO507", CheckAccessLogs},
    {"VO508", CheckLoadBalancerDeletionProtection},
    {"VO601", CheckBucketPublicAccessBlock},
    {"VO602", CheckBucketVersioning},
    {"VO603", CheckBucketOldVersionLifecycle},
    {"VO606", CheckBucketCrossAccountBackup},
    {"VO607", CheckBucketMfaDelete},
    {"VO608", CheckBucketDeniesPlainHttp},
    {"VO609", CheckBucketAccessLogging},
    {"VO701", CheckOriginAccessControl},
    {"VO703", CheckProtectedHttpsOnly},
    {"VO707", CheckErrorPage403To404},
    {"VO710", CheckCustomCertificateSni},
    {"VO711", CheckCloudFrontLogging},
    {"VO712", CheckCloudFrontTlsPolicy},
    {"VO713", CheckViewerProtocolNotAllowAll},
    {"VO805", CheckFailoverHealthChecks},
};

}  // namespace

std::span<const LiveCheck> AllLiveChecks() { return kChecks; }

void LiveContext::Report(std::string arn, std::string address, std::string message) {
  lint::Finding& finding = findings_.emplace_back();
  finding.rule = &rule_;
  finding.subject = address.empty() ? arn : std::move(address);
  finding.arn = std::move(arn);
  finding.message = std::move(message);
}

}  // namespace vueops::audit
