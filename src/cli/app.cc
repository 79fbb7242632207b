#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "base/did_you_mean.h"
#include "base/terminal.h"
#include "cli/commands.h"

namespace vueops::cli {
namespace {

// Commands whose "-- WORDS..." is another program's command line, kept from CLI11, which
// would otherwise fill their optional positionals with it.
constexpr std::string_view kCommandsRunningPrograms[] = {"assume", "ssh"};
// The global options that take a value, to find the command word after them.
constexpr std::string_view kGlobalOptionsWithValue[] = {"--profile", "--region", "--endpoint-url"};

// Moves the words after the first "--" of a command in kCommandsRunningPrograms into
// `globals` and shortens `argc` to leave them out.
void SplitTrailingArguments(int& argc, char** argv, GlobalOptions& globals) {
  std::string_view command;
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word == "--") break;
    if (std::find(std::begin(kGlobalOptionsWithValue), std::end(kGlobalOptionsWithValue), word) !=
        std::end(kGlobalOptionsWithValue)) {
      ++i;
      continue;
    }
    if (!word.starts_with("-")) {
      command = word;
      break;
    }
  }
  if (std::find(std::begin(kCommandsRunningPrograms), std::end(kCommandsRunningPrograms),
                command) == std::end(kCommandsRunningPrograms)) {
    return;
  }
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) != "--") continue;
    globals.has_trailing_args = true;
    globals.trailing_args.assign(argv + i + 1, argv + argc);
    argc = i;
    return;
  }
}

struct Registration {
  CommandRegistrar registrar;
  CLI::App* command = nullptr;
  CommandRunner run;
};
// terraform's spelling of the engine commands' options: one dash ("plan -out=tfplan
// -detailed-exitcode", "apply -auto-approve"). Operators coming from terraform type it, so
// after plan, apply and destroy "-word" and "-word=value" mean "--word" and "--word=value".
// Single letters ("-o") and negative numbers are left alone.
std::vector<std::string> AcceptTerraformSpelling(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  bool engine_command = false;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") break;
    if (!engine_command) {
      engine_command = arg == "plan" || arg == "apply" || arg == "destroy";
      continue;
    }
    if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
        std::isalpha(static_cast<unsigned char>(arg[1])) &&
        std::isalpha(static_cast<unsigned char>(arg[2]))) {
      arg.insert(0, "-");
    }
  }
  return args;
}

}  // namespace

std::string DefaultSpecPath() {
  const char* spec = std::getenv("VUEOPS_SPEC");
  return spec != nullptr && spec[0] != '\0' ? spec : "stack.yaml";
}

int RunApp(int argc, char** argv, const Output& base_output) {
  Output output = base_output;
  CLI::App app(
      "vueops: declare, check, plan, apply, audit and operate the Vueocity AWS system from one "
      "spec.",
      "vueops");
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  GlobalOptions globals;
  app.add_flag("--no-color", globals.no_color, "Never colour the output (also: NO_COLOR=1)");
  // The AWS options serve every command that talks to AWS. Fallthrough lets them follow the
  // command as well ("vueops aws sts get-caller-identity --profile prod"), as with the AWS CLI.
  app.fallthrough();
  app.add_option("--profile", globals.profile,
                 "AWS profile (default: AWS_PROFILE, else the default profile)")
      ->group("AWS options");
  app.add_option("--region", globals.region, "AWS region (default: AWS_REGION, the profile's)")
      ->group("AWS options");
  app.add_option("--endpoint-url", globals.endpoint_url,
                 "One endpoint for every service, e.g. a local moto (default: AWS_ENDPOINT_URL)")
      ->group("AWS options");
  app.footer(
      "Run 'vueops COMMAND --help' for a command's options and an example.\n"
      "Quick start:\n  vueops validate examples/vueocity\n  vueops lint examples/vueocity\n");

  std::vector<Registration> commands = {
      {RegisterValidateCommand, nullptr, nullptr}, {RegisterLintCommand, nullptr, nullptr},
      {RegisterPlanCommand, nullptr, nullptr},     {RegisterApplyCommand, nullptr, nullptr},
      {RegisterDestroyCommand, nullptr, nullptr},  {RegisterImportCommand, nullptr, nullptr},
      {RegisterUpCommand, nullptr, nullptr},       {RegisterAwsCommand, nullptr, nullptr},
      {RegisterWhoamiCommand, nullptr, nullptr},   {RegisterStateCommand, nullptr, nullptr},
      {RegisterBackendCommand, nullptr, nullptr},  {RegisterCfCommand, nullptr, nullptr},
      {RegisterSesCommand, nullptr, nullptr},      {RegisterAccessCommand, nullptr, nullptr},
      {RegisterAssumeCommand, nullptr, nullptr},   {RegisterServersCommand, nullptr, nullptr},
      {RegisterSshCommand, nullptr, nullptr},      {RegisterDbCommand, nullptr, nullptr},
      {RegisterAsgCommand, nullptr, nullptr},      {RegisterMaintenanceCommand, nullptr, nullptr},
      {RegisterGraphCommand, nullptr, nullptr},   {RegisterAuditCommand, nullptr, nullptr},
  };
  for (Registration& command : commands) {
    command.command = command.registrar(app, globals, output, &command.run);
  }
  if (argc < 2) {
    std::fputs(app.help().c_str(), output.err);
    return kExitUsage;
  }
  std::vector<std::string> spelled = AcceptTerraformSpelling(argc, argv);
  std::vector<char*> arguments;
  for (std::string& arg : spelled) arguments.push_back(arg.data());
  argv = arguments.data();
  SplitTrailingArguments(argc, argv, globals);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& requested) {  // --help, --help-all, --version
    std::ostringstream out, err;
    int status = app.exit(requested, out, err);
    std::fputs(out.str().c_str(), output.out);
    std::fputs(err.str().c_str(), output.err);
    return status;
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    // An unknown command arrives as an "extra" positional: suggest the closest command.
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands().empty()) {
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      std::string hint = DidYouMean(argv[1], names);
      std::fprintf(output.err, "vueops: unknown command '%s'%s\n", argv[1],
                   hint.empty() ? "" : ("; " + hint).c_str());
      std::fprintf(output.err, "Run 'vueops --help' for the list of commands.\n");
      return kExitUsage;
    }
    std::fprintf(output.err, "vueops: %s\nRun 'vueops --help' for usage.\n", message.c_str());
    return kExitUsage;
  }
  output.color_out = !globals.no_color && ShouldUseColor(output.out);
  output.color_err = !globals.no_color && ShouldUseColor(output.err);
  for (const Registration& command : commands) {
    if (command.command->parsed()) return command.run();
  }
  return kExitFailure;
}

}  // namespace vueops::cli
