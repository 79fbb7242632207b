// vueops assume ACCOUNT [ROLE]: the operator's user in the identity account takes on a role in
// another account (notes: "all access is through IAM roles assumed by IAM users in the
// vueusers account"), then runs a command with those credentials (--exec), prints them as
// shell lines (--export), or says what it got.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <memory>

#include "auth/aws_time.h"
#include "base/json.h"
#include "cli/commands.h"
#include "cli/operator_access.h"
#include "ops/credentials_environment.h"

namespace vueops::cli {
namespace {

// What a shell answers when the program cannot be run (POSIX, "Command Search and
// Execution"), so that `--exec` fails as `env CMD` would.
constexpr int kExitCannotExecute = 126;
constexpr int kExitCommandNotFound = 127;

struct AssumeArguments {
  OperatorFlags flags;
  std::string account;
  bool exec = false;
  bool export_lines = false;
  bool json = false;
};

int Fail(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops assume: %s\n", message.c_str());
  return code;
}

std::string ChoiceLine(const AccountSession& session) {
  return "assuming " + session.role.role + " in " + session.account->name + " (" +
         session.account_id + ") as " + ops::DescribeCaller(session.caller) + ": " +
         session.role.reason;
}

Json Report(const AccountSession& session, const auth::Credentials& credentials,
            const std::string& cache_directory) {
  Json candidates = Json::array();
  for (const ops::RoleCandidate& candidate : session.role.candidates) {
    candidates.push_back({{"role", candidate.role}, {"permission_set", candidate.permission_set}});
  }
  Json report = {
      {"account", session.account->name},
      {"account_id", session.account_id},
      {"account_id_source", session.account_id_source},
      {"role", session.role.role},
      {"role_arn", session.session.params.role_arn},
      {"permission_set", session.role.permission_set},
      {"reason", session.role.reason},
      {"candidates", std::move(candidates)},
      {"caller_arn", session.caller.arn},
      {"session_name", session.session.params.role_session_name},
      {"duration_seconds",
       session.session.params.duration ? session.session.params.duration->count() : 0},
      {"chained", session.session.chained},
      {"mfa", !session.session.params.mfa_serial.empty()},
      {"region", session.region},
      {"access_key_id", credentials.access_key_id},
      {"expiration",
       credentials.expiration ? auth::FormatIso8601(*credentials.expiration) : std::string()},
      {"cache_directory", cache_directory},
      {"notes", session.session.notes}};
  return report;
}

void PrintHuman(const Json& report, const std::string& account, FILE* out) {
  auto line = [out](const char* label, const std::string& value) {
    std::fprintf(out, "%-12s %s\n", label, value.c_str());
  };
  line("Account:", report["account"].get<std::string>() + " (" +
                       report["account_id"].get<std::string>() + ", from " +
                       report["account_id_source"].get<std::string>() + ")");
  line("Role:", report["role_arn"].get<std::string>() +
                    (report["permission_set"].get<std::string>().empty()
                         ? ""
                         : " (" + report["permission_set"].get<std::string>() + ")"));
  line("Chosen:", report["reason"].get<std::string>());
  line("As:", report["caller_arn"].get<std::string>() + " (session " +
                  report["session_name"].get<std::string>() + ")");
  line("Expires:", report["expiration"].get<std::string>() + " (" +
                       std::to_string(report["duration_seconds"].get<int64_t>()) + "s session" +
                       (report["mfa"].get<bool>() ? ", with MFA" : "") + ")");
  line("Cached in:", report["cache_directory"].get<std::string>());
  std::fprintf(out,
               "\nRun a command with these credentials:  vueops assume %s --exec -- aws sts "
               "get-caller-identity\nOr set them in this shell:              eval \"$(vueops "
               "assume %s --export)\"\n",
               account.c_str(), account.c_str());
}

// Replaces this process with `command`, its environment holding `variables`. Returns only
// when the command could not be run.
int Exec(const std::vector<std::string>& command,
         const std::vector<std::pair<std::string, std::string>>& variables, const Output& output) {
  for (std::string_view name : ops::kShadowingVariables) ::unsetenv(std::string(name).c_str());
  for (const auto& [name, value] : variables) ::setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> argv;
  for (const std::string& word : command) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  std::fflush(output.out);
  std::fflush(output.err);
  ::execvp(argv[0], argv.data());
  int error = errno;
  std::fprintf(output.err, "vueops assume: cannot run %s: %s\n", command.front().c_str(),
               std::strerror(error));
  return error == ENOENT ? kExitCommandNotFound : kExitCannotExecute;
}

int RunAssume(const AssumeArguments& args, const GlobalOptions& globals, const Output& output) {
  if (args.exec && (args.export_lines || args.json)) {
    return Fail(output, "--exec runs a command; it does not go with --export or --json",
                kExitUsage);
  }
  if (args.export_lines && args.json) {
    return Fail(output, "choose --export or --json", kExitUsage);
  }
  if (args.exec && globals.trailing_args.empty()) {
    return Fail(output,
                "--exec needs the command after '--', e.g. vueops assume " + args.account +
                    " --exec -- aws s3 ls",
                kExitUsage);
  }
  if (!args.exec && globals.has_trailing_args) {
    return Fail(output,
                "a command after '--' is run only with --exec: vueops assume " + args.account +
                    " --exec -- " +
                    (globals.trailing_args.empty() ? "CMD" : globals.trailing_args[0]),
                kExitUsage);
  }
  Result<std::unique_ptr<OperatorAccess>> access =
      OperatorAccess::Open(args.flags, globals, output);
  if (!access.ok()) return Fail(output, access.status().message());
  Result<const spec::Account*> account = (*access)->FindAccount(args.account);
  if (!account.ok()) return Fail(output, account.status().message());
  Result<AccountSession> session = (*access)->Enter(**account);
  if (!session.ok()) return Fail(output, session.status().message());
  Result<auth::Credentials> credentials = session->client->Credentials();
  if (!credentials.ok()) return Fail(output, credentials.status().message());

  for (const std::string& note : session->session.notes) {
    std::fprintf(output.err, "vueops: note: %s\n", note.c_str());
  }
  std::vector<std::pair<std::string, std::string>> variables =
      ops::CredentialVariables(*credentials, session->region, session->session.params.role_arn);
  if (args.exec) {
    std::fprintf(output.err, "vueops: %s\n", ChoiceLine(*session).c_str());
    return Exec(globals.trailing_args, variables, output);
  }
  if (args.export_lines) {
    std::fprintf(output.err, "vueops: %s\n", ChoiceLine(*session).c_str());
    std::fputs(ops::ExportLines(variables).c_str(), output.out);
    return kExitOk;
  }
  Result<std::string> cache = auth::RoleCredentialsCache::DefaultDirectory(Environment::Process());
  Json report = Report(*session, *credentials, cache.ok() ? *cache : "(none)");
  if (args.json) {
    std::fputs((DumpJson(report, 2) + "\n").c_str(), output.out);
  } else {
    PrintHuman(report, args.account, output.out);
  }
  return kExitOk;
}

}  // namespace

CLI::App* RegisterAssumeCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run) {
  auto args = std::make_shared<AssumeArguments>();
  auto* command = app.add_subcommand(
      "assume", "Assume your role in an account: run a command with it, or export it");
  command->add_option("ACCOUNT", args->account, "The account, by its name in the spec")->required();
  command->add_option("ROLE", args->flags.role,
                      "The role (default: the least privileged one your groups grant there)");
  command->add_flag("--exec", args->exec,
                    "Run the command after '--' with the role's credentials (no shell); its exit "
                    "status is vueops's");
  command->add_flag("--export", args->export_lines,
                    "Print 'export NAME=value' lines for eval (the secret key included)");
  command->add_flag("--json", args->json, "Print what was assumed as JSON (no secret)");
  command->add_option("--duration", args->flags.duration,
                      "Session length, e.g. 1h or 90m (default: the role's max_session_hours; "
                      "1h at most when your credentials are a role session)");
  command->add_option("--spec", args->flags.spec,
                      "The spec (default: $VUEOPS_SPEC or ./stack.yaml)");
  command->add_option("--state", args->flags.state_file,
                      "A local state file instead of the spec's backend (for account ids)");
  command->footer(
      "Who you are comes from your AWS credentials (--profile): an IAM user of the spec's\n"
      "identity account. Among the roles your groups grant in ACCOUNT, the least privileged is\n"
      "chosen (read-only, then limited, then admin; ties in the spec's order) and the output\n"
      "says which and why; name ROLE for another. With mfa_serial in the profile, the code is\n"
      "asked for on the terminal. Sessions are cached (mode 0600) in $VUEOPS_CACHE_DIR or\n"
      "~/.vueops/cache and reused until 15 minutes before they expire.\n"
      "The command gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,\n"
      "AWS_REGION, AWS_DEFAULT_REGION, AWS_CREDENTIAL_EXPIRATION and VUEOPS_ROLE_ARN, without\n"
      "AWS_PROFILE.\n"
      "Exit status: 0 success, 1 failure, 2 usage error; with --exec the command's own status\n"
      "(126 or 127 when it cannot be run).\n\n"
      "Examples:\n"
      "  vueops assume vueprod\n"
      "  vueops assume vueprod VueAdmin --exec -- aws ec2 describe-instances\n"
      "  eval \"$(vueops assume vuedev --export)\"\n");
  *run = [args, &globals, &output]() { return RunAssume(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
