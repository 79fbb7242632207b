// Resolving an environment's account, zones, network, security groups, servers and data
// stores (notes: "VPC / Regions / AZ", "Network Security Groups", "EC2", "RDS",
// "Elasticache").
#include <algorithm>
#include <cctype>
#include <cmath>

#include "spec/resolve.h"

namespace vueops::spec {
namespace {

// notes: "All of those resources should be configured to use multi-AZ".
constexpr int kDefaultZoneCount = 2;

std::vector<std::string> Names(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

void ResolveAccount(DecodeContext& context, const Stack& stack, Environment& env) {
  std::vector<std::string> accounts;
  for (const Account& account : stack.organization.accounts) accounts.push_back(account.name);
  if (env.account.empty() ||
      !CheckReference(context, env.At("account"), "environment '" + env.name + "'", "account",
                      env.account, accounts)) {
    return;
  }
  const Account* account = stack.organization.FindAccount(env.account);
  if (account->kind != AccountKind::kProduction && account->kind != AccountKind::kSandbox) {
    context.Error("spec.value", env.At("account"),
                  "environment '" + env.name + "' is in account '" + account->name + "' (" +
                      std::string(AccountKindName(account->kind)) + ")",
                  "environments live in production or sandbox accounts (vueprod, vuedev, ...); "
                  "notes: the other accounts hold identity, backups and tool state");
  }
}

// Subnets are /16 to /28 (Amazon VPC User Guide, "Subnet CIDR blocks").
constexpr int kSmallestSubnetPrefix = 28;

// The prefix of derived subnets: a sixteenth of the VPC (a /20 of a /16), which leaves room
// to grow, but never smaller than AWS allows.
int DerivedSubnetPrefix(const Cidr& vpc) { return std::min(vpc.prefix + 4, kSmallestSubnetPrefix); }

// Carves `count` subnets out of the VPC block: public ones from the bottom half, private
// ones from the top half. REQUIRES: `count` fits in a half (see ResolveNetwork).
void DeriveSubnets(const Network& network, size_t count, bool private_half,
                   std::vector<Subnet>* out) {
  int prefix = DerivedSubnetPrefix(network.vpc_cidr);
  uint64_t half = (uint64_t{1} << (prefix - network.vpc_cidr.prefix)) / 2;
  for (size_t i = 0; i < count; ++i) {
    Subnet& subnet = out->emplace_back();
    subnet.location = network.location;
    subnet.cidr = NthSubnet(network.vpc_cidr, prefix, (private_half ? half : 0) + i);
  }
}

void PlaceSubnets(DecodeContext& context, const Environment& env, std::string_view kind,
                  std::vector<Subnet>& subnets) {
  if (subnets.size() != env.availability_zones.size()) {
    auto count = [](size_t n, const std::string& noun) {
      return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    };
    context.Error("spec.value", env.network.At(std::string(kind) + "_subnets"),
                  "environment '" + env.name + "' has " +
                      count(env.availability_zones.size(), "availability zone") + " but " +
                      count(subnets.size(), std::string(kind) + " subnet"),
                  "write one subnet per zone, in the order of availability_zones");
  }
  for (size_t i = 0; i < subnets.size() && i < env.availability_zones.size(); ++i) {
    subnets[i].availability_zone = env.availability_zones[i];
  }
}

}  // namespace

void ResolveNetwork(DecodeContext& context, Environment& env) {
  if (env.availability_zones.empty()) {
    for (int i = 0; i < kDefaultZoneCount; ++i) {
      env.availability_zones.push_back(env.region + static_cast<char>('a' + i));
    }
  }
  Network& network = env.network;
  if (network.vpc_cidr.prefix == 0) return;  // the VPC block was missing or invalid
  size_t zones = env.availability_zones.size();
  bool derive_public = !network.Has("public_subnets");
  bool derive_private = !network.Has("private_subnets");
  if (derive_public || derive_private) {
    // Derived subnets take halves of the VPC: public the bottom, private the top.
    int prefix = DerivedSubnetPrefix(network.vpc_cidr);
    uint64_t per_half = (uint64_t{1} << (prefix - network.vpc_cidr.prefix)) / 2;
    if (zones > per_half) {
      context.Error("spec.cidr", network.At("vpc_cidr"),
                    "vpc_cidr " + network.vpc_cidr.ToString() + " is too small for a public " +
                        "and a private subnet in each of " + std::to_string(zones) +
                        " availability zones (AWS subnets are /28 or larger)",
                    "use a /24 or larger block, or list public_subnets and private_subnets");
      return;
    }
  }
  if (derive_public) DeriveSubnets(network, zones, false, &network.public_subnets);
  if (derive_private) DeriveSubnets(network, zones, true, &network.private_subnets);
  PlaceSubnets(context, env, "public", network.public_subnets);
  if (!network.private_subnets.empty()) PlaceSubnets(context, env, "private", network.private_subnets);
  if (network.private_subnets.empty()) network.nat = NatMode::kNone;
  std::vector<const Subnet*> all;
  for (const Subnet& subnet : network.public_subnets) all.push_back(&subnet);
  for (const Subnet& subnet : network.private_subnets) all.push_back(&subnet);
  std::erase_if(all, [](const Subnet* subnet) { return subnet->Has(kUnparsedSubnet); });
  for (size_t i = 0; i < all.size(); ++i) {
    const Subnet& subnet = *all[i];
    if (!CidrContains(network.vpc_cidr, subnet.cidr)) {
      context.Error("spec.cidr", subnet.location,
                    "subnet " + subnet.cidr.ToString() + " is outside the VPC block " +
                        network.vpc_cidr.ToString(),
                    "subnets are carved from vpc_cidr; leave the subnet lists out and vueops "
                    "carves one per zone");
      continue;
    }
    if (subnet.cidr.prefix > kSmallestSubnetPrefix) {
      context.Error("spec.cidr", subnet.location,
                    "subnet " + subnet.cidr.ToString() + " is smaller than a /28, AWS's minimum");
    }
    for (size_t j = 0; j < i; ++j) {
      if (CidrsOverlap(subnet.cidr, all[j]->cidr)) {
        context.Error("spec.cidr", subnet.location,
                      "subnet " + subnet.cidr.ToString() + " overlaps subnet " +
                          all[j]->cidr.ToString() + " (line " +
                          std::to_string(all[j]->location.line) + ")",
                      "subnets of one VPC must not share addresses");
        break;
      }
    }
  }
}

namespace {

// notes, Network Security Groups: ELB public on 80 and 443; servers 80 from the ELB and 22
// from the DevOps IPs; RDS 3306 and Redis 6379 from the servers.
std::vector<SecurityGroup> DerivedSecurityGroups(const Environment& env) {
  using Kind = RuleSource::Kind;
  std::vector<SecurityGroup> groups;
  auto add = [&](std::string name, std::string description) -> SecurityGroup& {
    SecurityGroup& group = groups.emplace_back();
    group.name = std::move(name);
    group.description = std::move(description);
    group.derived = true;
    group.location = env.location;
    return group;
  };
  auto rule = [](SecurityGroup& group, int port, Kind kind, std::string from,
                 std::string description) {
    IngressRule& ingress = group.ingress.emplace_back();
    ingress.location = group.location;
    ingress.ports = {port, port};
    RuleSource& source = ingress.sources.emplace_back();
    source.kind = kind;
    source.security_group = std::move(from);
    source.location = group.location;
    ingress.description = std::move(description);
  };
  if (env.load_balancer) {
    SecurityGroup& lb = add("load_balancer", "Load balancer: HTTP and HTTPS from the internet");
    rule(lb, 80, Kind::kWorld, "", "HTTP from anywhere");
    rule(lb, 443, Kind::kWorld, "", "HTTPS from anywhere");
  }
  if (env.servers) {
    SecurityGroup& servers =
        add("servers", "Servers: web traffic from the load balancer, SSH from the DevOps IPs");
    if (env.load_balancer) {
      rule(servers, 80, Kind::kSecurityGroup, "load_balancer",
           "HTTP from the load balancer, which terminates SSL");
    }
    if (!env.devops_ips.empty()) rule(servers, 22, Kind::kDevopsIps, "", "SSH from DevOps IPs");
  }
  // A database or cache always has its group (its default security_groups name it); without
  // servers nothing may reach it yet, so the group admits nothing.
  if (env.database) {
    SecurityGroup& db = add("database", "RDS MySQL: 3306 from the servers");
    if (env.servers) rule(db, 3306, Kind::kSecurityGroup, "servers", "MySQL from the servers");
  }
  if (env.cache) {
    SecurityGroup& cache = add("cache", "ElastiCache Redis: 6379 from the servers");
    if (env.servers) rule(cache, 6379, Kind::kSecurityGroup, "servers", "Redis from the servers");
  }
  return groups;
}

}  // namespace

// A group the spec writes replaces the derived group of that name; the others are derived.
void ResolveSecurityGroups(DecodeContext& context, Environment& env) {
  std::vector<SecurityGroup> derived = DerivedSecurityGroups(env);
  for (auto it = derived.rbegin(); it != derived.rend(); ++it) {
    if (env.FindSecurityGroup(it->name) == nullptr) {
      env.security_groups.insert(env.security_groups.begin(), std::move(*it));
    }
  }
  std::vector<std::string> groups = Names(env.security_groups);
  for (const SecurityGroup& group : env.security_groups) {
    std::string owner = "security group '" + group.name + "'";
    for (const IngressRule& rule : group.ingress) {
      for (const RuleSource& source : rule.sources) {
        if (source.kind == RuleSource::Kind::kSecurityGroup) {
          CheckReference(context, source.location, owner, "security group",
                         source.security_group, groups);
        } else if (source.kind == RuleSource::Kind::kDevopsIps && env.devops_ips.empty()) {
          context.Error("spec.reference", source.location,
                        owner + " admits devops_ips, but environment '" + env.name +
                            "' lists none",
                        "add devops_ips: [203.0.113.7/32] to the environment");
        }
      }
    }
  }
  auto check_members = [&](const std::vector<std::string>& members, const Element& owner_element,
                           const std::string& owner) {
    for (size_t i = 0; i < members.size(); ++i) {
      CheckReference(context, owner_element.At("security_groups", i), owner, "security group",
                     members[i], groups);
    }
  };
  if (env.servers) check_members(env.servers->security_groups, *env.servers, "servers");
  if (env.database) check_members(env.database->security_groups, *env.database, "database");
  if (env.cache) check_members(env.cache->security_groups, *env.cache, "cache");
  if (env.load_balancer) {
    check_members(env.load_balancer->security_groups, *env.load_balancer, "load_balancer");
  }
}

void ResolveServers(DecodeContext& context, Environment& env) {
  if (!env.servers) return;
  Servers& servers = *env.servers;
  std::vector<std::string> target_groups;
  if (env.load_balancer) target_groups = Names(env.load_balancer->target_groups);
  for (ServerProfile& profile : servers.profiles) {
    if (profile.ami.empty()) profile.ami = servers.ami;
    std::string owner = "server profile '" + profile.name + "'";
    if (!profile.target_group.empty()) {
      if (!env.load_balancer) {
        context.Error("spec.reference", profile.At("target_group"),
                      owner + " names target group '" + profile.target_group +
                          "', but the environment has no load_balancer");
      } else {
        CheckReference(context, profile.At("target_group"), owner, "target group",
                       profile.target_group, target_groups);
      }
    } else if (profile.serves_traffic && env.load_balancer) {
      // A profile FOH finds target group foh without being told.
      std::string lower = profile.name;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      if (env.load_balancer->FindTargetGroup(lower) != nullptr) profile.target_group = lower;
    }
    if (!profile.serves_traffic && !profile.target_group.empty() && profile.Has("target_group")) {
      context.Error("spec.value", profile.At("serves_traffic"),
                    owner + " serves no traffic but names target group '" +
                        profile.target_group + "'");
    }
  }
  std::vector<std::string> profiles = Names(servers.profiles);
  std::vector<std::string> elastic_ips = env.dns ? env.dns->elastic_ips : std::vector<std::string>{};
  for (DevServer& server : servers.dev_servers) {
    std::string owner = "dev server '" + server.name + "'";
    if (CheckReference(context, server.At("profile"), owner, "profile", server.profile,
                       profiles) &&
        server.instance_type.empty()) {
      server.instance_type = servers.FindProfile(server.profile)->instance_types.empty()
                                 ? ""
                                 : servers.FindProfile(server.profile)->instance_types.front();
    }
    if (!server.elastic_ip.empty()) {
      CheckReference(context, server.At("elastic_ip"), owner, "elastic IP", server.elastic_ip,
                     elastic_ips);
    }
  }
}

int FleetConnectionDemand(const Servers& servers) {
  int demand = 0;
  for (const ServerProfile& profile : servers.profiles) {
    demand += profile.capacity.max * profile.uwsgi_processes;
  }
  for (const DevServer& server : servers.dev_servers) {
    if (const ServerProfile* profile = servers.FindProfile(server.profile)) {
      demand += profile->uwsgi_processes;
    }
  }
  return demand;
}

int AutoMaxConnections(int demand) {
  constexpr double kHeadroom = 1.2;
  constexpr int kOperatorConnections = 10;
  return static_cast<int>(std::ceil(demand * kHeadroom)) + kOperatorConnections;
}

void ResolveDataStores(DecodeContext& context, const Stack& stack, Environment& env) {
  std::vector<std::string> secrets = Names(env.secrets);
  std::vector<std::string> accounts;
  for (const Account& account : stack.organization.accounts) accounts.push_back(account.name);
  if (env.database) {
    Database& db = *env.database;
    if (db.max_connections_auto) {
      db.max_connections = AutoMaxConnections(env.servers ? FleetConnectionDemand(*env.servers) : 0);
    }
    CheckReference(context, db.At("master_password_secret"), "database", "secret",
                   db.master_password_secret, secrets);
    // notes: vueback is "Used for backups": snapshots are copied there unless the spec names
    // another account (or copy_to_account: "" to keep them in the environment's account).
    if (!db.Has("backup_copy_account") && db.backup_copy_account.empty()) {
      if (const Account* backup = stack.organization.FirstOfKind(AccountKind::kBackup)) {
        db.backup_copy_account = backup->name;
      }
    }
    if (!db.backup_copy_account.empty()) {
      CheckReference(context, db.At("backup"), "database backup", "account",
                     db.backup_copy_account, accounts);
    }
  }
}

void ResolveEnvironment(DecodeContext& context, const Stack& stack, Environment& env) {
  ResolveAccount(context, stack, env);
  ResolveNetwork(context, env);
  ResolveSecurityGroups(context, env);
  ResolveServers(context, env);
  ResolveDataStores(context, stack, env);
  ResolveBucketsAndSecrets(context, stack, env);
  ResolveEdge(context, stack, env);
  if (env.app_credentials == AppCredentials::kSharedKey) {
    std::vector<std::string> users = Names(stack.access.users);
    if (env.app_key_user.empty()) {
      context.Error("spec.missing", env.At("application"),
                    "application credentials: shared-key needs key_user, the IAM user whose "
                    "key MPF uses");
    } else {
      CheckReference(context, env.At("application"), "application", "user", env.app_key_user,
                     users);
    }
  }
}

}  // namespace vueops::spec
