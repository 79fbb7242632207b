// What plan, apply, destroy and up share: load and lint the spec, open the state, build the
// desired resources, reach the accounts, and interrupt cleanly on Ctrl-C. The production
// wiring of the engine lives here.
#ifndef VUEOPS_CLI_ENGINE_SESSION_H_
#define VUEOPS_CLI_ENGINE_SESSION_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apply/applier.h"
#include "apply/organization_access.h"
#include "base/environment.h"
#include "cli/command.h"
#include "client/default_client.h"
#include "plan/planner.h"
#include "resources/desired.h"
#include "spec/stack.h"
#include "state/store.h"

namespace vueops::cli {

// The flags plan, apply and destroy have in common.
struct EngineFlags {
  std::string spec;        // the spec (file or folder); empty: $VUEOPS_SPEC or ./stack.yaml
  std::string state_file;  // --state: a local state file instead of the spec's backend
  int parallelism = 10;
  std::vector<std::string> targets;
  std::vector<std::string> allow_destroy;
  bool refresh = true;
  bool json = false;
  bool skip_lint = false;
  std::string lock_timeout = "0s";  // --lock-timeout: how long to wait for another's lock
  std::string operation = "apply";  // what the state's lock says this process is doing
};

// Overrides for `vueops up --local`: the environment the AWS client sees (a moto endpoint and
// its dummy credentials), where state and key pairs' private keys go.
struct LocalOverrides {
  const Environment* environment = nullptr;
  std::string state_file;
  std::string secrets_dir;
};

class EngineSession {
 public:
  // Loads the spec (reporting its diagnostics), lints it (errors stop here unless
  // skip_lint), opens the state (locked for this process when `exclusive`), builds the desired
  // resources and the way into every account. Returns kExitFailure-worthy errors already
  // printed: the caller only exits.
  static Result<std::unique_ptr<EngineSession>> Open(const EngineFlags& flags,
                                                     const GlobalOptions& globals,
                                                     const Output& output, bool exclusive,
                                                     const LocalOverrides& local = {});

  const spec::Stack& stack() const { return *stack_; }
  const std::vector<resources::DesiredResource>& desired() const { return desired_; }
  state::StateStore& store() { return *store_; }
  resources::AccountAccess& access() { return *access_; }
  // The state's file, or s3://bucket/key.
  const std::string& state_path() const { return state_path_; }

  Result<plan::Plan> MakePlan(bool destroy);
  // Applies with progress on the output (JSON lines with --json).
  Result<apply::ApplyReport> Apply(const plan::Plan& plan);

 private:
  EngineSession() = default;

  EngineFlags flags_;
  Output output_;
  std::optional<spec::Stack> stack_;
  std::string spec_text_digest_;
  std::string state_path_;
  // Declared before the store: a remote store uses the client until it is closed.
  std::unique_ptr<client::DefaultClient> client_;
  std::unique_ptr<state::StateStore> store_;
  std::vector<resources::DesiredResource> desired_;
  std::unique_ptr<apply::OrganizationAccess> access_;
};

// Set by the first Ctrl-C (running calls finish, nothing new starts, long waits stop); the
// second exits at once. InstallInterruptHandler arms it.
const std::atomic<bool>* InterruptFlag();
void InstallInterruptHandler();

// Asks "Do you want to ...? Only 'yes' will be accepted" on the terminal. False without a
// terminal: the caller says to pass --auto-approve.
bool Confirm(const std::string& question, const Output& output);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_ENGINE_SESSION_H_
