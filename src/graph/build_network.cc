// The network pass (notes: "VPC / Regions / AZ", "Network Security Groups"): the VPC, its
// internet gateway, a public and a private subnet per zone, the route tables, the NAT
// gateways with their Elastic IPs, the S3 gateway endpoint, the default security group
// stripped of its rules, the flow log, the security groups with one rule per source, and the
// Elastic IPs of dns.elastic_ips (docs/resources.md, "Network").
//
//   "All AWS resources except CF and S3 are inside VPC. External visibility is controlled by
//   holes in firewall (Security Groups)."
//   "FUTURE - Move EC2 instances into private VPC, using ELB in public VPC to connect to
//   internet and NAT in private VPC to allow outgoing."
#include <algorithm>

#include "graph/build.h"
#include "resources/security_group_rules.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

// Every route table sends the rest of the internet here.
constexpr const char* kDefaultRoute = "0.0.0.0/0";
// The source "world" of a rule: IPv4 only, as the spec's addresses are (an IPv6 source is
// written as a CIDR).
constexpr const char* kWorldIpv4 = "0.0.0.0/0";
// EC2's name for "every protocol" (AuthorizeSecurityGroupIngress, IpProtocol "-1"), whose
// ports are -1.
constexpr const char* kAllProtocols = "-1";
// CreateFlowLogs: the longest aggregation interval, the cheapest.
constexpr int kFlowLogAggregationSeconds = 600;
// The S3 gateway endpoint's service ("Gateway endpoints for Amazon S3").
std::string S3ServiceName(const std::string& region) { return "com.amazonaws." + region + ".s3"; }

std::string ZoneLetterOf(const std::string& zone) {
  return zone.empty() ? "" : zone.substr(zone.size() - 1);
}

class NetworkPass {
 public:
  NetworkPass(BuildContext& context, const spec::Environment& env)
      : context_(context), env_(env), account_(context.AccountOf(env.account)) {}

  void Run() {
    const spec::Network& network = env_.network;
    Vpc();
    Subnets("public", network.public_subnets, true);
    Subnets("private", network.private_subnets, false);
    PublicRoutes();
    NatGateways();
    PrivateRoutes();
    if (network.s3_endpoint) S3Endpoint();
    if (network.restrict_default_security_group) DefaultSecurityGroup();
    if (network.flow_logs) FlowLog();
    for (const spec::SecurityGroup& group : env_.security_groups) SecurityGroup(group);
    if (env_.dns) {
      for (const std::string& name : env_.dns->elastic_ips) {
        Add(MakeAddress(env_.name, "elastic_ip", name), "elastic_ip",
            {{"domain", "vpc"}, {"tags", Tags(name)}}, env_.dns->At("elastic_ips"));
      }
    }
  }

 private:
  std::string Address(std::string_view type, std::string_view name) const {
    return MakeAddress(env_.name, type, name);
  }

  // The environment's tags, and a Name for the console (<stack>-<env>-<name>).
  Json Tags(std::string_view name) const {
    Json tags = Json::object();
    for (const auto& [key, value] : env_.tags) tags[key] = value;
    tags["Name"] = context_.Name(env_, name);
    return tags;
  }

  resources::DesiredResource& Add(std::string address, std::string_view type, Json attributes,
                                  Location source) {
    resources::DesiredResource& resource = context_.Add(std::move(address), type, account_,
                                                        env_.region, std::move(attributes), source);
    resource.tags = context_.EnvironmentTags(env_);
    return resource;
  }

  void Vpc() {
    Add(Address("vpc", "main"), "vpc",
        {{"cidr_block", env_.network.vpc_cidr.ToString()},
         {"enable_dns_hostnames", true},
         {"tags", Tags("vpc")}},
        env_.network.At("vpc_cidr"));
    Add(Address("internet_gateway", "main"), "internet_gateway",
        {{"vpc_id", Reference(Address("vpc", "main"))}, {"tags", Tags("igw")}},
        env_.network.location);
  }

  void Subnets(const std::string& kind, const std::vector<spec::Subnet>& subnets,
               bool public_addresses) {
    for (const spec::Subnet& subnet : subnets) {
      std::string name = kind + "-" + ZoneLetterOf(subnet.availability_zone);
      // Instances in public subnets get a public address only when the servers are placed
      // there and ask for one (AWS Security Hub EC2.15: subnets should not assign public IPs
      // by themselves).
      bool map_public = public_addresses && env_.servers && env_.servers->placement == "public" &&
                        env_.servers->associate_public_ip;
      Add(Address("subnet", name), "subnet",
          {{"vpc_id", Reference(Address("vpc", "main"))},
           {"cidr_block", subnet.cidr.ToString()},
           {"availability_zone", subnet.availability_zone},
           {"map_public_ip_on_launch", map_public},
           {"tags", Tags(name)}},
          subnet.location);
    }
  }

  void PublicRoutes() {
    Json subnets = Json::array();
    for (const spec::Subnet& subnet : env_.network.public_subnets) {
      subnets.push_back(
          Reference(Address("subnet", "public-" + ZoneLetterOf(subnet.availability_zone))));
    }
    Add(Address("route_table", "public"), "route_table",
        {{"vpc_id", Reference(Address("vpc", "main"))},
         {"routes",
          {{{"destination", kDefaultRoute},
            {"gateway_id", Reference(Address("internet_gateway", "main"))}}}},
         {"subnet_ids", subnets},
         {"tags", Tags("public")}},
        env_.network.location);
  }

  // The zone letters that have a NAT gateway: every zone's public subnet (per-zone), or the
  // first one's (single).
  std::vector<std::string> NatLetters() const {
    std::vector<std::string> letters;
    const spec::Network& network = env_.network;
    if (network.nat == spec::NatMode::kNone || network.public_subnets.empty()) return letters;
    for (const spec::Subnet& subnet : network.public_subnets) {
      letters.push_back(ZoneLetterOf(subnet.availability_zone));
      if (network.nat == spec::NatMode::kSingle) break;
    }
    return letters;
  }

  void NatGateways() {
    for (const std::string& letter : NatLetters()) {
      Add(Address("elastic_ip", "nat-" + letter), "elastic_ip",
          {{"domain", "vpc"}, {"tags", Tags("nat-" + letter)}}, env_.network.At("nat"));
      // Its public subnet routes to the internet gateway: the route table must exist first
      // for the gateway to reach out, so it depends on it (and through it on the gateway).
      Add(Address("nat_gateway", letter), "nat_gateway",
          {{"subnet_id", Reference(Address("subnet", "public-" + letter))},
           {"allocation_id", Reference(Address("elastic_ip", "nat-" + letter))},
           {"tags", Tags("nat-" + letter)}},
          env_.network.At("nat"))
          .depends_on.push_back(Address("route_table", "public"));
    }
  }

  void PrivateRoutes() {
    std::vector<std::string> nats = NatLetters();
    for (const spec::Subnet& subnet : env_.network.private_subnets) {
      std::string letter = ZoneLetterOf(subnet.availability_zone);
      Json routes = Json::array();
      if (!nats.empty()) {
        // The zone's own NAT gateway keeps traffic in the zone; else the single one.
        std::string nat =
            std::find(nats.begin(), nats.end(), letter) != nats.end() ? letter : nats.front();
        routes.push_back({{"destination", kDefaultRoute},
                          {"nat_gateway_id", Reference(Address("nat_gateway", nat))}});
      }
      Add(Address("route_table", "private-" + letter), "route_table",
          {{"vpc_id", Reference(Address("vpc", "main"))},
           {"routes", routes},
           {"subnet_ids", {Reference(Address("subnet", "private-" + letter))}},
           {"tags", Tags("private-" + letter)}},
          subnet.location);
    }
  }

  void S3Endpoint() {
    Json tables = Json::array({Reference(Address("route_table", "public"))});
    for (const spec::Subnet& subnet : env_.network.private_subnets) {
      tables.push_back(
          Reference(Address("route_table", "private-" + ZoneLetterOf(subnet.availability_zone))));
    }
    Add(Address("vpc_endpoint", "s3"), "vpc_endpoint",
        {{"vpc_id", Reference(Address("vpc", "main"))},
         {"service_name", S3ServiceName(env_.region)},
         {"vpc_endpoint_type", "Gateway"},
         {"route_table_ids", tables},
         {"tags", Tags("s3")}},
        env_.network.At("s3_endpoint"));
  }

  void DefaultSecurityGroup() {
    Add(Address("default_security_group", "main"), "default_security_group",
        {{"vpc_id", Reference(Address("vpc", "main"))},
         {"ingress", Json::array()},
         {"egress", Json::array()},
         {"tags", Tags("default")}},
        env_.network.At("restrict_default_security_group"));
  }

  // To the environment's logs bucket: the one named "logs", else the first of access logs.
  void FlowLog() {
    const spec::Bucket* logs = env_.FindBucket("logs");
    if (logs == nullptr) {
      for (const spec::Bucket& bucket : env_.buckets) {
        if (bucket.access == spec::BucketAccess::kLogs) {
          logs = &bucket;
          break;
        }
      }
    }
    // Without a logs bucket there is nowhere to deliver to.
    if (logs == nullptr) return;
    Add(Address("flow_log", "main"), "flow_log",
        {{"resource_id", Reference(Address("vpc", "main"))},
         {"traffic_type", "ALL"},
         {"log_destination_type", "s3"},
         {"log_destination", Reference(Address("bucket", logs->key), "arn")},
         {"max_aggregation_interval", kFlowLogAggregationSeconds},
         {"tags", Tags("flow-log")}},
        env_.network.At("flow_logs"));
  }

  void SecurityGroup(const spec::SecurityGroup& group) {
    std::string address = Address("security_group", group.name);
    // One security_group_rule per source of each rule; the group lists them all (another
    // group as a source by its name, known before it exists), so that a rule added by hand
    // is drift the group revokes.
    std::vector<std::pair<Json, Location>> rules;
    Json shapes = Json::array();
    for (const spec::IngressRule& rule : group.ingress) {
      for (const spec::RuleSource& source : rule.sources) {
        for (Json& from : Sources(group, source)) {
          Json attributes = {{"security_group_id", Reference(address)}};
          bool all = rule.protocol == "all" || rule.protocol == kAllProtocols;
          attributes["protocol"] = all ? kAllProtocols : rule.protocol;
          attributes["from_port"] = all ? -1 : rule.ports.from;
          attributes["to_port"] = all ? -1 : rule.ports.to;
          Json shape = {{"protocol", attributes["protocol"]},
                        {"from_port", attributes["from_port"]},
                        {"to_port", attributes["to_port"]}};
          for (auto it = from.begin(); it != from.end(); ++it) {
            attributes[it.key()] = it.value();
            if (it.key() != "source_security_group_id") shape[it.key()] = it.value();
          }
          if (from.contains("source_security_group_id")) {
            shape["source_security_group"] = context_.Name(
                env_,
                source.kind == spec::RuleSource::Kind::kSelf ? group.name : source.security_group);
          }
          shapes.push_back(std::move(shape));
          attributes["description"] = rule.description;
          attributes["tags"] = Tags(group.name);
          rules.emplace_back(std::move(attributes), source.location);
        }
      }
    }
    // AWS requires a description; the spec's derived groups always have one.
    std::string description =
        group.description.empty() ? "vueops security group " + group.name : group.description;
    Add(address, "security_group",
        {{"name", context_.Name(env_, group.name)},
         {"description", description},
         {"vpc_id", Reference(Address("vpc", "main"))},
         {"tags", Tags(group.name)},
         {"ingress_rules", resources::CanonicalRules(shapes)}},
        group.location);
    int n = 0;
    for (auto& [attributes, location] : rules) {
      Add(Address("security_group_rule", group.name + "/" + std::to_string(++n)),
          "security_group_rule", std::move(attributes), location);
    }
  }

  // What one source admits, as rule attributes: one per CIDR of devops_ips.
  std::vector<Json> Sources(const spec::SecurityGroup& group, const spec::RuleSource& source) {
    using Kind = spec::RuleSource::Kind;
    auto cidr = [](const spec::Cidr& block) {
      return Json{{block.ipv6 ? "cidr_ipv6" : "cidr_ipv4", block.ToString()}};
    };
    switch (source.kind) {
      case Kind::kWorld: return {Json{{"cidr_ipv4", kWorldIpv4}}};
      case Kind::kDevopsIps: {
        std::vector<Json> sources;
        for (const spec::DevopsIp& ip : env_.devops_ips) sources.push_back(cidr(ip.cidr));
        return sources;
      }
      case Kind::kCidr: return {cidr(source.cidr)};
      case Kind::kSecurityGroup:
        return {Json{{"source_security_group_id",
                      Reference(Address("security_group", source.security_group))}}};
      case Kind::kSelf:
        return {
            Json{{"source_security_group_id", Reference(Address("security_group", group.name))}}};
    }
    return {};
  }

  BuildContext& context_;
  const spec::Environment& env_;
  const std::string account_;
};

}  // namespace

void BuildNetwork(BuildContext& context, const spec::Environment& env) {
  NetworkPass(context, env).Run();
}

}  // namespace vueops::graph
