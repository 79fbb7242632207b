// A lint rule: one check of a stack spec against the Vueocity notes or an industry benchmark,
// with everything a reader needs to act on a finding (why it matters, how to fix it).
#ifndef VUEOPS_LINT_RULE_H_
#define VUEOPS_LINT_RULE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "spec/stack.h"

namespace vueops::lint {

class RuleContext;

struct Rule {
  std::string_view id;        // VO followed by three digits; never reused
  Severity severity;
  std::string_view title;     // one line: what must hold
  std::string_view source;    // "notes: Network Security Groups", "CIS AWS 5.0 5.3", ...
  std::string_view rationale;  // why it matters
  std::string_view fix;        // what to change in the spec
  void (*check)(RuleContext& context);
};

// Every rule, ordered by id.
std::span<const Rule> AllRules();
const Rule* FindRule(std::string_view id);

struct LintOptions {
  // Where key-pair private keys live; empty: the spec's operations.secrets_dir, resolved
  // against the spec's folder.
  std::string secrets_dir;
};

struct Finding {
  const Rule* rule = nullptr;
  Location location;
  uint32_t length = 1;
  // What the finding is about: an address such as prod.security_group.servers (for a live
  // object vueops made, its vueops:address tag; for one it did not make, its ARN).
  std::string subject;
  // The live object's ARN (vueops audit); empty for a finding in the spec.
  std::string arn;
  // The specific problem ("port 22 is open to 0.0.0.0/0"); the rule's title says the rule.
  std::string message;
  // Set when a spec suppression accepts the finding, with its reason.
  const spec::Suppression* suppressed_by = nullptr;
};

// What a rule's check sees and how it reports.
class RuleContext {
 public:
  RuleContext(const spec::Stack& stack, const LintOptions& options, const Rule& rule,
              std::vector<Finding>& findings)
      : stack_(stack), options_(options), rule_(rule), findings_(findings) {}

  const spec::Stack& stack() const { return stack_; }
  const LintOptions& options() const { return options_; }
  // The folder key pairs' .pem files must be in.
  std::string SecretsDir() const;

  void Report(Location at, std::string subject, std::string message);

 private:
  const spec::Stack& stack_;
  const LintOptions& options_;
  const Rule& rule_;
  std::vector<Finding>& findings_;
};

// The address of an environment's element: "prod.bucket.protected", or "prod.database" when
// `name` is empty. Organization-level elements use the environment name "org".
std::string Address(std::string_view environment, std::string_view kind,
                    std::string_view name = "");

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_RULE_H_
