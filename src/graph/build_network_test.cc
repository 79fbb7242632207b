#include <gtest/gtest.h>

#include <map>
#include <set>

#include "graph/build.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Reference;

class BuildNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec::LoadResult loaded =
        spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
    ASSERT_TRUE(loaded.ok());
    stack_ = std::move(*loaded.stack);
    BuildOptions options;
    BuildContext context(stack_, options);
    for (const spec::Environment& env : stack_.environments) BuildNetwork(context, env);
    Result<std::vector<DesiredResource>> built = context.Finish();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    for (DesiredResource& resource : *built) resources_[resource.address] = std::move(resource);
  }

  const DesiredResource& At(const std::string& address) {
    static const DesiredResource missing;
    auto it = resources_.find(address);
    EXPECT_NE(it, resources_.end()) << address << " was not built";
    return it == resources_.end() ? missing : it->second;
  }

  // The addresses built for environment `env` of type `type`.
  std::set<std::string> Addresses(const std::string& env, const std::string& type) {
    std::set<std::string> addresses;
    std::string prefix = env + "." + type + ".";
    for (const auto& [address, resource] : resources_) {
      if (address.rfind(prefix, 0) == 0) addresses.insert(address);
    }
    return addresses;
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildNetworkTest, BuildsTheVpcAndItsSubnetsPerZoneInTheEnvironmentsAccount) {
  const DesiredResource& vpc = At("prod.vpc.main");
  EXPECT_EQ(vpc.type->name(), "vpc");
  EXPECT_EQ(vpc.account, "vueprod");
  EXPECT_EQ(vpc.region, "us-west-2");
  EXPECT_EQ(vpc.attributes["cidr_block"], "10.10.0.0/16");
  EXPECT_EQ(vpc.attributes["tags"]["environment"], "prod");
  EXPECT_EQ(vpc.attributes["tags"]["Name"], "vueocity-prod-vpc");
  EXPECT_EQ(At("dev.vpc.main").attributes["cidr_block"], "10.20.0.0/16");
  EXPECT_EQ(At("dev.vpc.main").account, "vuedev");
  // Every object depends on its account's creation.
  EXPECT_NE(std::find(vpc.depends_on.begin(), vpc.depends_on.end(), "org.account.vueprod"),
            vpc.depends_on.end());

  EXPECT_EQ(Addresses("prod", "subnet"),
            (std::set<std::string>{"prod.subnet.private-a", "prod.subnet.private-b",
                                   "prod.subnet.public-a", "prod.subnet.public-b"}));
  const DesiredResource& public_a = At("prod.subnet.public-a");
  EXPECT_EQ(public_a.attributes["vpc_id"], Reference("prod.vpc.main"));
  EXPECT_EQ(public_a.attributes["cidr_block"], "10.10.0.0/20");
  EXPECT_EQ(public_a.attributes["availability_zone"], "us-west-2a");
  EXPECT_EQ(public_a.attributes["map_public_ip_on_launch"], false);
  EXPECT_EQ(At("prod.subnet.private-b").attributes["cidr_block"], "10.10.144.0/20");
  EXPECT_EQ(At("prod.internet_gateway.main").attributes["vpc_id"], Reference("prod.vpc.main"));
}

TEST_F(BuildNetworkTest, RoutesPublicTrafficToTheGatewayAndPrivateTrafficToItsZonesNat) {
  const DesiredResource& public_routes = At("prod.route_table.public");
  EXPECT_EQ(public_routes.attributes["routes"],
            (Json{{{"destination", "0.0.0.0/0"},
                   {"gateway_id", Reference("prod.internet_gateway.main")}}}));
  EXPECT_EQ(public_routes.attributes["subnet_ids"],
            (Json::array({Reference("prod.subnet.public-a"), Reference("prod.subnet.public-b")})));

  // nat: per-zone: one NAT gateway and Elastic IP per zone.
  EXPECT_EQ(Addresses("prod", "nat_gateway"),
            (std::set<std::string>{"prod.nat_gateway.a", "prod.nat_gateway.b"}));
  const DesiredResource& nat_b = At("prod.nat_gateway.b");
  EXPECT_EQ(nat_b.attributes["subnet_id"], Reference("prod.subnet.public-b"));
  EXPECT_EQ(nat_b.attributes["allocation_id"], Reference("prod.elastic_ip.nat-b"));
  EXPECT_EQ(At("prod.elastic_ip.nat-b").attributes["domain"], "vpc");

  const DesiredResource& private_b = At("prod.route_table.private-b");
  EXPECT_EQ(
      private_b.attributes["routes"],
      (Json{{{"destination", "0.0.0.0/0"}, {"nat_gateway_id", Reference("prod.nat_gateway.b")}}}));
  EXPECT_EQ(private_b.attributes["subnet_ids"],
            (Json::array({Reference("prod.subnet.private-b")})));

  const DesiredResource& endpoint = At("prod.vpc_endpoint.s3");
  EXPECT_EQ(endpoint.attributes["service_name"], "com.amazonaws.us-west-2.s3");
  EXPECT_EQ(endpoint.attributes["vpc_endpoint_type"], "Gateway");
  EXPECT_EQ(
      endpoint.attributes["route_table_ids"],
      (Json::array({Reference("prod.route_table.public"), Reference("prod.route_table.private-a"),
                    Reference("prod.route_table.private-b")})));
}

TEST_F(BuildNetworkTest, StripsTheDefaultGroupAndLogsFlowsToTheLogsBucket) {
  const DesiredResource& fallback = At("dev.default_security_group.main");
  EXPECT_EQ(fallback.attributes["ingress"], Json::array());
  EXPECT_EQ(fallback.attributes["egress"], Json::array());
  const DesiredResource& flow_log = At("dev.flow_log.main");
  EXPECT_EQ(flow_log.attributes["resource_id"], Reference("dev.vpc.main"));
  EXPECT_EQ(flow_log.attributes["traffic_type"], "ALL");
  EXPECT_EQ(flow_log.attributes["log_destination_type"], "s3");
  EXPECT_EQ(flow_log.attributes["log_destination"], Reference("dev.bucket.logs", "arn"));
}

TEST_F(BuildNetworkTest, DerivesTheNotesSecurityGroupsInProduction) {
  EXPECT_EQ(
      Addresses("prod", "security_group"),
      (std::set<std::string>{"prod.security_group.cache", "prod.security_group.database",
                             "prod.security_group.load_balancer", "prod.security_group.servers"}));
  const DesiredResource& servers = At("prod.security_group.servers");
  EXPECT_EQ(servers.attributes["name"], "vueocity-prod-servers");
  EXPECT_EQ(servers.attributes["vpc_id"], Reference("prod.vpc.main"));
  EXPECT_EQ(At("prod.security_group.load_balancer").attributes["name"],
            "vueocity-prod-load-balancer");

  // "ELB is visible publicly on 80 and 443".
  const DesiredResource& https = At("prod.security_group_rule.load_balancer/2");
  EXPECT_EQ(https.attributes["security_group_id"], Reference("prod.security_group.load_balancer"));
  EXPECT_EQ(https.attributes["protocol"], "tcp");
  EXPECT_EQ(https.attributes["from_port"], 443);
  EXPECT_EQ(https.attributes["to_port"], 443);
  EXPECT_EQ(https.attributes["cidr_ipv4"], "0.0.0.0/0");

  // Servers: "80 -- From ELB", then "22 -- from DevOps IPs", one rule per IP.
  const DesiredResource& from_balancer = At("prod.security_group_rule.servers/1");
  EXPECT_EQ(from_balancer.attributes["from_port"], 80);
  EXPECT_EQ(from_balancer.attributes["source_security_group_id"],
            Reference("prod.security_group.load_balancer"));
  EXPECT_FALSE(from_balancer.attributes.contains("cidr_ipv4"));
  EXPECT_EQ(At("prod.security_group_rule.servers/2").attributes["cidr_ipv4"], "203.0.113.10/32");
  EXPECT_EQ(At("prod.security_group_rule.servers/3").attributes["cidr_ipv4"], "198.51.100.24/32");
  EXPECT_EQ(At("prod.security_group_rule.servers/3").attributes["from_port"], 22);
  EXPECT_EQ(Addresses("prod", "security_group_rule").count("prod.security_group_rule.servers/4"),
            0u);

  // "3306 -- from servers, for RDS".
  const DesiredResource& mysql = At("prod.security_group_rule.database/1");
  EXPECT_EQ(mysql.attributes["from_port"], 3306);
  EXPECT_EQ(mysql.attributes["source_security_group_id"], Reference("prod.security_group.servers"));
  EXPECT_EQ(At("prod.security_group_rule.cache/1").attributes["from_port"], 6379);

  // The group lists every rule its rule resources make, another group by its name, so that a
  // rule added by hand is drift.
  EXPECT_EQ(At("prod.security_group.database").attributes["ingress_rules"],
            Json::array({{{"protocol", "tcp"},
                          {"from_port", 3306},
                          {"to_port", 3306},
                          {"source_security_group", "vueocity-prod-servers"}}}));
  EXPECT_EQ(servers.attributes["ingress_rules"].size(),
            Addresses("prod", "security_group_rule").size() -
                At("prod.security_group.load_balancer").attributes["ingress_rules"].size() - 2)
      << "one per rule resource of the group (the database and cache have one each)";
}

TEST_F(BuildNetworkTest, WrittenDevGroupAddsTheNotesDevRules) {
  // dev writes its servers group: the health-check pings and local dev ports.
  const DesiredResource& pings = At("dev.security_group_rule.servers/4");
  EXPECT_EQ(pings.attributes["cidr_ipv4"], "54.224.0.0/11");
  EXPECT_EQ(pings.attributes["from_port"], 80);
  EXPECT_EQ(pings.attributes["description"], "Route53 health checks");
  const DesiredResource& dev_ports = At("dev.security_group_rule.servers/6");
  EXPECT_EQ(dev_ports.attributes["from_port"], 8000);
  EXPECT_EQ(dev_ports.attributes["to_port"], 8010);
  EXPECT_EQ(dev_ports.attributes["cidr_ipv4"], "198.51.100.24/32");
  EXPECT_EQ(Addresses("dev", "security_group_rule").count("dev.security_group_rule.servers/7"), 0u);
}

TEST_F(BuildNetworkTest, ElasticIpsOfTheDnsSection) {
  EXPECT_EQ(At("dev.elastic_ip.dev1").attributes["domain"], "vpc");
  EXPECT_EQ(resources_.count("prod.elastic_ip.dev1"), 0u);
}

}  // namespace
}  // namespace vueops::graph
