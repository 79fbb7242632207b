#include "graph/graph.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

namespace vueops::graph {
namespace {

// vpc -> subnet -> nat; vpc -> sg -> instance; subnet -> instance
Graph Sample() {
  Graph graph;
  graph.AddEdge("vpc", "subnet");
  graph.AddEdge("subnet", "nat");
  graph.AddEdge("vpc", "sg");
  graph.AddEdge("sg", "instance");
  graph.AddEdge("subnet", "instance");
  graph.AddNode("lonely");
  return graph;
}

TEST(GraphTest, OrderRespectsDependencies) {
  Graph graph = Sample();
  ASSERT_TRUE(graph.CheckAcyclic().ok());
  std::vector<std::string> order = graph.TopologicalOrder();
  ASSERT_EQ(order.size(), 6u);
  auto position = [&](const std::string& node) {
    return std::find(order.begin(), order.end(), node) - order.begin();
  };
  EXPECT_LT(position("vpc"), position("subnet"));
  EXPECT_LT(position("subnet"), position("nat"));
  EXPECT_LT(position("sg"), position("instance"));
  EXPECT_LT(position("subnet"), position("instance"));
  EXPECT_EQ(graph.LongestPath(), 3);
  EXPECT_EQ(graph.WithDependencies({"instance"}),
            (std::set<std::string>{"instance", "sg", "subnet", "vpc"}));
  Graph reversed = graph.Reversed();
  EXPECT_EQ(reversed.DependenciesOf("vpc"), (std::set<std::string>{"sg", "subnet"}));
}

TEST(GraphTest, CycleIsNamed) {
  Graph graph;
  graph.AddEdge("a", "b");
  graph.AddEdge("b", "c");
  graph.AddEdge("c", "a");
  graph.AddEdge("x", "a");
  Status status = graph.CheckAcyclic();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("a -> c -> b -> a (each needs the next)"), std::string::npos) << status.message();
}

TEST(WalkTest, RunsEverythingOnceAfterItsDependencies) {
  Graph graph = Sample();
  std::mutex mutex;
  std::vector<std::string> visited;
  auto outcomes = Walk(graph, [&](const std::string& node) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const std::string& dependency : graph.DependenciesOf(node)) {
      EXPECT_NE(std::find(visited.begin(), visited.end(), dependency), visited.end())
          << node << " ran before " << dependency;
    }
    visited.push_back(node);
    return Status::Ok();
  }, {.parallelism = 4});
  EXPECT_EQ(visited.size(), 6u);
  for (const auto& [node, outcome] : outcomes) EXPECT_EQ(outcome.state, NodeState::kSucceeded);
}

TEST(WalkTest, FailureSkipsOnlyDownstreamWithItsRootCause) {
  Graph graph = Sample();
  auto outcomes = Walk(graph, [&](const std::string& node) {
    return node == "subnet" ? UnavailableError("subnet failed") : Status::Ok();
  });
  EXPECT_EQ(outcomes["vpc"].state, NodeState::kSucceeded);
  EXPECT_EQ(outcomes["sg"].state, NodeState::kSucceeded);
  EXPECT_EQ(outcomes["lonely"].state, NodeState::kSucceeded);
  EXPECT_EQ(outcomes["subnet"].state, NodeState::kFailed);
  EXPECT_EQ(outcomes["subnet"].error.message(), "subnet failed");
  EXPECT_EQ(outcomes["nat"].state, NodeState::kSkipped);
  EXPECT_EQ(outcomes["nat"].root_cause, "subnet");
  EXPECT_EQ(outcomes["instance"].state, NodeState::kSkipped);
  EXPECT_EQ(outcomes["instance"].root_cause, "subnet");
}

TEST(WalkTest, ParallelismIsBounded) {
  Graph graph;
  for (int i = 0; i < 40; ++i) graph.AddNode("n" + std::to_string(i));
  std::atomic<int> now{0}, peak{0};
  Walk(graph, [&](const std::string&) {
    int current = ++now;
    int seen = peak.load();
    while (current > seen && !peak.compare_exchange_weak(seen, current)) {
    }
    std::this_thread::yield();
    --now;
    return Status::Ok();
  }, {.parallelism = 3});
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 1);
}

TEST(WalkTest, CancellationSkipsWhatHasNotStarted) {
  Graph graph;
  graph.AddEdge("first", "second");
  graph.AddEdge("second", "third");
  std::atomic<bool> cancelled{false};
  auto outcomes = Walk(graph, [&](const std::string& node) {
    if (node == "first") cancelled = true;
    return Status::Ok();
  }, {.parallelism = 1, .cancelled = &cancelled});
  EXPECT_EQ(outcomes["first"].state, NodeState::kSucceeded);
  EXPECT_EQ(outcomes["second"].state, NodeState::kSkipped);
  EXPECT_EQ(outcomes["second"].root_cause, "(interrupted)");
  EXPECT_EQ(outcomes["third"].state, NodeState::kSkipped);
}

TEST(WalkTest, EmptyGraph) { EXPECT_TRUE(Walk(Graph(), [](const std::string&) { return Status::Ok(); }).empty()); }

}  // namespace
}  // namespace vueops::graph
