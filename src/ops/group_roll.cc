#include "ops/group_roll.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>

namespace vueops::ops {
namespace {

constexpr const char* kRefresh = "instance-refresh";
constexpr const char* kBatches = "batches";

// Error codes an endpoint answers with for an action it does not implement. moto 5.2 answers
// StartInstanceRefresh with a bare HTTP 500 "Internal Server Error".
bool IsUnimplemented(const client::CallInfo& info, const Status& status) {
  if (info.error.has_value()) {
    const std::string& code = info.error->code;
    if (code == "InvalidAction" || code == "UnknownOperationException" ||
        code == "NotImplemented" || code == "NotImplementedError") {
      return true;
    }
  }
  // An answer without an AWS error code (a plain "Internal Server Error" page; the parser
  // then names the HTTP status) comes from an endpoint that does not know the action: AWS
  // itself always sends a code, InternalFailure included.
  const std::string code = info.error.has_value() ? info.error->code : "";
  const bool no_code = code.empty() || std::all_of(code.begin(), code.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  return info.http_status == 501 || (no_code && info.http_status >= 400) ||
         status.message().find("has not been implemented") != std::string::npos;
}

struct GroupInstance {
  std::string id;
  std::string lifecycle;  // InService, Pending, Terminating, ...
  std::string health;     // Healthy, Unhealthy
};

struct GroupView {
  int desired = 0;
  std::vector<std::string> target_groups;
  std::vector<GroupInstance> instances;
};

Result<GroupView> DescribeGroup(client::AwsClient& client, const std::string& group) {
  ASSIGN_OR_RETURN(Json answer, client.Call("autoscaling", "DescribeAutoScalingGroups",
                                            {{"AutoScalingGroupNames", Json::array({group})}}));
  const Json groups = answer.value("AutoScalingGroups", Json::array());
  if (groups.empty()) return NotFoundError("autoscaling group " + group + " does not exist");
  const Json& found = groups[0];
  GroupView view;
  view.desired = found.value("DesiredCapacity", 0);
  for (const Json& arn : found.value("TargetGroupARNs", Json::array())) {
    view.target_groups.push_back(arn.get<std::string>());
  }
  for (const Json& instance : found.value("Instances", Json::array())) {
    view.instances.push_back({instance.value("InstanceId", ""),
                              instance.value("LifecycleState", ""),
                              instance.value("HealthStatus", "")});
  }
  return view;
}

// Each instance's worst state over the group's target groups: "healthy" only when healthy in
// all of them; "unhealthy" when any says so; otherwise the state that is still pending
// ("initial", "unused" before registration, "draining").
Result<std::map<std::string, std::string>> TargetStates(client::AwsClient& client,
                                                        const std::vector<std::string>& groups,
                                                        const std::vector<std::string>& ids) {
  std::map<std::string, std::string> states;
  for (const std::string& id : ids) states[id] = "healthy";
  if (ids.empty()) return states;
  for (const std::string& arn : groups) {
    Json targets = Json::array();
    for (const std::string& id : ids) targets.push_back({{"Id", id}});
    ASSIGN_OR_RETURN(Json answer, client.Call("elbv2", "DescribeTargetHealth",
                                              {{"TargetGroupArn", arn}, {"Targets", targets}}));
    for (const Json& description : answer.value("TargetHealthDescriptions", Json::array())) {
      std::string id = description.value("Target", Json::object()).value("Id", "");
      std::string state =
          description.value("TargetHealth", Json::object()).value("State", "unavailable");
      auto found = states.find(id);
      if (found == states.end() || found->second == "unhealthy" || state == "healthy") continue;
      found->second = state;
    }
  }
  return states;
}

class Roller {
 public:
  Roller(client::AwsClient& client, const RollOptions& options,
         const std::function<void(const RollEvent&)>& report)
      : client_(client), clock_(*client.context()->clock), options_(options), report_(report) {}

  Result<RollResult> Run() {
    ASSIGN_OR_RETURN(GroupView before, DescribeGroup(client_, options_.group));
    for (const GroupInstance& instance : before.instances) originals_.insert(instance.id);
    result_.total = static_cast<int>(before.instances.size());
    if (options_.method != RollMethod::kBatches) {
      Result<bool> refreshed = InstanceRefresh();
      if (!refreshed.ok()) return refreshed.status();
      if (*refreshed) return result_;
    }
    RETURN_IF_ERROR(Batches(before));
    return result_;
  }

 private:
  void Report(std::string event, const std::string& method, int percentage, std::string message) {
    report_(RollEvent{std::move(event), method, percentage, std::move(message)});
  }

  bool TimedOut(Clock::Duration started) {
    return clock_.Monotonic() - started > Clock::Duration(options_.timeout);
  }

  // The new instances (not there when the roll started) that a target group or the group's
  // own health check calls unhealthy, as "i-1 (unhealthy in the target group)".
  Result<std::string> UnhealthyNewInstances(const GroupView& view) {
    std::vector<std::string> fresh;
    std::string unhealthy;
    for (const GroupInstance& instance : view.instances) {
      if (originals_.count(instance.id) != 0) continue;
      if (instance.health == "Unhealthy") {
        unhealthy += (unhealthy.empty() ? "" : ", ") + instance.id +
                     " (unhealthy by the group's health check)";
      } else if (instance.lifecycle == "InService") {
        fresh.push_back(instance.id);
      }
    }
    ASSIGN_OR_RETURN(auto states, TargetStates(client_, view.target_groups, fresh));
    for (const auto& [id, state] : states) {
      if (state == "unhealthy") {
        unhealthy += (unhealthy.empty() ? "" : ", ") + id + " (unhealthy in the target group)";
      }
    }
    return unhealthy;
  }

  // true: the refresh finished; false: the endpoint lacks instance refresh (kAuto goes on
  // with batches).
  Result<bool> InstanceRefresh() {
    Json preferences = {{"MinHealthyPercentage", options_.min_healthy_percentage},
                        // AWS rolls back by itself when the refresh fails.
                        {"AutoRollback", true}};
    if (!options_.checkpoints.empty()) {
      preferences["CheckpointPercentages"] = options_.checkpoints;
      preferences["CheckpointDelay"] = options_.checkpoint_delay_seconds;
    }
    if (options_.instance_warmup_seconds.has_value()) {
      preferences["InstanceWarmup"] = *options_.instance_warmup_seconds;
    }
    client::CallInfo info;
    Result<Json> started = client_.Call(
        "autoscaling", "StartInstanceRefresh",
        {{"AutoScalingGroupName", options_.group}, {"Preferences", preferences}}, &info);
    if (!started.ok()) {
      if (IsUnimplemented(info, started.status()) && options_.method == RollMethod::kAuto) {
        Report("fallback", kBatches, 0,
               "this endpoint has no instance refresh (StartInstanceRefresh is not implemented); "
               "replacing instances in batches instead");
        return false;
      }
      return Status(started.status().code(), "starting the instance refresh of " + options_.group +
                                                 ": " + started.status().message());
    }
    result_.method = kRefresh;
    result_.refresh_id = started->value("InstanceRefreshId", "");
    Report("started", kRefresh, 0,
           "instance refresh " + result_.refresh_id + " of " + options_.group + " started (" +
               std::to_string(options_.min_healthy_percentage) + "% kept healthy)");

    const Clock::Duration began = clock_.Monotonic();
    std::string last;
    for (;;) {
      clock_.SleepFor(options_.poll_interval);
      ASSIGN_OR_RETURN(Json answer,
                       client_.Call("autoscaling", "DescribeInstanceRefreshes",
                                    {{"AutoScalingGroupName", options_.group},
                                     {"InstanceRefreshIds", Json::array({result_.refresh_id})}}));
      Json refreshes = answer.value("InstanceRefreshes", Json::array());
      if (refreshes.empty()) {
        return NotFoundError("instance refresh " + result_.refresh_id + " is gone");
      }
      const Json& refresh = refreshes[0];
      std::string status = refresh.value("Status", "");
      int percentage = refresh.value("PercentageComplete", 0);
      std::string reason = refresh.value("StatusReason", "");
      std::string line = status + " " + std::to_string(percentage) + "%";
      if (line != last) {
        Report("progress", kRefresh, percentage,
               status + ", " + std::to_string(percentage) + "% complete" +
                   (refresh.contains("InstancesToUpdate")
                        ? ", " + std::to_string(refresh.value("InstancesToUpdate", 0)) +
                              " instances to update"
                        : "") +
                   (reason.empty() ? "" : " (" + reason + ")"));
        last = line;
      }
      if (status == "Successful") {
        result_.replaced = result_.total;
        Report("done", kRefresh, 100, "instance refresh " + result_.refresh_id + " succeeded");
        return true;
      }
      if (status == "Failed" || status == "Cancelled" || status == "RollbackSuccessful" ||
          status == "RollbackFailed") {
        Report("stopped", kRefresh, percentage, "instance refresh " + status);
        return AbortedError("instance refresh " + result_.refresh_id + " of " + options_.group +
                            " ended " + status + (reason.empty() ? "" : ": " + reason));
      }
      if (status == "Cancelling" || status == "RollbackInProgress") continue;
      // Our own watch on the new instances' health, between AWS's checks.
      ASSIGN_OR_RETURN(GroupView view, DescribeGroup(client_, options_.group));
      ASSIGN_OR_RETURN(std::string unhealthy, UnhealthyNewInstances(view));
      if (!unhealthy.empty()) {
        Report("unhealthy", kRefresh, percentage, "failed health check: " + unhealthy);
        return StopRefresh("a failed health check: " + unhealthy, percentage);
      }
      if (TimedOut(began)) {
        return StopRefresh("the timeout (" + std::to_string(options_.timeout.count()) + " s)",
                           percentage);
      }
    }
  }

  // Rolls the refresh back (the instances already replaced return to the previous launch
  // template), or cancels it where a rollback is refused.
  Status StopRefresh(const std::string& why, int percentage) {
    Result<Json> rolled = client_.Call("autoscaling", "RollbackInstanceRefresh",
                                       {{"AutoScalingGroupName", options_.group}});
    std::string how = "rolled back";
    if (!rolled.ok()) {
      Result<Json> cancelled = client_.Call("autoscaling", "CancelInstanceRefresh",
                                            {{"AutoScalingGroupName", options_.group}});
      if (!cancelled.ok()) {
        return Status(cancelled.status().code(), "stopping instance refresh " + result_.refresh_id +
                                                     " after " + why + ": " +
                                                     cancelled.status().message());
      }
      how = "cancelled (a rollback was refused: " + rolled.status().message() + ")";
    }
    Report("stopped", kRefresh, percentage, "instance refresh " + how + " after " + why);
    return AbortedError("instance refresh " + result_.refresh_id + " of " + options_.group + " " +
                        how + " after " + why);
  }

  Status Batches(const GroupView& before) {
    result_.method = kBatches;
    std::vector<std::string> queue;
    for (const GroupInstance& instance : before.instances) {
      if (instance.lifecycle == "InService") queue.push_back(instance.id);
    }
    const int total = static_cast<int>(queue.size());
    result_.total = total;
    const int batch = options_.batch_size > 0 ? options_.batch_size
                                              : BatchSize(std::max(before.desired, total),
                                                          options_.min_healthy_percentage);
    Report("started", kBatches, 0,
           "replacing " + std::to_string(total) + " instances of " + options_.group +
               " in batches of " + std::to_string(batch));
    size_t next = 0;
    while (next < queue.size()) {
      std::vector<std::string> current(
          queue.begin() + static_cast<std::ptrdiff_t>(next),
          queue.begin() + static_cast<std::ptrdiff_t>(std::min(queue.size(), next + batch)));
      next += current.size();
      std::string names;
      for (const std::string& id : current) names += (names.empty() ? "" : ", ") + id;
      Report("batch", kBatches, Percent(), "terminating " + names);
      for (const std::string& id : current) {
        // The group launches a replacement for each (desired capacity unchanged).
        Result<Json> terminated =
            client_.Call("autoscaling", "TerminateInstanceInAutoScalingGroup",
                         {{"InstanceId", id}, {"ShouldDecrementDesiredCapacity", false}});
        if (!terminated.ok()) {
          return Status(terminated.status().code(),
                        "terminating " + id + ": " + terminated.status().message() + Stopped());
        }
      }
      RETURN_IF_ERROR(WaitForReplacements(before.desired, current));
      result_.replaced += static_cast<int>(current.size());
      Report("replaced", kBatches, Percent(),
             std::to_string(result_.replaced) + " of " + std::to_string(total) + " replaced");
    }
    Report("done", kBatches, 100,
           "all " + std::to_string(total) + " instances of " + options_.group + " replaced");
    return Status::Ok();
  }

  int Percent() const { return result_.total == 0 ? 100 : result_.replaced * 100 / result_.total; }

  std::string Stopped() const {
    return "; stopped after " + std::to_string(result_.replaced) + " of " +
           std::to_string(result_.total) +
           " replaced (the rest still run the previous launch template)";
  }

  // Until the group is back at `desired` instances InService, none of `batch` among them, and
  // every new one healthy in its target groups; fails on a failed health check.
  Status WaitForReplacements(int desired, const std::vector<std::string>& batch) {
    const Clock::Duration began = clock_.Monotonic();
    for (;;) {
      clock_.SleepFor(options_.poll_interval);
      ASSIGN_OR_RETURN(GroupView view, DescribeGroup(client_, options_.group));
      ASSIGN_OR_RETURN(std::string unhealthy, UnhealthyNewInstances(view));
      if (!unhealthy.empty()) {
        Report("unhealthy", kBatches, Percent(), "failed health check: " + unhealthy);
        return AbortedError("failed health check: " + unhealthy + Stopped());
      }
      int in_service = 0;
      bool batch_left = false;
      std::vector<std::string> fresh;
      for (const GroupInstance& instance : view.instances) {
        if (std::find(batch.begin(), batch.end(), instance.id) != batch.end()) batch_left = true;
        if (instance.lifecycle != "InService" || instance.health == "Unhealthy") continue;
        ++in_service;
        if (originals_.count(instance.id) == 0) fresh.push_back(instance.id);
      }
      bool healthy = true;
      ASSIGN_OR_RETURN(auto states, TargetStates(client_, view.target_groups, fresh));
      for (const auto& [id, state] : states) healthy = healthy && state == "healthy";
      if (!batch_left && in_service >= desired && healthy) return Status::Ok();
      if (TimedOut(began)) {
        return DeadlineExceededError("replacements not InService and healthy within " +
                                     std::to_string(options_.timeout.count()) + " s" + Stopped());
      }
    }
  }

  client::AwsClient& client_;
  Clock& clock_;
  const RollOptions& options_;
  const std::function<void(const RollEvent&)>& report_;
  std::set<std::string> originals_;
  RollResult result_;
};

}  // namespace

Json RollEvent::ToJson() const {
  return {{"event", event}, {"method", method}, {"percentage", percentage}, {"message", message}};
}

int BatchSize(int capacity, int min_healthy_percentage) {
  int spare = capacity * (100 - std::clamp(min_healthy_percentage, 0, 100)) / 100;
  return std::max(1, spare);
}

Result<RollResult> RollGroup(client::AwsClient& client, const RollOptions& options,
                             const std::function<void(const RollEvent&)>& report) {
  return Roller(client, options, report).Run();
}

}  // namespace vueops::ops
