// Every command's registrar. main.cc lists them in the order `vueops --help` shows them.
#ifndef VUEOPS_CLI_COMMANDS_H_
#define VUEOPS_CLI_COMMANDS_H_

#include "cli/command.h"

namespace vueops::cli {

CLI::App* RegisterAwsCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run);
CLI::App* RegisterWhoamiCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run);

CLI::App* RegisterLintCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                              CommandRunner* run);
CLI::App* RegisterPlanCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                              CommandRunner* run);
CLI::App* RegisterApplyCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run);
CLI::App* RegisterDestroyCommand(CLI::App& app, const GlobalOptions& globals,
                                 const Output& output, CommandRunner* run);
CLI::App* RegisterImportCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run);
CLI::App* RegisterUpCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run);
CLI::App* RegisterValidateCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run);
CLI::App* RegisterBackendCommand(CLI::App& app, const GlobalOptions& globals,
                                 const Output& output, CommandRunner* run);
CLI::App* RegisterStateCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run);
CLI::App* RegisterCfCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run);
CLI::App* RegisterSesCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run);
CLI::App* RegisterAccessCommand(CLI::App& app, const GlobalOptions& globals,
                                const Output& output, CommandRunner* run);
CLI::App* RegisterAssumeCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run);
CLI::App* RegisterServersCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                 CommandRunner* run);
CLI::App* RegisterSshCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run);
CLI::App* RegisterDbCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run);
CLI::App* RegisterAsgCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run);
CLI::App* RegisterMaintenanceCommand(CLI::App& app, const GlobalOptions& globals,
                                     const Output& output, CommandRunner* run);
CLI::App* RegisterAuditCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run);
CLI::App* RegisterGraphCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_COMMANDS_H_
