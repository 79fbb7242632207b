// The lint rule table applied to live objects. A live check is tied to a rule of the table
// (lint/rule_table.cc) by its id, so a finding reads as lint's does: the same id, severity,
// title, source and fix, with the object's ARN. Objects vueops made are recognised by their
// vueops:address tag and judged with what the spec says of them (which groups are the
// servers', the DevOps IPs); objects the spec does not know (made by hand) are judged by the
// rules that need no spec (a port open to the world, a bucket without versioning).
#ifndef VUEOPS_AUDIT_LIVE_RULES_H_
#define VUEOPS_AUDIT_LIVE_RULES_H_

#include <span>
#include <string_view>
#include <vector>

#include "audit/live_inventory.h"
#include "lint/rule.h"
#include "spec/stack.h"

namespace vueops::audit {

class LiveContext;

struct LiveCheck {
  std::string_view rule_id;  // a rule of lint's table
  void (*check)(LiveContext& context);
};

// Every live check, ordered by rule id.
std::span<const LiveCheck> AllLiveChecks();

// What a live check sees and how it reports.
class LiveContext {
 public:
  LiveContext(const spec::Stack& stack, const LiveAccount& live, const lint::Rule& rule,
              std::vector<lint::Finding>& findings)
      : stack_(stack), live_(live), rule_(rule), findings_(findings) {}

  const spec::Stack& stack() const { return stack_; }
  const LiveAccount& live() const { return live_; }
  // The spec's account the live one is (null when the spec does not name it).
  const spec::Account* account() const { return stack_.organization.FindAccount(live_.account); }

  // `address`: the object's vueops:address ("" for one vueops did not make): the finding's
  // subject, so that the spec's suppressions (lint.suppress where: "prod.bucket.*") apply.
  void Report(std::string arn, std::string address, std::string message);

 private:
  const spec::Stack& stack_;
  const LiveAccount& live_;
  const lint::Rule& rule_;
  std::vector<lint::Finding>& findings_;
};

// The tag vueops writes on everything it creates.
inline constexpr std::string_view kAddressTag = "vueops:address";

}  // namespace vueops::audit

#endif  // VUEOPS_AUDIT_LIVE_RULES_H_
