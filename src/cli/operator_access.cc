#include "cli/operator_access.h"

#include <cctype>
#include <cstdlib>

#include "base/did_you_mean.h"
#include "base/file.h"
#include "cli/state_backend.h"
#include "client/sts_role_assumer.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

Status UnknownName(const std::string& what, const std::string& name,
                   const std::vector<std::string>& names) {
  std::string hint = DidYouMean(name, names);
  return NotFoundError(
      "no " + what + " '" + name + "' in the spec" +
      (hint.empty() ? "; the spec's " + what + "s: " + JoinNames(names) : "; " + hint));
}

std::string Text(const Json& object, const char* member) {
  auto found = object.find(member);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

Result<std::unique_ptr<OperatorAccess>> OperatorAccess::Open(const OperatorFlags& flags,
                                                             const GlobalOptions& globals,
                                                             const Output& output) {
  std::unique_ptr<OperatorAccess> access(new OperatorAccess());
  access->flags_ = flags;
  access->globals_ = &globals;
  access->output_ = output;
  std::string path = flags.spec.empty() ? DefaultSpecPath() : flags.spec;
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(path + ": invalid spec (" +
                                SummarizeDiagnostics(loaded.diagnostics) + ")");
  }
  access->stack_ = std::move(loaded.stack);
  return access;
}

Result<const spec::Account*> OperatorAccess::FindAccount(const std::string& name) const {
  if (const spec::Account* account = stack_->organization.FindAccount(name)) return account;
  std::vector<std::string> names;
  for (const spec::Account& account : stack_->organization.accounts) names.push_back(account.name);
  return UnknownName("account", name, names);
}

Result<const spec::Environment*> OperatorAccess::FindEnvironment(const std::string& name) const {
  if (const spec::Environment* environment = stack_->FindEnvironment(name)) return environment;
  return UnknownName("environment", name, stack_->EnvironmentNames());
}

std::vector<ops::ProfileGroup> OperatorAccess::ProfileGroups(const spec::Environment& environment,
                                                             const spec::ServerProfile* only) {
  std::vector<ops::ProfileGroup> groups;
  if (!environment.servers.has_value()) return groups;
  for (const spec::ServerProfile& profile : environment.servers->profiles) {
    if (only != nullptr && &profile != only) continue;
    std::string name;
    if (std::optional<state::ResourceRecord> record =
            Recorded(environment.name + ".autoscaling_group." + profile.name)) {
      name = record->id;
    } else {
      // graph/build.cc BuildContext::Name, lower-cased by the servers pass.
      name = stack_->name + "-" + environment.name + "-" + profile.name;
      for (char& c : name) {
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    groups.push_back({environment.name, profile.name, name});
  }
  return groups;
}

Result<const spec::ServerProfile*> OperatorAccess::FindProfile(const spec::Environment& environment,
                                                               const std::string& name) const {
  if (!environment.servers.has_value() || environment.servers->profiles.empty()) {
    std::vector<std::string> with_servers;
    for (const spec::Environment& other : stack_->environments) {
      if (other.servers.has_value() && !other.servers->profiles.empty()) {
        with_servers.push_back(other.name);
      }
    }
    return NotFoundError("environment " + environment.name + " has no servers in the spec" +
                         (with_servers.empty() ? "" : "; these have: " + JoinNames(with_servers)));
  }
  if (const spec::ServerProfile* profile = environment.servers->FindProfile(name)) return profile;
  std::vector<std::string> names;
  for (const spec::ServerProfile& profile : environment.servers->profiles) {
    names.push_back(profile.name);
  }
  std::string hint = DidYouMean(name, names);
  return NotFoundError("no server profile '" + name + "' in environment " + environment.name +
                       (hint.empty() ? "; its profiles: " + JoinNames(names) : "; " + hint));
}

std::string OperatorAccess::SecretsDir() const {
  const char* from_environment = std::getenv("VUEOPS_SECRETS_DIR");
  if (from_environment != nullptr && from_environment[0] != '\0') return from_environment;
  return JoinPath(stack_->spec_dir, stack_->operations.secrets_dir);
}

Status OperatorAccess::OpenState() {
  if (state_opened_) return Status::Ok();
  state_opened_ = true;
  if (client_ == nullptr) {
    client::DefaultClientOptions options;
    options.profile = globals_->profile;
    options.region = globals_->region.empty() ? stack_->region : globals_->region;
    options.endpoint_url = globals_->endpoint_url;
    Output output = output_;
    options.notes = [output](std::string_view note) {
      std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
    };
    ASSIGN_OR_RETURN(client_, client::MakeDefaultClient(options));
  }
  StateOpenOptions options;
  options.state_file = flags_.state_file;
  options.create_if_missing = false;
  Result<OpenedState> opened = OpenStackState(*stack_, options, client_.get(), output_);
  if (!opened.ok()) {
    // Not fatal: the spec's account ids and the names vueops gives still work.
    state_problem_ = opened.status().message();
    return Status::Ok();
  }
  store_ = std::move(opened->store);
  return Status::Ok();
}

std::optional<state::ResourceRecord> OperatorAccess::Recorded(const std::string& address) {
  if (!OpenState().ok() || store_ == nullptr) return std::nullopt;
  Result<std::optional<state::ResourceRecord>> record = store_->Get(address);
  if (!record.ok() || !record->has_value() || (*record)->id.empty() ||
      (*record)->status != state::RecordStatus::kCreated) {
    return std::nullopt;
  }
  return **record;
}

Result<std::string> OperatorAccess::AccountId(const spec::Account& account, std::string* source) {
  RETURN_IF_ERROR(OpenState());
  std::string address = "org.account." + account.name;
  if (std::optional<state::ResourceRecord> record = Recorded(address)) {
    *source = "state " + address;
    return record->id;
  }
  if (!account.id.empty()) {
    *source = "spec";
    return account.id;
  }
  // The management account is not made by vueops but is the organization's master.
  if (account.name == stack_->organization.management_account) {
    if (std::optional<state::ResourceRecord> organization = Recorded("org.organization.main")) {
      for (const Json* facts : {&organization->outputs, &organization->attributes}) {
        auto master = facts->find("master_account_id");
        if (master != facts->end() && master->is_string() && !master->get<std::string>().empty()) {
          *source = "state org.organization.main";
          return master->get<std::string>();
        }
      }
    }
  }
  return NotFoundError("no id for account " + account.name + ": the state has no " + address +
                       (state_problem_.empty() ? "" : " (" + state_problem_ + ")") +
                       " and the spec gives it no id; run vueops apply, pass --state FILE, or "
                       "write the account's id in the spec");
}

Result<AccountSession> OperatorAccess::Enter(const spec::Account& account,
                                             const std::string& region, const std::string& role) {
  AccountSession entered;
  entered.account = &account;
  entered.region = !globals_->region.empty() ? globals_->region
                   : !region.empty()         ? region
                                             : stack_->region;
  std::optional<std::chrono::seconds> requested;
  if (!flags_.duration.empty()) {
    Result<std::chrono::seconds> parsed = ops::ParseSessionDuration(flags_.duration);
    if (!parsed.ok()) return InvalidArgumentError("--duration: " + parsed.status().message());
    requested = *parsed;
  }
  ASSIGN_OR_RETURN(entered.account_id, AccountId(account, &entered.account_id_source));

  client::AwsClient& own = client_->client();
  Result<Json> caller = own.Call("sts", "GetCallerIdentity", Json::object());
  if (!caller.ok()) {
    return Status(caller.status().code(),
                  "who are the operator's credentials? " + caller.status().message());
  }
  entered.caller = ops::ParseCallerArn(Text(*caller, "Arn"));
  const spec::User* user = entered.caller.kind == ops::CallerKind::kUser
                               ? ops::FindUser(*stack_, entered.caller.name)
                               : nullptr;
  Result<ops::RoleChoice> choice =
      ops::ChooseRole(*stack_, account, user, role.empty() ? flags_.role : role);
  if (!choice.ok()) {
    return Status(choice.status().code(), choice.status().message() + " (credentials: " +
                                              ops::DescribeCaller(entered.caller) + ")");
  }
  entered.role = std::move(*choice);

  ops::RoleSessionInputs inputs;
  inputs.account_id = entered.account_id;
  inputs.role_name = entered.role.role;
  inputs.caller = entered.caller;
  inputs.role_max_session_hours = entered.role.max_session_hours;
  inputs.requested = requested;
  // The profile's MFA device proves the person behind long-term keys; a role session was
  // already made with it (the profile's own role_arn) and is not asked again.
  if (entered.caller.kind != ops::CallerKind::kRoleSession) {
    inputs.mfa_serial = client_->aws_config().Get("mfa_serial").value_or("");
  }
  ASSIGN_OR_RETURN(entered.session, ops::PlanRoleSession(inputs));
  if (entered.role.require_mfa && inputs.mfa_serial.empty() && !entered.session.chained) {
    entered.session.notes.push_back("role " + entered.role.role +
                                    " requires MFA (spec: require_mfa), but profile " +
                                    client_->aws_config().profile_name() +
                                    " names no mfa_serial; add it to the profile if STS refuses");
  }
  Output output = output_;
  Result<std::shared_ptr<auth::RefreshingCredentials>> credentials = client::AssumedRoleCredentials(
      own, entered.session.params, client_->role_assumer(), client_->role_cache(),
      client_->mfa_prompter(), [output](std::string_view note) {
        std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()),
                     note.data());
      });
  if (!credentials.ok()) return credentials.status();
  // Assume now, so that a refusal is reported here with what was asked.
  Result<auth::Credentials> current = (*credentials)->Get();
  if (!current.ok()) {
    return Status(current.status().code(), "assuming " + entered.session.params.role_arn + " as " +
                                               ops::DescribeCaller(entered.caller) + ": " +
                                               current.status().message());
  }
  entered.client = own.WithCredentials(*credentials).InRegion(entered.region);
  return entered;
}

}  // namespace vueops::cli
