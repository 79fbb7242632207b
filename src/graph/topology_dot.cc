#include "graph/topology_dot.h"

#include <map>

namespace vueops::graph {
namespace {

struct NodeStyle {
  const char* shape;
  const char* fill;
  const char* style;
};

NodeStyle StyleOf(NodeKind kind) {
  switch (kind) {
    case NodeKind::kWorld: return {"ellipse", "#f8d7da", "filled"};
    case NodeKind::kDevopsIps: return {"ellipse", "#fff3cd", "filled"};
    case NodeKind::kCidr: return {"ellipse", "#eef1f4", "filled"};
    case NodeKind::kAccountSummary: return {"note", "#eeeeee", "filled"};
    case NodeKind::kSubnetPublic: return {"box", "#dbeafe", "rounded,filled"};
    case NodeKind::kSubnetPrivate: return {"box", "#e9e3f5", "rounded,filled"};
    case NodeKind::kGateway: return {"box", "#e2e8f0", "rounded,filled"};
    case NodeKind::kSecurityGroup: return {"box", "#fff7e0", "filled,dashed"};
    case NodeKind::kLoadBalancer: return {"box", "#c7ecd0", "rounded,filled"};
    case NodeKind::kListener: return {"cds", "#e3f4d7", "filled"};
    case NodeKind::kTargetGroup: return {"folder", "#e3f4d7", "filled"};
    case NodeKind::kServers: return {"box3d", "#cfe3fa", "filled"};
    case NodeKind::kElasticIp: return {"ellipse", "#e2e8f0", "filled"};
    case NodeKind::kDatabase: return {"cylinder", "#ffe4c4", "filled"};
    case NodeKind::kCache: return {"cylinder", "#fbd5d5", "filled"};
    case NodeKind::kBucket: return {"tab", "#fff9c4", "filled"};
    case NodeKind::kDistribution: return {"hexagon", "#ead7f5", "filled"};
    case NodeKind::kDnsRecord: return {"note", "#e6f4f1", "filled"};
  }
  return {"box", "#ffffff", "filled"};
}

// The DOT attributes of an edge kind, and its class in the SVG (the HTML view's CSS).
struct EdgeStyle {
  const char* css_class;
  const char* attributes;
};

EdgeStyle StyleOf(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kFlowFromWorld:
      return {"flow world", "color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2"};
    case EdgeKind::kFlowFromDevops:
      return {"flow devops", "color=\"#b9770e\", fontcolor=\"#b9770e\", penwidth=2"};
    case EdgeKind::kFlow: return {"flow", "color=\"#1f2d3d\", penwidth=2"};
    case EdgeKind::kMember: return {"member", "color=\"#9aa5b1\", style=dashed, dir=none"};
    case EdgeKind::kRoute: return {"route", "color=\"#2e7d32\", fontcolor=\"#2e7d32\""};
    case EdgeKind::kNetwork: return {"network", "color=\"#9aa5b1\", style=dotted"};
    case EdgeKind::kAlias: return {"alias", "color=\"#00796b\", fontcolor=\"#00796b\""};
    case EdgeKind::kOrigin: return {"origin", "color=\"#7b1fa2\", fontcolor=\"#7b1fa2\""};
    case EdgeKind::kReplication:
      return {"replication", "color=\"#5d6d7e\", fontcolor=\"#5d6d7e\", style=dashed"};
  }
  return {"", ""};
}

// Cluster colours by depth: account, environment, VPC, availability zone or DNS zone.
const char* ClusterStyle(int depth) {
  switch (depth) {
    case 0:
      return "style=\"rounded,filled\", fillcolor=\"#f4f6f8\", color=\"#5d6d7e\", "
             "fontsize=16";
    case 1:
      return "style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#8795a1\", "
             "fontsize=14";
    case 2: return "style=\"rounded,filled\", fillcolor=\"#f3f8ff\", color=\"#4a90d9\"";
    default: return "style=\"rounded,dashed\", color=\"#8795a1\"";
  }
}

class DotWriter {
 public:
  explicit DotWriter(const Topology& topology) : topology_(topology) {}

  std::string Write() {
    // SVG ids in the order the nodes are written.
    for (const TopologyNode& node : topology_.nodes) Number(node);
    for (const TopologyCluster& account : topology_.accounts) Number(account);

    out_ += "digraph \"vueops\" {\n";
    out_ += "  graph [label=" + DotLabel(topology_.title) +
            ", labelloc=t, fontsize=20, fontname=\"Helvetica\", rankdir=LR, newrank=true, "
            "nodesep=0.25, ranksep=0.9];\n";
    out_ += "  node [fontname=\"Helvetica\", fontsize=10];\n";
    out_ += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    // Where traffic comes from (the internet, the DevOps IPs) starts the picture.
    for (const TopologyNode& node : topology_.nodes) WriteNode(node, "  ");
    if (!topology_.nodes.empty()) {
      out_ += "  { rank=min;";
      for (const TopologyNode& node : topology_.nodes) out_ += " " + DotString(node.id) + ";";
      out_ += " }\n";
    }
    for (const TopologyCluster& account : topology_.accounts) WriteCluster(account, 0);
    size_t index = 0;
    for (const TopologyEdge& edge : topology_.edges) {
      auto from = ids_.find(edge.from), to = ids_.find(edge.to);
      if (from == ids_.end() || to == ids_.end()) continue;  // not drawn: no invented nodes
      EdgeStyle style = StyleOf(edge.kind);
      out_ += "  " + DotString(edge.from) + " -> " + DotString(edge.to) + " [id=\"e" +
              std::to_string(index++) + "-" + from->second + "-" + to->second + "\", class=\"" +
              style.css_class + "\", " + style.attributes;
      if (!edge.label.empty()) out_ += ", label=" + DotLabel(edge.label);
      out_ += "];\n";
    }
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  void Number(const TopologyNode& node) {
    ids_.emplace(node.id, "n" + std::to_string(ids_.size()));
  }
  void Number(const TopologyCluster& cluster) {
    for (const TopologyNode& node : cluster.nodes) Number(node);
    for (const TopologyCluster& inner : cluster.clusters) Number(inner);
  }

  void WriteNode(const TopologyNode& node, const std::string& indent) {
    NodeStyle style = StyleOf(node.kind);
    out_ += indent + DotString(node.id) + " [id=\"" + ids_.at(node.id) +
            "\", label=" + DotLabel(node.label) + ", shape=" + style.shape + ", style=\"" +
            style.style + "\", fillcolor=\"" + style.fill + "\"];\n";
  }

  void WriteCluster(const TopologyCluster& cluster, int depth) {
    std::string indent(2 * (depth + 1), ' ');
    // graphviz draws a subgraph as a box only when its name starts with "cluster".
    std::string name = cluster.id.starts_with("cluster") ? cluster.id : "cluster_" + cluster.id;
    out_ += indent + "subgraph " + DotString(name) + " {\n";
    out_ +=
        indent + "  graph [label=" + DotLabel(cluster.label) + ", " + ClusterStyle(depth) + "];\n";
    for (const TopologyNode& node : cluster.nodes) WriteNode(node, indent + "  ");
    for (const TopologyCluster& inner : cluster.clusters) WriteCluster(inner, depth + 1);
    out_ += indent + "}\n";
  }

  const Topology& topology_;
  std::map<std::string, std::string> ids_;  // node id -> SVG id
  std::string out_;
};

std::string Quote(std::string_view text, bool label) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '&': out += label ? "&amp;" : "&"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string DotString(std::string_view text) { return Quote(text, false); }

std::string DotLabel(std::string_view text) { return Quote(text, true); }

std::string RenderTopologyDot(const Topology& topology) { return DotWriter(topology).Write(); }

}  // namespace vueops::graph
