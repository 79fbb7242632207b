// Carrying out one change. The applier walks the plan and hands each change to an executor;
// the AWS executor makes the calls and records state, and a dry run is just another executor
// (ninja's CommandRunner is the model: the engine itself has no dry-run branches).
#ifndef VUEOPS_APPLY_EXECUTOR_H_
#define VUEOPS_APPLY_EXECUTOR_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/json.h"
#include "plan/change.h"
#include "resources/account_access.h"
#include "state/store.h"

namespace vueops::apply {

struct ExecutionContext {
  resources::AccountAccess* access = nullptr;
  state::StateStore* store = nullptr;
  const std::atomic<bool>* cancelled = nullptr;
  // Receives "waiting for ..." lines of long waits.
  std::function<void(std::string_view)> progress;
};

class Executor {
 public:
  virtual ~Executor() = default;
  // Carries out `change`, whose desired attributes are `desired` with every reference resolved.
  // On success, *id holds the object's id (for progress lines) when it has one.
  virtual Status Execute(const plan::Change& change, const Json& desired,
                         ExecutionContext& context, std::string* id) = 0;
};

// Makes the AWS calls through the change's resource type and records every step in the state
// store as soon as it happens: an intent before each create, the record when the create
// returns, the update, the removal. A create that does not become ready leaves a tainted
// record, which the next plan replaces.
std::unique_ptr<Executor> NewAwsExecutor();

// Does nothing and records the changes it was given (dry runs and tests).
class RecordingExecutor : public Executor {
 public:
  Status Execute(const plan::Change& change, const Json& desired, ExecutionContext& context,
                 std::string* id) override;
  const std::vector<std::pair<std::string, Json>>& executed() const { return executed_; }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, Json>> executed_;
};

}  // namespace vueops::apply

#endif  // VUEOPS_APPLY_EXECUTOR_H_
