// vueops import: adopt objects that already exist (the notes' buckets, load balancers,
// ElastiCache and Route53 zones were made by hand) into the state, so that the next plan shows
// only real differences instead of creating them again.
//
// It reuses the engine's adoption path: each object to import is recorded as an intent (what
// an interrupted create leaves), the planner's refresh looks for it as it would after a crash
// (the resource type's Find: by the vueops:address tag, the object's unique name, or its id),
// and the applier records what was found. Intents for which nothing was found are removed
// again, so the state is left as it was for them.
#include <algorithm>

#include <CLI/CLI.hpp>

#include "base/did_you_mean.h"
#include "base/glob.h"
#include "cli/commands.h"
#include "cli/engine_session.h"
#include "resources/resource_type.h"

namespace vueops::cli {
namespace {

struct ImportArguments {
  EngineFlags engine;
  std::vector<std::string> items;  // [PATH] and ADDRESS=ID pairs
  bool discover = false;
};

struct Wanted {
  std::string address;
  std::string id;  // empty: whatever Find finds
};

int Fail(const Output& output, const std::string& message) {
  std::fprintf(output.err, "vueops import: %s\n", message.c_str());
  return kExitFailure;
}

// The intent record of `resource`, as the applier writes one before a create.
state::ResourceRecord IntentFor(const resources::DesiredResource& resource) {
  state::ResourceRecord record;
  record.address = resource.address;
  record.type = std::string(resource.type->name());
  record.account = resource.account;
  record.region = resource.region;
  record.status = state::RecordStatus::kIntent;
  std::set<std::string> dependencies(resource.depends_on.begin(), resource.depends_on.end());
  resources::CollectReferences(resource.attributes, &dependencies);
  record.dependencies.assign(dependencies.begin(), dependencies.end());
  return record;
}

int RunImport(ImportArguments args, const GlobalOptions& globals, const Output& output) {
  InstallInterruptHandler();
  std::vector<Wanted> pairs;
  for (const std::string& item : args.items) {
    size_t equals = item.find('=');
    if (equals == std::string::npos) {
      if (!args.engine.spec.empty()) {
        return Fail(output, "more than one spec path ('" + args.engine.spec + "', '" + item +
                                "'); objects to import are written ADDRESS=ID");
      }
      args.engine.spec = item;
      continue;
    }
    Wanted wanted{item.substr(0, equals), item.substr(equals + 1)};
    if (wanted.address.empty() || wanted.id.empty()) {
      return Fail(output, "'" + item + "' is not ADDRESS=ID (prod.bucket.public=vueocity-public)");
    }
    pairs.push_back(std::move(wanted));
  }
  if (pairs.empty() == !args.discover) {
    return Fail(output, pairs.empty()
                            ? "name what to import (ADDRESS=ID ...) or pass --discover"
                            : "give either ADDRESS=ID pairs or --discover, not both");
  }

  args.engine.operation = "import";
  Result<std::unique_ptr<EngineSession>> opened =
      EngineSession::Open(args.engine, globals, output, /*exclusive=*/true);
  if (!opened.ok()) return Fail(output, opened.status().message());
  EngineSession& session = **opened;

  std::map<std::string, const resources::DesiredResource*> by_address;
  std::vector<std::string> addresses;
  for (const resources::DesiredResource& resource : session.desired()) {
    by_address[resource.address] = &resource;
    addresses.push_back(resource.address);
  }
  if (args.discover) {
    for (const std::string& address : addresses) pairs.push_back({address, ""});
  }

  // Every object named must be one the spec asks for, and not already tracked.
  std::vector<Wanted> candidates;
  std::vector<std::string> already;
  for (const Wanted& wanted : pairs) {
    if (!by_address.count(wanted.address)) {
      std::string hint = DidYouMean(wanted.address, addresses);
      return Fail(output, wanted.address + " is not in the spec" +
                              (hint.empty() ? "" : "; " + hint) +
                              " (vueops import adopts objects the spec describes)");
    }
    if (args.discover && !args.engine.targets.empty() &&
        std::none_of(args.engine.targets.begin(), args.engine.targets.end(),
                     [&](const std::string& target) { return GlobMatch(target, wanted.address); })) {
      continue;
    }
    Result<std::optional<state::ResourceRecord>> record = session.store().Get(wanted.address);
    if (!record.ok()) return Fail(output, record.status().message());
    if (record->has_value() && (*record)->status != state::RecordStatus::kIntent) {
      if (!wanted.id.empty() && (*record)->id != wanted.id) {
        return Fail(output, wanted.address + " is already in the state as " + (*record)->id +
                                "; to track " + wanted.id + " instead, first run: vueops state "
                                "rm " + wanted.address);
      }
      already.push_back(wanted.address);
      continue;
    }
    candidates.push_back(wanted);
  }
  if (candidates.empty()) {
    std::fprintf(output.out, "Nothing to import: %zu object%s already in the state.\n",
                 already.size(), already.size() == 1 ? " is" : "s are");
    return kExitOk;
  }

  // Record intents, look for the objects, and keep only what was found.
  std::vector<std::string> written;
  for (const Wanted& wanted : candidates) {
    Result<std::optional<state::ResourceRecord>> record = session.store().Get(wanted.address);
    if (record.ok() && record->has_value()) continue;  // an intent already: keep it as it is
    Status put = session.store().Put(IntentFor(*by_address.at(wanted.address)));
    if (!put.ok()) return Fail(output, put.message());
    written.push_back(wanted.address);
  }
  auto forget_unfound = [&](const std::set<std::string>& adopted) {
    for (const std::string& address : written) {
      if (!adopted.count(address)) (void)session.store().Remove(address);
    }
  };

  Result<plan::Plan> planned = session.MakePlan(/*destroy=*/false);
  if (!planned.ok()) {
    forget_unfound({});
    return Fail(output, planned.status().message());
  }
  plan::Plan adoption;
  adoption.lineage = planned->lineage;
  adoption.serial = planned->serial;
  adoption.spec_digest = planned->spec_digest;
  adoption.spec_path = planned->spec_path;
  std::vector<std::string> missing, mismatched;
  for (const Wanted& wanted : candidates) {
    const plan::Change* change = planned->Find(wanted.address);
    if (change == nullptr || change->action != plan::Action::kAdopt || !change->found) {
      missing.push_back(wanted.address);
      continue;
    }
    if (!wanted.id.empty() && change->found->id != wanted.id) {
      mismatched.push_back(wanted.address + ": asked for " + wanted.id + ", but " +
                           change->found->id + " is the one its tag or name points to");
      continue;
    }
    adoption.changes.push_back(*change);
    adoption.graph.AddNode(change->address);
  }
  // Plan::Find looks changes up by address: they are kept sorted, as the planner keeps them.
  std::sort(adoption.changes.begin(), adoption.changes.end(),
            [](const plan::Change& a, const plan::Change& b) { return a.address < b.address; });
  std::set<std::string> adopted;
  for (const plan::Change& change : adoption.changes) adopted.insert(change.address);
  // An object is recorded after the ones it refers to (a route table after its subnets).
  for (const std::string& address : adopted) {
    if (!planned->graph.Contains(address)) continue;
    for (const std::string& dependency : planned->graph.DependenciesOf(address)) {
      if (adopted.count(dependency)) adoption.graph.AddEdge(dependency, address);
    }
  }
  forget_unfound(adopted);
  if (!adoption.changes.empty()) {
    // Removing the intents moved the state on; the adoption is of this very moment.
    Result<state::StateInfo> info = session.store().Info();
    if (!info.ok()) return Fail(output, info.status().message());
    adoption.serial = info->serial;
    Result<apply::ApplyReport> report = session.Apply(adoption);
    if (!report.ok()) return Fail(output, report.status().message());
    if (!report->ok()) {
      std::fputs(("\n" + apply::RenderApplyReport(*report, output.color_out)).c_str(),
                 output.out);
      return kExitFailure;
    }
  }

  std::fprintf(output.out, "\nImported %zu object%s.", adopted.size(),
               adopted.size() == 1 ? "" : "s");
  if (!already.empty()) std::fprintf(output.out, " %zu already in the state.", already.size());
  std::fputc('\n', output.out);
  if (!mismatched.empty()) {
    std::fprintf(output.out, "\nNot imported, the id differs from the object found:\n");
    for (const std::string& line : mismatched) std::fprintf(output.out, "  %s\n", line.c_str());
  }
  if (!missing.empty() && !args.discover) {
    std::fprintf(output.out,
                 "\nNot found (vueops finds an object by its vueops:address tag, its name as the "
                 "spec gives it, or the name vueops would give it):\n");
    for (const std::string& address : missing) {
      std::fprintf(output.out, "  %s: tag the object vueops:address=%s, or check its name\n",
                   address.c_str(), address.c_str());
    }
  } else if (!missing.empty()) {
    std::fprintf(output.out, "%zu object%s of the spec %s not found; vueops apply creates %s.\n",
                 missing.size(), missing.size() == 1 ? "" : "s",
                 missing.size() == 1 ? "was" : "were", missing.size() == 1 ? "it" : "them");
  }
  if (!adopted.empty()) {
    std::fprintf(output.out, "\nRun vueops plan to see how they differ from the spec.\n");
  }
  bool complete = mismatched.empty() && (args.discover || missing.empty());
  return complete ? kExitOk : kExitFailure;
}

}  // namespace

CLI::App* RegisterImportCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run) {
  auto* command = app.add_subcommand(
      "import", "Adopt objects that already exist (made by hand) into the state");
  auto args = std::make_shared<ImportArguments>();
  command->add_option("items", args->items,
                      "The spec (file or folder; default $VUEOPS_SPEC or ./stack.yaml), then "
                      "ADDRESS=ID for each object to adopt")
      ->type_name("[PATH] ADDRESS=ID...");
  command->add_flag("--discover", args->discover,
                    "Look for every object of the spec that the state does not track yet");
  command->add_option("--state", args->engine.state_file,
                      "Keep state in this local file instead of the spec's backend");
  command->add_option("--target", args->engine.targets,
                      "With --discover: only these addresses; repeatable")
      ->type_name("ADDRESS");
  command->add_flag("--skip-lint", args->engine.skip_lint, "Go on when vueops lint finds errors");
  command->add_option("--lock-timeout", args->engine.lock_timeout,
                      "How long to wait for another operator's lock on the state (30s, 10m)")
      ->type_name("DURATION")
      ->default_str("0s");
  command->footer(
      "An object is found by its vueops:address tag, by the name the spec gives it (buckets,\n"
      "zones, key pairs, IAM names) or by the name vueops would give it; with ADDRESS=ID the\n"
      "object found must be that one. Nothing in AWS is changed: run vueops plan afterwards to\n"
      "see what differs from the spec, and vueops apply to bring it in line.\n\n"
      "Examples:\n"
      "  vueops import examples/vueocity prod.bucket.public=vueocity-public\n"
      "  vueops import --discover --state .vueops/state.db\n");
  *run = [args, &globals, &output]() { return RunImport(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
