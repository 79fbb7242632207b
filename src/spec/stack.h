// The whole Vueocity system as one typed value: what `vueops validate` checks, lint reads,
// and the engine turns into AWS resources. Built by LoadStack (spec/loader.h).
#ifndef VUEOPS_SPEC_STACK_H_
#define VUEOPS_SPEC_STACK_H_

#include <string>
#include <vector>

#include "spec/environment.h"
#include "spec/organization.h"

namespace vueops::spec {

// The "fab" layer's settings (notes: "EC2 key pairs", "To use 'fab a'...").
struct Operations : Element {
  // notes: "Private key must be available in: .secrets/vueocity/*keyname*.pem", relative to
  // the spec's folder unless absolute.
  std::string secrets_dir = ".secrets/vueocity";
  std::string ssh_entry_account;  // notes: vueops is the "SSH entry"
  std::string ssh_entry_host;
  std::string ssh_entry_key_pair;
  std::string ssh_entry_user;      // the login on the entry host; ssh_user when empty
  std::string ssh_user = "ubuntu";  // the login on the servers
  // How an operator's machine gets AWS credentials: "profile" (the standard AWS config,
  // the operator's user in vueusers) or "aws-yaml" (the notes' .secrets/aws.yaml, whose
  // removal is "TBD NOW SECURE").
  std::string credentials = "profile";
  std::string operator_profile;
};

// Where vueops keeps state (notes: vueops account, "Tool state shared across accounts").
struct StateBackend : Element {
  std::string kind = "local";  // local (SQLite) or s3
  std::string path = ".vueops/state.db";
  std::string bucket;
  std::string key = "vueops/state";
  std::string region;
  std::string account;      // the vueops account
  std::string role = "VueAdmin";
  std::string lock = "s3";  // s3 (conditional write) or dynamodb
  std::string dynamodb_table;
  // How long a lock lives without its holder renewing it (it renews every third of this).
  int lease_seconds = 60;
};

// A lint finding the spec accepts on purpose, with the reason.
struct Suppression : Element {
  std::string rule;   // VO123
  std::string where;  // optional glob over the finding's subject ("prod.*"); empty = all
  std::string reason;
};

struct Stack : Element {
  int version = 1;
  std::string name;
  std::string region;     // the default region (notes: "not currently cross-region")
  std::string spec_path;  // the file it was loaded from
  std::string spec_dir;   // its folder: relative file names resolve from here
  Organization organization;
  Access access;
  Operations operations;
  StateBackend state;
  std::vector<Environment> environments;
  std::vector<Suppression> suppressions;

  const Environment* FindEnvironment(std::string_view name) const;
  std::vector<std::string> EnvironmentNames() const;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_STACK_H_
