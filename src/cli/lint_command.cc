// vueops lint [PATH]: check a spec against the notes' rules and the industry's checks.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "base/diagnostic.h"
#include "cli/commands.h"
#include "lint/linter.h"
#include "lint/report.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

struct LintArguments {
  std::string path;
  std::string format = "human";
  std::string secrets_dir;
  bool show_suppressed = false;
  bool list_rules = false;
};

int ListRules(const LintArguments& args, const Output& output) {
  if (args.format == "markdown") {
    std::fputs(lint::RulesMarkdown().c_str(), output.out);
  } else if (args.format == "json" || args.format == "sarif") {
    // The SARIF driver's rule list is the machine-readable table.
    std::fputs(lint::RenderSarif(lint::LintReport{}, kVersion).c_str(), output.out);
  } else {
    std::fputs(lint::RulesTable().c_str(), output.out);
  }
  return kExitOk;
}

int RunLint(const LintArguments& args, const Output& output) {
  if (args.list_rules) return ListRules(args, output);
  if (args.format == "markdown") {
    std::fputs("vueops lint: --format markdown prints the rule reference; use it with "
               "--list-rules\n",
               output.err);
    return kExitUsage;
  }
  std::string path = args.path.empty() ? DefaultSpecPath() : args.path;
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    if (args.format == "json") {
      std::fputs(DiagnosticsToJson(loaded.diagnostics).c_str(), output.out);
    } else {
      std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
                 output.err);
      std::fprintf(output.err, "%s: invalid spec (%s); fix it before linting\n", path.c_str(),
                   SummarizeDiagnostics(loaded.diagnostics).c_str());
    }
    return kExitFailure;
  }
  lint::LintOptions options;
  options.secrets_dir = args.secrets_dir;
  if (options.secrets_dir.empty()) {
    if (const char* dir = std::getenv("VUEOPS_SECRETS_DIR"); dir != nullptr) {
      options.secrets_dir = dir;
    }
  }
  lint::LintReport report = lint::Lint(*loaded.stack, options);
  lint::ReportOptions report_options{.color = output.color_out,
                                     .show_suppressed = args.show_suppressed};
  if (args.format == "json") {
    std::fputs(lint::RenderJson(report, report_options).c_str(), output.out);
  } else if (args.format == "sarif") {
    std::fputs(lint::RenderSarif(report, kVersion).c_str(), output.out);
  } else {
    std::fputs(lint::RenderHuman(report, report_options).c_str(), output.out);
    std::string summary = lint::SummarizeForPeople(report, report_options);
    std::fprintf(output.out, "%s: %s\n", loaded.stack->spec_path.c_str(), summary.c_str());
  }
  return report.has_errors() ? kExitFailure : kExitOk;
}

}  // namespace

CLI::App* RegisterLintCommand(CLI::App& app, const GlobalOptions&, const Output& output,
                              CommandRunner* run) {
  auto* command = app.add_subcommand(
      "lint", "Check a spec against the Vueocity notes' rules and the CIS/Prowler/Checkov checks");
  auto args = std::make_shared<LintArguments>();
  command->add_option("path", args->path, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  command->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"human", "json", "sarif", "markdown"}))
      ->default_str("human");
  command->add_flag("--show-suppressed", args->show_suppressed,
                    "Also list findings the spec suppresses, with their reasons");
  command->add_option("--secrets-dir", args->secrets_dir,
                      "Where key-pair .pem files are (default: operations.secrets_dir beside the "
                      "spec, or $VUEOPS_SECRETS_DIR)");
  command->add_flag("--list-rules", args->list_rules,
                    "Print the rule table instead (--format markdown gives docs/rules.md)");
  command->footer(
      "Exit status: 0 no error findings, 1 error findings (or an invalid spec), 2 usage error.\n"
      "Suppress a finding in the spec with lint.suppress: [{rule: VO607, reason: ...}].\n\n"
      "Examples:\n"
      "  vueops lint examples/vueocity\n"
      "  vueops lint examples/vueocity --format sarif > vueops.sarif\n"
      "  vueops lint --list-rules\n");
  *run = [args, &output]() { return RunLint(*args, output); };
  return command;
}

}  // namespace vueops::cli
