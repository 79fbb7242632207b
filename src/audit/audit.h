// vueops audit's judgement: the live checks (audit/live_rules.h) over what was read from each
// account (audit/live_inventory.h), as one lint report with the spec's suppressions applied,
// so that it renders, exits and suppresses as `vueops lint` does.
#ifndef VUEOPS_AUDIT_AUDIT_H_
#define VUEOPS_AUDIT_AUDIT_H_

#include <vector>

#include "audit/live_inventory.h"
#include "lint/linter.h"
#include "spec/stack.h"

namespace vueops::audit {

// Every live check over every account. A suppression that matches nothing here is not a
// problem (the audit sees only the live rules); one naming an unknown rule still is.
lint::LintReport Audit(const spec::Stack& stack, const std::vector<LiveAccount>& accounts);

// The lint rules with a live check, for the help and docs: "VO101, VO108, ...".
std::vector<std::string_view> LiveRuleIds();

}  // namespace vueops::audit

#endif  // VUEOPS_AUDIT_AUDIT_H_
