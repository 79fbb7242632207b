#include "graph/graph.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace vueops::graph {
namespace {

const std::set<std::string>& Empty() {
  static const std::set<std::string>* empty = new std::set<std::string>();
  return *empty;
}

}  // namespace

void Graph::AddNode(const std::string& node) { nodes_.insert(node); }

void Graph::AddEdge(const std::string& dependency, const std::string& dependent) {
  AddNode(dependency);
  AddNode(dependent);
  dependencies_[dependent].insert(dependency);
  dependents_[dependency].insert(dependent);
}

const std::set<std::string>& Graph::DependenciesOf(const std::string& node) const {
  auto it = dependencies_.find(node);
  return it == dependencies_.end() ? Empty() : it->second;
}

const std::set<std::string>& Graph::DependentsOf(const std::string& node) const {
  auto it = dependents_.find(node);
  return it == dependents_.end() ? Empty() : it->second;
}

Status Graph::CheckAcyclic() const {
  // Iterative depth-first search with colours; the grey path is the cycle when one closes.
  enum Colour { kWhite, kGrey, kBlack };
  std::map<std::string, Colour> colour;
  for (const std::string& start : nodes_) {
    if (colour[start] != kWhite) continue;
    std::vector<std::pair<std::string, std::set<std::string>::const_iterator>> stack;
    colour[start] = kGrey;
    stack.emplace_back(start, DependenciesOf(start).begin());
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == DependenciesOf(node).end()) {
        colour[node] = kBlack;
        stack.pop_back();
        continue;
      }
      const std::string& dependency = *next++;
      if (colour[dependency] == kGrey) {
        std::string cycle = dependency;
        bool in_cycle = false;
        for (const auto& frame : stack) {
          if (frame.first == dependency) in_cycle = true;
          if (in_cycle && frame.first != dependency) cycle += " -> " + frame.first;
        }
        cycle += " -> " + dependency;
        return FailedPreconditionError("resources depend on each other in a cycle: " + cycle +
                                       " (each needs the next)");
      }
      if (colour[dependency] == kWhite) {
        colour[dependency] = kGrey;
        stack.emplace_back(dependency, DependenciesOf(dependency).begin());
      }
    }
  }
  return Status::Ok();
}

std::vector<std::string> Graph::TopologicalOrder() const {
  std::map<std::string, size_t> waiting;
  std::set<std::string> ready;
  for (const std::string& node : nodes_) {
    waiting[node] = DependenciesOf(node).size();
    if (waiting[node] == 0) ready.insert(node);
  }
  std::vector<std::string> order;
  while (!ready.empty()) {
    std::string node = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(node);
    for (const std::string& dependent : DependentsOf(node)) {
      if (--waiting[dependent] == 0) ready.insert(dependent);
    }
  }
  return order;
}

Graph Graph::Reversed() const {
  Graph reversed;
  for (const std::string& node : nodes_) reversed.AddNode(node);
  for (const auto& [dependent, dependencies] : dependencies_) {
    for (const std::string& dependency : dependencies) reversed.AddEdge(dependent, dependency);
  }
  return reversed;
}

std::set<std::string> Graph::WithDependencies(const std::set<std::string>& roots) const {
  std::set<std::string> seen;
  std::vector<std::string> pending(roots.begin(), roots.end());
  while (!pending.empty()) {
    std::string node = pending.back();
    pending.pop_back();
    if (!seen.insert(node).second) continue;
    for (const std::string& dependency : DependenciesOf(node)) pending.push_back(dependency);
  }
  return seen;
}

std::set<std::string> Graph::WithDependents(const std::set<std::string>& roots) const {
  std::set<std::string> seen;
  std::vector<std::string> pending(roots.begin(), roots.end());
  while (!pending.empty()) {
    std::string node = pending.back();
    pending.pop_back();
    if (!seen.insert(node).second) continue;
    for (const std::string& dependent : DependentsOf(node)) pending.push_back(dependent);
  }
  return seen;
}

int Graph::LongestPath() const {
  std::map<std::string, int> depth;
  int longest = 0;
  for (const std::string& node : TopologicalOrder()) {
    int own = 1;
    for (const std::string& dependency : DependenciesOf(node)) {
      own = std::max(own, depth[dependency] + 1);
    }
    depth[node] = own;
    longest = std::max(longest, own);
  }
  return longest;
}

std::map<std::string, NodeOutcome> Walk(const Graph& graph,
                                        const std::function<Status(const std::string&)>& visit,
                                        const WalkOptions& options) {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, NodeOutcome> outcomes;
  std::map<std::string, size_t> waiting;
  std::deque<std::string> ready;
  size_t finished = 0;
  for (const std::string& node : graph.nodes()) {
    waiting[node] = graph.DependenciesOf(node).size();
    if (waiting[node] == 0) ready.push_back(node);
  }
  // Marks `node` done and releases or skips its dependents. REQUIRES: mutex held.
  std::function<void(const std::string&, NodeOutcome)> finish = [&](const std::string& node,
                                                                     NodeOutcome outcome) {
    bool succeeded = outcome.state == NodeState::kSucceeded;
    std::string cause = outcome.state == NodeState::kFailed ? node : outcome.root_cause;
    outcomes[node] = std::move(outcome);
    ++finished;
    for (const std::string& dependent : graph.DependentsOf(node)) {
      if (outcomes.count(dependent)) continue;
      if (!succeeded) {
        NodeOutcome skipped;
        skipped.state = NodeState::kSkipped;
        skipped.root_cause = cause;
        finish(dependent, std::move(skipped));
      } else if (--waiting[dependent] == 0) {
        ready.push_back(dependent);
      }
    }
  };
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return !ready.empty() || finished == graph.nodes().size(); });
      if (finished == graph.nodes().size()) return;
      std::string node = ready.front();
      ready.pop_front();
      if (outcomes.count(node)) continue;  // skipped while it waited
      if (options.cancelled != nullptr && options.cancelled->load()) {
        NodeOutcome skipped;
        skipped.state = NodeState::kSkipped;
        skipped.root_cause = "(interrupted)";
        finish(node, std::move(skipped));
        changed.notify_all();
        continue;
      }
      lock.unlock();
      Status status = visit(node);
      lock.lock();
      NodeOutcome outcome;
      outcome.state = status.ok() ? NodeState::kSucceeded : NodeState::kFailed;
      outcome.error = std::move(status);
      finish(node, std::move(outcome));
      changed.notify_all();
    }
  };
  int threads = std::max(1, std::min<int>(options.parallelism,
                                          static_cast<int>(graph.nodes().size())));
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (std::thread& thread : pool) thread.join();
  return outcomes;
}

}  // namespace vueops::graph
