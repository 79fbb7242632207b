#include "lint/report.h"

#include <map>

#include "base/json.h"
#include "base/terminal.h"

namespace vueops::lint {
namespace {

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "warning";
}

std::string Plural(size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

bool Shown(const Finding& finding, const ReportOptions& options) {
  return finding.suppressed_by == nullptr || options.show_suppressed;
}

}  // namespace

std::string SummarizeReport(const LintReport& report) {
  std::vector<std::string> parts;
  size_t errors = report.Count(Severity::kError) + report.suppression_problems.error_count();
  size_t warnings =
      report.Count(Severity::kWarning) + report.suppression_problems.count(Severity::kWarning);
  size_t notes = report.Count(Severity::kInfo);
  if (errors) parts.push_back(Plural(errors, "error"));
  if (warnings) parts.push_back(Plural(warnings, "warning"));
  if (notes) parts.push_back(Plural(notes, "note"));
  if (parts.empty()) parts.push_back("no findings");
  if (report.suppressed()) parts.push_back(std::to_string(report.suppressed()) + " suppressed");
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  return text;
}

std::string SummarizeForPeople(const LintReport& report, const ReportOptions& options) {
  std::string summary = SummarizeReport(report);
  if (report.suppressed() && !options.show_suppressed) summary += " (--show-suppressed lists them)";
  return summary;
}

std::string RenderHuman(const LintReport& report, const ReportOptions& options) {
  Style style(options.color);
  std::string out;
  const Rule* current = nullptr;
  auto close_group = [&] {
    if (current != nullptr) {
      out += "  " + style.Apply(kStyleBlue, "fix:") + " " + std::string(current->fix) + "\n\n";
    }
  };
  for (const Finding& finding : report.findings) {
    if (!Shown(finding, options)) continue;
    if (finding.rule != current) {
      close_group();
      current = finding.rule;
      out += style.Apply(kStyleBold, std::string(current->id) + " " + std::string(current->title));
      out += style.Apply(kStyleDim, "  (" + std::string(current->source) + ")") + "\n";
    }
    Diagnostic diagnostic;
    diagnostic.severity = finding.rule->severity;
    diagnostic.location = finding.location;
    diagnostic.length = finding.length;
    diagnostic.message = finding.subject + ": " + finding.message;
    if (finding.arn != finding.subject) diagnostic.subject = finding.arn;  // "  --> ARN"
    if (finding.suppressed_by != nullptr) {
      diagnostic.severity = Severity::kInfo;
      diagnostic.message += " (suppressed: " + finding.suppressed_by->reason + ")";
    }
    out += RenderDiagnostic(diagnostic, {.color = options.color});
  }
  close_group();
  if (!report.suppression_problems.empty()) {
    out += RenderDiagnostics(report.suppression_problems, {.color = options.color});
  }
  return out;
}

std::string RenderJson(const LintReport& report, const ReportOptions& options) {
  Json findings = Json::array();
  for (const Finding& finding : report.findings) {
    if (!Shown(finding, options)) continue;
    Json item;
    item["rule"] = finding.rule->id;
    item["severity"] = SeverityName(finding.rule->severity);
    item["title"] = finding.rule->title;
    item["subject"] = finding.subject;
    if (!finding.arn.empty()) item["arn"] = finding.arn;
    item["message"] = finding.message;
    if (finding.location.has_file()) {
      item["file"] = GetSource(finding.location.file).path();
      if (finding.location.has_position()) {
        item["line"] = finding.location.line;
        item["column"] = finding.location.column;
      }
    }
    item["fix"] = finding.rule->fix;
    if (finding.suppressed_by != nullptr) item["suppressed"] = finding.suppressed_by->reason;
    findings.push_back(std::move(item));
  }
  Json root;
  root["findings"] = std::move(findings);
  Json problems = ParseJson(DiagnosticsToJson(report.suppression_problems)).value();
  root["suppression_problems"] = problems["diagnostics"];
  root["errors"] = report.Count(Severity::kError) + report.suppression_problems.error_count();
  root["warnings"] = report.Count(Severity::kWarning);
  root["infos"] = report.Count(Severity::kInfo);
  root["suppressed"] = report.suppressed();
  return DumpJson(root, 2) + "\n";
}

std::string RenderSarif(const LintReport& report, std::string_view tool_version) {
  Json rules = Json::array();
  std::map<std::string_view, size_t> index;
  for (const Rule& rule : AllRules()) {
    index[rule.id] = rules.size();
    Json entry;
    entry["id"] = rule.id;
    entry["name"] = rule.id;
    entry["shortDescription"]["text"] = rule.title;
    entry["fullDescription"]["text"] = rule.rationale;
    entry["help"]["text"] = "Fix: " + std::string(rule.fix) + "\nSource: " + std::string(rule.source);
    entry["defaultConfiguration"]["level"] = SarifLevel(rule.severity);
    entry["properties"]["source"] = rule.source;
    rules.push_back(std::move(entry));
  }
  Json results = Json::array();
  for (const Finding& finding : report.findings) {
    Json result;
    result["ruleId"] = finding.rule->id;
    result["ruleIndex"] = index[finding.rule->id];
    result["level"] = SarifLevel(finding.rule->severity);
    result["message"]["text"] = finding.subject + ": " + finding.message;
    Json location;
    if (finding.location.has_file()) {
      Json& physical = location["physicalLocation"];
      physical["artifactLocation"]["uri"] = GetSource(finding.location.file).path();
      if (finding.location.has_position()) {
        physical["region"]["startLine"] = finding.location.line;
        if (finding.location.column != 0) {
          physical["region"]["startColumn"] = finding.location.column;
        }
      }
    }
    Json logical = Json::array({Json{{"fullyQualifiedName", finding.subject}}});
    if (!finding.arn.empty() && finding.arn != finding.subject) {
      logical.push_back(Json{{"fullyQualifiedName", finding.arn}, {"kind", "resource"}});
    }
    location["logicalLocations"] = std::move(logical);
    result["locations"] = Json::array({std::move(location)});
    if (finding.suppressed_by != nullptr) {
      result["suppressions"] = Json::array(
          {Json{{"kind", "inSource"}, {"justification", finding.suppressed_by->reason}}});
    }
    results.push_back(std::move(result));
  }
  Json driver;
  driver["name"] = "vueops";
  driver["version"] = tool_version;
  driver["informationUri"] = "https://github.com/vueocity/vueops";
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"]["driver"] = std::move(driver);
  run["results"] = std::move(results);
  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  return DumpJson(root, 2) + "\n";
}

std::string RulesMarkdown() {
  std::string out =
      "# vueops lint rules\n\n"
      "`vueops lint` checks a stack spec against every rule below before anything touches AWS.\n"
      "This file is generated from the rule table (`src/lint/rule_table.cc`) by\n"
      "`vueops lint --list-rules --format markdown`; a test keeps the two equal.\n\n"
      "A finding the spec accepts on purpose is suppressed in the spec, with a reason:\n\n"
      "```yaml\nlint:\n  suppress:\n    - rule: VO607\n      where: \"*.bucket.*\"      # optional "
      "glob over the finding's subject\n      reason: MFA delete needs the root user; enabled by "
      "hand\n```\n\n"
      "`vueops lint --show-suppressed` lists suppressed findings with their reasons. Exit status: "
      "0 no error findings, 1 error findings, 2 usage error.\n\n"
      "| id | severity | rule | source |\n|---|---|---|---|\n";
  for (const Rule& rule : AllRules()) {
    out += "| [" + std::string(rule.id) + "](#" + std::string(rule.id) + ") | " +
           std::string(SeverityName(rule.severity)) + " | " + std::string(rule.title) + " | " +
           std::string(rule.source) + " |\n";
  }
  for (const Rule& rule : AllRules()) {
    out += "\n## " + std::string(rule.id) + "\n\n**" + std::string(rule.title) + "** — " +
           std::string(SeverityName(rule.severity)) + "; " + std::string(rule.source) + "\n\n" +
           std::string(rule.rationale) + "\n\n*Fix:* " + std::string(rule.fix) + "\n";
  }
  return out;
}

std::string RulesTable() {
  std::string out;
  for (const Rule& rule : AllRules()) {
    std::string severity(SeverityName(rule.severity));
    severity.resize(8, ' ');
    out += std::string(rule.id) + "  " + severity + std::string(rule.title) + "\n";
  }
  return out;
}

}  // namespace vueops::lint
