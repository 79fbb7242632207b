// Status and Result<T>: the error currency of vueops (after leveldb's Status).
//
// A Status is either OK or carries a code and a message. Messages gain context as they
// travel up ("create security_group prod.servers: " + cause) through Status::WithContext.
// Fallible functions return Status or Result<T> and are [[nodiscard]].
#ifndef VUEOPS_BASE_STATUS_H_
#define VUEOPS_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vueops {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller (or the user) gave something malformed
  kNotFound,          // a named thing does not exist
  kAlreadyExists,
  kFailedPrecondition,  // the world is not in the state the operation needs
  kPermissionDenied,
  kUnauthenticated,   // no usable credentials
  kUnavailable,       // transient: retrying may help
  kDeadlineExceeded,
  kAborted,           // a conflict, e.g. a lock held by someone else
  kResourceExhausted,  // throttled, quota, or an input over a size limit
  kUnimplemented,
  kDataLoss,
  kInternal,          // a bug in vueops
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed by `context` and ": ".
  Status WithContext(std::string_view context) const;

  // "NotFound: message", or "OK".
  std::string ToString() const;

  // Explicitly discards a status the caller has decided not to act on.
  void IgnoreError() const {}

  bool operator==(const Status& other) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status UnavailableError(std::string message);
Status DeadlineExceededError(std::string message);
Status AbortedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status UnimplementedError(std::string message);
Status DataLossError(std::string message);
Status InternalError(std::string message);

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : storage_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(storage_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }

  // REQUIRES: !ok() for a meaningful status; returns OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(storage_); }

  // REQUIRES: ok().
  const T& value() const& { return std::get<T>(storage_); }
  T& value() & { return std::get<T>(storage_); }
  T&& value() && { return std::get<T>(std::move(storage_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> storage_;
};

}  // namespace vueops

#define VUEOPS_CONCAT_INNER(a, b) a##b
#define VUEOPS_CONCAT(a, b) VUEOPS_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                     \
  do {                                            \
    ::vueops::Status vueops_status_ = (expr);     \
    if (!vueops_status_.ok()) return vueops_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, F())` declares x from F()'s value or returns its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(VUEOPS_CONCAT(vueops_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                          \
  if (!result.ok()) return result.status();      \
  lhs = std::move(result).value()

#endif  // VUEOPS_BASE_STATUS_H_
