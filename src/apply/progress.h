// Progress of an apply, as events: a line per resource as it starts and ends (with its
// elapsed time), lines while it waits (CloudFront deploying, RDS creating), and a live count.
#ifndef VUEOPS_APPLY_PROGRESS_H_
#define VUEOPS_APPLY_PROGRESS_H_

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "plan/change.h"

namespace vueops::apply {

struct ProgressEvent {
  enum class Kind { kStart, kWaiting, kDone, kFailed, kSkipped };
  Kind kind = Kind::kStart;
  std::string address;
  plan::Action action = plan::Action::kNoop;
  std::string message;             // kWaiting: what it waits for; kFailed/kSkipped: why
  std::string id;                  // kDone: the object's id, when it has one
  Clock::Duration elapsed{0};      // since this resource started
  int finished = 0;                // resources finished so far (done, failed or skipped)
  int total = 0;                   // resources in the apply
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // Called from the apply's worker threads; implementations serialize their output.
  virtual void Emit(const ProgressEvent& event) = 0;
};

// "prod.vpc.main: creating...", "prod.vpc.main: created (vpc-0abc) [1.2s] (12/40)".
std::unique_ptr<ProgressSink> NewHumanProgress(FILE* out, bool color);
// One JSON object per line: {"event": "done", "address": ..., "action": ..., ...}.
std::unique_ptr<ProgressSink> NewJsonProgress(FILE* out);

}  // namespace vueops::apply

#endif  // VUEOPS_APPLY_PROGRESS_H_
