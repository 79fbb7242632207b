// What the operations commands (db, asg, maintenance, ses smtp-credentials) share: the spec,
// one environment of it chosen by name (with a "did you mean"), the state that says which live
// objects are the environment's, and clients in the environment's account reached as
// `vueops apply` reaches it (through OrganizationAccountAccessRole).
#ifndef VUEOPS_CLI_OPERATIONS_SESSION_H_
#define VUEOPS_CLI_OPERATIONS_SESSION_H_

#include <memory>
#include <optional>
#include <string>

#include "apply/organization_access.h"
#include "cli/command.h"
#include "client/default_client.h"
#include "spec/stack.h"
#include "state/record.h"
#include "state/store.h"

namespace vueops::cli {

struct OperationsOptions {
  std::string spec;        // --spec (default $VUEOPS_SPEC, else ./stack.yaml)
  std::string state_file;  // --state
  std::string environment;
  // The state is changed (db grow, ses smtp-credentials --rotate): take its lock.
  bool exclusive = false;
  std::string operation;  // for the lock's holder line: "db grow"
};

class OperationsSession {
 public:
  // Loads the spec (diagnostics to output.err), finds the environment (kNotFound with a "did
  // you mean" and the list of environments) and opens the state (it must exist).
  static Result<std::unique_ptr<OperationsSession>> Open(const OperationsOptions& options,
                                                         const GlobalOptions& globals,
                                                         const Output& output);

  const spec::Stack& stack() const { return *stack_; }
  const spec::Environment& environment() const { return *environment_; }
  state::StateStore& store() { return *store_; }
  const std::string& state_path() const { return state_path_; }

  // The created record at `address`, or kNotFound saying what to apply.
  Result<state::ResourceRecord> Recorded(const std::string& address);
  // The record of `<env>.<type>.<name>`.
  Result<state::ResourceRecord> RecordedIn(const std::string& type, const std::string& name);
  // A client in the environment's account and `region` ("" for the environment's region).
  Result<client::AwsClient*> Client(const std::string& region = "");
  // A client for where `record` lives.
  Result<client::AwsClient*> ClientFor(const state::ResourceRecord& record);

 private:
  OperationsSession() = default;

  GlobalOptions globals_;
  Output output_;
  std::unique_ptr<spec::Stack> stack_;
  const spec::Environment* environment_ = nullptr;
  std::string state_path_;
  // Declared before the store, which may use it (the S3 backend) until closed.
  std::unique_ptr<client::DefaultClient> wiring_;
  std::unique_ptr<state::StateStore> store_;
  std::unique_ptr<apply::OrganizationAccess> access_;
};

// "prod, dev, test" and the "did you mean" for an unknown `name` among `candidates`, as one
// sentence: "no environment 'prd' in stack.yaml; did you mean 'prod'? (environments: ...)".
std::string UnknownName(const std::string& what, const std::string& name, const std::string& where,
                        const std::vector<std::string>& candidates);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_OPERATIONS_SESSION_H_
