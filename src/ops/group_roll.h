// Rolling an autoscaling group onto its current launch template (notes: "EC2": "All servers
// are run from autoscale groups. This allows ... easy management and updates of groups"):
// an instance refresh where the API has one, else replacement in batches, stopping on a failed
// health check either way. Every wait sleeps on the client's clock, so tests never sleep.
#ifndef VUEOPS_OPS_GROUP_ROLL_H_
#define VUEOPS_OPS_GROUP_ROLL_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::ops {

enum class RollMethod {
  kAuto,             // instance refresh; batches when the endpoint lacks it (moto)
  kInstanceRefresh,  // StartInstanceRefresh only
  kBatches,          // terminate a batch, wait for healthy replacements, next batch
};

struct RollOptions {
  std::string group;  // the autoscaling group's name
  RollMethod method = RollMethod::kAuto;
  // Of the group's capacity, kept InService and healthy while rolling (RefreshPreferences).
  int min_healthy_percentage = 90;
  std::vector<int> checkpoints;         // percentages at which the refresh pauses
  int checkpoint_delay_seconds = 3600;  // AWS's default pause at a checkpoint
  std::optional<int> instance_warmup_seconds;
  // Batches: instances replaced at once; 0 derives it from min_healthy_percentage.
  int batch_size = 0;
  std::chrono::seconds poll_interval{15};
  std::chrono::seconds timeout{2 * 3600};
};

// One line of progress (human) or one JSON event (--json).
struct RollEvent {
  std::string event;   // started, progress, fallback, batch, replaced, unhealthy, stopped, done
  std::string method;  // instance-refresh or batches
  int percentage = 0;  // of the instances replaced
  std::string message;
  Json ToJson() const;
};

struct RollResult {
  std::string method;
  std::string refresh_id;  // instance refresh only
  int replaced = 0;
  int total = 0;
};

// Rolls `options.group` through `client` (a client of the group's account and region),
// reporting to `report`. Fails when the roll stopped: a failed health check (after asking AWS
// to roll back, or cancelling when it cannot), a refresh AWS failed or cancelled, the timeout.
Result<RollResult> RollGroup(client::AwsClient& client, const RollOptions& options,
                             const std::function<void(const RollEvent&)>& report);

// How many instances a batch replaces so that `min_healthy_percentage` of `capacity` stays in
// service: at least one.
int BatchSize(int capacity, int min_healthy_percentage);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_GROUP_ROLL_H_
