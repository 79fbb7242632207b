#include "cli/engine_session.h"

#include "cli/state_backend.h"

#include <unistd.h>

#include <climits>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "auth/crypto.h"
#include "base/file.h"
#include "base/terminal.h"
#include "graph/build.h"
#include "lint/linter.h"
#include "lint/report.h"
#include "spec/loader.h"
#include "state/sqlite_state_store.h"

namespace vueops::cli {
namespace {

std::atomic<bool> interrupted{false};

// Attempts per AWS call for plan and apply, unless AWS_MAX_ATTEMPTS or the profile says.
constexpr int kEngineMaxAttempts = 10;

void OnInterrupt(int) {
  if (interrupted.exchange(true)) _exit(130);  // the second Ctrl-C: stop now
  constexpr char kMessage[] =
      "\nvueops: interrupted; letting running calls finish and starting nothing new "
      "(Ctrl-C again to stop at once)\n";
  ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
}

std::string Hex(const auth::Sha256Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (uint8_t byte : digest) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

}  // namespace

const std::atomic<bool>* InterruptFlag() { return &interrupted; }

void InstallInterruptHandler() {
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool Confirm(const std::string& question, const Output& output) {
  if (!isatty(STDIN_FILENO)) return false;
  std::fprintf(output.out, "\n%s\n  Only 'yes' will be accepted.\n\n  Enter a value: ",
               question.c_str());
  std::fflush(output.out);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

Result<std::unique_ptr<EngineSession>> EngineSession::Open(const EngineFlags& flags,
                                                           const GlobalOptions& globals,
                                                           const Output& output, bool exclusive,
                                                           const LocalOverrides& local) {
  std::unique_ptr<EngineSession> session(new EngineSession());
  session->flags_ = flags;
  session->output_ = output;
  std::string path = flags.spec.empty() ? DefaultSpecPath() : flags.spec;
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(path + ": invalid spec (" +
                                SummarizeDiagnostics(loaded.diagnostics) + ")");
  }
  session->stack_ = std::move(loaded.stack);
  const spec::Stack& stack = *session->stack_;
  Result<std::string> text = ReadFile(stack.spec_path);
  session->spec_text_digest_ = Hex(auth::Sha256(text.value_or("")));

  std::string secrets_dir = local.secrets_dir;
  if (secrets_dir.empty()) {
    const char* from_environment = std::getenv("VUEOPS_SECRETS_DIR");
    secrets_dir = from_environment != nullptr && from_environment[0] != '\0'
                      ? from_environment
                      : JoinPath(stack.spec_dir, stack.operations.secrets_dir);
  }
  if (!flags.skip_lint) {
    lint::LintOptions lint_options;
    lint_options.secrets_dir = secrets_dir;
    lint::LintReport report = lint::Lint(stack, lint_options);
    if (report.has_errors()) {
      std::fputs(lint::RenderHuman(report, {.color = output.color_err}).c_str(), output.err);
      return FailedPreconditionError(
          "vueops lint found errors in " + stack.spec_path + " (" + lint::SummarizeReport(report) +
          "); fix them, suppress them in the spec with a reason, or pass --skip-lint");
    }
  }

  graph::BuildOptions build_options;
  build_options.secrets_dir = secrets_dir;
  ASSIGN_OR_RETURN(session->desired_, graph::BuildResources(stack, build_options));

  client::DefaultClientOptions client_options;
  client_options.profile = globals.profile;
  // The spec says where the stack lives; --region overrides it for global calls only.
  client_options.region = globals.region.empty() ? stack.region : globals.region;
  client_options.endpoint_url = globals.endpoint_url;
  client_options.environment = local.environment;
  // As terraform's AWS provider (max_retries 25): an apply makes hundreds of calls, and
  // throttling during one is normal, not a failure.
  client_options.default_max_attempts = kEngineMaxAttempts;
  client_options.notes = [&output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  ASSIGN_OR_RETURN(session->client_, client::MakeDefaultClient(client_options));

  StateOpenOptions state_options;
  state_options.state_file = !local.state_file.empty() ? local.state_file : flags.state_file;
  state_options.exclusive = exclusive;
  state_options.operation = flags.operation;
  ASSIGN_OR_RETURN(state_options.lock_timeout, ParseLockTimeout(flags.lock_timeout));
  ASSIGN_OR_RETURN(OpenedState opened,
                   OpenStackState(stack, state_options, session->client_.get(), output));
  session->state_path_ = opened.where;
  session->store_ = std::move(opened.store);

  apply::OrganizationAccessOptions access_options;
  access_options.management_account = stack.organization.management_account;
  state::StateStore* store = session->store_.get();
  access_options.account_id = [store, &stack](const std::string& account) -> Result<std::string> {
    Result<std::optional<state::ResourceRecord>> record = store->Get("org.account." + account);
    if (record.ok() && record->has_value() && !(*record)->id.empty()) return (*record)->id;
    if (const spec::Account* written = stack.organization.FindAccount(account);
        written != nullptr && !written->id.empty()) {
      return written->id;
    }
    return NotFoundError("no id recorded for account '" + account + "'");
  };
  session->access_ = std::make_unique<apply::OrganizationAccess>(
      session->client_->client(), &session->client_->role_assumer(), Clock::Real(),
      std::move(access_options));
  return session;
}

Result<plan::Plan> EngineSession::MakePlan(bool destroy) {
  plan::PlanOptions options;
  options.refresh = flags_.refresh;
  options.destroy = destroy;
  options.targets.insert(flags_.targets.begin(), flags_.targets.end());
  options.allow_destroy.insert(flags_.allow_destroy.begin(), flags_.allow_destroy.end());
  options.parallelism = flags_.parallelism;
  options.cancelled = InterruptFlag();
  ASSIGN_OR_RETURN(plan::Plan plan, plan::MakePlan(desired_, *store_, *access_, options));
  plan.spec_digest = spec_text_digest_;
  char resolved[PATH_MAX];
  plan.spec_path = ::realpath(stack_->spec_path.c_str(), resolved) != nullptr ? resolved
                                                                              : stack_->spec_path;
  return plan;
}

Result<apply::ApplyReport> EngineSession::Apply(const plan::Plan& plan) {
  std::unique_ptr<apply::ProgressSink> progress =
      flags_.json ? apply::NewJsonProgress(output_.out)
                  : apply::NewHumanProgress(output_.out, output_.color_out);
  std::unique_ptr<apply::Executor> executor = apply::NewAwsExecutor();
  apply::ApplyOptions options;
  options.parallelism = flags_.parallelism;
  options.cancelled = InterruptFlag();
  options.progress = progress.get();
  return apply::ApplyPlan(plan, *store_, *access_, *executor, options);
}

}  // namespace vueops::cli
