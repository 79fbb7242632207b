// The topology `vueops graph` draws: what apply creates, as a picture's parts. Accounts hold
// environments, an environment its VPC, the VPC one box per availability zone with the
// subnets; the nodes are the objects an operator reasons about (security groups, the load
// balancer and its listeners, target groups, autoscaling groups, RDS, Redis, buckets,
// distributions, DNS records) and the edges what connects them (allowed flows with their
// ports, listener routes, aliases, origins, replication).
//
// It is read from the desired resources (graph::BuildResources), not from the spec directly,
// so the picture shows what `vueops apply` makes. Pure: no graphviz, no files.
#ifndef VUEOPS_GRAPH_TOPOLOGY_H_
#define VUEOPS_GRAPH_TOPOLOGY_H_

#include <string>
#include <vector>

#include "resources/desired.h"
#include "spec/stack.h"

namespace vueops::graph {

// What a node stands for; picks its shape and colour in the DOT view.
enum class NodeKind {
  kWorld,           // 0.0.0.0/0
  kDevopsIps,       // the environment's devops_ips
  kCidr,            // another address block a rule admits
  kAccountSummary,  // what an account holds beyond the environments (IAM, the organization)
  kSubnetPublic,
  kSubnetPrivate,
  kGateway,  // internet and NAT gateways, the S3 endpoint
  kSecurityGroup,
  kLoadBalancer,
  kListener,
  kTargetGroup,
  kServers,  // an autoscaling group with its launch template, or a dev server
  kElasticIp,
  kDatabase,
  kCache,
  kBucket,
  kDistribution,
  kDnsRecord,
};

// How an edge connects two nodes; picks its colour and style.
enum class EdgeKind {
  kFlowFromWorld,   // ingress from 0.0.0.0/0, labelled with ports
  kFlowFromDevops,  // ingress from the DevOps IPs
  kFlow,            // ingress from a security group or another block
  kMember,          // a security group a resource is in (undirected, dashed)
  kRoute,           // load balancer -> listener -> target group -> servers
  kNetwork,         // subnet -> gateway (its default route)
  kAlias,           // DNS record -> what it points at
  kOrigin,          // distribution -> bucket (with its origin access control) or the ALB
  kReplication,     // bucket -> its backup in the replication account
};

struct TopologyNode {
  std::string id;  // the resource's address, or a synthetic id ("world", "devops:...")
  NodeKind kind = NodeKind::kBucket;
  std::string label;  // lines separated by '\n'
};

struct TopologyEdge {
  std::string from;
  std::string to;
  EdgeKind kind = EdgeKind::kFlow;
  std::string label;  // "" for none
  bool operator<(const TopologyEdge& other) const;
};

// A box in the picture: an account, an environment, a VPC, an availability zone, a DNS zone.
struct TopologyCluster {
  std::string id;  // unique in the picture
  std::string label;
  std::vector<TopologyNode> nodes;        // sorted by id
  std::vector<TopologyCluster> clusters;  // in display order
};

struct Topology {
  std::string title;
  std::vector<TopologyNode> nodes;  // outside every account: the world, address blocks
  std::vector<TopologyCluster> accounts;
  std::vector<TopologyEdge> edges;  // sorted, no duplicates
};

struct TopologyOptions {
  // The environments to draw; empty: every one. Accounts that hold none of them are left
  // out, unless every environment is drawn (then each account of the organization is shown).
  std::vector<std::string> environments;
};

// The topology of `resources`. REQUIRES: `resources` is BuildResources(stack); every name in
// options.environments is one of stack's environments.
Topology BuildTopology(const spec::Stack& stack,
                       const std::vector<resources::DesiredResource>& resources,
                       const TopologyOptions& options);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_TOPOLOGY_H_
