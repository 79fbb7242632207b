#include "graph/topology.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "resources/resource_type.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;

constexpr const char* kWorldId = "world";
constexpr const char* kWorldIpv4 = "0.0.0.0/0";
constexpr const char* kWorldIpv6 = "::/0";
constexpr const char* kAllProtocols = "-1";

// The address a {"$ref": ...} names, or "".
std::string ReferencedAddress(const Json& value) {
  return resources::IsReference(value) ? value["$ref"].get<std::string>() : "";
}

std::vector<std::string> ReferencedAddresses(const Json& value) {
  std::set<std::string> addresses;
  resources::CollectReferences(value, &addresses);
  return {addresses.begin(), addresses.end()};
}

// object[key], or null when `object` is not an object or lacks it (const operator[] would
// be undefined behaviour).
const Json& Member(const Json& object, const char* key) {
  static const Json null;
  if (!object.is_object()) return null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string Text(const Json& object, const char* key) {
  const Json& value = Member(object, key);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return "";
}

std::string NameOf(const std::string& address) {
  Result<resources::AddressParts> parts = resources::ParseAddress(address);
  return parts.ok() ? parts->name : address;
}

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// The names of the subnets `value` refers to: "private-a, private-b".
std::string SubnetNames(const Json& value) {
  std::vector<std::string> names;
  for (const std::string& address : ReferencedAddresses(value)) names.push_back(NameOf(address));
  return Join(names, ", ");
}

// A security-group rule's ports as operators say them: "80", "8000-8010", "53/udp", "all".
// The number sorts the labels of one edge.
std::pair<int, std::string> RulePorts(const Json& rule) {
  std::string protocol = Text(rule, "protocol");
  int from = rule.value("from_port", 0), to = rule.value("to_port", 0);
  if (protocol == kAllProtocols) return {-1, "all traffic"};
  if (protocol == "icmp") return {-1, "icmp"};
  std::string ports =
      from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
  return {from, protocol == "tcp" ? ports : ports + "/" + protocol};
}

// A box of the picture while it is being filled: ordered maps keep the output the same
// whatever order the resources come in.
struct Box {
  std::string id;
  std::string label;
  std::map<std::string, TopologyNode> nodes;
  std::map<std::string, Box> boxes;  // by display order key

  TopologyCluster ToCluster() const {
    TopologyCluster cluster{id, label, {}, {}};
    for (const auto& [node_id, node] : nodes) cluster.nodes.push_back(node);
    for (const auto& [order, box] : boxes) cluster.clusters.push_back(box.ToCluster());
    return cluster;
  }
};

void CollectNodeIds(const TopologyCluster& cluster, std::set<std::string>* ids) {
  for (const TopologyNode& node : cluster.nodes) ids->insert(node.id);
  for (const TopologyCluster& inner : cluster.clusters) CollectNodeIds(inner, ids);
}

// "0007": a display order key that sorts as the numbers do.
std::string OrderKey(size_t index) {
  std::string digits = std::to_string(index);
  return std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

class TopologyBuilder {
 public:
  TopologyBuilder(const spec::Stack& stack, const std::vector<DesiredResource>& resources,
                  const TopologyOptions& options)
      : stack_(stack), options_(options) {
    for (const DesiredResource& resource : resources) by_address_[resource.address] = &resource;
  }

  Topology Build() {
    Topology topology;
    topology.title =
        stack_.name + " topology: " +
        (options_.environments.empty() ? "every environment" : Join(options_.environments, ", "));
    if (options_.environments.empty()) AccountSummaries();
    for (const auto& [address, resource] : by_address_) Add(*resource);
    std::set<std::string> drawn;
    for (const auto& [address, box] : accounts_) {
      topology.accounts.push_back(box.ToCluster());
      CollectNodeIds(topology.accounts.back(), &drawn);
    }
    for (const auto& [id, node] : outside_) {
      topology.nodes.push_back(node);
      drawn.insert(id);
    }
    for (const auto& [key, labels] : edges_) {
      const auto& [from, to, kind] = key;
      // An edge to something left out of the picture (another environment, a record type
      // not drawn) would make graphviz invent a bare node.
      if (!drawn.contains(from) || !drawn.contains(to)) continue;
      bool flow = kind == EdgeKind::kFlow || kind == EdgeKind::kFlowFromWorld ||
                  kind == EdgeKind::kFlowFromDevops;
      std::vector<std::string> texts;
      for (const auto& [order, text] : labels) {
        if (!text.empty()) texts.push_back(text);
      }
      topology.edges.push_back({from, to, kind, Join(texts, flow ? ", " : "\n")});
    }
    return topology;
  }

 private:
  bool Drawn(const std::string& scope) const {
    if (options_.environments.empty()) return stack_.FindEnvironment(scope) != nullptr;
    for (const std::string& name : options_.environments) {
      if (name == scope) return true;
    }
    return false;
  }

  std::string AccountName(const std::string& account) const {
    return account.empty() ? stack_.organization.management_account : account;
  }

  Box& AccountBox(const std::string& account_name) {
    size_t index = stack_.organization.accounts.size();
    std::string kind;
    for (size_t i = 0; i < stack_.organization.accounts.size(); ++i) {
      const spec::Account& account = stack_.organization.accounts[i];
      if (account.name == account_name) {
        index = i;
        kind = std::string(spec::AccountKindName(account.kind));
      }
    }
    Box& box = accounts_[OrderKey(index) + ":" + account_name];
    box.id = "cluster_account_" + account_name;
    box.label = "account " + account_name + (kind.empty() ? "" : " (" + kind + ")");
    return box;
  }

  // The box of `resource`'s environment inside its account.
  Box& EnvironmentBox(const DesiredResource& resource, const spec::Environment& env) {
    std::string account = AccountName(resource.account);
    Box& account_box = AccountBox(account);
    size_t index = static_cast<size_t>(&env - stack_.environments.data());
    Box& box = account_box.boxes[OrderKey(index) + ":" + env.name];
    box.id = "cluster_environment_" + account + "_" + env.name;
    box.label = account == env.account ? "environment " + env.name + " · " + env.region
                                       : "environment " + env.name + " · copies";
    return box;
  }

  Box& VpcBox(Box& environment, const spec::Environment& env) {
    Box& box = environment.boxes["0:vpc"];
    box.id = "cluster_vpc_" + env.name;
    if (box.label.empty()) box.label = "VPC";  // the vpc resource names its block
    return box;
  }

  Box& ZoneBox(Box& vpc, const spec::Environment& env, const std::string& zone) {
    Box& box = vpc.boxes["zone:" + zone];
    box.id = "cluster_zone_" + env.name + "_" + zone;
    box.label = zone;
    return box;
  }

  static void Node(Box& box, const std::string& id, NodeKind kind, std::string label) {
    box.nodes[id] = TopologyNode{id, kind, std::move(label)};
  }

  void Edge(const std::string& from, const std::string& to, EdgeKind kind, std::string label,
            int order = 0) {
    edges_[{from, to, kind}].insert({order, std::move(label)});
  }

  // Each account of the organization, with what it holds outside the environments.
  void AccountSummaries() {
    std::map<std::string, std::map<std::string, int>> counts;  // account -> type -> count
    for (const auto& [address, resource] : by_address_) {
      if (!address.starts_with("org.")) continue;
      counts[AccountName(resource->account)][std::string(resource->type->name())]++;
    }
    for (const spec::Account& account : stack_.organization.accounts) {
      std::string label = account.name;
      for (const auto& [type, count] : counts[account.name]) {
        std::string words = type;
        for (char& c : words) c = c == '_' ? ' ' : c;
        label += "\n" + words + (count > 1 ? " ×" + std::to_string(count) : "");
      }
      Node(AccountBox(account.name), "account:" + account.name, NodeKind::kAccountSummary, label);
    }
  }

  void Add(const DesiredResource& resource) {
    Result<resources::AddressParts> parts = resources::ParseAddress(resource.address);
    if (!parts.ok() || !Drawn(parts->scope)) return;
    const spec::Environment& env = *stack_.FindEnvironment(parts->scope);
    const std::string& type = parts->type;
    const std::string& name = parts->name;
    const Json& attributes = resource.attributes;
    const std::string& address = resource.address;
    if (type == "vpc") {
      VpcBox(EnvironmentBox(resource, env), env).label = "VPC " + Text(attributes, "cidr_block");
    } else if (type == "subnet") {
      Box& vpc = VpcBox(EnvironmentBox(resource, env), env);
      bool is_public = name.starts_with("public-");
      Node(ZoneBox(vpc, env, Text(attributes, "availability_zone")), address,
           is_public ? NodeKind::kSubnetPublic : NodeKind::kSubnetPrivate,
           (is_public ? "public subnet " : "private subnet ") + name.substr(name.find('-') + 1) +
               "\n" + Text(attributes, "cidr_block"));
    } else if (type == "internet_gateway") {
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kGateway,
           "internet gateway");
    } else if (type == "nat_gateway") {
      std::string subnet = ReferencedAddress(Member(attributes, "subnet_id"));
      auto it = by_address_.find(subnet);
      std::string zone =
          it == by_address_.end() ? "" : Text(it->second->attributes, "availability_zone");
      Box& vpc = VpcBox(EnvironmentBox(resource, env), env);
      Node(zone.empty() ? vpc : ZoneBox(vpc, env, zone), address, NodeKind::kGateway,
           "NAT gateway " + name);
    } else if (type == "route_table") {
      // A subnet's default route: its gateway, to the internet or through NAT.
      for (const Json& route : attributes.value("routes", Json::array())) {
        std::string target = ReferencedAddress(route.value("gateway_id", Json()));
        if (target.empty()) target = ReferencedAddress(route.value("nat_gateway_id", Json()));
        if (target.empty()) continue;
        for (const std::string& subnet : ReferencedAddresses(Member(attributes, "subnet_ids"))) {
          Edge(subnet, target, EdgeKind::kNetwork, Text(route, "destination"));
        }
      }
    } else if (type == "security_group") {
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kSecurityGroup,
           "security group " + name + "\n" + Text(attributes, "name"));
    } else if (type == "security_group_rule") {
      SecurityGroupRule(resource, env);
    } else if (type == "load_balancer") {
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kLoadBalancer,
           "load balancer " + Text(attributes, "name") + "\n" + Text(attributes, "scheme") + "\n" +
               SubnetNames(Member(attributes, "subnet_ids")));
      Members(address, Member(attributes, "security_group_ids"));
    } else if (type == "listener") {
      const Json& action = Member(attributes, "default_action");
      std::string label =
          "listener " + Text(attributes, "port") + " " + Text(attributes, "protocol");
      if (Text(action, "type") == "redirect") label += "\nredirects to " + Text(action, "port");
      std::string certificate = ReferencedAddress(Member(attributes, "certificate_arn"));
      if (!certificate.empty()) {
        label += "\ncertificate " + NameOf(certificate);
      } else if (!Text(attributes, "certificate_arn").empty()) {
        label += "\ncertificate " + Text(attributes, "certificate_arn");
      }
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kListener, label);
      Edge(ReferencedAddress(Member(attributes, "load_balancer_arn")), address, EdgeKind::kRoute,
           "");
      std::string target = ReferencedAddress(action.value("target_group_arn", Json()));
      if (!target.empty()) Edge(address, target, EdgeKind::kRoute, "default", 1 << 20);
    } else if (type == "listener_rule") {
      const Json& conditions = Member(attributes, "conditions");
      std::vector<std::string> matches;
      for (const char* key : {"host_headers", "path_patterns"}) {
        for (const Json& value : conditions.value(key, Json::array())) {
          matches.push_back(value.get<std::string>());
        }
      }
      int priority = attributes.value("priority", 0);
      Edge(ReferencedAddress(Member(attributes, "listener_arn")),
           ReferencedAddress(Member(attributes, "target_group_arn")), EdgeKind::kRoute,
           std::to_string(priority) + ": " + Join(matches, " "), priority);
    } else if (type == "target_group") {
      const Json& check = Member(attributes, "health_check");
      std::string label = "target group " + name + "\n" + Text(attributes, "protocol") + " " +
                          Text(attributes, "port") + " · health " + Text(check, "path");
      if (Member(attributes, "stickiness").value("enabled", false)) {
        label += "\nsticky " + Text(Member(attributes, "stickiness"), "duration_seconds") + " s";
      }
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kTargetGroup, label);
    } else if (type == "autoscaling_group") {
      AutoscalingGroup(resource, env, name);
    } else if (type == "instance") {
      std::string template_address = ReferencedAddress(Member(attributes, "launch_template_id"));
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kServers,
           "dev server " + name + "\n" + Text(attributes, "instance_type") + " · " +
               NameOf(template_address) + " template\n" +
               SubnetNames(Member(attributes, "subnet_id")));
      if (auto it = by_address_.find(template_address); it != by_address_.end()) {
        Members(address, Member(it->second->attributes, "security_group_ids"));
      }
    } else if (type == "elastic_ip" && !name.starts_with("nat-")) {
      Node(EnvironmentBox(resource, env), address, NodeKind::kElasticIp, "Elastic IP " + name);
    } else if (type == "eip_association") {
      Edge(ReferencedAddress(Member(attributes, "allocation_id")),
           ReferencedAddress(Member(attributes, "instance_id")), EdgeKind::kAlias, "associated");
    } else if (type == "db_instance") {
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kDatabase,
           "RDS " + Text(attributes, "engine") + " " + Text(attributes, "engine_version") + "\n" +
               Text(attributes, "identifier") + "\n" + Text(attributes, "instance_class") +
               (attributes.value("multi_az", false) ? " · multi-AZ" : "") + "\n" +
               Text(attributes, "allocated_storage") + "-" +
               Text(attributes, "max_allocated_storage") + " GB " +
               Text(attributes, "storage_type"));
      Members(address, Member(attributes, "vpc_security_group_ids"));
    } else if (type == "cache_replication_group") {
      int replicas = attributes.value("replicas", 0);
      Node(VpcBox(EnvironmentBox(resource, env), env), address, NodeKind::kCache,
           "ElastiCache " + Text(attributes, "engine") + " " + Text(attributes, "engine_version") +
               "\n" + Text(attributes, "id") + "\n" + Text(attributes, "node_type") + " · " +
               std::to_string(replicas) + (replicas == 1 ? " replica" : " replicas") +
               (attributes.value("multi_az", false) ? " · multi-AZ" : ""));
      Members(address, Member(attributes, "security_group_ids"));
    } else if (type == "bucket") {
      const spec::Bucket* bucket = env.FindBucket(name);
      std::string access =
          bucket != nullptr ? std::string(spec::BucketAccessName(bucket->access)) : "backup";
      Node(EnvironmentBox(resource, env), address, NodeKind::kBucket,
           "S3 " + name + " (" + access + ")\n" + Text(attributes, "name"));
    } else if (type == "bucket_replication") {
      Edge(resources::MakeAddress(env.name, "bucket", name),
           resources::MakeAddress(env.name, "bucket", name + "-backup"), EdgeKind::kReplication,
           "replication");
    } else if (type == "distribution") {
      Distribution(resource, env, name);
    } else if (type == "hosted_zone") {
      std::string domain = Text(attributes, "name");
      if (domain.ends_with(".")) domain.pop_back();
      Node(ZoneBox(resource, env, name), address, NodeKind::kDnsRecord, "hosted zone " + domain);
    } else if (type == "dns_record") {
      DnsRecord(resource, env);
    }
  }

  // A box per DNS zone in the environment's box.
  Box& ZoneBox(const DesiredResource& resource, const spec::Environment& env,
               const std::string& zone) {
    Box& box = EnvironmentBox(resource, env).boxes["1:dns:" + zone];
    box.id = "cluster_dns_" + env.name + "_" + zone;
    box.label = "Route53 zone " + zone;
    return box;
  }

  // The undirected "is in" edges from a resource to its security groups.
  void Members(const std::string& address, const Json& groups) {
    for (const std::string& group : ReferencedAddresses(groups)) {
      Edge(group, address, EdgeKind::kMember, "");
    }
  }

  void SecurityGroupRule(const DesiredResource& resource, const spec::Environment& env) {
    const Json& attributes = resource.attributes;
    std::string group = ReferencedAddress(Member(attributes, "security_group_id"));
    auto [order, ports] = RulePorts(attributes);
    std::string source = ReferencedAddress(attributes.value("source_security_group_id", Json()));
    if (!source.empty()) {
      Edge(source, group, EdgeKind::kFlow, ports, order);
      return;
    }
    std::string cidr = Text(attributes, "cidr_ipv4");
    if (cidr.empty()) cidr = Text(attributes, "cidr_ipv6");
    if (cidr == kWorldIpv4 || cidr == kWorldIpv6) {
      outside_[kWorldId] = {kWorldId, NodeKind::kWorld, "the internet\n0.0.0.0/0"};
      Edge(kWorldId, group, EdgeKind::kFlowFromWorld, ports, order);
      return;
    }
    std::vector<std::string> devops;
    for (const spec::DevopsIp& ip : env.devops_ips) devops.push_back(ip.cidr.ToString());
    std::sort(devops.begin(), devops.end());
    if (std::find(devops.begin(), devops.end(), cidr) != devops.end()) {
      // Environments with the same DevOps IPs share one node.
      std::string id = "devops:" + Join(devops, ",");
      outside_[id] = {id, NodeKind::kDevopsIps, "DevOps IPs\n" + Join(devops, "\n")};
      Edge(id, group, EdgeKind::kFlowFromDevops, ports, order);
      return;
    }
    std::string id = "cidr:" + cidr;
    std::string description = Text(attributes, "description");
    outside_[id] = {id, NodeKind::kCidr, description.empty() ? cidr : cidr + "\n" + description};
    Edge(id, group, EdgeKind::kFlow, ports, order);
  }

  void AutoscalingGroup(const DesiredResource& resource, const spec::Environment& env,
                        const std::string& profile) {
    const Json& attributes = resource.attributes;
    std::vector<std::string> types;
    for (const Json& type : attributes.value("instance_types", Json::array())) {
      types.push_back(type.get<std::string>());
    }
    const Json& purchase = Member(attributes, "purchase");
    std::string label =
        profile + " servers\nautoscaling group " + Text(attributes, "name") + "\nmin " +
        Text(attributes, "min_size") + " · desired " + Text(attributes, "desired_capacity") +
        " · max " + Text(attributes, "max_size") + "\n" + Join(types, ", ") + "\non-demand base " +
        Text(purchase, "on_demand_base") + ", " + Text(purchase, "on_demand_percent_above_base") +
        "% above\n" + SubnetNames(Member(attributes, "subnet_ids"));
    Node(VpcBox(EnvironmentBox(resource, env), env), resource.address, NodeKind::kServers, label);
    for (const std::string& group : ReferencedAddresses(Member(attributes, "target_group_arns"))) {
      Edge(group, resource.address, EdgeKind::kRoute, "");
    }
    std::string template_address = ReferencedAddress(Member(attributes, "launch_template_id"));
    if (auto it = by_address_.find(template_address); it != by_address_.end()) {
      Members(resource.address, Member(it->second->attributes, "security_group_ids"));
    }
  }

  void Distribution(const DesiredResource& resource, const spec::Environment& env,
                    const std::string& name) {
    const Json& attributes = resource.attributes;
    std::vector<std::string> aliases;
    for (const Json& alias : attributes.value("aliases", Json::array())) {
      aliases.push_back(alias.get<std::string>());
    }
    bool is_signed = !Member(attributes, "default_cache_behavior")
                          .value("trusted_key_groups", Json::array())
                          .empty();
    for (const Json& behavior : attributes.value("cache_behaviors", Json::array())) {
      is_signed = is_signed || !behavior.value("trusted_key_groups", Json::array()).empty();
    }
    Node(EnvironmentBox(resource, env), resource.address, NodeKind::kDistribution,
         "CloudFront " + name + "\n" + Join(aliases, "\n") + (is_signed ? "\nsigned URLs" : ""));
    for (const Json& origin : attributes.value("origins", Json::array())) {
      std::string target = ReferencedAddress(Member(origin, "domain_name"));
      std::string label = "origin " + Text(origin, "id") + Text(origin, "origin_path");
      std::string control = ReferencedAddress(origin.value("origin_access_control_id", Json()));
      if (!control.empty()) label += " (OAC " + NameOf(control) + ")";
      std::string policy = Text(origin, "protocol_policy");
      if (!policy.empty()) label += " (" + policy + ")";
      Edge(resource.address, target, EdgeKind::kOrigin, label);
    }
  }

  // Records that point at something drawn: aliases and Elastic IPs. The others (DKIM,
  // certificate validation, plain values) are left out of the picture.
  void DnsRecord(const DesiredResource& resource, const spec::Environment& env) {
    const Json& attributes = resource.attributes;
    std::string target;
    if (Member(attributes, "alias").is_object()) {
      std::vector<std::string> targets =
          ReferencedAddresses(Member(attributes, "alias")["dns_name"]);
      if (!targets.empty()) target = targets.front();
    } else {
      for (const std::string& address : ReferencedAddresses(Member(attributes, "values"))) {
        if (address.find(".elastic_ip.") != std::string::npos) target = address;
      }
    }
    if (target.empty()) return;
    std::string zone = NameOf(ReferencedAddress(Member(attributes, "zone_id")));
    // Route53 names are absolute ("www.vueocity.com."); the picture reads better without the dot.
    std::string domain = Text(attributes, "name");
    if (domain.ends_with(".")) domain.pop_back();
    std::string label = domain + " " + Text(attributes, "type");
    std::string failover = Text(attributes, "failover");
    if (!failover.empty()) {
      for (char& c : failover) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      label += "\nfailover " + failover;
      std::string check = ReferencedAddress(Member(attributes, "health_check_id"));
      if (!check.empty()) label += " · health check " + NameOf(check);
    }
    Node(ZoneBox(resource, env, zone), resource.address, NodeKind::kDnsRecord, label);
    Edge(resource.address, target, EdgeKind::kAlias,
         Member(attributes, "alias").is_object() ? "alias" : "A");
  }

  const spec::Stack& stack_;
  const TopologyOptions& options_;
  std::map<std::string, const DesiredResource*> by_address_;
  std::map<std::string, Box> accounts_;  // by display order key
  std::map<std::string, TopologyNode> outside_;
  std::map<std::tuple<std::string, std::string, EdgeKind>, std::set<std::pair<int, std::string>>>
      edges_;
};

}  // namespace

bool TopologyEdge::operator<(const TopologyEdge& other) const {
  return std::tie(from, to, kind, label) < std::tie(other.from, other.to, other.kind, other.label);
}

Topology BuildTopology(const spec::Stack& stack,
                       const std::vector<resources::DesiredResource>& resources,
                       const TopologyOptions& options) {
  return TopologyBuilder(stack, resources, options).Build();
}

}  // namespace vueops::graph
