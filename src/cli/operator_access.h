// What assume, servers and ssh share: the spec (for accounts, environments, roles and keys),
// the state (for account ids and the autoscaling groups' names) when there is one, and the
// operator's way into an account: their own credentials (--profile), who those are
// (sts:GetCallerIdentity), the role their groups grant there (ops/role_choice.h), assumed
// through the client's on-disk role cache, with MFA when the profile names a device.
#ifndef VUEOPS_CLI_OPERATOR_ACCESS_H_
#define VUEOPS_CLI_OPERATOR_ACCESS_H_

#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "client/default_client.h"
#include "ops/caller_identity.h"
#include "ops/role_choice.h"
#include "ops/role_session.h"
#include "ops/server_inventory.h"
#include "spec/stack.h"
#include "state/store.h"

namespace vueops::cli {

struct OperatorFlags {
  std::string spec;        // empty: $VUEOPS_SPEC or ./stack.yaml
  std::string state_file;  // --state
  std::string role;        // the role to assume; empty: the one the operator's groups grant
  std::string duration;    // --duration; empty: the role's maximum
};

// The operator inside one account.
struct AccountSession {
  const spec::Account* account = nullptr;
  std::string account_id;
  std::string account_id_source;  // "state org.account.vueprod", "spec"
  std::string region;
  ops::CallerIdentity caller;
  ops::RoleChoice role;
  ops::RoleSession session;
  std::optional<client::AwsClient> client;  // acting as the role, in `region`
};

class OperatorAccess {
 public:
  // Loads the spec (printing its diagnostics). The state and AWS wait for first use, so that
  // a misspelt name is reported before anything is asked of AWS.
  static Result<std::unique_ptr<OperatorAccess>> Open(const OperatorFlags& flags,
                                                      const GlobalOptions& globals,
                                                      const Output& output);

  const spec::Stack& stack() const { return *stack_; }

  // kNotFound with a "did you mean" and the names there are.
  Result<const spec::Account*> FindAccount(const std::string& name) const;
  Result<const spec::Environment*> FindEnvironment(const std::string& name) const;

  // The state's record at `address`, when there is a state and it holds a created one.
  std::optional<state::ResourceRecord> Recorded(const std::string& address);

  // Assumes the chosen role in `account` (region: --region, else `region`, else the spec's);
  // `role`, when given, instead of the flags' (vueops audit picks a read-only one per account).
  Result<AccountSession> Enter(const spec::Account& account, const std::string& region = "",
                               const std::string& role = "");

  // The autoscaling group of each of the environment's server profiles (or only `only`): the
  // name the state recorded, else the one vueops gives (<stack>-<env>-<profile>, lower case).
  std::vector<ops::ProfileGroup> ProfileGroups(const spec::Environment& environment,
                                               const spec::ServerProfile* only = nullptr);

  // kNotFound with a "did you mean" when the environment has no such server profile.
  Result<const spec::ServerProfile*> FindProfile(const spec::Environment& environment,
                                                 const std::string& name) const;

  // Where the key pairs' private keys are: $VUEOPS_SECRETS_DIR, else the spec's
  // operations.secrets_dir beside the spec.
  std::string SecretsDir() const;

 private:
  OperatorAccess() = default;
  Status OpenState();
  Result<std::string> AccountId(const spec::Account& account, std::string* source);

  OperatorFlags flags_;
  const GlobalOptions* globals_ = nullptr;
  Output output_;
  std::optional<spec::Stack> stack_;
  // Declared before the store: a remote store uses the client until it is closed.
  std::unique_ptr<client::DefaultClient> client_;
  std::unique_ptr<state::StateStore> store_;
  bool state_opened_ = false;
  std::string state_problem_;  // why there is no state, for messages
};

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_OPERATOR_ACCESS_H_
