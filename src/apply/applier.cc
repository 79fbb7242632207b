#include "apply/applier.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "base/terminal.h"

namespace vueops::apply {
namespace {

using Kind = ProgressEvent::Kind;

ProgressEvent Event(Kind kind, const std::string& address, plan::Action action,
                    std::string message = "", std::string id = "",
                    Clock::Duration elapsed = Clock::Duration(0), int finished = 0) {
  ProgressEvent event;
  event.kind = kind;
  event.address = address;
  event.action = action;
  event.message = std::move(message);
  event.id = std::move(id);
  event.elapsed = elapsed;
  event.finished = finished;
  return event;
}

}  // namespace

size_t ApplyReport::Count(ApplyOutcome::State state) const {
  return static_cast<size_t>(std::count_if(outcomes.begin(), outcomes.end(),
                                           [&](const ApplyOutcome& o) { return o.state == state; }));
}

Result<ApplyReport> ApplyPlan(const plan::Plan& plan, state::StateStore& store,
                              resources::AccountAccess& access, Executor& executor,
                              const ApplyOptions& options) {
  ASSIGN_OR_RETURN(state::StateInfo info, store.Info());
  if (info.lineage != plan.lineage) {
    return FailedPreconditionError("the plan was made for another state (lineage " + plan.lineage +
                                   ", this state is " + info.lineage + "); plan again");
  }
  if (info.serial != plan.serial) {
    return FailedPreconditionError(
        "the state changed since the plan was made (serial " + std::to_string(plan.serial) +
        " -> " + std::to_string(info.serial) + "); plan again and review the new plan");
  }
  Clock& clock = access.clock();
  std::mutex mutex;
  std::map<std::string, Clock::Duration> elapsed;
  const int total = static_cast<int>(plan.graph.nodes().size());
  std::atomic<int> finished{0};
  auto emit = [&](ProgressEvent event) {
    if (options.progress == nullptr) return;
    event.total = total;
    if (event.finished == 0) event.finished = finished.load();
    options.progress->Emit(event);
  };
  auto lookup = [&](const std::string& address,
                    const std::string& output) -> std::optional<Json> {
    Result<std::optional<state::ResourceRecord>> record = store.Get(address);
    if (!record.ok() || !record->has_value()) return std::nullopt;
    const Json& outputs = (*record)->outputs;
    if (!outputs.contains(output)) return std::nullopt;
    return outputs[output];
  };
  auto visit = [&](const std::string& node) -> Status {
    // A replace runs as two nodes: its destroy half, then its create half.
    std::string address = node;
    bool destroy_half = false;
    if (node.size() > plan::kDestroySuffix.size() && node.ends_with(plan::kDestroySuffix)) {
      address = node.substr(0, node.size() - plan::kDestroySuffix.size());
      destroy_half = true;
    }
    const plan::Change* planned = plan.Find(address);
    if (planned == nullptr) {
      return InternalError(address + " is in the plan's graph but has no change: a plan that "
                           "was not built by vueops plan, or changes not sorted by address");
    }
    plan::Change change = *planned;
    if (change.action == plan::Action::kReplace) {
      change.action = destroy_half ? plan::Action::kDelete : plan::Action::kCreate;
      if (destroy_half) {
        change.reason = "replacing";
      } else {
        change.record.reset();  // a new object: a new idempotency token
      }
    }
    Clock::Duration start = clock.Monotonic();
    emit(Event(Kind::kStart, address, change.action));
    bool known = true;
    Json desired = resources::ResolveReferences(change.desired, lookup, &known);
    std::string id;
    ExecutionContext context{&access, &store, options.cancelled,
                             [&, address, action = change.action](std::string_view message) {
                               emit(Event(Kind::kWaiting, address, action, std::string(message),
                                          "", clock.Monotonic() - start));
                             }};
    Status status = executor.Execute(change, desired, context, &id);
    Clock::Duration took = clock.Monotonic() - start;
    {
      std::lock_guard<std::mutex> lock(mutex);
      elapsed[node] = took;
    }
    int done = ++finished;
    if (status.ok()) {
      emit(Event(Kind::kDone, address, change.action, "", id, took, done));
    } else {
      emit(Event(Kind::kFailed, address, change.action, status.message(), "", took, done));
    }
    return status;
  };
  auto outcomes = graph::Walk(plan.graph, visit,
                              {.parallelism = options.parallelism, .cancelled = options.cancelled});
  ApplyReport report;
  for (const auto& [node, outcome] : outcomes) {
    ApplyOutcome result;
    result.address = node;
    std::string address = node.ends_with(plan::kDestroySuffix)
                              ? node.substr(0, node.size() - plan::kDestroySuffix.size())
                              : node;
    const plan::Change* planned = plan.Find(address);
    result.action = planned != nullptr ? planned->action : plan::Action::kNoop;
    result.elapsed = elapsed[node];
    switch (outcome.state) {
      case graph::NodeState::kSucceeded: result.state = ApplyOutcome::State::kSucceeded; break;
      case graph::NodeState::kFailed:
        result.state = ApplyOutcome::State::kFailed;
        result.error = outcome.error;
        break;
      case graph::NodeState::kSkipped:
        result.state = ApplyOutcome::State::kSkipped;
        result.root_cause = outcome.root_cause;
        emit(Event(Kind::kSkipped, address, result.action,
                   outcome.root_cause == "(interrupted)" ? "interrupted"
                                                        : "blocked by " + outcome.root_cause,
                   "", Clock::Duration(0), ++finished));
        break;
    }
    report.outcomes.push_back(std::move(result));
  }
  return report;
}

std::string RenderApplyReport(const ApplyReport& report, bool color) {
  Style style(color);
  std::map<plan::Action, size_t> done;
  for (const ApplyOutcome& outcome : report.outcomes) {
    if (outcome.state == ApplyOutcome::State::kSucceeded) ++done[outcome.action];
  }
  std::string counts = std::to_string(done[plan::Action::kCreate]) + " created, " +
                       std::to_string(done[plan::Action::kUpdate]) + " updated, " +
                       std::to_string(done[plan::Action::kReplace]) + " replaced, " +
                       std::to_string(done[plan::Action::kDelete]) + " destroyed";
  if (done[plan::Action::kAdopt]) {
    counts += ", " + std::to_string(done[plan::Action::kAdopt]) + " adopted";
  }
  if (report.ok()) {
    return style.Apply(kStyleGreen, "Apply complete: ") + counts + ".\n";
  }
  std::string out = style.Apply(kStyleRed, "Apply failed") + " (" + counts + "; " +
                    std::to_string(report.Count(ApplyOutcome::State::kFailed)) + " failed, " +
                    std::to_string(report.Count(ApplyOutcome::State::kSkipped)) +
                    " not attempted).\n";
  std::map<std::string, std::vector<std::string>> blocked;
  for (const ApplyOutcome& outcome : report.outcomes) {
    if (outcome.state == ApplyOutcome::State::kSkipped) {
      blocked[outcome.root_cause].push_back(outcome.address);
    }
  }
  for (const ApplyOutcome& outcome : report.outcomes) {
    if (outcome.state != ApplyOutcome::State::kFailed) continue;
    out += "\n  " + style.Apply(kStyleBold, outcome.address) + " (" +
           std::string(plan::ActionName(outcome.action)) + "): " + outcome.error.message() + "\n";
    auto it = blocked.find(outcome.address);
    if (it != blocked.end()) {
      out += "    not attempted because of it: ";
      for (size_t i = 0; i < it->second.size(); ++i) out += (i ? ", " : "") + it->second[i];
      out += "\n";
    }
  }
  if (auto it = blocked.find("(interrupted)"); it != blocked.end()) {
    out += "\n  interrupted before: " + std::to_string(it->second.size()) + " changes\n";
  }
  out += "\nEverything that succeeded is recorded in the state; run the apply again to finish.\n";
  return out;
}

}  // namespace vueops::apply
