// vueops servers [ENV [PROFILE]]: the running servers of each profile (FOH, BOH, FT), read
// live through the operator's role in each environment's account: autoscaling group, target
// group health, zone, instance, spot or on-demand, addresses and launch template version.
#include <CLI/CLI.hpp>
#include <array>
#include <map>
#include <memory>

#include "base/json.h"
#include "base/terminal.h"
#include "cli/commands.h"
#include "cli/operator_access.h"
#include "ops/server_inventory.h"

namespace vueops::cli {
namespace {

struct ServersArguments {
  OperatorFlags flags;
  std::string environment;
  std::string profile;
  bool json = false;
};

int Fail(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops servers: %s\n", message.c_str());
  return code;
}

std::string Display(const std::string& value) { return value.empty() ? "-" : value; }

// The servers as a table, with each one's INDEX among its profile's servers (what
// `vueops ssh ENV PROFILE INDEX` takes).
void PrintTable(const std::vector<ops::ServerInstance>& servers, const Output& output) {
  constexpr size_t kColumns = 12;
  std::vector<std::array<std::string, kColumns>> rows = {
      {"ENV", "PROFILE", "#", "INSTANCE", "TYPE", "ZONE", "LIFECYCLE", "PRIVATE IP", "PUBLIC IP",
       "TEMPLATE", "GROUP", "TARGET HEALTH"}};
  std::map<std::string, int> index;
  for (const ops::ServerInstance& server : servers) {
    int number = index[server.environment + "\n" + server.profile]++;
    rows.push_back(
        {server.environment, server.profile, std::to_string(number), server.instance_id,
         server.instance_type, server.availability_zone, server.lifecycle,
         Display(server.private_ip), Display(server.public_ip),
         Display(server.launch_template_id) +
             (server.launch_template_version.empty() ? "" : ":" + server.launch_template_version),
         server.autoscaling_group + " (" + Display(server.group_lifecycle) + ")",
         ops::SummarizeHealth(server.target_health)});
  }
  std::array<size_t, kColumns> widths{};
  for (const auto& row : rows) {
    for (size_t i = 0; i < kColumns; ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  const Style style(output.color_out);
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i + 1 < kColumns; ++i) {
      line += rows[r][i] + std::string(widths[i] - rows[r][i].size() + 2, ' ');
    }
    line += rows[r].back();
    std::fprintf(output.out, "%s\n", r == 0 ? style.Apply(kStyleBold, line).c_str() : line.c_str());
  }
}

int RunServers(const ServersArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<std::unique_ptr<OperatorAccess>> opened =
      OperatorAccess::Open(args.flags, globals, output);
  if (!opened.ok()) return Fail(output, opened.status().message());
  OperatorAccess& access = **opened;

  // Every name is checked before AWS is asked anything.
  std::vector<const spec::Environment*> environments;
  const spec::ServerProfile* only = nullptr;
  if (!args.environment.empty()) {
    Result<const spec::Environment*> environment = access.FindEnvironment(args.environment);
    if (!environment.ok()) return Fail(output, environment.status().message());
    environments.push_back(*environment);
    if (!args.profile.empty()) {
      Result<const spec::ServerProfile*> profile = access.FindProfile(**environment, args.profile);
      if (!profile.ok()) return Fail(output, profile.status().message());
      only = *profile;
    }
  } else {
    for (const spec::Environment& environment : access.stack().environments) {
      if (environment.servers.has_value() && !environment.servers->profiles.empty()) {
        environments.push_back(&environment);
      }
    }
    if (environments.empty()) return Fail(output, "no environment of the spec has servers");
  }

  std::vector<ops::ServerInstance> servers;
  for (const spec::Environment* environment : environments) {
    std::vector<ops::ProfileGroup> groups = access.ProfileGroups(*environment, only);
    if (groups.empty()) continue;
    Result<const spec::Account*> account = access.FindAccount(environment->account);
    if (!account.ok()) return Fail(output, account.status().message());
    Result<AccountSession> session = access.Enter(**account, environment->region);
    if (!session.ok()) return Fail(output, environment->name + ": " + session.status().message());
    for (const std::string& note : session->session.notes) {
      std::fprintf(output.err, "vueops: note: %s\n", note.c_str());
    }
    if (!args.json) {
      std::fprintf(output.err, "vueops: %s in %s (%s) as %s: %s\n", environment->name.c_str(),
                   (*account)->name.c_str(), session->account_id.c_str(),
                   session->role.role.c_str(), session->role.reason.c_str());
    }
    Result<std::vector<ops::ServerInstance>> listed = ops::ListServers(*session->client, groups);
    if (!listed.ok()) return Fail(output, environment->name + ": " + listed.status().message());
    servers.insert(servers.end(), listed->begin(), listed->end());
  }

  if (args.json) {
    std::fputs((DumpJson(Json{{"servers", ops::ServersToJson(servers)}}, 2) + "\n").c_str(),
               output.out);
    return kExitOk;
  }
  if (servers.empty()) {
    std::fprintf(output.out, "No running servers.\n");
    return kExitOk;
  }
  PrintTable(servers, output);
  std::fprintf(output.out, "%zu %s\n", servers.size(), servers.size() == 1 ? "server" : "servers");
  return kExitOk;
}

}  // namespace

CLI::App* RegisterServersCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                 CommandRunner* run) {
  auto args = std::make_shared<ServersArguments>();
  auto* command = app.add_subcommand(
      "servers", "List the running servers of each profile, live, with their target health");
  command->add_option("ENV", args->environment, "An environment (default: every one with servers)");
  command->add_option("PROFILE", args->profile, "A server profile of ENV (FOH, BOH, FT, ...)");
  command->add_flag("--json", args->json, "Print the servers as JSON");
  command->add_option("--role", args->flags.role,
                      "The role to use (default: the least privileged one your groups grant)");
  command->add_option("--spec", args->flags.spec,
                      "The spec (default: $VUEOPS_SPEC or ./stack.yaml)");
  command->add_option("--state", args->flags.state_file,
                      "A local state file instead of the spec's backend");
  command->footer(
      "Reads each environment's account through your role there (as vueops assume chooses it):\n"
      "the profiles' autoscaling groups, their pending and running instances, and each target\n"
      "group's health of them. '#' is the server's index in its profile, by launch time, as\n"
      "vueops ssh takes it. (--profile is the AWS profile, as everywhere.)\n"
      "Exit status: 0 success, 1 failure, 2 usage error.\n\n"
      "Examples:\n  vueops servers\n  vueops servers prod FOH\n  vueops servers dev --json\n");
  *run = [args, &globals, &output]() { return RunServers(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
