// The DOT text of the topology: escaping, the flows and clusters of the example, one
// environment or all, and the same bytes every time.
#include "graph/topology_dot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "graph/pass_test_support.h"

namespace vueops::graph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DotStringTest, EscapesQuotesBackslashesAndLineBreaks) {
  EXPECT_EQ(DotString("prod.security_group.servers"), "\"prod.security_group.servers\"");
  EXPECT_EQ(DotString("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  // A trailing backslash would otherwise swallow the closing quote.
  EXPECT_EQ(DotString("end\\"), "\"end\\\\\"");
  // Control characters have no business in a picture.
  EXPECT_EQ(DotString(std::string("a\tb\x01"
                                  "c\x7f",
                                  6)),
            "\"abc\"");
  EXPECT_EQ(DotString("été → 443"), "\"été → 443\"");  // UTF-8 passes through
}

TEST(DotLabelTest, AmpersandsAreEntitiesSoGraphvizShowsThemAsWritten) {
  EXPECT_EQ(DotLabel("R&D <dev> &lt;"), "\"R&amp;D <dev> &amp;lt;\"");
  EXPECT_EQ(DotString("R&D"), "\"R&D\"");
  EXPECT_EQ(DotLabel("line 1\nline \"2\""), "\"line 1\\nline \\\"2\\\"\"");
}

TEST(RenderTopologyDotTest, EscapesEveryIdAndLabel) {
  Topology topology;
  topology.title = "a \"quoted\" & slashed \\ title";
  topology.nodes.push_back({"odd \"id\"\\", NodeKind::kCidr, "label & \"more\""});
  TopologyCluster account{"cluster_account_x", "account \"x\"", {}, {}};
  account.nodes.push_back({"plain", NodeKind::kBucket, "bucket"});
  topology.accounts.push_back(account);
  topology.edges.push_back({"odd \"id\"\\", "plain", EdgeKind::kFlow, "80 & \"443\""});
  std::string dot = RenderTopologyDot(topology);
  EXPECT_THAT(dot, HasSubstr("label=\"a \\\"quoted\\\" &amp; slashed \\\\ title\""));
  EXPECT_THAT(dot, HasSubstr("\"odd \\\"id\\\"\\\\\" [id=\"n0\", label=\"label &amp; "
                             "\\\"more\\\"\""));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_account_x\" {"));
  EXPECT_THAT(dot, HasSubstr("label=\"account \\\"x\\\"\""));
  EXPECT_THAT(dot, HasSubstr("\"odd \\\"id\\\"\\\\\" -> \"plain\" [id=\"e0-n0-n1\""));
  EXPECT_THAT(dot, HasSubstr("label=\"80 &amp; \\\"443\\\"\"];"));
}

TEST(RenderTopologyDotTest, EdgesToNodesNotDrawnAreLeftOut) {
  Topology topology;
  topology.nodes.push_back({"a", NodeKind::kCidr, "a"});
  topology.edges.push_back({"a", "elsewhere", EdgeKind::kFlow, "22"});
  EXPECT_THAT(RenderTopologyDot(topology), Not(HasSubstr("elsewhere")));
}

class ExampleDotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::vector<resources::DesiredResource>> built = BuildResources(stack_, {});
    ASSERT_TRUE(built.ok()) << built.status().message();
    resources_ = std::move(*built);
  }

  std::string Dot(std::vector<std::string> environments = {}) {
    return RenderTopologyDot(
        BuildTopology(stack_, resources_, {.environments = std::move(environments)}));
  }

  spec::Stack stack_;
  std::vector<resources::DesiredResource> resources_;
};

TEST_F(ExampleDotTest, HasTheNotesFlowsAndClusters) {
  std::string dot = Dot({"prod"});
  EXPECT_THAT(dot, HasSubstr("digraph \"vueops\" {"));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_account_vueprod\" {"));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_vpc_prod\" {"));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_zone_prod_us-west-2b\" {"));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_dns_prod_main\" {"));
  EXPECT_THAT(dot, ::testing::ContainsRegex(
                       "\"world\" -> \"prod.security_group.load_balancer\" \\[id=\"e[0-9]+-n[0-9]+"
                       "-n[0-9]+\", class=\"flow world\", [^]]*label=\"80, 443\"\\];"));
  EXPECT_THAT(dot,
              ::testing::ContainsRegex("\"prod.security_group.servers\" -> "
                                       "\"prod.security_group.database\" [^\n]*label=\"3306\""));
  EXPECT_THAT(dot, ::testing::ContainsRegex("\"prod.security_group.servers\" -> "
                                            "\"prod.security_group.cache\" [^\n]*label=\"6379\""));
  EXPECT_THAT(dot, ::testing::ContainsRegex("\"prod.security_group.load_balancer\" -> "
                                            "\"prod.security_group.servers\" [^\n]*label=\"80\""));
  EXPECT_THAT(dot, ::testing::ContainsRegex("\"devops:[^\"]*\" -> \"prod.security_group.servers\" "
                                            "[^\n]*label=\"22\""));
  EXPECT_THAT(dot, HasSubstr("label=\"FOH servers\\nautoscaling group vueocity-prod-foh"));
  EXPECT_THAT(dot, HasSubstr("shape=cylinder"));
}

// The HTML view's script finds an edge's ends from its id: every end must be a node's id.
TEST_F(ExampleDotTest, EdgeIdsNameDrawnNodes) {
  std::string dot = Dot();
  std::set<std::string> node_ids;
  std::regex node_id("\\[id=\"(n[0-9]+)\"");
  for (std::sregex_iterator it(dot.begin(), dot.end(), node_id), end; it != end; ++it) {
    EXPECT_TRUE(node_ids.insert((*it)[1]).second) << "twice: " << (*it)[1];
  }
  std::regex edge_id("\\[id=\"e[0-9]+-(n[0-9]+)-(n[0-9]+)\"");
  int edges = 0;
  for (std::sregex_iterator it(dot.begin(), dot.end(), edge_id), end; it != end; ++it, ++edges) {
    EXPECT_TRUE(node_ids.contains((*it)[1])) << (*it)[0];
    EXPECT_TRUE(node_ids.contains((*it)[2])) << (*it)[0];
  }
  EXPECT_GT(edges, 100);
  EXPECT_EQ(std::count(dot.begin(), dot.end(), '{'), std::count(dot.begin(), dot.end(), '}'));
}

TEST_F(ExampleDotTest, SameBytesWhateverTheResourceOrder) {
  std::string first = Dot();
  EXPECT_EQ(Dot(), first);
  std::reverse(resources_.begin(), resources_.end());
  EXPECT_EQ(Dot(), first);
}

TEST_F(ExampleDotTest, OneEnvironmentOrAll) {
  std::string all = Dot();
  for (const char* env : {"prod", "dev", "test"}) {
    EXPECT_THAT(all, HasSubstr(std::string("subgraph \"cluster_vpc_") + env + "\""));
  }
  EXPECT_THAT(all, HasSubstr("subgraph \"cluster_account_vueusers\""));
  EXPECT_THAT(all, HasSubstr("every environment"));
  std::string test = Dot({"test"});
  EXPECT_THAT(test, HasSubstr("subgraph \"cluster_vpc_test\""));
  EXPECT_THAT(test, Not(HasSubstr("\"prod.")));
  EXPECT_THAT(test, Not(HasSubstr("\"dev.")));
  EXPECT_THAT(test, Not(HasSubstr("cluster_account_vueusers")));
  EXPECT_THAT(test, HasSubstr("topology: test"));
}

}  // namespace
}  // namespace vueops::graph
