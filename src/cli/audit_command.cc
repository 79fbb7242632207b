// vueops audit [ENV] [--all]: the lint rule table applied to the live accounts, read through a
// read-only role, including objects the spec does not know. Reports as lint does (human, JSON,
// SARIF), each finding with its object's ARN, and with lint's exit codes.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "audit/audit.h"
#include "audit/live_inventory.h"
#include "base/json.h"
#include "cli/commands.h"
#include "cli/operator_access.h"
#include "lint/report.h"
#include "ops/role_choice.h"

namespace vueops::cli {
namespace {

struct AuditArguments {
  OperatorFlags flags;
  std::vector<std::string> positionals;  // [PATH] [ENV]
  std::string environment;
  bool all = false;
  std::string format = "human";
  bool show_suppressed = false;
  int parallelism = 16;
};

int Fail(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops audit: %s\n", message.c_str());
  return code;
}

// One account in one region to read.
struct Target {
  const spec::Account* account = nullptr;
  std::string region;
  bool global_services = true;
};

// What to read: ENV's account in its region, or every account of the spec in each region its
// environments use (the stack's region where it has none), IAM/S3/CloudFront/Route53 once.
std::vector<Target> Targets(const spec::Stack& stack, const spec::Environment* only) {
  std::vector<Target> targets;
  if (only != nullptr) {
    if (const spec::Account* account = stack.organization.FindAccount(only->account)) {
      targets.push_back({account, only->region, true});
    }
    return targets;
  }
  for (const spec::Account& account : stack.organization.accounts) {
    std::vector<std::string> regions;
    for (const spec::Environment& env : stack.environments) {
      if (env.account == account.name &&
          std::find(regions.begin(), regions.end(), env.region) == regions.end()) {
        regions.push_back(env.region);
      }
    }
    if (regions.empty()) regions.push_back(stack.region);
    for (size_t i = 0; i < regions.size(); ++i) targets.push_back({&account, regions[i], i == 0});
  }
  return targets;
}

struct Read {
  audit::LiveAccount live;
  std::string role;
  Status status;
};

Json AccountsJson(const std::vector<Read>& reads) {
  Json accounts = Json::array();
  for (const Read& read : reads) {
    Json entry;
    entry["account"] = read.live.account;
    entry["account_id"] = read.live.account_id;
    entry["region"] = read.live.region;
    entry["role"] = read.role;
    if (!read.status.ok()) {
      entry["error"] = read.status.message();
    } else {
      entry["objects"] = read.live.ObjectCount();
      entry["api_calls"] = read.live.api_calls;
      entry["unreadable"] = read.live.unreadable;
    }
    accounts.push_back(std::move(entry));
  }
  return accounts;
}

int RunAudit(AuditArguments args, const GlobalOptions& globals, const Output& output) {
  // `vueops audit prod`, `vueops audit examples/vueocity prod`: a first word that is a file or
  // folder is the spec (as lint and graph take it), the other the environment.
  std::error_code ignored;
  for (const std::string& word : args.positionals) {
    if (args.flags.spec.empty() && args.environment.empty() &&
        std::filesystem::exists(word, ignored)) {
      args.flags.spec = word;
    } else if (args.environment.empty()) {
      args.environment = word;
    } else {
      return Fail(output, "unexpected argument '" + word + "'; give [PATH] [ENV]", kExitUsage);
    }
  }
  if (!args.environment.empty() && args.all) {
    return Fail(output, "give an environment or --all, not both", kExitUsage);
  }
  if (args.parallelism < 1 || args.parallelism > 64) {
    return Fail(output, "--parallelism must be between 1 and 64", kExitUsage);
  }
  Result<std::unique_ptr<OperatorAccess>> opened =
      OperatorAccess::Open(args.flags, globals, output);
  if (!opened.ok()) return Fail(output, opened.status().message());
  OperatorAccess& access = **opened;
  const spec::Stack& stack = access.stack();
  const spec::Environment* only = nullptr;
  if (!args.environment.empty()) {
    Result<const spec::Environment*> environment = access.FindEnvironment(args.environment);
    if (!environment.ok()) return Fail(output, environment.status().message(), kExitUsage);
    only = *environment;
  }

  const auto started = std::chrono::steady_clock::now();
  // Into each account first, one at a time (an MFA prompt must not interleave), then every
  // account read at once.
  std::vector<Target> targets = Targets(stack, only);
  std::vector<Read> reads(targets.size());
  std::vector<std::optional<client::AwsClient>> clients(targets.size());
  std::set<std::string> notes;
  std::vector<std::string> skipped;
  for (size_t i = 0; i < targets.size(); ++i) {
    const Target& target = targets[i];
    Read& read = reads[i];
    read.live.account = target.account->name;
    read.live.region = target.region;
    read.role =
        !args.flags.role.empty() ? args.flags.role : ops::ReadOnlyRole(stack, *target.account);
    if (read.role.empty()) {
      read.status = FailedPreconditionError("the spec makes no read-only role in " +
                                            target.account->name + "; give --role to audit it");
      skipped.push_back(target.account->name);
      continue;
    }
    Result<AccountSession> session = access.Enter(*target.account, target.region, read.role);
    if (!session.ok()) {
      read.status = session.status();
      continue;
    }
    read.live.account_id = session->account_id;
    for (const std::string& note : session->session.notes) notes.insert(note);
    clients[i] = std::move(session->client);
  }
  std::vector<std::thread> threads;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!clients[i]) continue;
    threads.emplace_back([&, i] {
      audit::CollectOptions options;
      options.global_services = targets[i].global_services;
      options.parallelism = args.parallelism;
      Result<audit::LiveAccount> live = audit::CollectAccount(*clients[i], reads[i].live.account,
                                                              reads[i].live.account_id, options);
      if (live.ok()) {
        reads[i].live = std::move(live).value();
      } else {
        reads[i].status = live.status();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::vector<audit::LiveAccount> read_accounts;
  size_t objects = 0, calls = 0;
  bool incomplete = false;
  for (const Read& read : reads) {
    if (!read.status.ok()) {
      incomplete = true;
      continue;
    }
    objects += read.live.ObjectCount();
    calls += read.live.api_calls;
    incomplete = incomplete || !read.live.unreadable.empty();
    read_accounts.push_back(read.live);
  }
  lint::LintReport report = audit::Audit(stack, read_accounts);
  lint::ReportOptions report_options{.color = output.color_out,
                                     .show_suppressed = args.show_suppressed};
  const double per_object = objects == 0 ? 0.0 : static_cast<double>(calls) / objects;
  if (args.format == "json") {
    Result<Json> rendered = ParseJson(lint::RenderJson(report, report_options));
    Json root = rendered.ok() ? std::move(rendered).value() : Json::object();
    root["accounts"] = AccountsJson(reads);
    root["objects"] = objects;
    root["api_calls"] = calls;
    root["api_calls_per_object"] = per_object;
    root["seconds"] = seconds;
    std::fputs((DumpJson(root, 2) + "\n").c_str(), output.out);
  } else if (args.format == "sarif") {
    std::fputs(lint::RenderSarif(report, kVersion).c_str(), output.out);
  } else {
    std::fputs(lint::RenderHuman(report, report_options).c_str(), output.out);
    std::string summary = lint::SummarizeForPeople(report, report_options);
    std::fprintf(output.out, "audit of %zu account%s: %s\n", read_accounts.size(),
                 read_accounts.size() == 1 ? "" : "s", summary.c_str());
  }
  // What was read, and what could not be, always on stderr so that JSON and SARIF stay clean.
  for (const std::string& note : notes)
    std::fprintf(output.err, "vueops audit: note: %s\n", note.c_str());
  for (const Read& read : reads) {
    if (!read.status.ok()) {
      std::fprintf(output.err, "vueops audit: %s (%s): not audited: %s\n",
                   read.live.account.c_str(), read.live.region.c_str(),
                   read.status.message().c_str());
      continue;
    }
    std::fprintf(output.err, "vueops audit: %s %s (%s) as %s: %zu objects, %zu API calls\n",
                 read.live.account.c_str(), read.live.account_id.c_str(), read.live.region.c_str(),
                 read.role.c_str(), read.live.ObjectCount(), read.live.api_calls);
    for (const std::string& what : read.live.unreadable) {
      std::fprintf(output.err, "vueops audit: %s: could not read %s\n", read.live.account.c_str(),
                   what.c_str());
    }
  }
  std::fprintf(output.err, "vueops audit: %zu objects, %zu API calls (%.2f per object) in %.2f s\n",
               objects, calls, per_object, seconds);
  if (incomplete) {
    std::fprintf(output.err,
                 "vueops audit: the audit is incomplete: what could not be read is not vouched "
                 "for\n");
  }
  return report.has_errors() || incomplete ? kExitFailure : kExitOk;
}

}  // namespace

CLI::App* RegisterAuditCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run) {
  auto args = std::make_shared<AuditArguments>();
  auto* command = app.add_subcommand(
      "audit", "Check the live accounts against lint's rules, objects made by hand included");
  command
      ->add_option("args", args->positionals,
                   "[PATH] [ENV]: the spec (default: --spec, $VUEOPS_SPEC or ./stack.yaml) and "
                   "one environment to audit, its account in its region (default: every "
                   "account)")
      ->expected(0, 2);
  command->add_flag("--all", args->all, "Every account of the spec (the default)");
  command->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"human", "json", "sarif"}))
      ->default_str("human");
  command->add_flag("--show-suppressed", args->show_suppressed,
                    "Also list findings the spec suppresses, with their reasons");
  command->add_option("--role", args->flags.role,
                      "The role to read through in every account (default: the spec's read-only "
                      "role there, e.g. VueRead)");
  command->add_option("--parallelism", args->parallelism, "API calls in flight per account")
      ->default_str("16");
  command->add_option("--spec", args->flags.spec,
                      "The spec (default: $VUEOPS_SPEC or ./stack.yaml)");
  command->add_option("--state", args->flags.state_file,
                      "A local state file instead of the spec's backend (for the account ids)");
  std::string rules;
  for (std::string_view id : audit::LiveRuleIds())
    rules += (rules.empty() ? "" : " ") + std::string(id);
  command->footer(
      "Reads every security group, VPC, flow log, launch template, RDS instance, Redis group,\n"
      "load balancer, bucket, CloudFront distribution, IAM user and role and Route53 zone of\n"
      "each account, through the read-only role the spec makes there (VueRead), and applies\n"
      "the lint rules that can be judged live:\n  " +
      rules +
      "\nObjects vueops made are judged with what the spec says of them (their vueops:address\n"
      "tag); the spec's lint.suppress entries apply. Each finding names the object's ARN.\n"
      "Exit status: 0 no error findings, 1 error findings or an incomplete audit, 2 usage.\n\n"
      "Examples:\n"
      "  vueops audit examples/vueocity --all\n"
      "  vueops audit prod --format sarif > audit.sarif\n"
      "  vueops audit dev --format json --role OrganizationAccountAccessRole\n");
  *run = [args, &globals, &output]() { return RunAudit(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
