// From the spec to the desired resources: the builder runs one pass per section of the notes
// (build_organization.cc, build_network.cc, ...), each adding the resources of its section.
// Passes refer to each other's resources only by address (docs/resources.md lists them), so
// they are independent of the order they run in; the planner checks every reference.
#ifndef VUEOPS_GRAPH_BUILD_H_
#define VUEOPS_GRAPH_BUILD_H_

#include <string>
#include <string_view>
#include <vector>

#include "resources/desired.h"
#include "spec/stack.h"

namespace vueops::graph {

struct BuildOptions {
  // Where key pairs' private keys are written (the spec's operations.secrets_dir, resolved).
  std::string secrets_dir;
};

class BuildContext {
 public:
  BuildContext(const spec::Stack& stack, const BuildOptions& options)
      : stack_(stack), options_(options) {}

  const spec::Stack& stack() const { return stack_; }
  const BuildOptions& options() const { return options_; }

  // Adds a resource of type `type` (by name; an unknown name is a programming error reported
  // by Finish) at `address`, living in `account` and `region` ("" for global types), from the
  // spec element at `source`. Returns it for the pass to fill in further.
  resources::DesiredResource& Add(std::string address, std::string_view type, std::string account,
                                  std::string region, Json attributes, Location source);
  // Adds an IAM role, group or user (`type` iam_role, iam_group or iam_user) with its inline
  // policies ({"<policy name>": document}) as resources of their own beside it,
  // <scope>.<type>_policy.<owner's name>/<policy name>, each referring to the owner's id; the
  // owner's inline_policy_names lists them. Returns the owner.
  resources::DesiredResource& AddIamEntity(std::string address, std::string_view type,
                                           std::string account, Json attributes,
                                           const Json& inline_policies, Location source);

  // The account an environment's objects live in, as DesiredResource::account wants it:
  // "" for the management account.
  std::string AccountOf(const std::string& account_name) const;
  // The dependency every object in `account` has on the account's creation: the address
  // org.account.<name>, or "" for the management account.
  std::string AccountAddress(const std::string& account_name) const;
  // <stack>-<env>-<name>, the AWS name of an environment's object.
  std::string Name(const spec::Environment& env, std::string_view name) const;
  // The tags an environment's objects carry (vueops:stack and the spec's tags).
  resources::Tags EnvironmentTags(const spec::Environment& env) const;
  resources::Tags StackTags() const;

  // Problems found while building (a programming error, or something the spec's loader could
  // not see), reported together.
  void Fail(std::string message) { errors_.push_back(std::move(message)); }

  // The resources, with each account's objects depending on the account's creation.
  Result<std::vector<resources::DesiredResource>> Finish();

 private:
  const spec::Stack& stack_;
  const BuildOptions& options_;
  std::vector<resources::DesiredResource> resources_;
  std::vector<std::string> errors_;
};

// Every resource the stack asks for. REQUIRES: the stack loaded without errors.
Result<std::vector<resources::DesiredResource>> BuildResources(const spec::Stack& stack,
                                                               const BuildOptions& options);

// The passes, one per notes section.
void BuildOrganization(BuildContext& context);
void BuildAccess(BuildContext& context);
void BuildNetwork(BuildContext& context, const spec::Environment& env);
void BuildServers(BuildContext& context, const spec::Environment& env);
void BuildDataStores(BuildContext& context, const spec::Environment& env);
void BuildLoadBalancer(BuildContext& context, const spec::Environment& env);
void BuildBuckets(BuildContext& context, const spec::Environment& env);
void BuildCdn(BuildContext& context, const spec::Environment& env);
void BuildMail(BuildContext& context, const spec::Environment& env);
void BuildDns(BuildContext& context, const spec::Environment& env);
void BuildSecrets(BuildContext& context, const spec::Environment& env);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_BUILD_H_
