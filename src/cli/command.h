// What every vueops command shares: global options, the output streams, exit codes.
#ifndef VUEOPS_CLI_COMMAND_H_
#define VUEOPS_CLI_COMMAND_H_

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace vueops::cli {

// Exit codes shared by every command (Terraform-style where they apply).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // invalid input, failed operation, findings
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitChanges = 2;  // plan --detailed-exitcode: changes present

// The version `vueops --version` prints and reports carry (SARIF tool.driver.version).
inline constexpr const char* kVersion = "0.1.0";

struct GlobalOptions {
  bool no_color = false;
  std::string profile;       // AWS profile (else AWS_PROFILE / default)
  std::string region;        // AWS region override
  std::string endpoint_url;  // one endpoint for every service (e.g. a local moto)
  // For the commands that run another program (assume --exec, ssh): the words after the
  // first "--", which CLI11 never sees, and whether there was a "--" at all.
  std::vector<std::string> trailing_args;
  bool has_trailing_args = false;
};

struct Output {
  FILE* out = stdout;
  FILE* err = stderr;
  bool color_out = false;
  bool color_err = false;
};

// A command adds its subcommand and options to `app`, sets `*run` to the function that
// executes it after parsing (returning the exit code), and returns its subcommand. `globals`
// and `output` are final by the time `run` is called.
using CommandRunner = std::function<int()>;
using CommandRegistrar = CLI::App* (*)(CLI::App& app, const GlobalOptions& globals,
                                       const Output& output, CommandRunner* run);

// The spec path a command uses when none is given: $VUEOPS_SPEC, else ./stack.yaml.
std::string DefaultSpecPath();

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_COMMAND_H_
