// vueops plan, apply and destroy: the spec against the live accounts, terraform's way.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/engine_session.h"
#include "plan/plan_file.h"
#include "plan/render.h"

namespace vueops::cli {
namespace {

struct PlanArguments {
  EngineFlags engine;
  std::string out;              // plan --out
  bool detailed_exitcode = false;
  bool destroy = false;         // plan --destroy
  bool auto_approve = false;    // apply, destroy
};

void AddEngineFlags(CLI::App* command, EngineFlags& flags) {
  command->add_option("path", flags.spec,
                      "The spec file, or a folder holding stack.yaml (apply: or a saved plan)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  command->add_option("--state", flags.state_file,
                      "Keep state in this local file instead of the spec's backend");
  command->add_option("--target", flags.targets,
                      "Only this address (and what it needs); a glob, repeatable")
      ->type_name("ADDRESS");
  command->add_option("--allow-destroy", flags.allow_destroy,
                      "A stateful object (database, bucket, zone) that may be destroyed; a glob, "
                      "repeatable")
      ->type_name("ADDRESS");
  command->add_option("--parallelism", flags.parallelism, "How many changes run at once")
      ->check(CLI::Range(1, 100))
      ->default_val(10);
  command->add_flag("--refresh,!--no-refresh", flags.refresh,
                    "Read every tracked object from AWS first (drift detection; default on)");
  command->add_flag("--json", flags.json, "Machine-readable output");
  command->add_flag("--skip-lint", flags.skip_lint, "Plan even when vueops lint finds errors");
  command->add_option("--lock-timeout", flags.lock_timeout,
                      "apply, destroy: how long to wait for another operator's lock on the "
                      "state (90, 30s, 10m, 1h)")
      ->type_name("DURATION")
      ->default_str("0s: fail at once, naming the holder");
}

void PrintError(const Output& output, const std::string& command, const Status& status) {
  std::fprintf(output.err, "vueops %s: %s\n", command.c_str(), status.message().c_str());
}

void ShowPlan(const plan::Plan& plan, const PlanArguments& args, const Output& output) {
  if (args.engine.json) {
    std::fputs((DumpJson(plan::PlanToJson(plan), 2) + "\n").c_str(), output.out);
  } else {
    std::fputs(plan::RenderPlan(plan, {.color = output.color_out}).c_str(), output.out);
  }
}

// Applies `plan` and prints the outcome; the exit code.
int ApplyAndReport(EngineSession& session, const plan::Plan& plan, const PlanArguments& args,
                   const Output& output, const std::string& command) {
  Result<apply::ApplyReport> report = session.Apply(plan);
  if (!report.ok()) {
    PrintError(output, command, report.status());
    return kExitFailure;
  }
  if (args.engine.json) {
    Json summary = {{"event", "summary"}, {"ok", report->ok()}};
    for (const apply::ApplyOutcome& outcome : report->outcomes) {
      if (outcome.state == apply::ApplyOutcome::State::kFailed) {
        summary["failed"].push_back({{"address", outcome.address},
                                     {"error", outcome.error.message()}});
      } else if (outcome.state == apply::ApplyOutcome::State::kSkipped) {
        summary["skipped"].push_back({{"address", outcome.address},
                                      {"blocked_by", outcome.root_cause}});
      }
    }
    std::fputs((DumpJson(summary) + "\n").c_str(), output.out);
  } else {
    std::fputs(("\n" + apply::RenderApplyReport(*report, output.color_out)).c_str(), output.out);
  }
  return report->ok() ? kExitOk : kExitFailure;
}

int RunPlan(const PlanArguments& args, const GlobalOptions& globals, const Output& output) {
  InstallInterruptHandler();
  Result<std::unique_ptr<EngineSession>> session =
      EngineSession::Open(args.engine, globals, output, /*exclusive=*/false);
  if (!session.ok()) {
    PrintError(output, "plan", session.status());
    return kExitFailure;
  }
  Result<plan::Plan> plan = (*session)->MakePlan(args.destroy);
  if (!plan.ok()) {
    PrintError(output, "plan", plan.status());
    return kExitFailure;
  }
  ShowPlan(*plan, args, output);
  if (!args.out.empty()) {
    Status written = plan::WritePlanFile(*plan, args.out);
    if (!written.ok()) {
      PrintError(output, "plan", written);
      return kExitFailure;
    }
    if (!args.engine.json) {
      std::fprintf(output.out, "\nSaved the plan to %s; apply exactly it with: vueops apply %s\n",
                   args.out.c_str(), args.out.c_str());
    }
  }
  return args.detailed_exitcode && plan->HasChanges() ? kExitChanges : kExitOk;
}

// Whether `path` is a saved plan rather than a spec.
bool IsPlanFile(const std::string& path) {
  if (path.empty() || !FileExists(path)) return false;
  Result<std::string> head = ReadFile(path, 1 << 26);
  return head.ok() && head->find("\"format\": \"vueops-plan\"") != std::string::npos;
}

int RunApply(const PlanArguments& args, const GlobalOptions& globals, const Output& output,
             bool destroy) {
  InstallInterruptHandler();
  const std::string command = destroy ? "destroy" : "apply";
  std::optional<plan::Plan> saved;
  EngineFlags flags = args.engine;
  flags.operation = command;
  if (!destroy && IsPlanFile(flags.spec)) {
    Result<plan::Plan> plan = plan::ReadPlanFile(flags.spec);
    if (!plan.ok()) {
      PrintError(output, command, plan.status());
      return kExitFailure;
    }
    saved = std::move(*plan);
    // The spec the plan was made from gives the state and the accounts' wiring.
    flags.spec = saved->spec_path;
    flags.skip_lint = true;  // the plan was made from a linted spec
  }
  Result<std::unique_ptr<EngineSession>> session =
      EngineSession::Open(flags, globals, output, /*exclusive=*/true);
  if (!session.ok()) {
    PrintError(output, command, session.status());
    return kExitFailure;
  }
  if (saved) return ApplyAndReport(**session, *saved, args, output, command);
  Result<plan::Plan> plan = (*session)->MakePlan(destroy);
  if (!plan.ok()) {
    PrintError(output, command, plan.status());
    return kExitFailure;
  }
  ShowPlan(*plan, args, output);
  if (!plan->HasChanges()) return kExitOk;
  if (!args.auto_approve) {
    std::string question = destroy ? "Do you really want to destroy everything above?"
                                   : "Do you want to perform these actions?";
    if (!isatty(STDIN_FILENO)) {
      std::fprintf(output.err,
                   "vueops %s: not a terminal, so nothing was changed; review the plan and run "
                   "again with --auto-approve (or save it with vueops plan --out FILE and apply "
                   "the file)\n",
                   command.c_str());
      return kExitFailure;
    }
    if (!Confirm(question, output)) {
      std::fprintf(output.out, "\n%s cancelled; nothing was changed.\n", command.c_str());
      return kExitFailure;
    }
  }
  return ApplyAndReport(**session, *plan, args, output, command);
}

}  // namespace

CLI::App* RegisterPlanCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                              CommandRunner* run) {
  auto* command = app.add_subcommand(
      "plan", "Show what apply would change: the spec against the state and the live accounts");
  auto args = std::make_shared<PlanArguments>();
  AddEngineFlags(command, args->engine);
  command->add_option("-o,--out", args->out, "Save the plan to FILE for `vueops apply FILE`");
  command->add_flag("--detailed-exitcode", args->detailed_exitcode,
                    "Exit 0 with no changes, 2 with changes, 1 on error");
  command->add_flag("--destroy", args->destroy, "Plan destroying everything the state tracks");
  command->footer(
      "Every tracked object is read from AWS (a change made in the console shows as drift).\n"
      "Exit status: 0 (with --detailed-exitcode: 0 no changes, 2 changes), 1 error.\n\n"
      "Examples:\n"
      "  vueops plan examples/vueocity --state /tmp/state.db\n"
      "  vueops plan --out tonight.plan && vueops apply tonight.plan\n");
  *run = [args, &globals, &output]() { return RunPlan(*args, globals, output); };
  return command;
}

CLI::App* RegisterApplyCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run) {
  auto* command = app.add_subcommand(
      "apply", "Make the live accounts match the spec (or carry out a saved plan)");
  auto args = std::make_shared<PlanArguments>();
  AddEngineFlags(command, args->engine);
  command->add_flag("--auto-approve", args->auto_approve, "Apply without asking");
  command->footer(
      "Shows the plan and asks before changing anything (a saved plan is applied as it is,\n"
      "and refused when the state moved since it was made). Each object's record is written\n"
      "as soon as AWS answers: after a failure or Ctrl-C, run apply again to finish.\n\n"
      "Examples:\n"
      "  vueops apply examples/vueocity\n"
      "  vueops apply tonight.plan\n");
  *run = [args, &globals, &output]() { return RunApply(*args, globals, output, false); };
  return command;
}

CLI::App* RegisterDestroyCommand(CLI::App& app, const GlobalOptions& globals,
                                 const Output& output, CommandRunner* run) {
  auto* command = app.add_subcommand("destroy", "Destroy everything the state tracks");
  auto args = std::make_shared<PlanArguments>();
  AddEngineFlags(command, args->engine);
  command->add_flag("--auto-approve", args->auto_approve, "Destroy without asking");
  command->footer(
      "Objects that hold data (databases, buckets, DNS zones) are destroyed only when\n"
      "--allow-destroy names them.\n\n"
      "Example:\n"
      "  vueops destroy --allow-destroy 'dev.*' --target 'dev.*'\n");
  *run = [args, &globals, &output]() { return RunApply(*args, globals, output, true); };
  return command;
}

}  // namespace vueops::cli
