// Running every rule over a spec, and applying the spec's suppressions.
#ifndef VUEOPS_LINT_LINTER_H_
#define VUEOPS_LINT_LINTER_H_

#include <vector>

#include "base/glob.h"  // GlobMatch, which suppressions use
#include "lint/rule.h"

namespace vueops::lint {

struct LintReport {
  std::vector<Finding> findings;  // sorted by rule id, then location; suppressed ones included
  // Problems with the suppressions themselves: unknown rule ids, suppressions that match
  // nothing. Reported as diagnostics at the suppression.
  Diagnostics suppression_problems;

  size_t Count(Severity severity) const;  // unsuppressed findings of a severity
  size_t suppressed() const;
  bool has_errors() const { return Count(Severity::kError) > 0 || suppression_problems.has_errors(); }
};

LintReport Lint(const spec::Stack& stack, const LintOptions& options = {});

// Marks the findings the spec's lint.suppress entries accept (matching `where` against the
// subject) and reports suppressions of unknown rules; with `warn_unused`, also each
// suppression that accepts nothing (lint does; an audit, which sees only part of the rules'
// findings, does not). Sorts the findings by rule id, then location (live ones then by subject).
void ApplySuppressions(const spec::Stack& stack, LintReport& report, bool warn_unused);


}  // namespace vueops::lint

#endif  // VUEOPS_LINT_LINTER_H_
