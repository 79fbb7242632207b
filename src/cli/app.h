// The vueops command line: global options, the commands, usage errors with "did you mean".
#ifndef VUEOPS_CLI_APP_H_
#define VUEOPS_CLI_APP_H_

#include "cli/command.h"

namespace vueops::cli {

// Parses argv, runs the chosen command and returns the process exit status.
int RunApp(int argc, char** argv, const Output& output);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_APP_H_
