// Where a command finds the state: the spec's backend (local SQLite, or S3 in the tools
// account for a team), or --state FILE. The one place that knows both, so that plan, apply,
// the state commands and backend bootstrap open state the same way.
#ifndef VUEOPS_CLI_STATE_BACKEND_H_
#define VUEOPS_CLI_STATE_BACKEND_H_

#include <memory>
#include <string>

#include "backend/held_lock.h"
#include "backend/object_store.h"
#include "backend/remote_lock.h"
#include "backend/remote_state_store.h"
#include "base/clock.h"
#include "cli/command.h"
#include "client/default_client.h"
#include "resources/account_access.h"
#include "spec/stack.h"
#include "state/store.h"

namespace vueops::cli {

struct StateOpenOptions {
  std::string state_file;  // --state: a local file, whatever the spec says
  // Take the state's lock for an operation that changes it ("apply", "state rm", ...).
  bool exclusive = false;
  std::string operation;
  Clock::Duration lock_timeout{0};  // --lock-timeout
  bool create_if_missing = true;    // false: a missing local file is an error, not a new state
};

struct OpenedState {
  std::unique_ptr<state::StateStore> store;
  std::string where;  // the file, or s3://bucket/key
  bool remote = false;
};

// The S3 backend as the spec describes it, reached with `client`'s credentials (assuming
// state.role in state.account when that is not the caller's own account).
class StateBackend {
 public:
  // REQUIRES: `client` outlives this object. kFailedPrecondition when the spec's state is not
  // in S3.
  static Result<std::unique_ptr<StateBackend>> Connect(const spec::Stack& stack,
                                                       client::DefaultClient& client,
                                                       const Output& output);

  const std::string& bucket() const { return bucket_; }
  const std::string& key() const { return key_; }
  const std::string& region() const { return region_; }
  // s3://bucket/key
  std::string where() const { return "s3://" + bucket_ + "/" + key_; }
  // The local journal (.vueops/remote/BUCKET/KEY.journal beside the spec).
  const std::string& journal_path() const { return journal_path_; }
  client::AwsClient& client() { return *client_; }

  std::unique_ptr<backend::ObjectStore> Objects();
  std::unique_ptr<backend::RemoteLock> Lock();
  // Takes the lock for `operation`, waiting up to `timeout` for a live holder and telling the
  // operator whom it waits for.
  Result<std::unique_ptr<backend::HeldLock>> Acquire(const std::string& operation,
                                                     Clock::Duration timeout);
  Result<std::unique_ptr<backend::RemoteStateStore>> Open(std::unique_ptr<backend::HeldLock> lock);

 private:
  StateBackend() = default;

  const spec::Stack* stack_ = nullptr;
  Output output_;
  std::string bucket_, key_, region_, journal_path_;
  std::unique_ptr<resources::AccountAccess> access_;
  client::AwsClient* client_ = nullptr;
};

// Opens the state for a command. With the S3 backend, `client` is how AWS is reached; it must
// outlive the store.
Result<OpenedState> OpenStackState(const spec::Stack& stack, const StateOpenOptions& options,
                                   client::DefaultClient* client, const Output& output);

// The DefaultClient every command makes from the global options.
Result<std::unique_ptr<client::DefaultClient>> MakeCommandClient(const GlobalOptions& globals,
                                                                 const Output& output,
                                                                 int max_attempts = 0);

// "10m", "90s", "1h", "0", "45" (seconds). kInvalidArgument naming the accepted forms.
Result<Clock::Duration> ParseLockTimeout(const std::string& text);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_STATE_BACKEND_H_
