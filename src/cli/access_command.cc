// vueops access matrix|check: who can do what, computed from the spec through the IAM
// evaluator (iam/access_matrix.h, iam/access_intent.h) on the policies `vueops apply` creates
// (cli/access_documents.h).
#include <CLI/CLI.hpp>
#include <memory>

#include "base/diagnostic.h"
#include "base/did_you_mean.h"
#include "base/file.h"
#include "base/json.h"
#include "cli/access_documents.h"
#include "cli/access_live.h"
#include "cli/commands.h"
#include "graph/build.h"
#include "iam/access_intent.h"
#include "iam/access_matrix_render.h"
#include "iam/arn.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

// The session name `access check` gives a role's session.
constexpr const char* kCheckSessionName = "vueops-access-check";

struct MatrixArguments {
  std::string spec;
  std::string format = "table";
  std::string out;
  bool live = false;       // read the policies from the accounts instead of the spec
  std::string role;        // --live: the role to read through (default: the read-only one)
  std::string state_file;  // --live: where the account ids are
};

struct CheckArguments {
  std::string principal;
  std::string action;
  std::string resource;
  std::string spec;
  std::vector<std::string> context;
  bool json = false;
};

int Fail(const Output& output, const char* command, const std::string& message, int exit_code) {
  std::fprintf(output.err, "vueops access %s: %s\n", command, message.c_str());
  return exit_code;
}

// The stack and its access documents; a failure has been printed.
struct LoadedAccess {
  std::unique_ptr<spec::Stack> stack;
  iam::AccessDocuments documents;
};

Result<LoadedAccess> LoadAccess(const std::string& path, const Output& output) {
  std::string spec_path = path.empty() ? DefaultSpecPath() : path;
  spec::LoadResult loaded = spec::LoadStack(spec_path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(spec_path + ": invalid spec (" +
                                SummarizeDiagnostics(loaded.diagnostics) +
                                "); `vueops validate` shows every problem");
  }
  LoadedAccess access;
  access.stack = std::make_unique<spec::Stack>(std::move(*loaded.stack));
  graph::BuildOptions build_options;
  build_options.secrets_dir =
      JoinPath(access.stack->spec_dir, access.stack->operations.secrets_dir);
  ASSIGN_OR_RETURN(std::vector<resources::DesiredResource> desired,
                   graph::BuildResources(*access.stack, build_options));
  ASSIGN_OR_RETURN(access.documents, AccessDocumentsFromResources(*access.stack, desired));
  return access;
}

// The stack and the documents read from the live accounts (access matrix --live).
Result<LoadedAccess> LoadLiveAccess(const MatrixArguments& args, const GlobalOptions& globals,
                                    const Output& output) {
  OperatorFlags flags;
  flags.spec = args.spec;
  flags.state_file = args.state_file;
  ASSIGN_OR_RETURN(std::unique_ptr<OperatorAccess> opened,
                   OperatorAccess::Open(flags, globals, output));
  LoadedAccess access;
  access.stack = std::make_unique<spec::Stack>(opened->stack());
  ASSIGN_OR_RETURN(access.documents, ReadLiveAccessDocuments(*opened, args.role));
  return access;
}

int RunMatrix(const MatrixArguments& args, const GlobalOptions& globals, const Output& output) {
  if (args.format != "table" && args.format != "json" && args.format != "html") {
    return Fail(output, "matrix",
                "--format '" + args.format +
                    "' is not a format; use --format table, --format json or --format html",
                kExitUsage);
  }
  if (!args.live && (!args.role.empty() || !args.state_file.empty())) {
    return Fail(output, "matrix", "--role and --state read the live accounts: add --live",
                kExitUsage);
  }
  Result<LoadedAccess> access =
      args.live ? LoadLiveAccess(args, globals, output) : LoadAccess(args.spec, output);
  if (!access.ok()) return Fail(output, "matrix", access.status().message(), kExitFailure);
  const iam::AccessDocuments& documents = access->documents;
  iam::AccessMatrix matrix = iam::ComputeAccessMatrix(documents);
  iam::MatrixReport report;
  report.title =
      access->stack->name + " (" + access->stack->spec_path + (args.live ? ", live" : "") + ")";
  report.documents = &documents;
  report.matrix = &matrix;
  report.differences = iam::CompareWithIntent(matrix, documents, iam::VueocityAccessIntent());
  report.roles_without_intent = iam::RolesWithoutIntent(matrix, iam::VueocityAccessIntent());

  std::string text;
  if (args.format == "json") {
    text = DumpJson(iam::MatrixToJson(report), 2) + "\n";
  } else if (args.format == "html") {
    text = iam::RenderMatrixHtml(report);
  } else {
    text = iam::RenderMatrixTable(report);
  }
  int exit_code = report.differences.empty() ? kExitOk : kExitFailure;
  if (args.out.empty()) {
    std::fputs(text.c_str(), output.out);
    return exit_code;
  }
  if (Status written = WriteFileAtomic(args.out, text); !written.ok()) {
    return Fail(output, "matrix", "--out " + args.out + ": " + written.message(), kExitFailure);
  }
  size_t count = report.differences.size();
  std::fprintf(output.out, "wrote %s: %s\n", args.out.c_str(),
               count == 0 ? "the matrix matches the notes' intent"
                          : (std::to_string(count) + " difference" + (count == 1 ? "" : "s") +
                             " from the notes' intent")
                                .c_str());
  for (const iam::AccessDifference& difference : report.differences) {
    std::fprintf(output.err, "  %s in %s, %s: expected %s, computed %s\n", difference.role.c_str(),
                 difference.account.c_str(), difference.action_class.c_str(),
                 difference.expected.c_str(), difference.computed.c_str());
    for (const std::string& cause : difference.causes) {
      std::fprintf(output.err, "      %s\n", cause.c_str());
    }
  }
  return exit_code;
}

// Who asks, with the policies in force for them.
struct Caller {
  std::string description;  // "VueDev@vueprod (a session of arn:aws:iam::...:role/VueDev)"
  iam::Principal principal;
  iam::PoliciesInForce policies;
};

std::vector<std::string> RoleKeys(const iam::AccessDocuments& documents) {
  std::vector<std::string> keys;
  for (const iam::AccessRole& role : documents.roles)
    keys.push_back(role.name + "@" + role.account);
  return keys;
}

std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string hint = DidYouMean(word, candidates);
  return hint.empty() ? "" : "; " + hint;
}

Result<const iam::AccessRole*> RoleAt(const iam::AccessDocuments& documents,
                                      const std::string& text, const std::string& argument) {
  size_t at = text.find('@');
  std::string name = text.substr(0, at), account = text.substr(at + 1);
  if (documents.FindAccount(account) == nullptr) {
    std::vector<std::string> accounts;
    for (const iam::AccessAccount& known : documents.accounts) accounts.push_back(known.name);
    return InvalidArgumentError(argument + " '" + text + "': the spec has no account '" + account +
                                "'" + Suggest(account, accounts));
  }
  const iam::AccessRole* role = documents.FindRole(name, account);
  if (role == nullptr) {
    std::string where;
    for (const iam::AccessRole& other : documents.roles) {
      if (other.name == name) where += (where.empty() ? "" : ", ") + other.account;
    }
    return InvalidArgumentError(argument + " '" + text + "': role " + name + " does not exist in " +
                                account +
                                (where.empty() ? Suggest(text, RoleKeys(documents))
                                               : " (the spec grants it in " + where + ")"));
  }
  return role;
}

Caller RoleCaller(const iam::AccessDocuments& documents, const iam::AccessRole& role) {
  return {role.name + "@" + role.account + " (a session of " + role.arn + ")",
          iam::RoleSessionPrincipal(role.arn, kCheckSessionName),
          iam::RoleSessionPolicies(documents, role)};
}

Result<Caller> ParsePrincipal(const iam::AccessDocuments& documents, const std::string& text) {
  const std::string usage =
      "; write ROLE@ACCOUNT (VueDev@vueprod), group:GROUP (a member of the group), "
      "user:USER, or an IAM role, user or assumed-role ARN";
  if (text.starts_with("group:")) {
    std::string name = text.substr(6);
    const iam::AccessGroup* group = documents.FindGroup(name);
    if (group == nullptr) {
      std::vector<std::string> names;
      for (const iam::AccessGroup& known : documents.groups) names.push_back(known.name);
      return InvalidArgumentError("PRINCIPAL '" + text + "': the spec has no group '" + name + "'" +
                                  Suggest(name, names));
    }
    std::string arn = iam::GroupMemberArn(documents, *group);
    return Caller{"a member of group " + group->name + " in " + group->account + " (" + arn + ")",
                  iam::UserPrincipal(arn), iam::GroupMemberPolicies(documents, *group)};
  }
  auto user_caller = [&](const iam::AccessUser& user) -> Caller {
    const iam::AccessAccount* account = documents.FindAccount(user.account);
    std::string arn =
        "arn:aws:iam::" + (account != nullptr ? account->id : "") + ":user/" + user.name;
    return {"user " + user.name + " in " + user.account + " (" + arn + ")", iam::UserPrincipal(arn),
            iam::UserPolicies(documents, user)};
  };
  if (text.starts_with("user:")) {
    const iam::AccessUser* user = documents.FindUser(text.substr(5));
    if (user == nullptr) {
      std::vector<std::string> names;
      for (const iam::AccessUser& known : documents.users) names.push_back(known.name);
      return InvalidArgumentError("PRINCIPAL '" + text + "': the spec has no user '" +
                                  text.substr(5) + "'" + Suggest(text.substr(5), names));
    }
    return user_caller(*user);
  }
  if (text.starts_with("arn:")) {
    std::optional<iam::Arn> arn = iam::ParseArn(text);
    if (!arn.has_value())
      return InvalidArgumentError("PRINCIPAL '" + text + "' is not an ARN" + usage);
    const iam::AccessAccount* account = documents.FindAccountById(arn->account);
    if (account == nullptr) {
      return InvalidArgumentError("PRINCIPAL '" + text + "': no account of the spec has id " +
                                  arn->account +
                                  " (ids not in the spec are stand-ins; see "
                                  "`vueops access matrix`), or write ROLE@ACCOUNT");
    }
    std::string resource = arn->resource;
    if (arn->service == "iam" && resource.starts_with("role/")) {
      std::string name = resource.substr(resource.rfind('/') + 1);
      ASSIGN_OR_RETURN(const iam::AccessRole* role,
                       RoleAt(documents, name + "@" + account->name, "PRINCIPAL"));
      return RoleCaller(documents, *role);
    }
    if (arn->service == "sts" && resource.starts_with("assumed-role/")) {
      std::string rest = resource.substr(13);
      std::string name = rest.substr(0, rest.find('/'));
      ASSIGN_OR_RETURN(const iam::AccessRole* role,
                       RoleAt(documents, name + "@" + account->name, "PRINCIPAL"));
      Caller caller = RoleCaller(documents, *role);
      caller.principal = iam::RoleSessionPrincipal(
          role->arn, rest.find('/') == std::string::npos ? kCheckSessionName
                                                         : rest.substr(rest.find('/') + 1));
      return caller;
    }
    if (arn->service == "iam" && resource.starts_with("user/")) {
      std::string name = resource.substr(resource.rfind('/') + 1);
      const iam::AccessUser* user = documents.FindUser(name);
      if (user == nullptr || user->account != account->name) {
        return InvalidArgumentError("PRINCIPAL '" + text + "': the spec has no user " + name +
                                    " in " + account->name);
      }
      return user_caller(*user);
    }
    return InvalidArgumentError("PRINCIPAL '" + text + "' names no role, user or session" + usage);
  }
  if (text.find('@') != std::string::npos) {
    ASSIGN_OR_RETURN(const iam::AccessRole* role, RoleAt(documents, text, "PRINCIPAL"));
    return RoleCaller(documents, *role);
  }
  return InvalidArgumentError("PRINCIPAL '" + text + "' is not a principal" + usage);
}

// "service:Action": what IAM accepts in an Action element, without wildcards' restrictions.
bool LooksLikeAction(const std::string& action) {
  size_t colon = action.find(':');
  return colon != std::string::npos && colon > 0 && colon + 1 < action.size() &&
         action.find_first_of(" \t/") == std::string::npos &&
         action.find(':', colon + 1) == std::string::npos;
}

std::string DecisionWords(iam::Decision decision) {
  switch (decision) {
    case iam::Decision::kAllow: return "allowed";
    case iam::Decision::kExplicitDeny: return "explicitly denied";
    case iam::Decision::kImplicitDeny: return "implicitly denied";
  }
  return "";
}

int RunCheck(const CheckArguments& args, const Output& output) {
  // The command line first: a typo should not wait for the spec.
  if (!LooksLikeAction(args.action)) {
    return Fail(output, "check",
                "ACTION '" + args.action +
                    "' is not service:Action; write e.g. s3:PutObject or sts:AssumeRole",
                kExitUsage);
  }
  if (args.resource != "*" && !args.resource.starts_with("arn:") &&
      args.resource.find('@') == std::string::npos) {
    return Fail(output, "check",
                "RESOURCE '" + args.resource +
                    "' is not an ARN; write an ARN (arn:aws:s3:::bucket/key), ROLE@ACCOUNT for a "
                    "role, or * for actions on no particular resource",
                kExitUsage);
  }
  std::vector<std::pair<std::string, std::string>> context;
  for (const std::string& entry : args.context) {
    size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Fail(output, "check",
                  "--context '" + entry +
                      "' is not KEY=VALUE; write e.g. --context aws:MultiFactorAuthPresent=false",
                  kExitUsage);
    }
    context.emplace_back(entry.substr(0, equals), entry.substr(equals + 1));
  }

  Result<LoadedAccess> access = LoadAccess(args.spec, output);
  if (!access.ok()) return Fail(output, "check", access.status().message(), kExitFailure);
  const iam::AccessDocuments& documents = access->documents;
  Result<Caller> caller = ParsePrincipal(documents, args.principal);
  if (!caller.ok()) return Fail(output, "check", caller.status().message(), kExitUsage);

  iam::Request request;
  request.principal = caller->principal;
  request.action = args.action;
  request.resource = args.resource;
  if (!args.resource.starts_with("arn:") && args.resource.find('@') != std::string::npos) {
    Result<const iam::AccessRole*> role = RoleAt(documents, args.resource, "RESOURCE");
    if (!role.ok()) return Fail(output, "check", role.status().message(), kExitUsage);
    request.resource = (*role)->arn;
  }
  std::optional<iam::Arn> resource_arn = iam::ParseArn(request.resource);
  if (resource_arn.has_value() && resource_arn->account.size() == 12 &&
      resource_arn->account != request.principal.account) {
    request.resource_account = resource_arn->account;
  }
  request.context = iam::DefaultAccessContext(documents);
  for (const auto& [key, value] : context) request.context.Set(key, value);

  iam::PoliciesInForce policies = caller->policies;
  // A role is the resource of sts:AssumeRole*: its trust policy is the resource policy.
  if (request.action.starts_with("sts:AssumeRole")) {
    if (const iam::AccessRole* role = documents.FindRoleByArn(request.resource)) {
      policies.resource_policy = role->trust;
    }
  }
  iam::Evaluation evaluation = iam::Evaluate(request, policies);
  if (args.json) {
    Json out = {{"principal", args.principal},     {"caller", caller->description},
                {"action", request.action},        {"resource", request.resource},
                {"allowed", evaluation.allowed()}, {"outcome", DecisionWords(evaluation.decision)}};
    out.update(evaluation.ToJson());
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
  } else {
    std::fprintf(output.out, "%s: %s %s on %s\n%s\n", DecisionWords(evaluation.decision).c_str(),
                 caller->description.c_str(), request.action.c_str(), request.resource.c_str(),
                 evaluation.ToString().c_str());
  }
  return evaluation.allowed() ? kExitOk : kExitFailure;
}

}  // namespace

CLI::App* RegisterAccessCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run) {
  auto* command = app.add_subcommand(
      "access", "Who can do what: the roles' rights per account, checked against the notes");
  command->require_subcommand(1);
  command->footer(
      "Computed from the spec through vueops' IAM evaluator, on the policies `vueops apply`\n"
      "creates: the roles' trust and permission policies, the groups' sts:AssumeRole\n"
      "policies, the SCPs (with AWS's FullAWSAccess at every level). No AWS call is made,\n"
      "except by `access matrix --live`, which reads those policies from the accounts.\n\n"
      "Examples:\n"
      "  vueops access matrix examples/vueocity\n"
      "  vueops access check group:VueDev sts:AssumeRole VueDev@vueprod examples/vueocity\n");

  auto matrix_args = std::make_shared<MatrixArguments>();
  auto* matrix = command->add_subcommand(
      "matrix", "Every role x account x class (assume, read, write, admin), against the notes");
  matrix->add_option("path", matrix_args->spec, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  matrix->add_option("--format", matrix_args->format, "table (default), json or html")
      ->option_text("FORMAT");
  matrix
      ->add_option("--out", matrix_args->out,
                   "Write the matrix to FILE (the differences still go to stderr)")
      ->option_text("FILE");
  matrix->add_flag("--live", matrix_args->live,
                   "Read the roles, groups, users, their policies and the SCPs from the live "
                   "accounts instead of the spec");
  matrix->add_option("--role", matrix_args->role,
                     "With --live: the role to read each account through (default: the spec's "
                     "read-only role there, e.g. VueRead)");
  matrix->add_option("--state", matrix_args->state_file,
                     "With --live: a local state file for the account ids (default: the spec's "
                     "backend)");
  matrix->footer(
      "assume: can a member of the same-named group in the identity account assume the role\n"
      "(its group policy and the role's trust policy, with MFA); rows 'assume via G@ACCOUNT'\n"
      "show other groups that can. read, write, admin: what a session of the role may do, on\n"
      "representative actions (a class is allowed when all are, partial when some are):\n"
      "  read   ec2:DescribeInstances, s3:GetObject, rds:DescribeDBInstances\n"
      "  write  ec2:RunInstances, s3:PutObject, autoscaling:UpdateAutoScalingGroup\n"
      "  admin  iam:CreateRole, iam:PutRolePolicy, organizations:AttachPolicy\n"
      "'—': the role does not exist in the account. The result is compared with the notes'\n"
      "intent (VueAdmin full admin on most accounts, VueProd deploy rights on production,\n"
      "VueDev admin on sandboxes and read-only on production, VueRead read-only, VueOrg only\n"
      "from the root account); every difference is listed with the statements that caused it.\n"
      "Exit status: 0 the matrix matches the notes, 1 differences (or an invalid spec),\n"
      "2 usage error.\n\n"
      "Examples:\n"
      "  vueops access matrix examples/vueocity\n"
      "  vueops access matrix examples/vueocity --format html --out access.html\n"
      "  vueops access matrix examples/vueocity --live     # the policies in force now\n");

  auto check_args = std::make_shared<CheckArguments>();
  auto* check = command->add_subcommand(
      "check", "Whether PRINCIPAL may do ACTION on RESOURCE, and the statements that decide it");
  check
      ->add_option("PRINCIPAL", check_args->principal,
                   "ROLE@ACCOUNT (a session of the role), group:GROUP (a member of the group), "
                   "user:USER, or an IAM role, user or assumed-role ARN")
      ->required();
  check->add_option("ACTION", check_args->action, "service:Action, e.g. s3:PutObject")->required();
  check
      ->add_option("RESOURCE", check_args->resource,
                   "An ARN, ROLE@ACCOUNT for a role's ARN, or * for no particular resource")
      ->required();
  check->add_option("path", check_args->spec, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  check
      ->add_option("--context", check_args->context,
                   "A condition key of the request, KEY=VALUE; repeat for more (defaults: "
                   "aws:RequestedRegion=the stack's region, aws:MultiFactorAuthPresent=true, "
                   "aws:SecureTransport=true)")
      ->option_text("KEY=VALUE");
  check->add_flag("--json", check_args->json, "Print the decision as JSON");
  check->footer(
      "Prints the decision (allowed, explicitly denied, implicitly denied), the step of AWS's\n"
      "evaluation logic that decided it and the statements that made it (policy, Statement\n"
      "index and Sid). For sts:AssumeRole* on a role of the spec the role's trust policy is\n"
      "the resource policy; other resource-based policies (buckets, keys) are not consulted.\n"
      "Exit status: 0 allowed, 1 denied (or an invalid spec), 2 usage error.\n\n"
      "Examples:\n"
      "  vueops access check VueDev@vueprod s3:PutObject arn:aws:s3:::vueocity-prod-static/x\n"
      "  vueops access check group:VueDev sts:AssumeRole VueDev@vueprod --context "
      "aws:MultiFactorAuthPresent=false\n");

  *run = [matrix_args, check_args, check, &globals, &output]() {
    if (check->parsed()) return RunCheck(*check_args, output);
    return RunMatrix(*matrix_args, globals, output);
  };
  return command;
}

}  // namespace vueops::cli
