// The engine's speed (issue 5), side by side in one run, against a moto started here:
//
//   1. Apply into an empty moto behind tests/support/fault_proxy.py adding 100 ms to every
//      call, in process through the same wiring as `vueops apply`. Its wall time is set
//      against the critical-path bound: the longest chain of the plan's graph, each node
//      weighted by the calls it made (a node that creates, tags and polls makes several, and
//      on a chain they happen one after another), times 100 ms. Target: ratio at most 1.3.
//      Every call, sleep and node is attributed, so the report says where time went.
//      1b. The same plan replayed through the applier without moto: each change sleeps its
//      measured calls x 100 ms, at --parallelism 10 (where calls / parallelism is the floor)
//      and 100 (where the critical path is): the engine's own scheduling against the bound.
//   2. A no-change plan of the applied stack, without the proxy: API calls per resource (goal
//      well under 1) and wall time, beside the AWS CLI reading the same EC2 objects one
//      process per object, and one process per type and account.
//   2b. `vueops audit` of the applied stack: wall time (target under 2 s against moto) and API
//      calls per object, beside the AWS CLI making the same reads one process each.
//   3. A generated stack of at least 5,000 resources (the example with many sandboxes):
//      `vueops plan` against moto with an empty state (wall time, peak RSS), and the engine
//      alone: spec load, build and plan, and a no-change refresh over the FakeCloud (CPU per
//      resource).
//
// The stack is examples/vueocity, or `engine_benchmark SPEC_DIR_OR_FILE` (a spec named that
// does not load is an error); when the example cannot be loaded the minimal spec stands in,
// and the report says which ran. A benchmark
// reports; it never fails on a number (the machine may be busy), only when it cannot run.
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "apply/applier.h"
#include "apply/executor.h"
#include "apply/organization_access.h"
#include "base/environment.h"
#include "base/file.h"
#include "bench_process.h"
#include "client/default_client.h"
#include "client/local_aws.h"
#include "fake_resources.h"
#include "graph/build.h"
#include "http/curl_transport.h"
#include "plan/planner.h"
#include "resources/desired.h"
#include "spec/loader.h"
#include "state/snapshot.h"
#include "state/sqlite_state_store.h"
#include "state/store.h"

namespace vueops::bench {
namespace {

namespace fs = std::filesystem;
using Seconds = std::chrono::duration<double>;
using SteadyClock = std::chrono::steady_clock;

constexpr int kLatencyMs = 100;
constexpr double kTargetRatio = 1.3;
constexpr size_t kGeneratedResources = 5000;
// The AWS CLI baseline: at most this many one-object processes (each costs about a second of
// Python start-up on this machine), enough for a steady median.
constexpr size_t kCliSamples = 12;
constexpr int kPlanRuns = 3;
// The engine's default --parallelism (terraform's), which the apply runs with.
constexpr int kParallelism = 10;
// The widest --parallelism vueops takes: where the calls per walker no longer bound the apply,
// what is left is the critical path and the engine's own scheduling.
constexpr int kWideParallelism = 100;
// moto issues an ACM certificate 60 s after it is requested, standing in for DNS validation;
// that is AWS's time, not the engine's, so the benchmark's moto issues at once. moto also
// loads AWS's managed policies only when asked, and the example's roles attach them.
const std::map<std::string, std::string> kMotoEnvironment = {
    {"MOTO_ACM_VALIDATION_WAIT", "0"}, {"MOTO_IAM_LOAD_MANAGED_POLICIES", "true"}};

double Ms(Clock::Duration duration) { return Seconds(duration).count() * 1000; }

// ---------------------------------------------------------------------------------------
// Where the time of an apply goes: every HTTP request and every sleep is charged to the
// resource whose executor made it (the applier runs a node's calls on one walker thread).

thread_local std::string current_node;

struct NodeCost {
  int calls = 0;
  Clock::Duration in_calls{0};  // inside Transport::Send: the latency, moto, the network
  int sleeps = 0;
  Clock::Duration slept{0};  // in Clock::SleepFor: readiness polls, rate limits, backoff
  Clock::Duration start{0};  // since the apply began
  Clock::Duration end{0};
};

class Ledger {
 public:
  void AddCall(Clock::Duration took) {
    total_calls_++;
    std::lock_guard<std::mutex> lock(mutex_);
    NodeCost& cost = nodes_[NodeName()];
    cost.calls++;
    cost.in_calls += took;
    call_ms_.push_back(Ms(took));
  }
  void AddSleep(Clock::Duration duration) {
    std::lock_guard<std::mutex> lock(mutex_);
    NodeCost& cost = nodes_[NodeName()];
    cost.sleeps++;
    cost.slept += duration;
  }
  void SetSpan(const std::string& node, Clock::Duration start, Clock::Duration end) {
    std::lock_guard<std::mutex> lock(mutex_);
    nodes_[node].start = start;
    nodes_[node].end = end;
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    nodes_.clear();
    call_ms_.clear();
    total_calls_ = 0;
  }
  int total_calls() const { return total_calls_; }
  std::map<std::string, NodeCost> nodes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return nodes_;
  }
  // The duration of every call, in milliseconds, sorted.
  std::vector<double> call_ms() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<double> sorted = call_ms_;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

 private:
  static std::string NodeName() {
    return current_node.empty() ? std::string("(outside any resource)") : current_node;
  }
  mutable std::mutex mutex_;
  std::map<std::string, NodeCost> nodes_;
  std::vector<double> call_ms_;
  std::atomic<int> total_calls_{0};
};

class CountingTransport : public http::Transport {
 public:
  CountingTransport(http::Transport& inner, Ledger& ledger) : inner_(inner), ledger_(ledger) {}
  Result<http::Response> Send(const http::Request& request, const http::Options& options) override {
    auto start = SteadyClock::now();
    Result<http::Response> response = inner_.Send(request, options);
    ledger_.AddCall(SteadyClock::now() - start);
    return response;
  }

 private:
  http::Transport& inner_;
  Ledger& ledger_;
};

class TracingClock : public Clock {
 public:
  explicit TracingClock(Ledger& ledger) : ledger_(ledger) {}
  TimePoint Now() override { return Clock::Real().Now(); }
  Duration Monotonic() override { return Clock::Real().Monotonic(); }
  void SleepFor(Duration duration) override {
    ledger_.AddSleep(duration);
    Clock::Real().SleepFor(duration);
  }

 private:
  Ledger& ledger_;
};

class TracingExecutor : public apply::Executor {
 public:
  TracingExecutor(std::unique_ptr<apply::Executor> inner, Ledger& ledger)
      : inner_(std::move(inner)), ledger_(ledger), began_(SteadyClock::now()) {}
  Status Execute(const plan::Change& change, const Json& desired, apply::ExecutionContext& context,
                 std::string* id) override {
    current_node = change.address;
    Clock::Duration start = SteadyClock::now() - began_;
    Status status = inner_->Execute(change, desired, context, id);
    ledger_.SetSpan(change.address, start, SteadyClock::now() - began_);
    current_node.clear();
    return status;
  }

 private:
  std::unique_ptr<apply::Executor> inner_;
  Ledger& ledger_;
  SteadyClock::time_point began_;
};

// ---------------------------------------------------------------------------------------
// The engine wired as engine_session.cc wires it for the CLI, but with the counting
// transport and tracing clock, and without lint (the engine's time is measured, not lint's).

struct Engine {
  std::optional<spec::Stack> stack;
  std::vector<resources::DesiredResource> desired;
  std::unique_ptr<state::StateStore> store;
  MapEnvironment environment;
  std::unique_ptr<client::DefaultClient> client;
  std::unique_ptr<apply::OrganizationAccess> access;
};

Result<std::unique_ptr<Engine>> OpenEngine(const std::string& spec_path,
                                           const std::string& state_path,
                                           const std::map<std::string, std::string>& environment,
                                           const std::string& secrets_dir,
                                           http::Transport* transport, Clock* clock) {
  auto engine = std::make_unique<Engine>();
  spec::LoadResult loaded = spec::LoadStack(spec_path);
  if (!loaded.ok()) return InvalidArgumentError(spec_path + ": the spec does not load");
  engine->stack = std::move(loaded.stack);
  const spec::Stack& stack = *engine->stack;
  graph::BuildOptions build_options;
  build_options.secrets_dir = secrets_dir;
  ASSIGN_OR_RETURN(engine->desired, graph::BuildResources(stack, build_options));
  ASSIGN_OR_RETURN(engine->store, state::OpenSqliteStateStore(state_path));
  for (const auto& [name, value] : environment) engine->environment.Set(name, value);
  client::DefaultClientOptions client_options;
  client_options.region = stack.region;
  client_options.environment = &engine->environment;
  client_options.prompt_for_mfa = false;
  client_options.transport = transport;
  client_options.clock = clock;
  ASSIGN_OR_RETURN(engine->client, client::MakeDefaultClient(client_options));
  apply::OrganizationAccessOptions access_options;
  access_options.management_account = stack.organization.management_account;
  state::StateStore* store = engine->store.get();
  access_options.account_id = [store, &stack](const std::string& account) -> Result<std::string> {
    Result<std::optional<state::ResourceRecord>> record = store->Get("org.account." + account);
    if (record.ok() && record->has_value() && !(*record)->id.empty()) return (*record)->id;
    if (const spec::Account* written = stack.organization.FindAccount(account);
        written != nullptr && !written->id.empty()) {
      return written->id;
    }
    return NotFoundError("no id recorded for account '" + account + "'");
  };
  engine->access = std::make_unique<apply::OrganizationAccess>(
      engine->client->client(), &engine->client->role_assumer(),
      clock != nullptr ? *clock : Clock::Real(), std::move(access_options));
  return engine;
}

// ---------------------------------------------------------------------------------------
// Processes started here: the fault proxy (stopped by its pid, also on failure), and timed
// runs of the vueops binary with their peak memory.

class ProxyProcess {
 public:
  static Result<std::unique_ptr<ProxyProcess>> Start(const std::string& target, int latency_ms) {
    auto proxy = std::unique_ptr<ProxyProcess>(new ProxyProcess());
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return InternalError("pipe failed");
    std::vector<std::string> argv = {
        "python3",      VUEOPS_SOURCE_DIR "/tests/support/fault_proxy.py",
        "--target",     target,
        "--latency-ms", std::to_string(latency_ms)};
    std::vector<char*> args;
    for (std::string& text : argv) args.push_back(text.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    int spawned = ::posix_spawnp(&proxy->pid_, "python3", &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
      ::close(pipe_fds[0]);
      proxy->pid_ = -1;
      return UnavailableError("could not start tests/support/fault_proxy.py");
    }
    proxy->output_ = ::fdopen(pipe_fds[0], "r");
    char line[512];
    if (std::fgets(line, sizeof line, proxy->output_) == nullptr) {
      return UnavailableError("fault_proxy.py exited before it listened");
    }
    std::string text(line);
    size_t at = text.find("http://127.0.0.1:");
    if (at == std::string::npos) return UnavailableError("fault_proxy.py said: " + text);
    proxy->url_ = text.substr(at);
    while (!proxy->url_.empty() && std::isspace(proxy->url_.back())) proxy->url_.pop_back();
    return proxy;
  }
  ~ProxyProcess() { Stop(); }

  const std::string& url() const { return url_; }

  // Stops it (SIGTERM to its pid) and returns its last line: "counts: requests=N ...".
  std::string Stop() {
    std::string counts;
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      char line[512];
      while (output_ != nullptr && std::fgets(line, sizeof line, output_) != nullptr) {
        counts = line;
      }
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (output_ != nullptr) std::fclose(output_);
    output_ = nullptr;
    while (!counts.empty() && std::isspace(counts.back())) counts.pop_back();
    return counts;
  }

 private:
  ProxyProcess() = default;
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
  std::string url_;
};

struct MeasuredRun {
  ProcessResult result;
  long peak_rss_kb = 0;  // the child's maximum resident set size
};

// RunProcess's contract, plus the child's peak RSS from wait4.
MeasuredRun RunMeasured(const std::vector<std::string>& argv,
                        const std::map<std::string, std::string>& extra) {
  // The shell measures the child itself; `command time` is not on every machine, so the
  // rusage of a direct child is read here instead.
  MeasuredRun run;
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : extra) variables[name] = value;
  std::vector<std::string> environment_text;
  for (const auto& [name, value] : variables) environment_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& text : environment_text) envp.push_back(text.data());
  envp.push_back(nullptr);
  std::vector<std::string> arguments = argv;
  std::vector<char*> args;
  for (std::string& text : arguments) args.push_back(text.data());
  args.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return run;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  auto start = SteadyClock::now();
  pid_t pid = -1;
  int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return run;
  }
  char buffer[1 << 16];
  ssize_t count = 0;
  while ((count = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    run.result.output.append(buffer, count);
  }
  ::close(pipe_fds[0]);
  int status = 0;
  struct rusage usage = {};
  ::wait4(pid, &status, 0, &usage);
  run.result.seconds = Seconds(SteadyClock::now() - start).count();
  run.result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.peak_rss_kb = usage.ru_maxrss;
  return run;
}

double ProcessCpuSeconds() {
  timespec now = {};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

// ---------------------------------------------------------------------------------------
// Critical paths over the plan's graph.

// The longest chain when each node weighs weight(node): the sum along it, and the chain.
template <typename Weight>
std::pair<double, std::vector<std::string>> HeaviestChain(const graph::Graph& graph,
                                                          const Weight& weight) {
  std::map<std::string, double> best;  // the heaviest chain ending at a node
  std::map<std::string, std::string> previous;
  std::string last;
  for (const std::string& node : graph.TopologicalOrder()) {
    double before = 0;
    for (const std::string& dependency : graph.DependenciesOf(node)) {
      if (!previous.count(node) || best[dependency] > before) {
        before = best[dependency];
        previous[node] = dependency;
      }
    }
    best[node] = before + weight(node);
    if (last.empty() || best[node] > best[last]) last = node;
  }
  std::vector<std::string> chain;
  for (std::string node = last; !node.empty();) {
    chain.push_back(node);
    auto it = previous.find(node);
    node = it == previous.end() ? "" : it->second;
  }
  std::reverse(chain.begin(), chain.end());
  return {last.empty() ? 0 : best[last], chain};
}

struct BenchSetup {
  std::string dir;    // a temp dir, removed at the end
  std::string spec;   // the spec file, copied into dir
  std::string which;  // what ran, for the report
  std::string moto_url;
  std::map<std::string, std::string> aws;  // the environment vueops and the AWS CLI see
};

std::map<std::string, std::string> AwsEnvironment(const std::string& dir,
                                                  const std::string& endpoint) {
  return {{"HOME", dir + "/home"},
          {"AWS_CONFIG_FILE", dir + "/no-config"},
          {"AWS_SHARED_CREDENTIALS_FILE", dir + "/no-credentials"},
          {"AWS_ACCESS_KEY_ID", "testing"},
          {"AWS_SECRET_ACCESS_KEY", "testing"},
          {"AWS_ENDPOINT_URL", endpoint},
          {"VUEOPS_CACHE_DIR", dir + "/cache"},
          {"VUEOPS_SECRETS_DIR", dir + "/secrets"},
          {"NO_COLOR", "1"}};
}

// ---------------------------------------------------------------------------------------
// 1b. The same plan through the applier with moto taken out: each change takes exactly its
// measured calls x 100 ms (a sleep), and records what the moto run recorded, so that
// dependents resolve their references. What remains is the engine's scheduling: the walk of
// the graph, the parallelism cap, the state writes.
class ReplayExecutor : public apply::Executor {
 public:
  ReplayExecutor(std::map<std::string, int> calls, state::StateStore& recorded)
      : calls_(std::move(calls)), recorded_(recorded) {}
  Status Execute(const plan::Change& change, const Json&, apply::ExecutionContext& context,
                 std::string* id) override {
    auto it = calls_.find(change.address);
    const int calls = it == calls_.end() ? 1 : std::max(it->second, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(calls * kLatencyMs));
    ASSIGN_OR_RETURN(std::optional<state::ResourceRecord> record, recorded_.Get(change.address));
    if (!record.has_value()) return Status::Ok();
    *id = record->id;
    return context.store->Put(*record);
  }

 private:
  std::map<std::string, int> calls_;
  state::StateStore& recorded_;
};

void ReplayWithoutMoto(const plan::Plan& plan, state::StateStore& recorded,
                       resources::AccountAccess& access, const std::map<std::string, int>& calls,
                       double bound, int total_calls) {
  std::printf(
      "1b. The same plan replayed through the applier, moto taken out: each change sleeps its "
      "measured calls x %d ms\n",
      kLatencyMs);
  for (int parallelism : {kParallelism, kWideParallelism}) {
    // As empty as the state the plan was made against, with its lineage and serial.
    state::StateSnapshot empty;
    empty.info.lineage = plan.lineage;
    empty.info.serial = plan.serial;
    std::unique_ptr<state::StateStore> store = state::NewMemoryStateStore(std::move(empty));
    ReplayExecutor executor(calls, recorded);
    auto start = SteadyClock::now();
    Result<apply::ApplyReport> report =
        apply::ApplyPlan(plan, *store, access, executor, {.parallelism = parallelism});
    double wall = Seconds(SteadyClock::now() - start).count();
    if (!report.ok() || !report->ok()) {
      std::printf("   --parallelism %d: not run: %s\n", parallelism,
                  report.ok() ? "a change failed" : report.status().message().c_str());
      continue;
    }
    double throughput = total_calls * kLatencyMs / 1000.0 / parallelism;
    std::printf(
        "   --parallelism %-3d  wall %6.1f s; ratio to the critical path %5.2f (target: at most "
        "%.1f); the floor is max(critical path %.1f s, calls/parallelism %.1f s): wall / floor "
        "= %.2f\n",
        parallelism, wall, bound > 0 ? wall / bound : 0, kTargetRatio, bound, throughput,
        wall / std::max(bound, throughput));
  }
}

// ---------------------------------------------------------------------------------------
// 1. Latency-bound apply.

struct ApplyResult {
  bool ran = false;
  size_t resources = 0;
};

ApplyResult LatencyBoundApply(const BenchSetup& env) {
  ApplyResult outcome;
  std::printf("1. Apply into an empty moto, every call delayed %d ms (fault_proxy.py)\n",
              kLatencyMs);
  Result<std::unique_ptr<ProxyProcess>> proxy = ProxyProcess::Start(env.moto_url, kLatencyMs);
  if (!proxy.ok()) {
    std::printf("   not run: %s\n", proxy.status().message().c_str());
    return outcome;
  }
  Ledger ledger;
  http::CurlTransport curl;
  CountingTransport transport(curl, ledger);
  TracingClock clock(ledger);
  std::map<std::string, std::string> aws = env.aws;
  aws["AWS_ENDPOINT_URL"] = (*proxy)->url();
  Result<std::unique_ptr<Engine>> engine =
      OpenEngine(env.spec, env.dir + "/state.db", aws, env.dir + "/secrets", &transport, &clock);
  if (!engine.ok()) {
    std::printf("   not run: %s\n", engine.status().message().c_str());
    return outcome;
  }
  plan::PlanOptions plan_options;
  Result<plan::Plan> plan =
      plan::MakePlan((*engine)->desired, *(*engine)->store, *(*engine)->access, plan_options);
  if (!plan.ok()) {
    std::printf("   not run: plan: %s\n", plan.status().message().c_str());
    return outcome;
  }
  int planning_calls = ledger.total_calls();
  ledger.Clear();
  TracingExecutor executor(apply::NewAwsExecutor(), ledger);
  auto start = SteadyClock::now();
  Result<apply::ApplyReport> report = apply::ApplyPlan(*plan, *(*engine)->store, *(*engine)->access,
                                                       executor, {.parallelism = kParallelism});
  double wall = Seconds(SteadyClock::now() - start).count();
  std::string proxy_counts = (*proxy)->Stop();
  if (!report.ok()) {
    std::printf("   not run: apply: %s\n", report.status().message().c_str());
    return outcome;
  }
  outcome.ran = true;
  outcome.resources = plan->changes.size();
  using State = apply::ApplyOutcome::State;
  std::printf("   %zu resources: %zu created, %zu failed, %zu skipped\n", plan->changes.size(),
              report->Count(State::kSucceeded), report->Count(State::kFailed),
              report->Count(State::kSkipped));
  for (const apply::ApplyOutcome& failed : report->outcomes) {
    if (failed.state != State::kFailed) continue;
    std::printf("     failed: %s\n", failed.error.message().substr(0, 150).c_str());
  }

  std::map<std::string, NodeCost> costs = ledger.nodes();
  auto calls_of = [&](const std::string& node) -> double {
    auto it = costs.find(node);
    return it == costs.end() ? 0 : it->second.calls;
  };
  auto elapsed_of = [&](const std::string& node) -> double {
    auto it = costs.find(node);
    return it == costs.end() ? 0 : Ms(it->second.end - it->second.start);
  };
  int longest_nodes = plan->graph.LongestPath();
  auto [chain_calls, call_chain] = HeaviestChain(plan->graph, calls_of);
  auto [chain_ms, time_chain] = HeaviestChain(plan->graph, elapsed_of);
  double bound = chain_calls * kLatencyMs / 1000;
  int total_calls = ledger.total_calls();
  double call_seconds = 0, slept_seconds = 0;
  int sleeps = 0;
  for (const auto& [node, cost] : costs) {
    call_seconds += Seconds(cost.in_calls).count();
    slept_seconds += Seconds(cost.slept).count();
    sleeps += cost.sleeps;
  }
  std::printf("   calls made         %6d (proxy: %s; %d while planning)\n", total_calls,
              proxy_counts.c_str(), planning_calls);
  std::printf("   wall time          %8.1f s\n", wall);
  std::printf("   longest chain      %6d nodes (Graph::LongestPath) -> %.1f s at 1 call a node\n",
              longest_nodes, longest_nodes * kLatencyMs / 1000.0);
  std::printf("   critical path      %6.0f calls on the chain heaviest in calls (%zu nodes)\n",
              chain_calls, call_chain.size());
  std::printf("   bound              %8.1f s = %.0f calls x %d ms\n", bound, chain_calls,
              kLatencyMs);
  std::printf("   ratio              %8.2f (target: at most %.1f)\n", bound > 0 ? wall / bound : 0,
              kTargetRatio);
  std::vector<double> call_ms = ledger.call_ms();
  auto percentile = [&](double p) {
    return call_ms.empty() ? 0 : call_ms[std::min(call_ms.size() - 1, size_t(p * call_ms.size()))];
  };
  std::printf(
      "   one call took      %6.0f ms median, %.0f ms p90, %.0f ms max (%d ms injected; "
      "the rest is moto and the proxy)\n",
      percentile(0.5), percentile(0.9), call_ms.empty() ? 0 : call_ms.back(), kLatencyMs);
  std::printf(
      "   throughput bound   %8.1f s = %d calls x %d ms / %d walkers (--parallelism): "
      "above the critical path, so no apply at this parallelism can reach the target\n",
      total_calls * kLatencyMs / 1000.0 / kParallelism, total_calls, kLatencyMs, kParallelism);
  std::printf("   work done          %8.1f s in calls / %d walkers = %.1f s\n", call_seconds,
              kParallelism, call_seconds / kParallelism);
  std::printf("   asleep             %8.1f s in %d sleeps (polls, rate limits, backoff)\n",
              slept_seconds, sleeps);
  std::printf(
      "   achievable         %8.1f s: the chain heaviest in measured node time "
      "(%zu nodes); wall / it = %.2f (scheduling)\n",
      chain_ms / 1000, time_chain.size(), chain_ms > 0 ? wall * 1000 / chain_ms : 0);
  std::printf("   where the time of that chain goes (node: elapsed = calls x latency + asleep):\n");
  for (const std::string& node : time_chain) {
    const NodeCost& cost = costs[node];
    std::printf("     %-55s %7.0f ms = %2d calls (%6.0f ms) + %6.0f ms asleep (%d)\n", node.c_str(),
                Ms(cost.end - cost.start), cost.calls, Ms(cost.in_calls), Ms(cost.slept),
                cost.sleeps);
  }
  std::vector<std::pair<double, std::string>> heaviest;
  for (const auto& [node, cost] : costs) heaviest.push_back({Ms(cost.end - cost.start), node});
  std::sort(heaviest.rbegin(), heaviest.rend());
  std::printf("   the slowest nodes:\n");
  for (size_t i = 0; i < heaviest.size() && i < 8; ++i) {
    const NodeCost& cost = costs[heaviest[i].second];
    std::printf("     %-55s %7.0f ms = %2d calls (%6.0f ms) + %6.0f ms asleep (%d)\n",
                heaviest[i].second.c_str(), heaviest[i].first, cost.calls, Ms(cost.in_calls),
                Ms(cost.slept), cost.sleeps);
  }
  std::printf("\n");
  std::map<std::string, int> node_calls;
  for (const auto& [node, cost] : costs) node_calls[node] = cost.calls;
  ReplayWithoutMoto(*plan, *(*engine)->store, *(*engine)->access, node_calls, bound, total_calls);
  return outcome;
}

// ---------------------------------------------------------------------------------------
// 2. No-change plan, and the AWS CLI beside it.

// The AWS CLI's read of one EC2 object by id: (subcommand, id option), by resource type.
const std::map<std::string, std::pair<std::string, std::string>> kCliReads = {
    {"vpc", {"describe-vpcs", "--vpc-ids"}},
    {"subnet", {"describe-subnets", "--subnet-ids"}},
    {"security_group", {"describe-security-groups", "--group-ids"}},
    {"route_table", {"describe-route-tables", "--route-table-ids"}},
    {"internet_gateway", {"describe-internet-gateways", "--internet-gateway-ids"}},
    {"nat_gateway", {"describe-nat-gateways", "--nat-gateway-ids"}},
    {"launch_template", {"describe-launch-templates", "--launch-template-ids"}},
    {"elastic_ip", {"describe-addresses", "--allocation-ids"}},
    {"key_pair", {"describe-key-pairs", "--key-names"}},
};

// Credentials for a member account, as an operator gets them (the role Organizations made).
Result<std::map<std::string, std::string>> CliCredentials(Engine& engine,
                                                          const std::string& account) {
  std::map<std::string, std::string> variables;
  if (account.empty() || account == engine.stack->organization.management_account) {
    return variables;
  }
  ASSIGN_OR_RETURN(std::optional<state::ResourceRecord> record,
                   engine.store->Get("org.account." + account));
  if (!record) return NotFoundError("no account " + account);
  ASSIGN_OR_RETURN(Json assumed, engine.client->client().Call(
                                     "sts", "AssumeRole",
                                     {{"RoleArn", "arn:aws:iam::" + record->id + ":role/" +
                                                      std::string(apply::kOrganizationAccessRole)},
                                      {"RoleSessionName", "benchmark"}}));
  const Json& keys = assumed["Credentials"];
  variables["AWS_ACCESS_KEY_ID"] = keys.value("AccessKeyId", "");
  variables["AWS_SECRET_ACCESS_KEY"] = keys.value("SecretAccessKey", "");
  variables["AWS_SESSION_TOKEN"] = keys.value("SessionToken", "");
  return variables;
}

// Returns the median wall time of one AWS CLI process reading one object (0: not measured),
// the cost of a read as operators make it today.
double NoChangePlan(const BenchSetup& env) {
  std::printf("\n2. No-change plan of the applied stack (no proxy)\n");
  Ledger ledger;
  http::CurlTransport curl;
  CountingTransport transport(curl, ledger);
  Result<std::unique_ptr<Engine>> engine = OpenEngine(env.spec, env.dir + "/state.db", env.aws,
                                                      env.dir + "/secrets", &transport, nullptr);
  if (!engine.ok()) {
    std::printf("   not run: %s\n", engine.status().message().c_str());
    return 0;
  }
  Result<std::vector<state::ResourceRecord>> records = (*engine)->store->List();
  size_t tracked = records.ok() ? records->size() : 0;
  auto start = SteadyClock::now();
  Result<plan::Plan> plan =
      plan::MakePlan((*engine)->desired, *(*engine)->store, *(*engine)->access, {});
  double in_process = Seconds(SteadyClock::now() - start).count();
  if (!plan.ok()) {
    std::printf("   not run: %s\n", plan.status().message().c_str());
    return 0;
  }
  size_t changes = 0;
  for (const plan::Change& change : plan->changes) changes += change.is_noop() ? 0 : 1;
  std::printf("   vueops, in process: %zu tracked resources, %zu changes planned\n", tracked,
              changes);
  // A second plan after an apply should be empty; what is not is a convergence bug to name.
  std::map<std::string, int> unconverged;
  for (const plan::Change& change : plan->changes) {
    if (change.is_noop()) continue;
    std::string type = change.type != nullptr ? std::string(change.type->name()) : "?";
    unconverged[type + " " + std::string(plan::ActionName(change.action))]++;
  }
  for (const auto& [what, count] : unconverged) {
    std::printf("     still to do: %d x %s\n", count, what.c_str());
  }
  std::printf("     refresh reads      %5d = %.3f per resource (goal: well under 1)\n",
              plan->refresh_calls, tracked ? double(plan->refresh_calls) / tracked : 0);
  std::printf("     all HTTP requests  %5d = %.3f per resource (with the role assumptions)\n",
              ledger.total_calls(), tracked ? double(ledger.total_calls()) / tracked : 0);
  std::printf("     wall time        %7.0f ms\n", in_process * 1000);

  std::vector<double> seconds;
  std::string failure;
  for (int run = 0; run < kPlanRuns; ++run) {
    ProcessResult cold = RunProcess(
        {VUEOPS_BINARY_DIR "/vueops", "plan", env.spec, "--state", env.dir + "/state.db", "--json"},
        env.aws);
    if (cold.exit_status != 0) {
      failure = "exit " + std::to_string(cold.exit_status);
      break;
    }
    seconds.push_back(cold.seconds);
  }
  if (seconds.empty()) {
    std::printf("   vueops plan (process): failed (%s)\n", failure.c_str());
  } else {
    std::printf(
        "   vueops plan --json, cold process, median of %zu: %.0f ms "
        "(%.2f ms per resource)\n",
        seconds.size(), Median(seconds) * 1000, tracked ? Median(seconds) * 1000 / tracked : 0);
  }

  if (!OnPath("aws")) {
    std::printf("   AWS CLI: not on PATH; no baseline\n");
    return 0;
  }
  // The EC2 objects the stack tracks, which the AWS CLI reads by id.
  std::map<std::pair<std::string, std::string>, std::vector<const state::ResourceRecord*>> groups;
  size_t ec2_objects = 0;
  for (const state::ResourceRecord& record : *records) {
    if (!kCliReads.count(record.type) || record.id.empty()) continue;
    groups[{record.type, record.account + " " + record.region}].push_back(&record);
    ++ec2_objects;
  }
  std::map<std::string, std::map<std::string, std::string>> credentials;
  auto environment_for = [&](const state::ResourceRecord& record)
      -> std::optional<std::map<std::string, std::string>> {
    if (!credentials.count(record.account)) {
      Result<std::map<std::string, std::string>> made = CliCredentials(**engine, record.account);
      if (!made.ok()) return std::nullopt;
      credentials[record.account] = *made;
    }
    std::map<std::string, std::string> variables = env.aws;
    for (const auto& [name, value] : credentials[record.account]) variables[name] = value;
    variables["AWS_DEFAULT_REGION"] =
        record.region.empty() ? (*engine)->stack->region : record.region;
    return variables;
  };
  std::vector<double> one_object;
  size_t sampled = 0;
  for (const auto& [key, group] : groups) {
    for (const state::ResourceRecord* record : group) {
      if (sampled >= kCliSamples) break;
      std::optional<std::map<std::string, std::string>> variables = environment_for(*record);
      if (!variables) continue;
      const auto& [subcommand, option] = kCliReads.at(record->type);
      ProcessResult read = RunProcess({"aws", "ec2", subcommand, option, record->id}, *variables);
      ++sampled;
      if (read.exit_status == 0) one_object.push_back(read.seconds);
      break;  // one of each type and account first: a sample across types
    }
  }
  double per_type_seconds = 0;
  int per_type_calls = 0;
  for (const auto& [key, group] : groups) {
    std::optional<std::map<std::string, std::string>> variables = environment_for(*group.front());
    if (!variables) continue;
    const auto& [subcommand, option] = kCliReads.at(group.front()->type);
    std::vector<std::string> argv = {"aws", "ec2", subcommand, option};
    for (const state::ResourceRecord* record : group) argv.push_back(record->id);
    ProcessResult read = RunProcess(argv, *variables);
    if (read.exit_status != 0) continue;
    per_type_seconds += read.seconds;
    ++per_type_calls;
  }
  std::printf(
      "   AWS CLI v1 (what operators run today), over the %zu EC2 objects of the stack "
      "it reads by id:\n",
      ec2_objects);
  if (!one_object.empty()) {
    std::printf(
        "     one process per object: 1 call per resource, median %.0f ms per "
        "resource (%zu sampled);\n       for those %zu objects one after another about "
        "%.1f s (median x count, not run)\n",
        Median(one_object) * 1000, one_object.size(), ec2_objects,
        Median(one_object) * ec2_objects);
  }
  if (per_type_calls > 0) {
    std::printf(
        "     one process per type and account: %d calls = %.3f per resource, %.0f ms "
        "in all (measured)\n",
        per_type_calls, ec2_objects ? double(per_type_calls) / ec2_objects : 0,
        per_type_seconds * 1000);
  }
  return one_object.empty() ? 0 : Median(one_object);
}

// 2b. `vueops audit` of the applied stack (issue 8's target: under 2 s against moto), with the
// API calls per object it printed, beside the AWS CLI making the same reads one process each.
void AuditTheStack(const BenchSetup& env, double cli_read_seconds) {
  std::printf("\n2b. vueops audit of the applied stack, every account (no proxy)\n");
  std::vector<double> seconds;
  Json report;
  for (int run = 0; run < kPlanRuns; ++run) {
    ProcessResult audit = RunProcess({VUEOPS_BINARY_DIR "/vueops", "audit", env.spec, "--state",
                                      env.dir + "/state.db", "--format", "json"},
                                     env.aws);
    Result<Json> parsed = ParseJson(audit.output);
    if (!parsed.ok() || !parsed->contains("api_calls")) {
      std::printf("   failed: exit %d, no report\n", audit.exit_status);
      return;
    }
    report = std::move(parsed).value();
    seconds.push_back(audit.seconds);
  }
  const double median = Median(seconds);
  const int calls = report.value("api_calls", 0);
  const int objects = report.value("objects", 0);
  std::printf(
      "   vueops audit --format json, cold process, median of %zu: %.0f ms (target under "
      "2000 ms: %s)\n     %zu accounts, %d objects, %d API calls = %.2f per object; %zu "
      "findings (%d suppressed), exit as lint's\n",
      seconds.size(), median * 1000, median < 2.0 ? "met" : "NOT met",
      report.value("accounts", Json::array()).size(), objects, calls,
      objects ? double(calls) / objects : 0.0, report.value("findings", Json::array()).size(),
      report.value("suppressed", 0));
  if (cli_read_seconds > 0 && median > 0) {
    std::printf(
        "   AWS CLI v1, the same %d reads one process each: about %.1f s (%d x the %.0f ms "
        "median read of section 2; not run) = %.0fx vueops\n",
        calls, calls * cli_read_seconds, calls, cli_read_seconds * 1000,
        calls * cli_read_seconds / median);
  }
}

// ---------------------------------------------------------------------------------------
// 3. A generated stack of 5,000 resources.

// The spec with `count` more sandboxes appended to its environments (the last top-level key
// of the example and of many_sandboxes.yaml), each in the first sandbox account.
Result<std::string> WithSandboxes(const std::string& text, const spec::Stack& stack, int count) {
  size_t environments = text.rfind("\nenvironments:");
  if (environments == std::string::npos) return NotFoundError("no environments: section");
  for (size_t at = text.find('\n', environments + 1); at != std::string::npos;
       at = text.find('\n', at + 1)) {
    if (at + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[at + 1]))) {
      return FailedPreconditionError("environments: is not the spec's last section");
    }
  }
  // Copy an environment that lives in a sandbox account and comes from a template.
  std::string account, base_template;
  for (const spec::Environment& env : stack.environments) {
    const spec::Account* owner = stack.organization.FindAccount(env.account);
    if (owner == nullptr || owner->kind != spec::AccountKind::kSandbox) continue;
    if (env.template_name.empty()) continue;
    account = env.account;
    base_template = env.template_name;
    break;
  }
  if (account.empty()) return NotFoundError("no sandbox environment made from a template");
  std::string generated = text;
  if (!generated.ends_with("\n")) generated += "\n";
  for (int i = 0; i < count; ++i) {
    std::string name = "gen" + std::to_string(i + 1);
    generated += "  " + name + ":\n    template: " + base_template + "\n    account: " + account +
                 "\n    vars: {domain: " + name + ".sandboxes.example.com}\n    network:\n" +
                 "      vpc_cidr: 10." + std::to_string(100 + i) + ".0.0/16\n";
  }
  return generated;
}

Result<size_t> CountResources(const std::string& spec_path, const std::string& secrets_dir) {
  spec::LoadResult loaded = spec::LoadStack(spec_path);
  if (!loaded.ok()) return InvalidArgumentError(spec_path + " does not load");
  graph::BuildOptions options;
  options.secrets_dir = secrets_dir;
  ASSIGN_OR_RETURN(std::vector<resources::DesiredResource> desired,
                   graph::BuildResources(*loaded.stack, options));
  return desired.size();
}

void GeneratedStack(const BenchSetup& env) {
  std::printf("\n3. A generated stack of at least %zu resources\n", kGeneratedResources);
  std::string secrets = env.dir + "/secrets";
  Result<std::string> text = ReadFile(env.spec);
  spec::LoadResult loaded = spec::LoadStack(env.spec);
  Result<size_t> base = CountResources(env.spec, secrets);
  if (!text.ok() || !loaded.ok() || !base.ok()) {
    std::printf("   not run: the spec does not load\n");
    return;
  }
  std::string generated_path = fs::path(env.spec).parent_path() / "generated.yaml";
  // One sandbox's worth of resources, then as many as reach the goal (above 155, the VPC
  // blocks 10.100-10.255 run out; no spec needs that many).
  Result<std::string> one = WithSandboxes(*text, *loaded.stack, 1);
  if (!one.ok() || !WriteFileAtomic(generated_path, *one).ok()) {
    std::printf("   not run: %s\n", one.status().message().c_str());
    return;
  }
  Result<size_t> with_one = CountResources(generated_path, secrets);
  if (!with_one.ok() || *with_one <= *base) {
    std::printf("   not run: a generated sandbox adds no resources\n");
    return;
  }
  size_t per_sandbox = *with_one - *base;
  int sandboxes = static_cast<int>(std::min<size_t>(
      155, (kGeneratedResources - std::min(kGeneratedResources, *base) + per_sandbox - 1) /
               per_sandbox));
  Result<std::string> many = WithSandboxes(*text, *loaded.stack, sandboxes);
  if (!many.ok() || !WriteFileAtomic(generated_path, *many).ok()) {
    std::printf("   not run: could not write the generated spec\n");
    return;
  }
  Result<size_t> reached = CountResources(generated_path, secrets);
  if (!reached.ok()) {
    std::printf("   not run: %s\n", reached.status().message().c_str());
    return;
  }
  std::printf("   %s + %d sandboxes of %zu resources: %zu resources reached\n", env.which.c_str(),
              sandboxes, per_sandbox, *reached);

  // (a) The command users run, against moto, nothing applied yet: everything to create.
  MeasuredRun cold = RunMeasured({VUEOPS_BINARY_DIR "/vueops", "plan", generated_path, "--state",
                                  env.dir + "/generated.db", "--detailed-exitcode"},
                                 env.aws);
  if (cold.result.exit_status != 2) {
    std::printf("   (a) vueops plan against moto: failed (exit %d)\n", cold.result.exit_status);
  } else {
    size_t summary = cold.result.output.rfind("Plan: ");
    std::string line =
        summary == std::string::npos
            ? std::string()
            : cold.result.output.substr(summary, cold.result.output.find('\n', summary) - summary);
    std::printf(
        "   (a) vueops plan against moto, empty state: %.0f ms wall, peak RSS %.0f MB, "
        "%.2f ms per resource (%s)\n",
        cold.result.seconds * 1000, cold.peak_rss_kb / 1024.0,
        cold.result.seconds * 1000 / *reached, line.c_str());
  }

  // (b) The engine alone: load, build and plan in process, no AWS at all.
  double cpu = ProcessCpuSeconds();
  auto wall = SteadyClock::now();
  spec::LoadResult stack = spec::LoadStack(generated_path);
  double load_cpu = ProcessCpuSeconds() - cpu;
  graph::BuildOptions build_options;
  build_options.secrets_dir = secrets;
  Result<std::vector<resources::DesiredResource>> desired =
      graph::BuildResources(*stack.stack, build_options);
  double build_cpu = ProcessCpuSeconds() - cpu - load_cpu;
  if (!desired.ok()) {
    std::printf("   (b) not run: %s\n", desired.status().message().c_str());
    return;
  }
  std::unique_ptr<state::StateStore> empty = state::NewMemoryStateStore();
  test_support::FakeAccountAccess fake_access;
  Result<plan::Plan> plan = plan::MakePlan(*desired, *empty, fake_access, {});
  double plan_cpu = ProcessCpuSeconds() - cpu - load_cpu - build_cpu;
  double wall_ms = Seconds(SteadyClock::now() - wall).count() * 1000;
  if (!plan.ok()) {
    std::printf("   (b) not run: %s\n", plan.status().message().c_str());
    return;
  }
  size_t count = desired->size();
  std::printf(
      "   (b) engine alone, empty state, in process: %.0f ms wall; CPU per resource: "
      "load %.1f us, build %.1f us, plan %.1f us (%zu changes, longest chain %d)\n",
      wall_ms, load_cpu * 1e6 / count, build_cpu * 1e6 / count, plan_cpu * 1e6 / count,
      plan->changes.size(), plan->graph.LongestPath());

  // A no-change refresh of the same graph over the FakeCloud: every resource tracked and
  // read back (one fake type per real type name, so the batches are the real ones).
  test_support::FakeCloud cloud;
  std::map<std::string, std::unique_ptr<test_support::FakeResourceType>> fake_types;
  std::vector<resources::DesiredResource> fake_desired;
  for (const resources::DesiredResource& resource : *desired) {
    std::string type_name(resource.type->name());
    auto& type = fake_types[type_name];
    if (!type) type = std::make_unique<test_support::FakeResourceType>(type_name, &cloud);
    resources::DesiredResource fake = resource;
    fake.type = type.get();
    std::set<std::string> references;
    resources::CollectReferences(resource.attributes, &references);
    fake.depends_on.insert(fake.depends_on.end(), references.begin(), references.end());
    fake.attributes = {{"name", resource.address}};
    fake_desired.push_back(std::move(fake));
  }
  std::unique_ptr<state::StateStore> store = state::NewMemoryStateStore();
  Result<plan::Plan> creates = plan::MakePlan(fake_desired, *store, fake_access, {});
  std::unique_ptr<apply::Executor> executor = apply::NewAwsExecutor();
  Result<apply::ApplyReport> applied =
      creates.ok() ? apply::ApplyPlan(*creates, *store, fake_access, *executor, {})
                   : Result<apply::ApplyReport>(creates.status());
  if (!applied.ok() || !applied->ok()) {
    std::printf("   (b) FakeCloud refresh not run: the fake apply failed\n");
    return;
  }
  cpu = ProcessCpuSeconds();
  wall = SteadyClock::now();
  Result<plan::Plan> refreshed = plan::MakePlan(fake_desired, *store, fake_access, {});
  double refresh_cpu = ProcessCpuSeconds() - cpu;
  wall_ms = Seconds(SteadyClock::now() - wall).count() * 1000;
  if (!refreshed.ok()) {
    std::printf("   (b) FakeCloud refresh failed: %s\n", refreshed.status().message().c_str());
    return;
  }
  std::printf(
      "   (b) engine alone, no-change plan refreshing %zu tracked resources over the "
      "FakeCloud: %.0f ms wall, %.1f us CPU per resource (%s)\n",
      count, wall_ms, refresh_cpu * 1e6 / count,
      refreshed->HasChanges() ? "changes found" : "no changes");
}

int Run(int argc, char** argv) {
  const std::string argument = argc > 1 ? argv[1] : "";
  if (argument == "-h" || argument == "--help") {
    std::printf(
        "usage: engine_benchmark [SPEC_DIR_OR_FILE]\n\n"
        "Times apply (100 ms injected per call) against its critical path, a no-change\n"
        "plan and vueops audit beside the AWS CLI, and a 5,000-resource plan, against a\n"
        "moto started here. SPEC_DIR_OR_FILE defaults to examples/vueocity.\n");
    return 0;
  }
  if (argc > 2 || (!argument.empty() && argument[0] == '-')) {
    std::fprintf(stderr,
                 "engine_benchmark: unexpected argument %s; usage: engine_benchmark "
                 "[SPEC_DIR_OR_FILE] (--help)\n",
                 argv[argc > 2 ? 2 : 1]);
    return 2;
  }
  BenchSetup env;
  char pattern[] = "/tmp/vueops-engine-benchmark-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    std::printf("cannot make a temp dir\n");
    return 1;
  }
  env.dir = pattern;
  // The AWS CLI and vueops see only the benchmark's dummy setup (AwsEnvironment): a profile
  // named in this process's environment would point into config files they do not read.
  ::unsetenv("AWS_PROFILE");
  ::unsetenv("AWS_DEFAULT_PROFILE");
  fs::create_directories(env.dir + "/home");
  fs::create_directories(env.dir + "/secrets");
  std::string source = argc > 1 ? argv[1] : VUEOPS_SOURCE_DIR "/examples/vueocity";
  // The spec is copied (with its folder: cloud-init files, keys) so that nothing is written
  // next to the original.
  std::error_code error;
  fs::path from(source);
  fs::path spec_dir = fs::path(env.dir) / "spec";
  if (fs::is_directory(from)) {
    fs::copy(from, spec_dir, fs::copy_options::recursive, error);
    env.spec = (spec_dir / "stack.yaml").string();
  } else {
    fs::copy(from.parent_path(), spec_dir, fs::copy_options::recursive, error);
    env.spec = (spec_dir / from.filename()).string();
  }
  env.which = source;
  if (error || !CountResources(env.spec, env.dir + "/secrets").ok()) {
    if (!argument.empty()) {
      // A spec asked for by name is measured or not at all.
      std::fprintf(stderr, "engine_benchmark: %s does not load; check it with `vueops lint %s`\n",
                   source.c_str(), source.c_str());
      fs::remove_all(env.dir);
      return 2;
    }
    std::printf("note: %s does not load yet; the minimal spec stands in\n", source.c_str());
    fs::remove_all(spec_dir);
    fs::create_directories(spec_dir);
    fs::copy(VUEOPS_SOURCE_DIR "/tests/specs/good/minimal.yaml", spec_dir / "stack.yaml", error);
    env.spec = (spec_dir / "stack.yaml").string();
    env.which = "tests/specs/good/minimal.yaml";
  }
  int status = 0;
  {
    client::LocalAws::Options options;
    options.environment = kMotoEnvironment;
    Result<std::unique_ptr<client::LocalAws>> moto = client::LocalAws::Start(options);
    if (!moto.ok()) {
      std::printf("skipped: no local AWS: %s\n", moto.status().message().c_str());
    } else {
      env.moto_url = (*moto)->endpoint_url();
      env.aws = AwsEnvironment(env.dir, env.moto_url);
      std::printf("stack: %s\n\n", env.which.c_str());
      ApplyResult applied = LatencyBoundApply(env);
      if (applied.ran) AuditTheStack(env, NoChangePlan(env));
      GeneratedStack(env);
      if (!applied.ran) status = 1;
    }
  }  // moto stops here, by its pid
  fs::remove_all(env.dir, error);
  return status;
}

}  // namespace
}  // namespace vueops::bench

int main(int argc, char** argv) { return vueops::bench::Run(argc, argv); }
