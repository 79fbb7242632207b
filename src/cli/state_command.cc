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
#include "spec/loader.h"
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
};

// Prints "vueops state COMMAND: MESSAGE" and returns the exit code.
int Fail(const Output& output, const char* command, const std::string& message,
         int exit_code = kExitFailure) {
  std::fprintf(output.err, "vueops state %s: %s\n", command, message.c_str());
  return exit_code;
}

// Where the state is: --state, else the spec's state settings, relative to the spec's folder.
Result<std::string> StatePath(const StateArguments& args, const Output& output) {
  if (!args.state_file.empty()) return args.state_file;
  const std::string spec = args.spec.empty() ? DefaultSpecPath() : args.spec;
  spec::LoadResult loaded = spec::LoadStack(spec);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(
        spec + ": invalid spec (" + SummarizeDiagnostics(loaded.diagnostics) +
        "), so the state beside it cannot be found; fix it, or pass --state FILE");
  }
  const spec::StateBackend& backend = loaded.stack->state;
  if (backend.kind == "s3") {
    return FailedPreconditionError(
        loaded.stack->spec_path + " keeps state in S3 (state: backend: s3, bucket " +
        backend.bucket +
        "), which this vueops cannot reach yet; pass --state FILE to work on a "
        "local copy");
  }
  return JoinPath(loaded.stack->spec_dir, backend.path);
}

// Opens the state for a command. `exclusive` takes the state's lock, so that no apply changes
// what a repair checks before it changes it.
Result<std::unique_ptr<state::StateStore>> OpenState(const std::string& path, bool exclusive) {
  Result<std::unique_ptr<state::StateStore>> store =
      state::OpenSqliteStateStore(path, {.create_if_missing = false, .exclusive = exclusive});
  if (store.status().code() == StatusCode::kNotFound) {
    return NotFoundError(store.status().message() +
                         " (nothing has been applied with it yet); pass --state FILE or --spec "
                         "PATH for another state");
  }
  return store;
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

int List(const StateArguments& args, const Output& output) {
  Result<std::string> path = StatePath(args, output);
  if (!path.ok()) return Fail(output, "list", path.status().message());
  Result<std::unique_ptr<state::StateStore>> store = OpenState(*path, /*exclusive=*/false);
  if (!store.ok()) return Fail(output, "list", store.status().message());
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

int Show(const StateArguments& args, const Output& output) {
  Result<std::string> path = StatePath(args, output);
  if (!path.ok()) return Fail(output, "show", path.status().message());
  Result<std::unique_ptr<state::StateStore>> store = OpenState(*path, /*exclusive=*/false);
  if (!store.ok()) return Fail(output, "show", store.status().message());
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

int Remove(const StateArguments& args, const Output& output) {
  // Asking needs a terminal; without one the caller must have said yes already. Checked first,
  // so a script learns it before anything else happens.
  const bool interactive = ::isatty(STDIN_FILENO) != 0;
  if (!args.yes && !interactive) {
    return Fail(output, "rm",
                "stdin is not a terminal to ask on; pass --yes to forget without asking",
                kExitUsage);
  }
  Result<std::string> path = StatePath(args, output);
  if (!path.ok()) return Fail(output, "rm", path.status().message());
  Result<std::unique_ptr<state::StateStore>> store = OpenState(*path, /*exclusive=*/true);
  if (!store.ok()) return Fail(output, "rm", store.status().message());

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

int Move(const StateArguments& args, const Output& output) {
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
  Result<std::string> path = StatePath(args, output);
  if (!path.ok()) return Fail(output, "mv", path.status().message());
  Result<std::unique_ptr<state::StateStore>> store = OpenState(*path, /*exclusive=*/true);
  if (!store.ok()) return Fail(output, "mv", store.status().message());
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

// --state and --spec, on every subcommand.
void AddLocationOptions(CLI::App* command, StateArguments& args) {
  command->add_option("--state", args.state_file, "The state file (default: the spec's)")
      ->type_name("FILE");
  command->add_option("--spec", args.spec, "The spec whose state to use (file or folder)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
}

}  // namespace

CLI::App* RegisterStateCommand(CLI::App& app, const GlobalOptions&, const Output& output,
                               CommandRunner* run) {
  auto* command = app.add_subcommand(
      "state", "Read and repair the state: list, show, forget (rm) and rename (mv) resources");
  command->require_subcommand(1);
  auto args = std::make_shared<StateArguments>();
  command->footer(
      "The state is --state FILE, else the spec's state.path beside the spec (default "
      ".vueops/state.db).\nNone of these commands calls AWS. Exit status: 0 success, 1 failure, "
      "2 usage error.\n\n"
      "Examples:\n"
      "  vueops state list\n"
      "  vueops state show prod.security_group.servers\n"
      "  vueops state rm prod.bucket.old_logs --yes\n"
      "  vueops state mv prod.security_group.web prod.security_group.servers\n");

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

  *run = [args, list, show, remove, move, &output]() {
    if (list->parsed()) return List(*args, output);
    if (show->parsed()) return Show(*args, output);
    if (remove->parsed()) return Remove(*args, output);
    if (move->parsed()) return Move(*args, output);
    return kExitUsage;
  };
  return command;
}

}  // namespace vueops::cli
