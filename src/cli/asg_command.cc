// vueops asg roll: replace a profile's servers with ones from its current launch template
// (notes: "EC2": "All servers are run from autoscale groups. This allows for ... easy
// management and updates of groups"). The rolling itself is ops/group_roll.h.
#include <CLI/CLI.hpp>
#include <memory>

#include "base/json.h"
#include "cli/commands.h"
#include "cli/operations_session.h"
#include "ops/group_roll.h"

namespace vueops::cli {
namespace {

struct RollArguments {
  OperationsOptions session;
  std::string profile;
  std::string method = "auto";
  int min_healthy_percentage = 90;
  std::vector<int> checkpoints;
  int checkpoint_delay_seconds = 3600;
  int instance_warmup_seconds = -1;
  int batch_size = 0;
  int poll_interval_seconds = 15;
  int timeout_seconds = 2 * 3600;
  bool json = false;
};

int Fail(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops asg roll: %s\n", message.c_str());
  return code;
}

int RunRoll(const RollArguments& args, const GlobalOptions& globals, const Output& output) {
  ops::RollOptions options;
  if (args.method == "auto") {
    options.method = ops::RollMethod::kAuto;
  } else if (args.method == "instance-refresh") {
    options.method = ops::RollMethod::kInstanceRefresh;
  } else if (args.method == "batches") {
    options.method = ops::RollMethod::kBatches;
  } else {
    return Fail(output, "--method '" + args.method + "': use auto, instance-refresh or batches",
                kExitUsage);
  }
  for (int checkpoint : args.checkpoints) {
    if (checkpoint < 1 || checkpoint > 100) {
      return Fail(output,
                  "--checkpoint " + std::to_string(checkpoint) + ": a percentage from 1 to 100",
                  kExitUsage);
    }
  }
  if (args.min_healthy_percentage < 0 || args.min_healthy_percentage > 100) {
    return Fail(output, "--min-healthy-percentage: from 0 to 100", kExitUsage);
  }
  if (args.poll_interval_seconds < 1 || args.timeout_seconds < 1) {
    return Fail(output, "--poll-interval and --timeout are seconds, at least 1", kExitUsage);
  }
  Result<std::unique_ptr<OperationsSession>> opened =
      OperationsSession::Open(args.session, globals, output);
  if (!opened.ok()) {
    bool unknown = opened.status().message().rfind("no environment", 0) == 0;
    return Fail(output, opened.status().message(), unknown ? kExitUsage : kExitFailure);
  }
  OperationsSession& session = **opened;
  const spec::Environment& environment = session.environment();
  std::vector<std::string> profiles;
  if (environment.servers.has_value()) {
    for (const spec::ServerProfile& profile : environment.servers->profiles) {
      profiles.push_back(profile.name);
    }
  }
  if (!environment.servers.has_value() ||
      environment.servers->FindProfile(args.profile) == nullptr) {
    return Fail(output,
                UnknownName("profile", args.profile, environment.name + "'s servers", profiles),
                kExitUsage);
  }
  Result<state::ResourceRecord> group = session.RecordedIn("autoscaling_group", args.profile);
  if (!group.ok()) return Fail(output, group.status().message());
  Result<client::AwsClient*> aws = session.ClientFor(*group);
  if (!aws.ok()) return Fail(output, aws.status().message());

  options.group = group->id;
  options.min_healthy_percentage = args.min_healthy_percentage;
  options.checkpoints = args.checkpoints;
  options.checkpoint_delay_seconds = args.checkpoint_delay_seconds;
  if (args.instance_warmup_seconds >= 0)
    options.instance_warmup_seconds = args.instance_warmup_seconds;
  options.batch_size = args.batch_size;
  options.poll_interval = std::chrono::seconds(args.poll_interval_seconds);
  options.timeout = std::chrono::seconds(args.timeout_seconds);
  auto report = [&args, &output](const ops::RollEvent& event) {
    if (args.json) {
      std::fprintf(output.out, "%s\n", DumpJson(event.ToJson()).c_str());
    } else {
      std::fprintf(output.out, "[%3d%%] %s\n", event.percentage, event.message.c_str());
    }
    std::fflush(output.out);
  };
  Result<ops::RollResult> rolled = ops::RollGroup(**aws, options, report);
  if (!rolled.ok()) {
    if (args.json) {
      std::fprintf(output.out, "%s\n",
                   DumpJson({{"event", "failed"}, {"message", rolled.status().message()}}).c_str());
    }
    return Fail(output, group->address + " (" + group->id + "): " + rolled.status().message());
  }
  if (!args.json) {
    std::fprintf(output.out, "Roll complete: %d of %d instances of %s replaced (%s).\n",
                 rolled->replaced, rolled->total, group->id.c_str(), rolled->method.c_str());
  }
  return kExitOk;
}

}  // namespace

CLI::App* RegisterAsgCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run) {
  auto* command = app.add_subcommand("asg", "Autoscaling groups: roll a profile's servers");
  command->require_subcommand(1);
  command->footer(
      "Exit status: 0 success, 1 failure, 2 usage error.\n\n"
      "Example:\n  vueops asg roll prod FOH --checkpoint 50\n");
  auto args = std::make_shared<RollArguments>();
  auto* roll = command->add_subcommand(
      "roll", "Replace a profile's servers with its current launch template, healthy first");
  roll->add_option("ENV", args->session.environment, "The environment (prod, dev, ...)")
      ->required();
  roll->add_option("PROFILE", args->profile, "The server profile (FOH, BOH, FT)")->required();
  roll->add_option("--spec", args->session.spec,
                   "The spec (file or folder; default $VUEOPS_SPEC, else ./stack.yaml)")
      ->type_name("PATH");
  roll->add_option("--state", args->session.state_file,
                   "The state file (default: the spec's state backend)")
      ->type_name("FILE");
  roll->add_option("--method", args->method,
                   "auto (instance refresh, else batches where the endpoint lacks it), "
                   "instance-refresh or batches")
      ->type_name("METHOD");
  roll->add_option("--min-healthy-percentage", args->min_healthy_percentage,
                   "Capacity kept InService and healthy while rolling (default 90)")
      ->type_name("PERCENT");
  roll->add_option("--checkpoint", args->checkpoints,
                   "Pause the refresh at this percentage replaced (repeatable)")
      ->type_name("PERCENT");
  roll->add_option("--checkpoint-delay", args->checkpoint_delay_seconds,
                   "Seconds to pause at each checkpoint (default 3600)")
      ->type_name("SECONDS");
  roll->add_option("--instance-warmup", args->instance_warmup_seconds,
                   "Seconds a new instance warms up before it counts as healthy (default: the "
                   "group's)")
      ->type_name("SECONDS");
  roll->add_option("--batch-size", args->batch_size,
                   "Batches: instances replaced at once (default: what --min-healthy-percentage "
                   "leaves, at least 1)")
      ->type_name("N");
  roll->add_option("--poll-interval", args->poll_interval_seconds,
                   "Seconds between progress checks (default 15)")
      ->type_name("SECONDS");
  roll->add_option("--timeout", args->timeout_seconds, "Give up after this (default 7200)")
      ->type_name("SECONDS");
  roll->add_flag("--json", args->json, "One JSON event per line");
  roll->footer(
      "Starts an instance refresh (StartInstanceRefresh with --min-healthy-percentage,\n"
      "--checkpoint and AutoRollback) and follows it (DescribeInstanceRefreshes), printing its\n"
      "status and percentage. When a new instance fails its health check (the group's, or\n"
      "unhealthy in a target group) it rolls the refresh back (RollbackInstanceRefresh), or\n"
      "cancels it where a rollback is refused, and exits 1. Where the endpoint has no instance\n"
      "refresh (moto), it replaces instances in batches: terminate a batch (the group launches\n"
      "replacements), wait until they are InService and healthy in the target groups, next\n"
      "batch; a failed health check stops it.\n"
      "Exit status: 0 rolled, 1 failure or stopped, 2 usage error (also an unknown environment\n"
      "or profile).\n\n"
      "Examples:\n"
      "  vueops asg roll prod FOH\n"
      "  vueops asg roll prod BOH --min-healthy-percentage 100 --checkpoint 50 --checkpoint-delay "
      "600\n"
      "  vueops asg roll dev FT --method batches --batch-size 1 --json\n");
  *run = [args, &globals, &output]() { return RunRoll(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
