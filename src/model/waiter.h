// Waiters from waiters-2.json, as botocore's waiter.py runs them.
//
// A waiter polls one operation every `delay` seconds until an acceptor moves it to the
// success or failure state, or `max_attempts` calls have been made. Matchers look at the
// output (path, pathAll, pathAny: a JMESPath expression compared with `expected`), the HTTP
// status, or the error code. The engine knows nothing about HTTP: the caller hands it a
// function that performs one call, and a Clock to sleep on.
#ifndef VUEOPS_MODEL_WAITER_H_
#define VUEOPS_MODEL_WAITER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "base/status.h"
#include "model/jmespath.h"

namespace vueops::model {

struct WaiterAcceptor {
  enum class State { kSuccess, kFailure, kRetry };
  enum class Matcher { kPath, kPathAll, kPathAny, kStatus, kError };

  State state = State::kRetry;
  Matcher matcher = Matcher::kPath;
  std::optional<jmespath::Expression> argument;  // path matchers only
  Json expected;

  // What matched, in botocore's words, e.g.
  //   For expression "Reservations[].Instances[].State.Name" we matched expected path:
  //   "running" at least once
  std::string Explanation() const;
};

// One entry of waiters-2.json ("waiters" → waiter name → this).
struct WaiterConfig {
  std::string name;       // "InstanceRunning"
  std::string operation;  // the polled operation's API name
  std::string description;
  int delay_seconds = 15;
  int max_attempts = 40;
  std::vector<WaiterAcceptor> acceptors;  // tried in order; the first match decides
};

// What one call of the polled operation produced.
struct WaiterAttempt {
  int http_status = 200;
  Json output;             // the parsed output of a successful call
  std::string error_code;  // set when the service answered with an error
  std::string error_message;

  bool is_error() const { return !error_code.empty(); }
};

// Performs the operation once. A failed Result (no usable answer: transport failure, bad
// credentials) ends the wait with that status; service errors belong in the attempt.
using WaiterCall = std::function<Result<WaiterAttempt>(const Json& input)>;

struct WaitOptions {
  std::optional<Clock::Duration> delay;  // overrides the model's delay
  std::optional<int> max_attempts;       // overrides the model's maxAttempts
  // Called after every attempt with the attempt number (1-based); a non-OK status stops the
  // wait with that status (progress display, Ctrl-C).
  std::function<Status(int attempt, const WaiterAttempt& result)> on_attempt;
};

// Polls until success (OK) or gives up:
//   kFailedPrecondition: an acceptor reached the failure state, or the service answered
//     with an error no acceptor expected — the message says which;
//   kDeadlineExceeded: max attempts were made without reaching success; the message names
//     the last matched acceptor, if any.
Status Wait(const WaiterConfig& config, const Json& input, const WaiterCall& call, Clock& clock,
            const WaitOptions& options = {});

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_WAITER_H_
