#include "cli/state_backend.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "apply/organization_access.h"
#include "base/file.h"
#include "state/sqlite_state_store.h"

namespace vueops::cli {
namespace {

// The operator, as the lock names them.
std::string Operator() {
  for (const char* variable : {"USER", "LOGNAME"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && value[0] != '\0') return value;
  }
  return "uid " + std::to_string(::getuid());
}

// The 12-digit id of `account`: written in the spec, else found by its email (or name) in the
// organization, which the management account's credentials can list.
Result<std::string> FindAccountId(const spec::Stack& stack, const std::string& account,
                                  client::AwsClient& management) {
  const spec::Account* written = stack.organization.FindAccount(account);
  if (written != nullptr && !written->id.empty()) return written->id;
  std::string found;
  Status listed = management.ForEachPage(
      "organizations", "ListAccounts", Json::object(), [&](const Json& page) -> Status {
        for (const Json& entry : page.value("Accounts", Json::array())) {
          bool same_email = written != nullptr && !written->email.empty() &&
                            entry.value("Email", "") == written->email;
          if (same_email || entry.value("Name", "") == account) found = entry.value("Id", "");
        }
        return Status::Ok();
      });
  if (!found.empty()) return found;
  return NotFoundError(
      "the state lives in account '" + account +
      "' (state: account), whose id vueops could not find" +
      (listed.ok() ? "" : " (listing the organization failed: " + listed.message() + ")") +
      "; write it in the spec (organization: accounts: " + account + ": {id: 123456789012})");
}

}  // namespace

Result<std::unique_ptr<StateBackend>> StateBackend::Connect(const spec::Stack& stack,
                                                            client::DefaultClient& client,
                                                            const Output& output) {
  const spec::StateBackend& settings = stack.state;
  if (settings.kind != "s3") {
    return FailedPreconditionError(
        stack.spec_path +
        " keeps state in a local file (state: backend: local); a team backend "
        "needs state: {backend: s3, bucket: NAME} (docs/operations.md, \"Team state\")");
  }
  std::unique_ptr<StateBackend> backend(new StateBackend());
  backend->stack_ = &stack;
  backend->output_ = output;
  backend->bucket_ = settings.bucket;
  backend->key_ = settings.key;
  backend->region_ = settings.region.empty() ? stack.region : settings.region;
  backend->journal_path_ = JoinPath(
      stack.spec_dir, ".vueops/remote/" + settings.bucket + "/" + settings.key + ".journal");

  apply::OrganizationAccessOptions access;
  access.management_account = stack.organization.management_account;
  access.role_name = settings.role;
  access.session_name = "vueops-state";
  // Found before any role is assumed, so that a missing id is said plainly.
  std::string account_id;
  if (!settings.account.empty() && settings.account != access.management_account) {
    ASSIGN_OR_RETURN(account_id, FindAccountId(stack, settings.account, client.client()));
  }
  access.account_id = [account_id](const std::string&) -> Result<std::string> {
    return account_id;
  };
  backend->access_ = std::make_unique<apply::OrganizationAccess>(
      client.client(), &client.role_assumer(), Clock::Real(), std::move(access));
  ASSIGN_OR_RETURN(backend->client_,
                   backend->access_->ClientFor(settings.account, backend->region_));
  return backend;
}

std::unique_ptr<backend::ObjectStore> StateBackend::Objects() {
  return backend::NewS3ObjectStore(*client_, bucket_);
}

std::unique_ptr<backend::RemoteLock> StateBackend::Lock() {
  if (stack_->state.lock == "dynamodb") {
    return backend::NewDynamoDbLock(*client_, stack_->state.dynamodb_table, bucket_ + "/" + key_,
                                    Clock::Real());
  }
  return backend::NewS3Lock(Objects(), key_ + ".lock", Clock::Real());
}

Result<std::unique_ptr<backend::HeldLock>> StateBackend::Acquire(const std::string& operation,
                                                                 Clock::Duration timeout) {
  backend::LockRequest request;
  request.operation = operation;
  request.who = Operator();
  request.lease_seconds = stack_->state.lease_seconds;
  request.timeout = timeout;
  const Output output = output_;
  request.waiting = [output](const backend::LockInfo& holder) {
    std::fprintf(output.err, "vueops: waiting for the state lock, held by %s: %s\n",
                 holder.id.c_str(), backend::DescribeLock(holder, Clock::Real().Now()).c_str());
  };
  return backend::HeldLock::Acquire(Lock(), std::move(request), Clock::Real());
}

Result<std::unique_ptr<backend::RemoteStateStore>> StateBackend::Open(
    std::unique_ptr<backend::HeldLock> lock) {
  backend::RemoteStateOptions options;
  options.key = key_;
  options.journal_path = journal_path_;
  const Output output = output_;
  options.notes = [output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  return backend::OpenRemoteState(Objects(), std::move(lock), std::move(options));
}

Result<OpenedState> OpenStackState(const spec::Stack& stack, const StateOpenOptions& options,
                                   client::DefaultClient* client, const Output& output) {
  OpenedState opened;
  if (!options.state_file.empty() || stack.state.kind != "s3") {
    opened.where = !options.state_file.empty() ? options.state_file
                                               : JoinPath(stack.spec_dir, stack.state.path);
    state::SqliteOptions sqlite;
    sqlite.exclusive = options.exclusive;
    sqlite.create_if_missing = options.create_if_missing;
    sqlite.lock_timeout_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(options.lock_timeout).count());
    Result<std::unique_ptr<state::StateStore>> store =
        state::OpenSqliteStateStore(opened.where, sqlite);
    if (store.status().code() == StatusCode::kNotFound) {
      return NotFoundError(store.status().message() +
                           " (nothing has been applied with it yet); pass --state FILE or --spec "
                           "PATH for another state");
    }
    ASSIGN_OR_RETURN(opened.store, std::move(store));
    return opened;
  }
  if (client == nullptr) return InternalError("the S3 state backend needs an AWS client");
  ASSIGN_OR_RETURN(std::unique_ptr<StateBackend> backend,
                   StateBackend::Connect(stack, *client, output));
  std::unique_ptr<backend::HeldLock> lock;
  if (options.exclusive) {
    ASSIGN_OR_RETURN(lock, backend->Acquire(options.operation, options.lock_timeout));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<backend::RemoteStateStore> store,
                   backend->Open(std::move(lock)));
  opened.where = backend->where();
  opened.remote = true;
  opened.store = std::move(store);
  return opened;
}

Result<std::unique_ptr<client::DefaultClient>> MakeCommandClient(const GlobalOptions& globals,
                                                                 const Output& output,
                                                                 int max_attempts) {
  client::DefaultClientOptions options;
  options.profile = globals.profile;
  options.region = globals.region;
  options.endpoint_url = globals.endpoint_url;
  options.default_max_attempts = max_attempts;
  options.notes = [output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  return client::MakeDefaultClient(options);
}

Result<Clock::Duration> ParseLockTimeout(const std::string& text) {
  auto bad = [&text]() {
    return InvalidArgumentError("--lock-timeout '" + text +
                                "' is not a duration; write seconds (90), or a number with s, m "
                                "or h (30s, 10m, 1h)");
  };
  if (text.empty()) return bad();
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 7) return bad();
  const long long amount = std::stoll(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit.empty() || unit == "s") return Clock::Duration(std::chrono::seconds(amount));
  if (unit == "m") return Clock::Duration(std::chrono::minutes(amount));
  if (unit == "h") return Clock::Duration(std::chrono::hours(amount));
  return bad();
}

}  // namespace vueops::cli
