#include "model/waiter.h"

#include <chrono>

namespace vueops::model {
namespace {

std::string ExpectedText(const Json& expected) {
  return expected.is_string() ? expected.get<std::string>() : DumpJson(expected);
}

// Whether `acceptor` matches one attempt (waiter.py, AcceptorConfig._create_matcher_func).
Result<bool> Matches(const WaiterAcceptor& acceptor, const WaiterAttempt& attempt) {
  using Matcher = WaiterAcceptor::Matcher;
  switch (acceptor.matcher) {
    case Matcher::kStatus:
      return acceptor.expected.is_number() && acceptor.expected == Json(attempt.http_status);
    case Matcher::kError:
      if (acceptor.expected.is_boolean()) {
        return acceptor.expected.get<bool>() == attempt.is_error();
      }
      return attempt.is_error() && acceptor.expected.is_string() &&
             acceptor.expected.get_ref<const std::string&>() == attempt.error_code;
    case Matcher::kPath:
    case Matcher::kPathAll:
    case Matcher::kPathAny: {
      // Path matchers never match an error response.
      if (attempt.is_error()) return false;
      ASSIGN_OR_RETURN(Json result, acceptor.argument->Search(attempt.output));
      if (acceptor.matcher == Matcher::kPath) return JsonEqualUnordered(result, acceptor.expected);
      // pathAll / pathAny need a non-empty list.
      if (!result.is_array() || result.empty()) return false;
      bool all = true;
      bool any = false;
      for (const Json& element : result) {
        bool equal = JsonEqualUnordered(element, acceptor.expected);
        all = all && equal;
        any = any || equal;
      }
      return acceptor.matcher == Matcher::kPathAll ? all : any;
    }
  }
  return false;
}

}  // namespace

std::string WaiterAcceptor::Explanation() const {
  std::string expression = argument ? argument->text() : std::string();
  std::string value = ExpectedText(expected);
  switch (matcher) {
    case Matcher::kPath:
      return "For expression \"" + expression + "\" we matched expected path: \"" + value + "\"";
    case Matcher::kPathAll:
      return "For expression \"" + expression + "\" all members matched expected path: \"" + value +
             "\"";
    case Matcher::kPathAny:
      return "For expression \"" + expression + "\" we matched expected path: \"" + value +
             "\" at least once";
    case Matcher::kStatus: return "Matched expected HTTP status code: " + value;
    case Matcher::kError: return "Matched expected service error code: " + value;
  }
  return "unknown matcher";
}

Status Wait(const WaiterConfig& config, const Json& input, const WaiterCall& call, Clock& clock,
            const WaitOptions& options) {
  Clock::Duration delay = options.delay.value_or(std::chrono::seconds(config.delay_seconds));
  int max_attempts = options.max_attempts.value_or(config.max_attempts);
  std::string prefix = "waiter " + config.name + " failed: ";
  const WaiterAcceptor* last_matched = nullptr;
  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(WaiterAttempt result, call(input));
    const WaiterAcceptor* matched = nullptr;
    for (const WaiterAcceptor& acceptor : config.acceptors) {
      ASSIGN_OR_RETURN(bool matches, Matches(acceptor, result));
      if (matches) {
        matched = &acceptor;
        break;
      }
    }
    if (options.on_attempt) RETURN_IF_ERROR(options.on_attempt(attempt, result));
    if (matched != nullptr) {
      last_matched = matched;
      if (matched->state == WaiterAcceptor::State::kSuccess) return Status::Ok();
      if (matched->state == WaiterAcceptor::State::kFailure) {
        return FailedPreconditionError(
            prefix + "Waiter encountered a terminal failure state: " + matched->Explanation());
      }
    } else if (result.is_error()) {
      // An error no acceptor expects ends the wait (waiter.py does the same).
      return FailedPreconditionError(prefix + "An error occurred (" + result.error_code +
                                     "): " + result.error_message);
    }
    if (attempt >= max_attempts) {
      std::string reason = "Max attempts exceeded";
      if (last_matched != nullptr) {
        reason += ". Previously accepted state: " + last_matched->Explanation();
      }
      return DeadlineExceededError("waiter " + config.name + " timed out after " +
                                   std::to_string(attempt) + " attempts: " + reason);
    }
    clock.SleepFor(delay);
  }
}

}  // namespace vueops::model
