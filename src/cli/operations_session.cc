#include "cli/operations_session.h"

#include "base/clock.h"
#include "base/diagnostic.h"
#include "base/did_you_mean.h"
#include "cli/state_backend.h"
#include "resources/desired.h"
#include "spec/loader.h"

namespace vueops::cli {

std::string UnknownName(const std::string& what, const std::string& name, const std::string& where,
                        const std::vector<std::string>& candidates) {
  std::string message = "no " + what + " '" + name + "' in " + where;
  std::string hint = DidYouMean(name, candidates);
  if (!hint.empty()) message += "; " + hint;
  std::string list;
  for (const std::string& candidate : candidates) list += (list.empty() ? "" : ", ") + candidate;
  message += list.empty() ? " (there are none)" : " (" + what + "s: " + list + ")";
  return message;
}

Result<std::unique_ptr<OperationsSession>> OperationsSession::Open(const OperationsOptions& options,
                                                                   const GlobalOptions& globals,
                                                                   const Output& output) {
  std::unique_ptr<OperationsSession> session(new OperationsSession());
  session->globals_ = globals;
  session->output_ = output;
  const std::string path = options.spec.empty() ? DefaultSpecPath() : options.spec;
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(path + ": invalid spec (" +
                                SummarizeDiagnostics(loaded.diagnostics) + ")");
  }
  session->stack_ = std::make_unique<spec::Stack>(std::move(*loaded.stack));
  const spec::Stack& stack = *session->stack_;
  session->environment_ = stack.FindEnvironment(options.environment);
  if (session->environment_ == nullptr) {
    return NotFoundError(
        UnknownName("environment", options.environment, stack.spec_path, stack.EnvironmentNames()));
  }

  client::DefaultClientOptions client_options;
  client_options.profile = globals.profile;
  client_options.region = globals.region.empty() ? stack.region : globals.region;
  client_options.endpoint_url = globals.endpoint_url;
  client_options.notes = [output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  ASSIGN_OR_RETURN(session->wiring_, client::MakeDefaultClient(client_options));

  StateOpenOptions state_options;
  state_options.state_file = options.state_file;
  state_options.create_if_missing = false;
  state_options.exclusive = options.exclusive;
  state_options.operation = options.operation;
  Result<OpenedState> opened = OpenStackState(stack, state_options, session->wiring_.get(), output);
  if (!opened.ok()) {
    return Status(opened.status().code(),
                  opened.status().message() + " (nothing applied yet?); pass --state FILE");
  }
  session->state_path_ = opened->where;
  session->store_ = std::move(opened->store);

  apply::OrganizationAccessOptions access_options;
  access_options.management_account = stack.organization.management_account;
  state::StateStore* store = session->store_.get();
  const spec::Stack* stack_pointer = session->stack_.get();
  access_options.account_id = [store,
                               stack_pointer](const std::string& account) -> Result<std::string> {
    Result<std::optional<state::ResourceRecord>> found = store->Get("org.account." + account);
    if (found.ok() && found->has_value() && !(*found)->id.empty()) return (*found)->id;
    if (const spec::Account* written = stack_pointer->organization.FindAccount(account);
        written != nullptr && !written->id.empty()) {
      return written->id;
    }
    return NotFoundError("no id recorded for account '" + account + "'");
  };
  session->access_ = std::make_unique<apply::OrganizationAccess>(
      session->wiring_->client(), &session->wiring_->role_assumer(), Clock::Real(),
      std::move(access_options));
  return session;
}

Result<state::ResourceRecord> OperationsSession::Recorded(const std::string& address) {
  ASSIGN_OR_RETURN(std::optional<state::ResourceRecord> record, store_->Get(address));
  if (!record.has_value() || record->id.empty() ||
      record->status != state::RecordStatus::kCreated) {
    return NotFoundError(state_path_ + " has no created " + address +
                         "; run vueops apply first (or pass the right --state)");
  }
  return *record;
}

Result<state::ResourceRecord> OperationsSession::RecordedIn(const std::string& type,
                                                            const std::string& name) {
  return Recorded(resources::MakeAddress(environment_->name, type, name));
}

Result<client::AwsClient*> OperationsSession::Client(const std::string& region) {
  return access_->ClientFor(environment_->account, region.empty() ? environment_->region : region);
}

Result<client::AwsClient*> OperationsSession::ClientFor(const state::ResourceRecord& record) {
  return access_->ClientFor(record.account, record.region);
}

}  // namespace vueops::cli
