#include "lint/linter.h"

#include <algorithm>

#include "base/did_you_mean.h"
#include "base/file.h"

namespace vueops::lint {

std::string RuleContext::SecretsDir() const {
  if (!options_.secrets_dir.empty()) return options_.secrets_dir;
  return JoinPath(stack_.spec_dir, stack_.operations.secrets_dir);
}

void RuleContext::Report(Location at, std::string subject, std::string message) {
  Finding& finding = findings_.emplace_back();
  finding.rule = &rule_;
  finding.location = at;
  finding.subject = std::move(subject);
  finding.message = std::move(message);
}

std::string Address(std::string_view environment, std::string_view kind, std::string_view name) {
  std::string address(environment);
  address += '.';
  address += kind;
  if (!name.empty()) {
    address += '.';
    address += name;
  }
  return address;
}

size_t LintReport::Count(Severity severity) const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.suppressed_by == nullptr && f.rule->severity == severity;
  }));
}

size_t LintReport::suppressed() const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [](const Finding& f) { return f.suppressed_by; }));
}

void ApplySuppressions(const spec::Stack& stack, LintReport& report, bool warn_unused) {
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.rule->id != b.rule->id) return a.rule->id < b.rule->id;
                     if (a.location != b.location) return a.location < b.location;
                     // Live findings have no place in the spec: by what they are about.
                     return !a.location.has_file() && a.subject < b.subject;
                   });
  std::vector<std::string> ids;
  for (const Rule& rule : AllRules()) ids.emplace_back(rule.id);
  for (const spec::Suppression& suppression : stack.suppressions) {
    if (FindRule(suppression.rule) == nullptr) {
      Diagnostic& d = report.suppression_problems.Error(
          "lint.suppression", suppression.At("rule"),
          "suppression names rule '" + suppression.rule + "', which does not exist",
          DidYouMean(suppression.rule, ids));
      d.length = static_cast<uint32_t>(std::max<size_t>(suppression.rule.size(), 1));
      continue;
    }
    bool used = false;
    for (Finding& finding : report.findings) {
      if (finding.rule->id != suppression.rule || finding.suppressed_by != nullptr) continue;
      if (!suppression.where.empty() && !GlobMatch(suppression.where, finding.subject)) continue;
      finding.suppressed_by = &suppression;
      used = true;
    }
    if (!used && warn_unused) {
      // A suppression that accepts nothing hides the next real finding of that rule.
      report.suppression_problems.Warning(
          "lint.suppression", suppression.location,
          "suppression of " + suppression.rule +
              (suppression.where.empty() ? "" : " where '" + suppression.where + "'") +
              " matches no finding",
          "remove it, or fix its 'where' pattern");
    }
  }
}

LintReport Lint(const spec::Stack& stack, const LintOptions& options) {
  LintReport report;
  for (const Rule& rule : AllRules()) {
    RuleContext context(stack, options, rule, report.findings);
    rule.check(context);
  }
  ApplySuppressions(stack, report, /*warn_unused=*/true);
  return report;
}

}  // namespace vueops::lint
