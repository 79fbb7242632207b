// vueops maintenance on|off|status: send the site's traffic to CloudFront's error page of last
// resort and back (notes: "CloudFront": "it can be used both as a 'down for maintenance'
// page"; "Can have Route 53, due to DNS health failover route requests to CF"). How: the
// spec's Route53 failover pairs, by inverting the primary's health check (ops/maintenance.h).
// Why not an ALB rule: a listener rule can answer with a fixed response or redirect, but not
// serve CloudFront's page, and the failover pairs are what the spec's stack already builds for
// this purpose (examples/vueocity: primary on the load balancer, secondary on cdn.public).
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "base/json.h"
#include "cli/commands.h"
#include "cli/operations_session.h"
#include "ops/maintenance.h"

namespace vueops::cli {
namespace {

struct MaintenanceArguments {
  OperationsOptions session;
  bool json = false;
};

int Fail(const Output& output, const std::string& command, const std::string& message,
         int code = kExitFailure) {
  std::fprintf(output.err, "vueops maintenance %s: %s\n", command.c_str(), message.c_str());
  return code;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

// `wanted`: true on, false off, nullopt status.
int RunMaintenance(const std::string& command, std::optional<bool> wanted,
                   const MaintenanceArguments& args, const GlobalOptions& globals,
                   const Output& output) {
  Result<std::unique_ptr<OperationsSession>> opened =
      OperationsSession::Open(args.session, globals, output);
  if (!opened.ok()) {
    bool unknown = opened.status().message().rfind("no environment", 0) == 0;
    return Fail(output, command, opened.status().message(), unknown ? kExitUsage : kExitFailure);
  }
  OperationsSession& session = **opened;
  Result<std::vector<ops::MaintenanceSwitch>> switches =
      ops::MaintenanceSwitches(session.environment());
  if (!switches.ok()) return Fail(output, command, switches.status().message());

  Json checks = Json::array();
  int on = 0;
  for (const ops::MaintenanceSwitch& item : *switches) {
    Result<state::ResourceRecord> record = session.RecordedIn("health_check", item.health_check);
    if (!record.ok()) return Fail(output, command, record.status().message());
    Result<client::AwsClient*> aws = session.Client();
    if (!aws.ok()) return Fail(output, command, aws.status().message());
    bool inverted = false, changed = false;
    if (wanted.has_value()) {
      Result<bool> set = ops::SetHealthCheckInverted(**aws, record->id, *wanted);
      if (!set.ok()) return Fail(output, command, record->address + ": " + set.status().message());
      changed = *set;
      inverted = *wanted;
    } else {
      Result<bool> read = ops::HealthCheckInverted(**aws, record->id);
      if (!read.ok())
        return Fail(output, command, record->address + ": " + read.status().message());
      inverted = *read;
    }
    on += inverted ? 1 : 0;
    checks.push_back({{"health_check", record->address},
                      {"id", record->id},
                      {"names", item.names},
                      {"distribution", item.distribution},
                      {"maintenance", inverted},
                      {"changed", changed}});
    if (!args.json) {
      std::string state =
          inverted ? "maintenance (to cdn." + item.distribution + ")" : "serving (load balancer)";
      std::string verb = !wanted.has_value() ? "" : changed ? " [switched]" : " [already so]";
      std::fprintf(output.out, "%s: %s%s — health check %s (%s)\n", Joined(item.names).c_str(),
                   state.c_str(), verb.c_str(), item.health_check.c_str(), record->id.c_str());
    }
  }
  const int total = static_cast<int>(switches->size());
  std::string summary = on == 0 ? "off" : on == total ? "on" : "partly on";
  if (args.json) {
    Json out = {{"environment", session.environment().name},
                {"maintenance", summary},
                {"health_checks", checks}};
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
    return kExitOk;
  }
  std::fprintf(output.out, "Maintenance is %s for %s.", summary.c_str(),
               session.environment().name.c_str());
  if (wanted.has_value()) {
    std::fprintf(output.out,
                 " Route53 acts on it after its health checkers agree (about interval x "
                 "failure threshold) and resolvers follow at once (alias records).");
  }
  std::fputs("\n", output.out);
  return kExitOk;
}

}  // namespace

CLI::App* RegisterMaintenanceCommand(CLI::App& app, const GlobalOptions& globals,
                                     const Output& output, CommandRunner* run) {
  auto* command = app.add_subcommand(
      "maintenance", "Send the site to CloudFront's error page of last resort, and back");
  command->require_subcommand(1);
  command->footer(
      "Maintenance mode inverts the health check of each Route53 failover primary of the\n"
      "environment (a record on the load balancer with a health_check, paired with a secondary\n"
      "aliasing a cdn distribution), so Route53 answers with the secondary: CloudFront, whose\n"
      "error page says the site is down for maintenance. 'off' inverts it back. Both are\n"
      "idempotent, and vueops plan does not track the inversion, so plans stay clean.\n"
      "Exit status: 0 success, 1 failure, 2 usage error (also an unknown environment).\n\n"
      "Examples:\n"
      "  vueops maintenance on prod\n  vueops maintenance status prod --json\n"
      "  vueops maintenance off prod\n");
  struct Sub {
    const char* name;
    const char* help;
    std::optional<bool> wanted;
  };
  const Sub subs[] = {
      {"on", "Fail the site over to CloudFront's maintenance page", true},
      {"off", "Send traffic back to the load balancer", false},
      {"status", "Say whether maintenance is on", std::nullopt},
  };
  auto handlers = std::make_shared<std::vector<std::pair<CLI::App*, CommandRunner>>>();
  for (const Sub& sub : subs) {
    auto args = std::make_shared<MaintenanceArguments>();
    auto* subcommand = command->add_subcommand(sub.name, sub.help);
    subcommand->add_option("ENV", args->session.environment, "The environment")->required();
    subcommand
        ->add_option("--spec", args->session.spec,
                     "The spec (file or folder; default $VUEOPS_SPEC, else ./stack.yaml)")
        ->type_name("PATH");
    subcommand
        ->add_option("--state", args->session.state_file,
                     "The state file (default: the spec's state backend)")
        ->type_name("FILE");
    subcommand->add_flag("--json", args->json, "Print the health checks and their state as JSON");
    subcommand->footer(std::string("Example:\n  vueops maintenance ") + sub.name + " prod\n");
    std::string name = sub.name;
    std::optional<bool> wanted = sub.wanted;
    handlers->emplace_back(subcommand, [name, wanted, args, &globals, &output]() {
      return RunMaintenance(name, wanted, *args, globals, output);
    });
  }
  *run = [handlers]() {
    for (auto& [subcommand, handler] : *handlers) {
      if (subcommand->parsed()) return handler();
    }
    return kExitUsage;
  };
  return command;
}

}  // namespace vueops::cli
