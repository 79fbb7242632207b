#include "audit/audit.h"

#include "audit/live_rules.h"

namespace vueops::audit {

lint::LintReport Audit(const spec::Stack& stack, const std::vector<LiveAccount>& accounts) {
  lint::LintReport report;
  for (const LiveAccount& live : accounts) {
    for (const LiveCheck& check : AllLiveChecks()) {
      const lint::Rule* rule = lint::FindRule(check.rule_id);
      if (rule == nullptr) continue;  // audit_test keeps every id in the table
      LiveContext context(stack, live, *rule, report.findings);
      check.check(context);
    }
  }
  lint::ApplySuppressions(stack, report, /*warn_unused=*/false);
  return report;
}

std::vector<std::string_view> LiveRuleIds() {
  std::vector<std::string_view> ids;
  for (const LiveCheck& check : AllLiveChecks()) ids.push_back(check.rule_id);
  return ids;
}

}  // namespace vueops::audit
