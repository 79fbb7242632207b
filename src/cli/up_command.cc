// vueops up: plan and apply in one go; with --local, against a local AWS (moto) that vueops
// starts itself on a free loopback port. `make run` is `vueops up --local examples/vueocity`.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/environment.h"
#include "base/file.h"
#include "cli/commands.h"
#include "cli/engine_session.h"
#include "client/local_aws.h"
#include "plan/render.h"

namespace vueops::cli {
namespace {

// moto accepts any credentials; these are the ones its documentation uses.
constexpr const char* kLocalAccessKey = "testing";
constexpr const char* kLocalSecretKey = "testing";

struct UpArguments {
  EngineFlags engine;
  bool local = false;
  bool keep = false;
};

// The kinds of object that say what a scope is, in the order the notes introduce them; the
// rest (settings, rules, records) are counted together.
constexpr std::pair<std::string_view, std::string_view> kHeadlineTypes[] = {
    {"account", "accounts"},          {"iam_group", "groups"},
    {"iam_role", "roles"},            {"iam_user", "users"},
    {"vpc", "VPC"},                   {"subnet", "subnets"},
    {"nat_gateway", "NAT gateways"},  {"security_group", "security groups"},
    {"autoscaling_group", "autoscaling groups"},
    {"instance", "instances"},        {"db_instance", "RDS"},
    {"cache_replication_group", "Redis"},
    {"load_balancer", "load balancer"},
    {"bucket", "buckets"},            {"distribution", "distributions"},
    {"ses_identity", "SES identities"},
    {"hosted_zone", "zones"},         {"secret", "secrets"},
};

// Per scope (org, each environment): the headline objects and how many others.
void PrintWhatWasBuilt(EngineSession& session, const Output& output) {
  Result<std::vector<state::ResourceRecord>> records = session.store().List();
  if (!records.ok()) return;
  std::map<std::string, std::map<std::string, int, std::less<>>> by_scope;
  for (const state::ResourceRecord& record : *records) {
    by_scope[record.address.substr(0, record.address.find('.'))][record.type]++;
  }
  std::fprintf(output.out, "\nWhat was built (%zu objects):\n", records->size());
  for (const auto& [scope, types] : by_scope) {
    int total = 0, others = 0;
    for (const auto& [type, count] : types) total += count;
    std::vector<std::string> items;
    others = total;
    for (const auto& [type, label] : kHeadlineTypes) {
      auto found = types.find(type);
      if (found == types.end()) continue;
      items.push_back(std::to_string(found->second) + " " + std::string(label));
      others -= found->second;
    }
    if (others > 0) items.push_back(std::to_string(others) + " more");
    // Wrapped at 100 columns, continuation lines under the first.
    constexpr size_t kWidth = 85;
    std::vector<std::string> lines(1);
    for (const std::string& item : items) {
      if (!lines.back().empty() && lines.back().size() + item.size() + 2 > kWidth) {
        lines.back() += ",";
        lines.emplace_back();
      }
      lines.back() += (lines.back().empty() ? "" : ", ") + item;
    }
    std::fprintf(output.out, "  %-6s %4d  %s\n", scope.c_str(), total, lines[0].c_str());
    for (size_t i = 1; i < lines.size(); ++i) {
      std::fprintf(output.out, "%15s%s\n", "", lines[i].c_str());
    }
  }
}

void PrintLocalSummary(const EngineSession& session, const client::LocalAws& local,
                       const Output& output, bool keep) {
  const spec::Stack& stack = session.stack();
  std::fprintf(output.out, "\nThe %s stack is up on a local AWS (moto) at %s.\n",
               stack.name.c_str(), local.endpoint_url().c_str());
  std::fprintf(output.out, "\nAccounts:\n");
  for (const spec::Account& account : stack.organization.accounts) {
    std::string id = "(management account)";
    if (account.name != stack.organization.management_account) {
      Result<std::optional<state::ResourceRecord>> record =
          const_cast<EngineSession&>(session).store().Get("org.account." + account.name);
      id = record.ok() && record->has_value() ? (*record)->id : "(not created)";
    }
    std::fprintf(output.out, "  %-10s %-12s %s\n", account.name.c_str(),
                 std::string(spec::AccountKindName(account.kind)).c_str(), id.c_str());
  }
  PrintWhatWasBuilt(const_cast<EngineSession&>(session), output);
  std::fprintf(output.out,
               "\nState: %s\n"
               "\nPoint the AWS CLI at it (the management account):\n"
               "  export AWS_ENDPOINT_URL=%s AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s "
               "AWS_REGION=%s\n"
               "  aws organizations list-accounts\n"
               "  vueops plan %s --state %s --endpoint-url %s\n",
               session.state_path().c_str(), local.endpoint_url().c_str(), kLocalAccessKey,
               kLocalSecretKey, stack.region.c_str(), stack.spec_dir.c_str(),
               session.state_path().c_str(), local.endpoint_url().c_str());
  if (keep) {
    std::fprintf(output.out, "\nmoto keeps running (pid %d, log %s); stop it with: kill %d\n",
                 static_cast<int>(local.pid()), local.log_path().c_str(),
                 static_cast<int>(local.pid()));
  } else {
    std::fprintf(output.out, "\nStopping the local AWS (pass --keep to leave it running).\n");
  }
}

int RunUp(const UpArguments& args, const GlobalOptions& globals, const Output& output) {
  InstallInterruptHandler();
  if (!args.local) {
    // Against real AWS: the same as apply, asking unless --auto-approve.
    std::fprintf(output.err,
                 "vueops up: without --local this is `vueops apply`; run that to see the plan "
                 "and approve it\n");
    return kExitUsage;
  }
  std::string spec_path = args.engine.spec.empty() ? DefaultSpecPath() : args.engine.spec;
  std::string spec_dir = std::filesystem::is_directory(spec_path) ? spec_path : DirectoryOf(spec_path);
  std::string work = JoinPath(spec_dir, ".vueops/local");
  // A fresh local AWS is an empty world: start from an empty state too.
  std::error_code ignored;
  std::filesystem::remove_all(work, ignored);
  Status made = MakeDirectories(work + "/secrets", 0700);
  if (!made.ok()) {
    std::fprintf(output.err, "vueops up: %s\n", made.message().c_str());
    return kExitFailure;
  }
  client::LocalAws::Options local_options;
  local_options.log_path = work + "/moto.log";
  local_options.detached = args.keep;
  std::fprintf(output.out, "Starting a local AWS (moto) on a free loopback port...\n");
  std::fflush(output.out);
  Result<std::unique_ptr<client::LocalAws>> local = client::LocalAws::Start(local_options);
  if (!local.ok()) {
    std::fprintf(output.err, "vueops up: %s\n", local.status().message().c_str());
    return kExitFailure;
  }
  std::fprintf(output.out, "moto is answering at %s\n\n", (*local)->endpoint_url().c_str());

  // The client sees the local AWS through the standard settings, as any AWS CLI would.
  MapEnvironment environment;
  environment.Set("AWS_ENDPOINT_URL", (*local)->endpoint_url());
  environment.Set("AWS_ACCESS_KEY_ID", kLocalAccessKey);
  environment.Set("AWS_SECRET_ACCESS_KEY", kLocalSecretKey);
  environment.Set("AWS_CONFIG_FILE", work + "/no-config");
  environment.Set("AWS_SHARED_CREDENTIALS_FILE", work + "/no-credentials");
  environment.Set("VUEOPS_CACHE_DIR", work + "/cache");
  if (const char* home = std::getenv("HOME"); home != nullptr) environment.Set("HOME", home);
  LocalOverrides overrides;
  overrides.environment = &environment;
  overrides.state_file = work + "/state.db";
  overrides.secrets_dir = work + "/secrets";
  GlobalOptions local_globals = globals;
  local_globals.profile.clear();
  local_globals.endpoint_url.clear();

  EngineFlags flags = args.engine;
  flags.operation = "up --local";
  Result<std::unique_ptr<EngineSession>> session =
      EngineSession::Open(flags, local_globals, output, /*exclusive=*/true, overrides);
  if (!session.ok()) {
    std::fprintf(output.err, "vueops up: %s\n", session.status().message().c_str());
    return kExitFailure;
  }
  Result<plan::Plan> plan = (*session)->MakePlan(/*destroy=*/false);
  if (!plan.ok()) {
    std::fprintf(output.err, "vueops up: %s\n", plan.status().message().c_str());
    return kExitFailure;
  }
  std::fprintf(output.out, "%s\n", plan::PlanSummary(*plan).c_str());
  Result<apply::ApplyReport> report = (*session)->Apply(*plan);
  if (!report.ok()) {
    std::fprintf(output.err, "vueops up: %s\n", report.status().message().c_str());
    return kExitFailure;
  }
  std::fputs(("\n" + apply::RenderApplyReport(*report, output.color_out)).c_str(), output.out);
  if (report->ok()) PrintLocalSummary(**session, **local, output, args.keep);
  return report->ok() ? kExitOk : kExitFailure;
}

}  // namespace

CLI::App* RegisterUpCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run) {
  auto* command = app.add_subcommand(
      "up", "Bring the whole stack up in one go (--local: on a local AWS vueops starts)");
  auto args = std::make_shared<UpArguments>();
  command->add_option("path", args->engine.spec, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  command->add_flag("--local", args->local,
                    "Start a local AWS (moto) on a free loopback port and apply the stack there, "
                    "all accounts included");
  command->add_option("--parallelism", args->engine.parallelism, "How many changes run at once")
      ->check(CLI::Range(1, 100))
      ->default_val(10);
  command->add_flag("--keep", args->keep,
                    "Leave the local AWS running when vueops exits, to look around with the AWS "
                    "CLI or vueops plan; vueops prints how to stop it")
      ->needs(command->get_option("--local"));
  command->add_flag("--json", args->engine.json, "Progress as JSON lines");
  command->add_flag("--skip-lint", args->engine.skip_lint, "Go on when vueops lint finds errors");
  command->footer(
      "With --local, state and the key pairs' private keys go to .vueops/local/ beside the\n"
      "spec, started afresh each time, and moto stops when vueops exits (unless --keep).\n\n"
      "Examples:\n"
      "  vueops up --local examples/vueocity\n"
      "  vueops up --local --keep examples/vueocity   # then: aws --endpoint-url ... \n");
  *run = [args, &globals, &output]() { return RunUp(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
