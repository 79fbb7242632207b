// Rules of the notes' "VPC / Regions / AZ" and "Network Security Groups" sections (VO2xx).
//
// The anchors (Prowler, Checkov, CIS) only ask "is a port open to 0.0.0.0/0"; the notes ask
// who may reach whom: 80 only from the ELB's group, 3306 and 6379 only from the servers'
// group, 22 only from the DevOps IPs. These rules follow security-group references.
#include <algorithm>

#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

// notes, Network Security Groups, "Other possibilities for dev/test": Route53 health-check
// pings on port 80 come from 54.224.0.0/11.
constexpr const char* kRoute53HealthCheckRange = "54.224.0.0/11";
// A DevOps range wider than this lets too many unknown hosts reach SSH.
constexpr int kNarrowestWideRange = 24;

std::string RuleAddress(const spec::Environment& env, const spec::SecurityGroup& group) {
  return Address(env.name, "security_group", group.name);
}

// Reports every source of a rule admitting `port` on the groups in `members` that is not
// the group named `allowed` (by reference or membership).
void CheckOnlyFromGroup(RuleContext& context, const spec::Environment& env,
                        const std::vector<std::string>& members, int port,
                        const std::string& allowed, std::string_view service) {
  ForEachRuleOf(env, members, [&](const spec::SecurityGroup& group, const spec::IngressRule& rule) {
    if (!AdmitsTcpPort(rule, port)) return;
    for (const spec::RuleSource& source : rule.sources) {
      bool ok = (source.kind == spec::RuleSource::Kind::kSecurityGroup &&
                 source.security_group == allowed) ||
                (source.kind == spec::RuleSource::Kind::kSelf && group.name == allowed);
      if (!ok) {
        context.Report(source.location, RuleAddress(env, group),
                       std::string(service) + " port " + std::to_string(port) + " is open to " +
                           source.Describe());
      }
    }
  });
}

}  // namespace

void CheckSshNeverFromWorld(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::SecurityGroup& group : env.security_groups) {
      for (const spec::IngressRule& rule : group.ingress) {
        if (!AdmitsTcpPort(rule, 22)) continue;
        for (const spec::RuleSource& source : rule.sources) {
          if (IsWorld(source)) {
            context.Report(source.location, RuleAddress(env, group), "port 22 is open to the world");
          }
        }
      }
    }
  }
}

void CheckSshOnlyFromDevopsIps(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::SecurityGroup& group : env.security_groups) {
      for (const spec::IngressRule& rule : group.ingress) {
        if (!AdmitsTcpPort(rule, 22) || rule.ports.IsAll()) continue;
        for (const spec::RuleSource& source : rule.sources) {
          // The world is VO201's finding; everything else that is not a DevOps IP is ours.
          if (!IsWorld(source) && !WithinDevopsIps(env, source)) {
            context.Report(source.location, RuleAddress(env, group),
                           "port 22 is open to " + source.Describe());
          }
        }
      }
    }
  }
}

void CheckServerHttpOnlyFromLoadBalancer(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  spec::Cidr health_checks = *spec::ParseCidr(kRoute53HealthCheckRange);
  for (const spec::Environment& env : stack.environments) {
    if (!env.servers || !env.load_balancer) continue;
    const std::vector<std::string>& lb_groups = env.load_balancer->security_groups;
    bool sandbox = EnvironmentKind(stack, env) == spec::AccountKind::kSandbox;
    ForEachRuleOf(env, env.servers->security_groups,
                  [&](const spec::SecurityGroup& group, const spec::IngressRule& rule) {
                    if (!AdmitsTcpPort(rule, 80)) return;
                    for (const spec::RuleSource& source : rule.sources) {
                      bool from_lb = source.kind == spec::RuleSource::Kind::kSecurityGroup &&
                                     std::find(lb_groups.begin(), lb_groups.end(),
                                               source.security_group) != lb_groups.end();
                      bool health_check = sandbox && source.kind == spec::RuleSource::Kind::kCidr &&
                                          spec::CidrContains(health_checks, source.cidr);
                      if (!from_lb && !health_check) {
                        context.Report(source.location, RuleAddress(env, group),
                                       "servers take port 80 from " + source.Describe());
                      }
                    }
                  });
  }
}

void CheckMysqlOnlyFromServers(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.database) continue;
    std::string servers = env.servers && !env.servers->security_groups.empty()
                              ? env.servers->security_groups.front()
                              : "servers";
    CheckOnlyFromGroup(context, env, env.database->security_groups, 3306, servers, "MySQL");
  }
}

void CheckRedisOnlyFromServers(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cache) continue;
    std::string servers = env.servers && !env.servers->security_groups.empty()
                              ? env.servers->security_groups.front()
                              : "servers";
    CheckOnlyFromGroup(context, env, env.cache->security_groups, 6379, servers, "Redis");
  }
}

void CheckDatabaseReachableFromServers(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.database || !env.servers) continue;
    if (!GroupsAdmit(env, env.database->security_groups, env.servers->security_groups, 3306)) {
      context.Report(env.database->At("security_groups"), Address(env.name, "database"),
                     "no group of the database admits 3306 from the servers' groups");
    }
  }
}

void CheckCacheReachableFromServers(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cache || !env.servers) continue;
    if (!GroupsAdmit(env, env.cache->security_groups, env.servers->security_groups, 6379)) {
      context.Report(env.cache->At("security_groups"), Address(env.name, "cache"),
                     "no group of the cache admits 6379 from the servers' groups");
    }
  }
}

void CheckLoadBalancerPortsOnly(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    ForEachRuleOf(env, env.load_balancer->security_groups,
                  [&](const spec::SecurityGroup& group, const spec::IngressRule& rule) {
                    bool web = rule.protocol == "tcp" && rule.ports.from == rule.ports.to &&
                               (rule.ports.from == 80 || rule.ports.from == 443);
                    if (!web) {
                      context.Report(rule.location, RuleAddress(env, group),
                                     "the load balancer admits " + rule.protocol + " " +
                                         rule.ports.ToString());
                    }
                  });
  }
}

void CheckOnlyLoadBalancerFacesWorld(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    std::vector<std::string> lb_groups;
    if (env.load_balancer) lb_groups = env.load_balancer->security_groups;
    for (const spec::SecurityGroup& group : env.security_groups) {
      if (std::find(lb_groups.begin(), lb_groups.end(), group.name) != lb_groups.end()) continue;
      for (const spec::IngressRule& rule : group.ingress) {
        // SSH to the world is VO201's finding.
        if (AdmitsTcpPort(rule, 22) && rule.ports.from == rule.ports.to) continue;
        for (const spec::RuleSource& source : rule.sources) {
          if (IsWorld(source)) {
            context.Report(source.location, RuleAddress(env, group),
                           rule.ports.ToString() + " is open to the world");
          }
        }
      }
    }
  }
}

void CheckNoAllPortsRules(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::SecurityGroup& group : env.security_groups) {
      for (const spec::IngressRule& rule : group.ingress) {
        bool self_only = std::all_of(rule.sources.begin(), rule.sources.end(),
                                     [](const spec::RuleSource& s) {
                                       return s.kind == spec::RuleSource::Kind::kSelf;
                                     });
        if ((rule.ports.IsAll() || rule.protocol == "all") && !self_only) {
          context.Report(rule.location, RuleAddress(env, group),
                         "a rule opens every port to " + rule.sources.front().Describe());
        }
      }
    }
  }
}

void CheckPrivateSubnets(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers) continue;
    if (env.network.private_subnets.empty()) {
      context.Report(env.network.At("private_subnets"), Address(env.name, "network"),
                     "the VPC has no private subnets, so servers run in public ones");
    } else if (env.servers->placement == "public") {
      context.Report(env.servers->At("placement"), Address(env.name, "servers"),
                     "servers are placed in the public subnets");
    }
  }
}

void CheckMultipleZones(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.availability_zones.size() < 2) {
      context.Report(env.At("availability_zones"), Address(env.name, "network"),
                     "environment '" + env.name + "' uses one availability zone");
    }
  }
}

void CheckSingleRegion(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Environment& env : stack.environments) {
    if (env.region != stack.region) {
      context.Report(env.At("region"), Address(env.name, "environment"),
                     "environment '" + env.name + "' is in " + env.region + ", the stack in " +
                         stack.region);
    }
  }
}

void CheckFlowLogs(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.network.flow_logs) {
      context.Report(env.network.At("flow_logs"), Address(env.name, "network"),
                     "VPC flow logs are off");
    }
  }
}

void CheckDefaultSecurityGroupClosed(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.network.restrict_default_security_group) {
      context.Report(env.network.At("restrict_default_security_group"),
                     Address(env.name, "network"), "the default security group keeps its rules");
    }
  }
}

void CheckS3EndpointForBuckets(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.network.s3_endpoint) continue;
    for (const spec::Bucket& bucket : env.buckets) {
      if (bucket.vpc_endpoint_access) {
        context.Report(env.network.At("s3_endpoint"), Address(env.name, "bucket", bucket.key),
                       "bucket '" + bucket.key + "' admits the VPC endpoint, but there is none");
      }
    }
  }
}

void CheckRuleDescriptions(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::SecurityGroup& group : env.security_groups) {
      for (const spec::IngressRule& rule : group.ingress) {
        if (rule.description.empty()) {
          context.Report(rule.location, RuleAddress(env, group),
                         "a rule for " + rule.ports.ToString() + " has no description");
        }
      }
    }
  }
}

void CheckDevopsIpsNarrow(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::DevopsIp& ip : env.devops_ips) {
      if (!ip.cidr.ipv6 && ip.cidr.prefix < kNarrowestWideRange) {
        context.Report(ip.location, Address(env.name, "devops_ips"),
                       ip.cidr.ToString() + " spans " + std::to_string(ip.cidr.Size()) +
                           " addresses");
      }
    }
  }
}

}  // namespace vueops::lint
