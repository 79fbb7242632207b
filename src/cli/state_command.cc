// vueops state list|show|rm|mv: read and repair what vueops remembers, without touching AWS.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <ctime>
#include <iostream>

#include "base/did_you_mean.h"
#include "base/file.h"
#include "base/terminal.h"
#include "cli/commands.h"
#include "cli/state_backend.h"
#include "spec/loader.h"
#include "state/snapshot.h"
#include "state/sqlite_state_store.h"

namespace vueops::cli {
namespace {

struct StateArguments {
  std::string state_file;  // --state
  std::string spec;        // --spec
  bool json = false;
  bool yes = false;
  std::vector<std::string> addresses;  // show: one; rm: one or more
  std::string from, to;                // mv
  std::string lock_timeout = "0s";     // rm, mv, push
  std::string lock_id;                 // unlock
  bool force = false;                  // unlock, pull, push
  std::string out;                     // pull --out
  std::string from_file;               // push --from
  bool from_journal = false;           // push --from-journal
};

// Prints "vueops state COMMAND: MESSAGE" and returns the exit code.
int Fail(const Output& output, const char* command, const std::string& message,
         int exit_code = kExitFailure) {
  std::fprintf(output.err, "vueops state %s: %s\n", command, message.c_str());
  return exit_code;
}

// The spec, for the commands that need its state settings. Diagnostics are printed.
Result<spec::Stack> LoadSpec(const StateArguments& args, const Output& output) {
  const std::string spec = args.spec.empty() ? DefaultSpecPath() : args.spec;
  spec::LoadResult loaded = spec::LoadStack(spec);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(
        spec + ": invalid spec (" + SummarizeDiagnostics(loaded.diagnostics) +
        "), so the state beside it cannot be found; fix it, or pass --state FILE");
  }
  return std::move(*loaded.stack);
}

// An open state and what it needs: the spec and, for the S3 backend, the AWS client (declared
// first: the store uses it until it is closed).
struct StateHandle {
  std::optional<spec::Stack> stack;
  std::unique_ptr<client::DefaultClient> client;
  OpenedState opened;
};

// Opens the state: --state FILE, else the spec's backend. `exclusive` takes the state's lock,
// so that no apply changes what a repair checks before it changes it.
Result<std::unique_ptr<StateHandle>> OpenFor(const StateArguments& args,
                                             const GlobalOptions& globals, const Output& output,
                                             bool exclusive, const std::string& operation) {
  auto handle = std::make_unique<StateHandle>();
  StateOpenOptions options;
  options.state_file = args.state_file;
  options.exclusive = exclusive;
  options.operation = operation;
  options.create_if_missing = false;
  ASSIGN_OR_RETURN(options.lock_timeout, ParseLockTimeout(args.lock_timeout));
  spec::Stack none;
  if (args.state_file.empty()) {
    ASSIGN_OR_RETURN(handle->stack, LoadSpec(args, output));
    if (handle->stack->state.kind == "s3") {
      ASSIGN_OR_RETURN(handle->client, MakeCommandClient(globals, output));
    }
  }
  ASSIGN_OR_RETURN(handle->opened, OpenStackState(handle->stack.has_value() ? *handle->stack : none,
                                                  options, handle->client.get(), output));
  return handle;
}

std::string Display(const std::string& value, const char* empty) {
  return value.empty() ? empty : value;
}

std::string AccountName(const state::ResourceRecord& record) {
  return Display(record.account, "(management)");
}

std::string RegionName(const state::ResourceRecord& record) {
  return Display(record.region, "global");
}

std::string StatusText(state::RecordStatus status, const Style& style) {
  std::string_view name = state::RecordStatusName(status);
  switch (status) {
    case state::RecordStatus::kIntent: return style.Apply(kStyleYellow, name);
    case state::RecordStatus::kTainted: return style.Apply(kStyleRed, name);
    case state::RecordStatus::kCreated: return std::string(name);
  }
  return std::string(name);
}

std::string UtcTime(int64_t seconds) {
  if (seconds == 0) return "-";
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc;
  char text[32];
  if (gmtime_r(&time, &utc) == nullptr ||
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) {
    return std::to_string(seconds);
  }
  return text;
}

// "no resource 'x' in PATH; did you mean 'y'?"
Status UnknownAddress(const std::string& address, const std::string& path,
                      state::StateStore& store) {
  std::vector<std::string> addresses;
  if (Result<std::vector<state::ResourceRecord>> records = store.List(); records.ok()) {
    for (const state::ResourceRecord& record : *records) addresses.push_back(record.address);
  }
  std::string hint = DidYouMean(address, addresses);
  return NotFoundError("no resource '" + address + "' in " + path +
                       (hint.empty() ? "; vueops state list shows what is there" : "; " + hint));
}

// The record at `address`, or an error naming the closest address there is.
Result<state::ResourceRecord> Find(state::StateStore& store, const std::string& address,
                                   const std::string& path) {
  ASSIGN_OR_RETURN(std::optional<state::ResourceRecord> record, store.Get(address));
  if (!record.has_value()) return UnknownAddress(address, path, store);
  return *record;
}

int List(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<std::unique_ptr<StateHandle>> handle =
      OpenFor(args, globals, output, /*exclusive=*/false, "state list");
  if (!handle.ok()) return Fail(output, "list", handle.status().message());
  std::unique_ptr<state::StateStore>* store = &(*handle)->opened.store;
  const std::string* path = &(*handle)->opened.where;
  Result<state::StateInfo> info = (*store)->Info();
  Result<std::vector<state::ResourceRecord>> records = (*store)->List();
  if (!info.ok() || !records.ok()) {
    return Fail(output, "list", (info.ok() ? records.status() : info.status()).message());
  }

  if (args.json) {
    Json resources = Json::array();
    for (const state::ResourceRecord& record : *records) {
      resources.push_back({{"address", record.address},
                           {"type", record.type},
                           {"account", record.account},
                           {"region", record.region},
                           {"id", record.id},
                           {"status", state::RecordStatusName(record.status)}});
    }
    Json document = {{"state", *path},
                     {"lineage", info->lineage},
                     {"serial", info->serial},
                     {"schema_version", info->schema_version},
                     {"resources", std::move(resources)}};
    std::fputs((DumpJson(document, 2) + "\n").c_str(), output.out);
    return kExitOk;
  }

  if (records->empty()) {
    std::fprintf(output.out, "No resources in %s.\n", path->c_str());
    return kExitOk;
  }
  const Style style(output.color_out);
  std::vector<std::array<std::string, 6>> rows = {
      {"ADDRESS", "TYPE", "ACCOUNT", "REGION", "ID", "STATUS"}};
  size_t intents = 0, tainted = 0;
  for (const state::ResourceRecord& record : *records) {
    rows.push_back({record.address, record.type, AccountName(record), RegionName(record),
                    Display(record.id, "-"), std::string(state::RecordStatusName(record.status))});
    intents += record.status == state::RecordStatus::kIntent;
    tainted += record.status == state::RecordStatus::kTainted;
  }
  std::array<size_t, 6> widths{};
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i + 1 < rows[r].size(); ++i) {
      line += rows[r][i] + std::string(widths[i] - rows[r][i].size() + 2, ' ');
    }
    if (r == 0) {
      line = style.Apply(kStyleBold, line + rows[r].back());
    } else {
      line += StatusText((*records)[r - 1].status, style);
    }
    std::fprintf(output.out, "%s\n", line.c_str());
  }
  std::string summary = std::to_string(records->size()) +
                        (records->size() == 1 ? " resource" : " resources") + " in " + *path;
  if (intents > 0) {
    summary += "; " + std::to_string(intents) + (intents == 1 ? " intent" : " intents") +
               " (a create that may have been sent: the next apply adopts or finishes it)";
  }
  if (tainted > 0) {
    summary += "; " + std::to_string(tainted) + " tainted (the next apply replaces it)";
  }
  std::fprintf(output.out, "%s\n", summary.c_str());
  return kExitOk;
}

int Show(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<std::unique_ptr<StateHandle>> handle =
      OpenFor(args, globals, output, /*exclusive=*/false, "state show");
  if (!handle.ok()) return Fail(output, "show", handle.status().message());
  std::unique_ptr<state::StateStore>* store = &(*handle)->opened.store;
  const std::string* path = &(*handle)->opened.where;
  Result<state::ResourceRecord> record = Find(**store, args.addresses.front(), *path);
  if (!record.ok()) return Fail(output, "show", record.status().message());

  if (args.json) {
    std::fputs((DumpJson(state::RecordToJson(*record), 2) + "\n").c_str(), output.out);
    return kExitOk;
  }
  const Style style(output.color_out);
  auto field = [&](const char* name, const std::string& value) {
    std::fprintf(output.out, "%-13s= %s\n", name, value.c_str());
  };
  std::fprintf(output.out, "%s\n",
               style.Apply(kStyleBold, "# " + record->address + " (" + record->type + ")").c_str());
  if (record->status == state::RecordStatus::kIntent) {
    std::fputs(
        "# an intent: the create may have been sent; the next apply adopts the object (by "
        "its token or tags) or creates it with the same token\n",
        output.out);
  } else if (record->status == state::RecordStatus::kTainted) {
    std::fputs("# tainted: the object did not become ready; the next apply replaces it\n",
               output.out);
  }
  field("status", StatusText(record->status, style));
  field("id", Display(record->id, "-"));
  field("account", AccountName(*record));
  field("region", RegionName(*record));
  field("create_token", Display(record->create_token, "-"));
  field("updated_at", UtcTime(record->updated_at));
  field("dependencies", DumpJson(Json(record->dependencies)));
  field("attributes", DumpJson(record->attributes, 2));
  field("outputs", DumpJson(record->outputs, 2));
  return kExitOk;
}

// Asks on the terminal; true only for "yes".
bool Confirm(const std::string& question, const Output& output) {
  std::fprintf(output.err,
               "%s\n  Only 'yes' will be accepted.\n\n  Enter a value: ", question.c_str());
  std::fflush(output.err);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

int Remove(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  // Asking needs a terminal; without one the caller must have said yes already. Checked first,
  // so a script learns it before anything else happens.
  const bool interactive = ::isatty(STDIN_FILENO) != 0;
  if (!args.yes && !interactive) {
    return Fail(output, "rm",
                "stdin is not a terminal to ask on; pass --yes to forget without asking",
                kExitUsage);
  }
  Result<std::unique_ptr<StateHandle>> handle =
      OpenFor(args, globals, output, /*exclusive=*/true, "state rm");
  if (!handle.ok()) return Fail(output, "rm", handle.status().message());
  std::unique_ptr<state::StateStore>* store = &(*handle)->opened.store;
  const std::string* path = &(*handle)->opened.where;

  // Every address is checked before any is forgotten: a typo forgets nothing.
  std::vector<std::string> addresses;
  std::vector<std::string> descriptions;
  for (const std::string& address : args.addresses) {
    if (std::find(addresses.begin(), addresses.end(), address) != addresses.end()) continue;
    Result<std::optional<state::ResourceRecord>> record = (*store)->Get(address);
    if (record.ok() && !record->has_value()) {
      return Fail(output, "rm",
                  UnknownAddress(address, *path, **store).message() + "; nothing was forgotten");
    }
    std::string description = address;
    if (!record.ok()) {
      // A record too damaged to read can still be forgotten: that is the repair for it.
      if (record.status().code() != StatusCode::kDataLoss) {
        return Fail(output, "rm", record.status().message());
      }
      description += " (damaged)";
    } else {
      const state::ResourceRecord& found = **record;
      description += " (" + found.type + " " + Display(found.id, "with no id yet") +
                     (found.status == state::RecordStatus::kIntent ? ", an intent" : "") + ")";
    }
    addresses.push_back(address);
    descriptions.push_back(description);
  }

  if (!args.yes) {
    std::string question = "vueops will forget " + std::to_string(addresses.size()) +
                           (addresses.size() == 1 ? " resource" : " resources") + " in " + *path +
                           ":\n";
    for (const std::string& description : descriptions) question += "  " + description + "\n";
    question +=
        "The AWS objects are not destroyed: vueops stops managing them, and the next apply "
        "creates them again unless the spec drops them or vueops import adopts them.\n"
        "Forget them?";
    if (!Confirm(question, output)) {
      std::fputs("\nNothing was forgotten.\n", output.err);
      return kExitFailure;
    }
  }
  for (size_t i = 0; i < addresses.size(); ++i) {
    Status removed = (*store)->Remove(addresses[i]);
    if (!removed.ok()) {
      return Fail(output, "rm",
                  removed.message() + (i == 0 ? "; nothing was forgotten"
                                              : "; the resources listed before it were"));
    }
    std::fprintf(output.out, "Forgot %s\n", descriptions[i].c_str());
  }
  std::fprintf(output.out, "%zu %s removed from %s; the objects still exist in AWS.\n",
               addresses.size(), addresses.size() == 1 ? "resource" : "resources", path->c_str());
  return kExitOk;
}

int Move(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  const std::string& from = args.from;
  const std::string& to = args.to;
  if (from == to) {
    return Fail(output, "mv", "'" + from + "' is both FROM and TO; nothing to move", kExitUsage);
  }
  if (to.empty() ||
      std::any_of(to.begin(), to.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
    return Fail(output, "mv", "'" + to + "' is not an address: addresses hold no spaces",
                kExitUsage);
  }
  Result<std::unique_ptr<StateHandle>> handle =
      OpenFor(args, globals, output, /*exclusive=*/true, "state mv");
  if (!handle.ok()) return Fail(output, "mv", handle.status().message());
  std::unique_ptr<state::StateStore>* store = &(*handle)->opened.store;
  const std::string* path = &(*handle)->opened.where;
  Result<state::ResourceRecord> record = Find(**store, from, *path);
  if (!record.ok()) return Fail(output, "mv", record.status().message());
  Status moved = (*store)->Move(from, to);
  if (moved.code() == StatusCode::kAlreadyExists) {
    Result<state::ResourceRecord> taken = Find(**store, to, *path);
    return Fail(
        output, "mv",
        "'" + to + "' is already in " + *path +
            (taken.ok() ? " (" + taken->type + " " + Display(taken->id, "with no id yet") + ")"
                        : "") +
            "; forget it first (vueops state rm " + to + ") or choose another address");
  }
  if (!moved.ok()) return Fail(output, "mv", moved.message());
  std::fprintf(output.out, "Moved %s to %s (%s %s) in %s.\n", from.c_str(), to.c_str(),
               record->type.c_str(), Display(record->id, "with no id yet").c_str(), path->c_str());
  return kExitOk;
}

// The team backend the spec names, with the client that reaches it (declared first).
struct BackendHandle {
  spec::Stack stack;
  std::unique_ptr<client::DefaultClient> client;
  std::unique_ptr<StateBackend> backend;
};

Result<std::unique_ptr<BackendHandle>> ConnectBackend(const StateArguments& args,
                                                      const GlobalOptions& globals,
                                                      const Output& output) {
  auto handle = std::make_unique<BackendHandle>();
  ASSIGN_OR_RETURN(handle->stack, LoadSpec(args, output));
  ASSIGN_OR_RETURN(handle->client, MakeCommandClient(globals, output));
  ASSIGN_OR_RETURN(handle->backend, StateBackend::Connect(handle->stack, *handle->client, output));
  return handle;
}

int Unlock(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<spec::Stack> stack = LoadSpec(args, output);
  if (!stack.ok()) return Fail(output, "unlock", stack.status().message());
  if (stack->state.kind != "s3") {
    return Fail(output, "unlock",
                "the spec keeps state in a local file, whose lock the system releases when its "
                "holder exits (kill -9 included); there is nothing to unlock");
  }
  Result<std::unique_ptr<BackendHandle>> handle = ConnectBackend(args, globals, output);
  if (!handle.ok()) return Fail(output, "unlock", handle.status().message());
  std::unique_ptr<backend::RemoteLock> lock = (*handle)->backend->Lock();
  Result<std::optional<backend::LockInfo>> holder = lock->Read();
  if (!holder.ok()) return Fail(output, "unlock", holder.status().message());
  const Clock::TimePoint now = Clock::Real().Now();
  if (!holder->has_value()) {
    return Fail(output, "unlock", lock->Describe() + ": the state is not locked");
  }
  const backend::LockInfo& info = **holder;
  if (info.id != args.lock_id) {
    return Fail(output, "unlock",
                "the lock on the state is " + info.id + " (" + backend::DescribeLock(info, now) +
                    "), not " + args.lock_id + "; nothing was removed");
  }
  if (!backend::LeaseExpired(info, now) && !args.force) {
    return Fail(output, "unlock",
                "lock " + info.id + " is alive: " + backend::DescribeLock(info, now) +
                    ". Its holder is still renewing it, so it is running; let it finish. If you "
                    "know it is not (its machine is gone), pass --force");
  }
  Status removed = lock->Remove(info.id);
  if (!removed.ok()) return Fail(output, "unlock", removed.message());
  std::fprintf(output.out,
               "Removed lock %s (%s).\nThe state in %s holds what that %s finished; run vueops "
               "plan to see what is left to do.\n",
               info.id.c_str(), backend::DescribeLock(info, now).c_str(),
               (*handle)->backend->where().c_str(),
               info.operation.empty() ? "operation" : info.operation.c_str());
  return kExitOk;
}

// Whether replacing `target` with `incoming` could lose something, and why.
std::string WhatWouldBeLost(const state::StateSnapshot& target,
                            const state::StateSnapshot& incoming, const std::string& target_name,
                            const std::string& incoming_name) {
  if (target.records.empty()) return "";
  if (target.info.lineage != incoming.info.lineage) {
    return target_name + " holds another system's state (lineage " + target.info.lineage + ", " +
           std::to_string(target.records.size()) + " resources; " + incoming_name +
           " has lineage " + incoming.info.lineage + ")";
  }
  if (target.info.serial > incoming.info.serial) {
    return target_name + " is newer (serial " + std::to_string(target.info.serial) + ") than " +
           incoming_name + " (serial " + std::to_string(incoming.info.serial) + ")";
  }
  return "";
}

int Pull(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<std::unique_ptr<BackendHandle>> handle = ConnectBackend(args, globals, output);
  if (!handle.ok()) return Fail(output, "pull", handle.status().message());
  StateBackend& team = *(*handle)->backend;
  Result<std::unique_ptr<backend::RemoteStateStore>> remote = team.Open(nullptr);
  if (!remote.ok()) return Fail(output, "pull", remote.status().message());
  Result<state::StateSnapshot> incoming = state::TakeSnapshot(**remote);
  if (!incoming.ok()) return Fail(output, "pull", incoming.status().message());
  const spec::Stack& stack = (*handle)->stack;
  const std::string target =
      !args.out.empty() ? args.out : JoinPath(stack.spec_dir, stack.state.path);
  if (FileExists(target) && !args.force) {
    Result<std::unique_ptr<state::StateStore>> local =
        state::OpenSqliteStateStore(target, {.create_if_missing = false});
    if (!local.ok()) return Fail(output, "pull", local.status().message());
    Result<state::StateSnapshot> existing = state::TakeSnapshot(**local);
    if (!existing.ok()) return Fail(output, "pull", existing.status().message());
    std::string lost = WhatWouldBeLost(*existing, *incoming, target, team.where());
    if (!lost.empty()) {
      return Fail(output, "pull",
                  lost +
                      "; nothing was written. Pull into another file with --out FILE, or "
                      "pass --force to replace it");
    }
  }
  Status written = state::ReplaceSqliteState(target, *incoming);
  if (!written.ok()) return Fail(output, "pull", written.message());
  std::fprintf(output.out, "Pulled %zu resources (lineage %s, serial %lld) from %s into %s.\n",
               incoming->records.size(), incoming->info.lineage.c_str(),
               static_cast<long long>(incoming->info.serial), team.where().c_str(), target.c_str());
  return kExitOk;
}

int Push(const StateArguments& args, const GlobalOptions& globals, const Output& output) {
  if (args.from_journal && !args.from_file.empty()) {
    return Fail(output, "push", "give --from FILE or --from-journal, not both", kExitUsage);
  }
  Result<std::unique_ptr<BackendHandle>> handle = ConnectBackend(args, globals, output);
  if (!handle.ok()) return Fail(output, "push", handle.status().message());
  StateBackend& team = *(*handle)->backend;
  const spec::Stack& stack = (*handle)->stack;

  // What to push: the local SQLite state, or the journal a failed run left.
  std::string source;
  Result<state::StateSnapshot> outgoing = InternalError("no source");
  if (args.from_journal) {
    source = team.journal_path();
    Result<std::string> text = ReadFile(source);
    if (!text.ok()) return Fail(output, "push", "no journal to push: " + text.status().message());
    size_t newline = text->find('\n');
    outgoing = state::DecodeStateDocument(
        newline == std::string::npos ? "" : std::string_view(*text).substr(newline + 1), source);
  } else {
    source = !args.from_file.empty() ? args.from_file : JoinPath(stack.spec_dir, stack.state.path);
    Result<std::unique_ptr<state::StateStore>> local =
        state::OpenSqliteStateStore(source, {.create_if_missing = false});
    if (!local.ok()) return Fail(output, "push", local.status().message());
    outgoing = state::TakeSnapshot(**local);
  }
  if (!outgoing.ok()) return Fail(output, "push", outgoing.status().message());

  Result<Clock::Duration> timeout = ParseLockTimeout(args.lock_timeout);
  if (!timeout.ok()) return Fail(output, "push", timeout.status().message(), kExitUsage);
  Result<std::unique_ptr<backend::HeldLock>> lock = team.Acquire("state push", *timeout);
  if (!lock.ok()) return Fail(output, "push", lock.status().message());
  std::unique_ptr<backend::ObjectStore> objects = team.Objects();
  Result<std::optional<backend::StoredObject>> there = objects->Get(team.key());
  if (!there.ok()) return Fail(output, "push", there.status().message());
  std::string etag;
  int64_t remote_serial = 0;
  if (there->has_value()) {
    etag = (*there)->etag;
    Result<state::StateSnapshot> remote = state::DecodeStateDocument((*there)->body, team.where());
    if (!remote.ok() && !args.force) {
      return Fail(output, "push", remote.status().message() + "; pass --force to replace it");
    }
    if (remote.ok()) {
      remote_serial = remote->info.serial;
      std::string lost = WhatWouldBeLost(*remote, *outgoing, team.where(), source);
      if (!lost.empty() && !args.force) {
        return Fail(output, "push",
                    lost +
                        "; nothing was written. Pull it first (vueops state pull --out FILE) "
                        "to compare, or pass --force to replace it (S3 keeps the old "
                        "version: the bucket is versioned)");
      }
    }
  }
  // The serial only grows in S3's history, so that a saved plan made before refuses to apply.
  outgoing->info.serial = std::max(outgoing->info.serial, remote_serial) + 1;
  Status checked = (*lock)->Check();
  if (!checked.ok()) return Fail(output, "push", checked.message());
  Result<std::string> written = backend::WriteRemoteState(*objects, team.key(), *outgoing, etag);
  if (!written.ok()) return Fail(output, "push", written.status().message());
  if (args.from_journal) std::remove(team.journal_path().c_str());
  std::fprintf(output.out, "Pushed %zu resources (lineage %s, serial %lld) from %s to %s.\n",
               outgoing->records.size(), outgoing->info.lineage.c_str(),
               static_cast<long long>(outgoing->info.serial), source.c_str(), team.where().c_str());
  return kExitOk;
}

// --state and --spec, on every subcommand.
void AddLocationOptions(CLI::App* command, StateArguments& args) {
  command->add_option("--state", args.state_file, "The state file (default: the spec's)")
      ->type_name("FILE");
  command->add_option("--spec", args.spec, "The spec whose state to use (file or folder)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
}

}  // namespace

CLI::App* RegisterStateCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                               CommandRunner* run) {
  auto* command = app.add_subcommand(
      "state",
      "Read and repair the state (list, show, rm, mv) and move it to and from the team backend "
      "(pull, push, unlock)");
  command->require_subcommand(1);
  auto args = std::make_shared<StateArguments>();
  command->footer(
      "The state is --state FILE, else the spec's backend: state.path beside the spec (default "
      ".vueops/state.db),\nor with state: {backend: s3} the team's object in S3 (reached with "
      "--profile and the state's role).\nlist, show, rm and mv call AWS only for the S3 "
      "backend. Exit status: 0 success, 1 failure, 2 usage error.\n\n"
      "Examples:\n"
      "  vueops state list\n"
      "  vueops state show prod.security_group.servers\n"
      "  vueops state rm prod.bucket.old_logs --yes\n"
      "  vueops state mv prod.security_group.web prod.security_group.servers\n"
      "  vueops state push            # the local state.db up to the spec's S3 backend\n"
      "  vueops state pull --out copy.db\n"
      "  vueops state unlock 1b4e28ba-2fa1-41d2-883f-0016d3cca427\n");

  auto* list = command->add_subcommand("list", "List the resources in the state");
  AddLocationOptions(list, *args);
  list->add_flag("--json", args->json,
                 "Print the list as JSON, with the state's lineage and serial");
  list->footer(
      "One line per resource: address, type, account, region, physical id and status (created, "
      "intent, tainted).\n\nExamples:\n  vueops state list\n  vueops state list --spec "
      "examples/vueocity --state /tmp/prod-state.db --json\n");

  auto* show = command->add_subcommand("show", "Show one resource's record");
  AddLocationOptions(show, *args);
  show->add_option("address", args->addresses, "The resource's address")->required()->expected(1);
  show->add_flag("--json", args->json, "Print the record as JSON");
  show->footer(
      "Examples:\n  vueops state show prod.security_group.servers\n"
      "  vueops state show org.account.vueprod --json\n");

  auto* remove = command->add_subcommand(
      "rm", "Forget resources without destroying them (vueops stops managing them)");
  AddLocationOptions(remove, *args);
  remove->add_option("address", args->addresses, "The resources' addresses")
      ->required()
      ->expected(1, 1 << 16);
  remove->add_flag("--yes,-y", args->yes,
                   "Forget without asking (required when stdin is not a terminal)");
  remove->footer(
      "The AWS objects stay: the next apply creates them again unless the spec drops them or\n"
      "vueops import adopts them. Use it for an object deleted by hand, or handed over to\n"
      "another state.\n\nExamples:\n  vueops state rm prod.bucket.old_logs\n"
      "  vueops state rm dev.instance_profile.servers dev.role.servers --yes\n");

  auto* move =
      command->add_subcommand("mv", "Rename a resource's address (after renaming it in the spec)");
  AddLocationOptions(move, *args);
  move->add_option("from", args->from, "The address now")->required();
  move->add_option("to", args->to, "The new address")->required();
  move->footer(
      "Records that depend on FROM are updated to depend on TO. Nothing changes in AWS.\n\n"
      "Example (the spec renamed the web security group to servers):\n"
      "  vueops state mv prod.security_group.web prod.security_group.servers\n");

  auto add_lock_timeout = [&args](CLI::App* sub) {
    sub->add_option("--lock-timeout", args->lock_timeout,
                    "How long to wait for another operator's lock (90, 30s, 10m)")
        ->type_name("DURATION")
        ->default_str("0s");
  };
  add_lock_timeout(remove);
  add_lock_timeout(move);

  auto* pull =
      command->add_subcommand("pull", "Copy the team state from S3 into a local SQLite file");
  pull->add_option("--spec", args->spec, "The spec whose S3 backend to read (file or folder)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  pull->add_option("--out", args->out, "The SQLite file to write")
      ->type_name("FILE")
      ->default_str("the spec's state.path (.vueops/state.db)");
  pull->add_flag("--force", args->force,
                 "Replace a local state that is newer or belongs to another system");
  pull->footer(
      "Lineage and serial travel with the records, so the file can be pushed back later.\n"
      "A local file that is newer, or holds another system's state, is kept unless --force.\n\n"
      "Examples:\n  vueops state pull --out /tmp/prod-state.db\n  vueops state pull --force\n");

  auto* push = command->add_subcommand(
      "push", "Put a local state (or the journal of a run that could not reach S3) into S3");
  push->add_option("--spec", args->spec, "The spec whose S3 backend to write (file or folder)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  push->add_option("--from", args->from_file, "The SQLite state to push")
      ->type_name("FILE")
      ->default_str("the spec's state.path (.vueops/state.db)");
  push->add_flag("--from-journal", args->from_journal,
                 "Push the local journal (.vueops/remote/BUCKET/KEY.journal) instead");
  push->add_flag("--force", args->force,
                 "Replace a state in S3 that is newer or belongs to another system (S3 keeps "
                 "the old version)");
  add_lock_timeout(push);
  push->footer(
      "Takes the state's lock, checks that nothing in S3 would be lost (a newer serial, another\n"
      "lineage), and writes a new version guarded by the ETag it read. Moving from a local\n"
      "state to the team backend: set state: {backend: s3, bucket: ...} in the spec, run\n"
      "vueops backend bootstrap, then vueops state push.\n\n"
      "Examples:\n  vueops state push\n  vueops state push --from old/state.db --force\n"
      "  vueops state push --from-journal\n");

  auto* unlock = command->add_subcommand(
      "unlock", "Remove the team state's lock left by an operation that died");
  unlock->add_option("--spec", args->spec, "The spec whose S3 backend to unlock")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  unlock->add_option("lock_id", args->lock_id, "The lock's id, as the refused operation printed it")
      ->required();
  unlock->add_flag("--force", args->force,
                   "Remove a lock whose lease is still being renewed (its holder is running)");
  unlock->footer(
      "An operation killed mid-way leaves its lock behind; once its lease runs out, the next\n"
      "operation stops and names it. What the killed operation finished is in the state.\n\n"
      "Example:\n  vueops state unlock 1b4e28ba-2fa1-41d2-883f-0016d3cca427\n");

  *run = [args, list, show, remove, move, pull, push, unlock, &globals, &output]() {
    if (pull->parsed()) return Pull(*args, globals, output);
    if (push->parsed()) return Push(*args, globals, output);
    if (unlock->parsed()) return Unlock(*args, globals, output);
    if (list->parsed()) return List(*args, globals, output);
    if (show->parsed()) return Show(*args, globals, output);
    if (remove->parsed()) return Remove(*args, globals, output);
    if (move->parsed()) return Move(*args, globals, output);
    return kExitUsage;
  };
  return command;
}

}  // namespace vueops::cli
