// vueops validate [PATH]: check a stack spec's syntax, types and references.
#include <CLI/CLI.hpp>

#include "base/diagnostic.h"
#include "cli/commands.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

std::string Count(size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string Summary(const spec::Stack& stack) {
  // Name the environments, but not a hundred of them.
  constexpr size_t kNamed = 8;
  std::string environments;
  for (size_t i = 0; i < stack.environments.size() && i < kNamed; ++i) {
    environments += (i ? ", " : "") + stack.environments[i].name;
  }
  if (stack.environments.size() > kNamed) {
    environments += " and " + std::to_string(stack.environments.size() - kNamed) + " more";
  }
  return Count(stack.organization.accounts.size(), "account") + ", " +
         Count(stack.access.roles.size(), "role") + ", " +
         Count(stack.environments.size(), "environment") +
         (environments.empty() ? "" : " (" + environments + ")");
}

}  // namespace

CLI::App* RegisterValidateCommand(CLI::App& app, const GlobalOptions&, const Output& output,
                                  CommandRunner* run) {
  auto* command = app.add_subcommand(
      "validate", "Check a stack spec: syntax, keys, types, references, CIDRs and ports");
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  command->add_option("path", *path, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  command->add_flag("--json", *json, "Print the diagnostics as JSON");
  command->footer(
      "Every problem is reported in one pass as file:line:col with the source line, a caret\n"
      "and a hint. Exit status: 0 valid, 1 invalid, 2 usage error.\n\n"
      "Example:\n  vueops validate examples/vueocity\n");
  *run = [path, json, &output]() {
    std::string spec = path->empty() ? DefaultSpecPath() : *path;
    spec::LoadResult result = spec::LoadStack(spec);
    if (*json) {
      std::fputs(DiagnosticsToJson(result.diagnostics).c_str(), output.out);
      return result.ok() ? kExitOk : kExitFailure;
    }
    RenderOptions render{.color = output.color_err};
    std::fputs(RenderDiagnostics(result.diagnostics, render).c_str(), output.err);
    if (result.ok()) {
      std::fprintf(output.out, "%s: valid: %s\n", result.stack->spec_path.c_str(),
                   Summary(*result.stack).c_str());
      if (!result.diagnostics.empty()) {
        std::fprintf(output.err, "%s\n", SummarizeDiagnostics(result.diagnostics).c_str());
      }
      return kExitOk;
    }
    std::fprintf(output.err, "%s: invalid: %s\n", spec.c_str(),
                 SummarizeDiagnostics(result.diagnostics).c_str());
    return kExitFailure;
  };
  return command;
}

}  // namespace vueops::cli
