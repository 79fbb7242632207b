// Lint reports for people (grouped by rule, with source lines), JSON, SARIF 2.1.0, and the
// rule reference (docs/rules.md).
#ifndef VUEOPS_LINT_REPORT_H_
#define VUEOPS_LINT_REPORT_H_

#include <string>

#include "lint/linter.h"

namespace vueops::lint {

struct ReportOptions {
  bool color = false;
  bool show_suppressed = false;  // list suppressed findings too, with their reasons
};

std::string RenderHuman(const LintReport& report, const ReportOptions& options);
std::string RenderJson(const LintReport& report, const ReportOptions& options);
// SARIF 2.1.0: every rule in tool.driver.rules; suppressed findings always included, marked
// with an inSource suppression and its justification, as code-scanning tools expect.
std::string RenderSarif(const LintReport& report, std::string_view tool_version);
// "2 errors, 1 warning, 4 suppressed".
std::string SummarizeReport(const LintReport& report);
// The human report's last words: the summary, with "(--show-suppressed lists them)" when
// suppressed findings were left out.
std::string SummarizeForPeople(const LintReport& report, const ReportOptions& options);

// The rule reference, as docs/rules.md holds it.
std::string RulesMarkdown();
// The rule table for a terminal: id, severity, title.
std::string RulesTable();

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_REPORT_H_
