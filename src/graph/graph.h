// A directed acyclic graph of named nodes, and a parallel walk over it that runs each node
// after its dependencies and skips the dependents of a failure (terraform's dag package is
// the model: errors are reported at their root cause, not at every node downstream).
#ifndef VUEOPS_GRAPH_GRAPH_H_
#define VUEOPS_GRAPH_GRAPH_H_

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace vueops::graph {

class Graph {
 public:
  // Adds a node (once; adding it again is harmless).
  void AddNode(const std::string& node);
  // `dependent` runs after `dependency`. Both are added as nodes.
  void AddEdge(const std::string& dependency, const std::string& dependent);

  bool Contains(const std::string& node) const { return nodes_.count(node) != 0; }
  const std::set<std::string>& nodes() const { return nodes_; }
  const std::set<std::string>& DependenciesOf(const std::string& node) const;
  const std::set<std::string>& DependentsOf(const std::string& node) const;

  // Fails with kFailedPrecondition naming one cycle ("a -> b -> c -> a") when there is one.
  Status CheckAcyclic() const;
  // The nodes in an order where every node comes after its dependencies (ties by name).
  // REQUIRES: CheckAcyclic().ok().
  std::vector<std::string> TopologicalOrder() const;
  // The same nodes with every edge turned around (for destroying in reverse order).
  Graph Reversed() const;
  // The nodes `roots` depend on, directly or not, and the roots themselves (for --target).
  std::set<std::string> WithDependencies(const std::set<std::string>& roots) const;
  // The nodes that depend on `roots`, directly or not, and the roots themselves (for
  // --target when destroying: what uses a destroyed object goes first).
  std::set<std::string> WithDependents(const std::set<std::string>& roots) const;
  // The length, in nodes, of the longest chain of dependencies (the critical path).
  int LongestPath() const;

 private:
  std::set<std::string> nodes_;
  std::map<std::string, std::set<std::string>> dependencies_;
  std::map<std::string, std::set<std::string>> dependents_;
};

enum class NodeState { kSucceeded, kFailed, kSkipped };

struct NodeOutcome {
  NodeState state = NodeState::kSkipped;
  Status error;            // kFailed: what went wrong
  std::string root_cause;  // kSkipped: the failed (or cancelled) node upstream of this one
};

struct WalkOptions {
  int parallelism = 10;  // terraform's default
  // When set and true, no new node starts; nodes not started are skipped.
  const std::atomic<bool>* cancelled = nullptr;
};

// Runs `visit` on every node, each after all its dependencies succeeded, at most
// `parallelism` at once. A node whose dependency failed or was skipped is skipped, with the
// failed node as its root cause. Returns every node's outcome.
// REQUIRES: graph.CheckAcyclic().ok().
std::map<std::string, NodeOutcome> Walk(const Graph& graph,
                                        const std::function<Status(const std::string&)>& visit,
                                        const WalkOptions& options = {});

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_GRAPH_H_
