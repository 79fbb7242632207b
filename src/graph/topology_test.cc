// The topology of the example spec: the clusters, nodes and edges `vueops graph` draws, read
// from the resources BuildResources makes.
#include "graph/topology.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "graph/pass_test_support.h"

namespace vueops::graph {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

class TopologyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::vector<resources::DesiredResource>> built = BuildResources(stack_, {});
    ASSERT_TRUE(built.ok()) << built.status().message();
    resources_ = std::move(*built);
  }

  Topology Draw(std::vector<std::string> environments = {}) {
    return BuildTopology(stack_, resources_, {.environments = std::move(environments)});
  }

  spec::Stack stack_;
  std::vector<resources::DesiredResource> resources_;
};

// The edge from `from` to `to` of `kind`, or nullptr.
const TopologyEdge* FindEdge(const Topology& topology, const std::string& from,
                             const std::string& to, EdgeKind kind) {
  for (const TopologyEdge& edge : topology.edges) {
    if (edge.from == from && edge.to == to && edge.kind == kind) return &edge;
  }
  return nullptr;
}

void CollectIds(const TopologyCluster& cluster, std::set<std::string>* nodes,
                std::set<std::string>* clusters) {
  clusters->insert(cluster.id);
  for (const TopologyNode& node : cluster.nodes) nodes->insert(node.id);
  for (const TopologyCluster& inner : cluster.clusters) CollectIds(inner, nodes, clusters);
}

const TopologyCluster* FindCluster(const std::vector<TopologyCluster>& clusters,
                                   const std::string& id) {
  for (const TopologyCluster& cluster : clusters) {
    if (cluster.id == id) return &cluster;
    if (const TopologyCluster* inner = FindCluster(cluster.clusters, id)) return inner;
  }
  return nullptr;
}

TEST_F(TopologyTest, SecurityGroupFlowsAreTheNotes) {
  Topology topology = Draw({"prod"});
  const TopologyEdge* world =
      FindEdge(topology, "world", "prod.security_group.load_balancer", EdgeKind::kFlowFromWorld);
  ASSERT_NE(world, nullptr);
  EXPECT_EQ(world->label, "80, 443");
  const TopologyEdge* balancer = FindEdge(topology, "prod.security_group.load_balancer",
                                          "prod.security_group.servers", EdgeKind::kFlow);
  ASSERT_NE(balancer, nullptr);
  EXPECT_EQ(balancer->label, "80");
  const TopologyEdge* database = FindEdge(topology, "prod.security_group.servers",
                                          "prod.security_group.database", EdgeKind::kFlow);
  ASSERT_NE(database, nullptr);
  EXPECT_EQ(database->label, "3306");
  const TopologyEdge* cache = FindEdge(topology, "prod.security_group.servers",
                                       "prod.security_group.cache", EdgeKind::kFlow);
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(cache->label, "6379");
  // Both DevOps addresses in one node, one edge for SSH.
  const TopologyEdge* ssh = FindEdge(topology, "devops:198.51.100.24/32,203.0.113.10/32",
                                     "prod.security_group.servers", EdgeKind::kFlowFromDevops);
  ASSERT_NE(ssh, nullptr);
  EXPECT_EQ(ssh->label, "22");
  // Nothing reaches the servers, RDS or Redis from the internet.
  for (const char* group : {"servers", "database", "cache"}) {
    EXPECT_EQ(FindEdge(topology, "world", std::string("prod.security_group.") + group,
                       EdgeKind::kFlowFromWorld),
              nullptr)
        << group;
  }
}

TEST_F(TopologyTest, SandboxRulesShowTheirExtraSources) {
  Topology topology = Draw({"dev"});
  const TopologyEdge* dev_ports = FindEdge(topology, "devops:198.51.100.24/32,203.0.113.10/32",
                                           "dev.security_group.servers", EdgeKind::kFlowFromDevops);
  ASSERT_NE(dev_ports, nullptr);
  EXPECT_EQ(dev_ports->label, "22, 8000-8010");
  EXPECT_NE(FindEdge(topology, "cidr:54.224.0.0/11", "dev.security_group.servers", EdgeKind::kFlow),
            nullptr);
}

TEST_F(TopologyTest, ResourcesSitInTheirSecurityGroupsAndRoutes) {
  Topology topology = Draw({"prod"});
  EXPECT_NE(FindEdge(topology, "prod.security_group.servers", "prod.autoscaling_group.FOH",
                     EdgeKind::kMember),
            nullptr);
  EXPECT_NE(FindEdge(topology, "prod.security_group.database", "prod.db_instance.main",
                     EdgeKind::kMember),
            nullptr);
  EXPECT_NE(FindEdge(topology, "prod.security_group.cache", "prod.cache_replication_group.main",
                     EdgeKind::kMember),
            nullptr);
  EXPECT_NE(FindEdge(topology, "prod.load_balancer.main", "prod.listener.443", EdgeKind::kRoute),
            nullptr);
  const TopologyEdge* routes =
      FindEdge(topology, "prod.listener.443", "prod.target_group.boh", EdgeKind::kRoute);
  ASSERT_NE(routes, nullptr);
  EXPECT_EQ(routes->label, "10: /admin/* /manage/*");
  const TopologyEdge* fallback =
      FindEdge(topology, "prod.listener.443", "prod.target_group.foh", EdgeKind::kRoute);
  ASSERT_NE(fallback, nullptr);
  EXPECT_EQ(fallback->label, "default");
  for (const char* profile : {"FOH", "BOH", "FT"}) {
    std::string lower = profile;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    EXPECT_NE(FindEdge(topology, "prod.target_group." + lower,
                       std::string("prod.autoscaling_group.") + profile, EdgeKind::kRoute),
              nullptr)
        << profile;
  }
}

TEST_F(TopologyTest, CdnAndDnsPointWhereApplyPointsThem) {
  Topology topology = Draw({"prod"});
  const TopologyEdge* bucket =
      FindEdge(topology, "prod.distribution.public", "prod.bucket.public", EdgeKind::kOrigin);
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->label, "origin bucket (OAC public)\norigin mpf-root/_static (OAC public)");
  EXPECT_NE(
      FindEdge(topology, "prod.distribution.protected", "prod.bucket.protected", EdgeKind::kOrigin),
      nullptr);
  const TopologyEdge* balancer =
      FindEdge(topology, "prod.distribution.public", "prod.load_balancer.main", EdgeKind::kOrigin);
  ASSERT_NE(balancer, nullptr);
  EXPECT_EQ(balancer->label, "origin elb (https-only)");
  EXPECT_NE(FindEdge(topology, "prod.dns_record.main/@/A/primary", "prod.load_balancer.main",
                     EdgeKind::kAlias),
            nullptr)
      << "records: the failover pair's addresses";
  EXPECT_NE(FindEdge(topology, "prod.dns_record.main/files/A", "prod.distribution.protected",
                     EdgeKind::kAlias),
            nullptr);
  EXPECT_NE(FindEdge(topology, "prod.bucket.protected", "prod.bucket.protected-backup",
                     EdgeKind::kReplication),
            nullptr);
}

TEST_F(TopologyTest, ClustersNestAccountEnvironmentVpcZone) {
  Topology topology = Draw({"prod"});
  const TopologyCluster* account = FindCluster(topology.accounts, "cluster_account_vueprod");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->label, "account vueprod (production)");
  const TopologyCluster* vpc = FindCluster(account->clusters, "cluster_vpc_prod");
  ASSERT_NE(vpc, nullptr);
  EXPECT_EQ(vpc->label, "VPC 10.10.0.0/16");
  const TopologyCluster* zone = FindCluster(vpc->clusters, "cluster_zone_prod_us-west-2a");
  ASSERT_NE(zone, nullptr);
  std::set<std::string> in_zone;
  for (const TopologyNode& node : zone->nodes) in_zone.insert(node.id);
  EXPECT_EQ(in_zone, (std::set<std::string>{"prod.nat_gateway.a", "prod.subnet.private-a",
                                            "prod.subnet.public-a"}));
  // The backups live in the replication account.
  const TopologyCluster* backups = FindCluster(topology.accounts, "cluster_account_vueback");
  ASSERT_NE(backups, nullptr);
  std::set<std::string> nodes, clusters;
  CollectIds(*backups, &nodes, &clusters);
  EXPECT_THAT(nodes, Contains("prod.bucket.protected-backup"));
}

TEST_F(TopologyTest, OneEnvironmentLeavesTheOthersOut) {
  Topology topology = Draw({"dev"});
  std::set<std::string> nodes, clusters;
  for (const TopologyCluster& account : topology.accounts) CollectIds(account, &nodes, &clusters);
  for (const std::string& id : nodes) EXPECT_FALSE(id.starts_with("prod.")) << id;
  EXPECT_THAT(clusters, Not(Contains("cluster_account_vueprod")));
  EXPECT_THAT(clusters, Not(Contains("cluster_account_vueorg")));
  EXPECT_THAT(nodes, Contains("dev.instance.dev1"));
  for (const TopologyEdge& edge : topology.edges) {
    EXPECT_FALSE(edge.from.starts_with("prod.") || edge.to.starts_with("prod.")) << edge.from;
  }
}

TEST_F(TopologyTest, EveryEnvironmentShowsEveryAccount) {
  Topology topology = Draw();
  std::set<std::string> nodes, clusters;
  for (const TopologyCluster& account : topology.accounts) CollectIds(account, &nodes, &clusters);
  for (const spec::Account& account : stack_.organization.accounts) {
    EXPECT_THAT(clusters, Contains("cluster_account_" + account.name));
  }
  for (const char* vpc : {"cluster_vpc_prod", "cluster_vpc_dev", "cluster_vpc_test"}) {
    EXPECT_THAT(clusters, Contains(vpc));
  }
  // Every edge joins two drawn nodes.
  for (const TopologyNode& node : topology.nodes) nodes.insert(node.id);
  for (const TopologyEdge& edge : topology.edges) {
    EXPECT_THAT(nodes, Contains(edge.from));
    EXPECT_THAT(nodes, Contains(edge.to));
  }
  EXPECT_THAT(topology.edges, Not(IsEmpty()));
}

}  // namespace
}  // namespace vueops::graph
