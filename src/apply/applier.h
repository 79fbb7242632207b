// Applying a plan: walk its graph in parallel, resolve each change's references from the
// state as its dependencies finish, hand it to the executor, and report what succeeded,
// failed and was skipped (and why: the root cause, not every victim downstream).
#ifndef VUEOPS_APPLY_APPLIER_H_
#define VUEOPS_APPLY_APPLIER_H_

#include <atomic>
#include <string>
#include <vector>

#include "apply/executor.h"
#include "apply/progress.h"
#include "plan/change.h"

namespace vueops::apply {

struct ApplyOptions {
  int parallelism = 10;
  const std::atomic<bool>* cancelled = nullptr;
  ProgressSink* progress = nullptr;  // optional
};

struct ApplyOutcome {
  std::string address;
  plan::Action action = plan::Action::kNoop;
  enum class State { kSucceeded, kFailed, kSkipped } state = State::kSucceeded;
  Status error;            // kFailed
  std::string root_cause;  // kSkipped
  Clock::Duration elapsed{0};
};

struct ApplyReport {
  std::vector<ApplyOutcome> outcomes;  // ordered by address
  size_t Count(ApplyOutcome::State state) const;
  bool ok() const { return Count(ApplyOutcome::State::kFailed) == 0 &&
                           Count(ApplyOutcome::State::kSkipped) == 0; }
};

// Applies `plan`. Refuses (kFailedPrecondition) a plan made against another state or an older
// serial of it: the accounts may have moved on; plan again.
Result<ApplyReport> ApplyPlan(const plan::Plan& plan, state::StateStore& store,
                              resources::AccountAccess& access, Executor& executor,
                              const ApplyOptions& options = {});

// "Apply complete: 12 created, 1 updated, 0 destroyed." or the failures and what they blocked.
std::string RenderApplyReport(const ApplyReport& report, bool color);

}  // namespace vueops::apply

#endif  // VUEOPS_APPLY_APPLIER_H_
