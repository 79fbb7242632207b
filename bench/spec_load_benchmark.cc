// How fast vueops loads and validates a big spec, beside what users run today.
//
//   spec_load_benchmark [--runs N] [--no-cfn-lint]
//
// It writes a spec of 100 environments into a temporary folder: the Vueocity example
// (examples/vueocity/stack.yaml, its templates and its prod, dev and test) plus 97 sandboxes
// made from its sandbox template, each with its own VPC block and domain, which comes to
// about 10,000 AWS resources. Then it measures, each in a fresh child process so that the
// peak memory (ru_maxrss) is the loader's and nothing is warm from an earlier run:
//
//   1. LoadStack alone (the spec module: read, parse, decode, resolve, check), N times, and
//      then every lint rule over the loaded stack (issue 4: lint under 100 ms beyond loading);
//   2. the whole `vueops validate` and `vueops lint` commands on the same folder, N times;
//   3. cfn-lint, the linter users run on CloudFormation today, once over the same system
//      written as one CloudFormation template per environment.
//
// Targets (issue 2): loading and validating under 200 ms and under 200 MB peak memory.
// A benchmark reports; it never fails on a number (the machine may be busy).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cloudformation_template.h"
#include "lint/linter.h"
#include "spec/loader.h"

namespace vueops::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kEnvironments = 100;
constexpr double kTargetMilliseconds = 200;
constexpr double kTargetMegabytes = 200;
constexpr double kTargetLintMilliseconds = 100;

struct Sandbox {
  std::string name;
  int octet = 0;  // the VPC block is 10.<octet>.0.0/16
  std::string domain;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

bool WriteAll(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  return out.good();
}

// The example's environments keep their blocks (10.10, 10.20, 10.30); sandboxes start above.
std::vector<Sandbox> Sandboxes(int count) {
  std::vector<Sandbox> sandboxes;
  for (int i = 1; i <= count; ++i) {
    sandboxes.push_back(
        {"sandbox" + std::to_string(i), 40 + i, "s" + std::to_string(i) + ".dev.vueocity.com"});
  }
  return sandboxes;
}

// The example with `sandboxes` added to its environments; empty when the example has no
// top-level environments: line to add them under.
std::string BigSpec(const std::string& example, const std::vector<Sandbox>& sandboxes) {
  const std::string marker = "\nenvironments:\n";
  size_t at = example.find(marker);
  if (at == std::string::npos) return "";
  std::string added;
  for (const Sandbox& sandbox : sandboxes) {
    added += "  " + sandbox.name + ":\n    template: sandbox\n    account: vuedev\n" +
             "    vars: {domain: " + sandbox.domain + "}\n" + "    network: {vpc_cidr: 10." +
             std::to_string(sandbox.octet) + ".0.0/16}\n";
  }
  std::string text = example;
  text.insert(at + marker.size(), added);
  return text;
}

// The AWS resources an environment stands for, counted the way the engine will create them
// (one per VPC, subnet, NAT gateway, route table, rule, launch template, autoscaling group,
// record, ...). An estimate for the report: the resource graph is built by later stages.
int CountResources(const spec::Environment& env) {
  int count = 0;
  const spec::Network& network = env.network;
  int subnets = static_cast<int>(network.public_subnets.size() + network.private_subnets.size());
  int nat = network.nat == spec::NatMode::kNone ? 0
            : network.nat == spec::NatMode::kSingle
                ? 1
                : static_cast<int>(network.private_subnets.size());
  // VPC, internet gateway and attachment, the public route table, route and associations,
  // NAT gateways with their addresses, private route tables with route and associations.
  count += 3 + 2 + subnets + 2 * nat + 2 * static_cast<int>(network.private_subnets.size());
  count += network.s3_endpoint ? 1 : 0;
  for (const spec::SecurityGroup& group : env.security_groups) {
    count += 1 + static_cast<int>(group.ingress.size());
  }
  if (env.servers) {
    count += 2;  // the instance role and its profile
    for (const spec::ServerProfile& profile : env.servers->profiles) {
      count += 2 + static_cast<int>(profile.schedule.size());  // launch template, group
      count += profile.cpu_target_percent ? 1 : 0;
    }
    count += static_cast<int>(env.servers->dev_servers.size());
  }
  if (env.database) count += 3;  // subnet group, parameter group, instance
  if (env.cache) count += 2;     // subnet group, replication group
  if (env.load_balancer) {
    const spec::LoadBalancer& lb = *env.load_balancer;
    count += 1 + static_cast<int>(lb.listeners.size() + lb.routes.size() + lb.target_groups.size());
  }
  count += static_cast<int>(env.certificates.size());
  for (const spec::Bucket& bucket : env.buckets) {
    count += 3 + (bucket.has_replication ? 2 : 0);  // bucket, policy, access block; replica
  }
  if (env.cdn) {
    count += 3;  // origin access control, public key, key group
    count += static_cast<int>(env.cdn->distributions.size());
  }
  if (env.mail) {
    count += 2 + static_cast<int>(env.mail->domains.size() + env.mail->emails.size());
  }
  if (env.dns) {
    for (const spec::Zone& zone : env.dns->zones)
      count += 1 + static_cast<int>(zone.records.size());
    count += static_cast<int>(env.dns->health_checks.size() + env.dns->elastic_ips.size());
  }
  count += static_cast<int>(env.secrets.size());
  return count;
}

// --- child side ---------------------------------------------------------------------------

double CpuMilliseconds() {
  timespec now;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

// Loads `path` once, lints it, and prints
// "wall-ms cpu-ms environments resources errors lint-ms findings" on stdout.
int LoadOnce(const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuMilliseconds();
  spec::LoadResult result = spec::LoadStack(path);
  double cpu = CpuMilliseconds() - cpu_start;
  double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  int environments = 0;
  int resources = 0;
  if (result.stack) {
    for (const spec::Environment& env : result.stack->environments) {
      ++environments;
      resources += CountResources(env);
    }
  }
  double lint_milliseconds = 0;
  size_t findings = 0;
  if (result.ok()) {
    auto lint_start = std::chrono::steady_clock::now();
    lint::LintReport report = lint::Lint(*result.stack);
    lint_milliseconds = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - lint_start)
                            .count();
    findings = report.findings.size();
  }
  std::printf("%.3f %.3f %d %d %zu %.3f %zu\n", milliseconds, cpu, environments, resources,
              result.diagnostics.error_count(), lint_milliseconds, findings);
  if (!result.ok()) {
    std::fputs(RenderDiagnostics(result.diagnostics, {}).c_str(), stderr);
    return 1;
  }
  return 0;
}

// --- parent side --------------------------------------------------------------------------

struct ChildRun {
  bool ok = false;
  double wall_milliseconds = 0;
  double cpu_milliseconds = 0;
  double peak_megabytes = 0;
  std::string output;  // stdout
};

// Runs `argv` with stdout captured (stderr passed through, or dropped when `quiet`) and its
// resource use measured by wait4.
ChildRun Run(const std::vector<std::string>& argv, bool quiet) {
  ChildRun run;
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return run;
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    if (quiet) {
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDERR_FILENO);
    }
    ::close(pipe_fds[0]);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::_Exit(127);
  }
  ::close(pipe_fds[1]);
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) run.output.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  struct rusage usage;
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid) return run;
  run.wall_milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  auto millis = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  run.cpu_milliseconds = millis(usage.ru_utime) + millis(usage.ru_stime);
  run.peak_megabytes = usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return run;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double Max(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream folders(path);
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    std::string candidate = folder + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

const char* Verdict(bool met) { return met ? "met" : "MISSED"; }

int Main(int argc, char** argv) {
  int runs = 7;
  bool cfn_lint = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--load" && i + 1 < argc) return LoadOnce(argv[i + 1]);
    if (arg == "--baseline") return 0;  // the memory of a process that loads nothing
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--no-cfn-lint") {
      cfn_lint = false;
    } else {
      std::fprintf(stderr, "usage: %s [--runs N] [--no-cfn-lint]\n", argv[0]);
      return 2;
    }
  }
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const std::string example_dir = std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity";

  // The spec, in a folder of its own beside the example's user-data and key files.
  std::string folder_template = (fs::temp_directory_path() / "vueops-bench-XXXXXX").string();
  if (::mkdtemp(folder_template.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const fs::path folder = folder_template;
  std::vector<Sandbox> sandboxes = Sandboxes(kEnvironments - 3);
  std::string spec = BigSpec(ReadAll(example_dir + "/stack.yaml"), sandboxes);
  std::error_code error;
  fs::create_directory_symlink(example_dir + "/cloud-init", folder / "cloud-init", error);
  fs::create_directory_symlink(example_dir + "/keys", folder / "keys", error);
  const std::string spec_path = (folder / "stack.yaml").string();
  if (spec.empty() || !WriteAll(spec_path, spec)) {
    std::fprintf(stderr, "cannot build the spec from %s/stack.yaml\n", example_dir.c_str());
    fs::remove_all(folder, error);
    return 1;
  }

  std::printf("spec: %d environments, %.0f KB (%s)\n", kEnvironments, spec.size() / 1024.0,
              spec_path.c_str());

  // 1. The loader alone.
  ChildRun baseline = Run({self, "--baseline"}, false);
  std::vector<double> load_times, load_cpu, load_peaks, lint_times;
  int environments = 0, resources = 0;
  size_t findings = 0;
  for (int i = 0; i < runs; ++i) {
    ChildRun run = Run({self, "--load", spec_path}, false);
    double milliseconds = 0, cpu = 0, lint_ms = 0;
    size_t errors = 0;
    if (!run.ok || std::sscanf(run.output.c_str(), "%lf %lf %d %d %zu %lf %zu", &milliseconds,
                               &cpu, &environments, &resources, &errors, &lint_ms,
                               &findings) != 7) {
      std::fprintf(stderr, "the generated spec did not load cleanly\n");
      fs::remove_all(folder, error);
      return 1;
    }
    load_times.push_back(milliseconds);
    load_cpu.push_back(cpu);
    load_peaks.push_back(run.peak_megabytes);
    lint_times.push_back(lint_ms);
  }
  double load_ms = Median(load_times);
  double load_mb = Max(load_peaks);
  std::printf("     %d environments, about %d AWS resources\n", environments, resources);
  std::printf("\nLoadStack (parse, decode, resolve, check), median of %d fresh processes:\n", runs);
  std::printf("  time         %8.1f ms   target < %.0f ms: %s  (cpu %.1f ms)\n", load_ms,
              kTargetMilliseconds, Verdict(load_ms < kTargetMilliseconds), Median(load_cpu));
  std::printf("  peak memory  %8.1f MB   target < %.0f MB: %s  (an empty process: %.1f MB)\n",
              load_mb, kTargetMegabytes, Verdict(load_mb < kTargetMegabytes),
              baseline.peak_megabytes);
  double lint_ms = Median(lint_times);
  std::printf("\nLint (all rules over the loaded stack, beyond loading), median of %d:\n", runs);
  std::printf("  time         %8.1f ms   target < %.0f ms: %s  (%zu findings)\n", lint_ms,
              kTargetLintMilliseconds, Verdict(lint_ms < kTargetLintMilliseconds), findings);

  // 2. The command users run.
  const std::string vueops = std::string(VUEOPS_BINARY_DIR) + "/vueops";
  double validate_ms = 0;
  double validate_cpu_ms = 0;
  if (::access(vueops.c_str(), X_OK) == 0) {
    std::vector<double> times, cpu, peaks;
    for (int i = 0; i < runs; ++i) {
      ChildRun run = Run({vueops, "validate", folder.string()}, true);
      times.push_back(run.wall_milliseconds);
      cpu.push_back(run.cpu_milliseconds);
      peaks.push_back(run.peak_megabytes);
    }
    validate_ms = Median(times);
    validate_cpu_ms = Median(cpu);
    std::printf("\nvueops validate (the whole command), median of %d:\n", runs);
    std::printf("  time         %8.1f ms   (cpu %.1f ms)\n", validate_ms, Median(cpu));
    std::printf("  peak memory  %8.1f MB\n", Max(peaks));
    times.clear();
    peaks.clear();
    for (int i = 0; i < runs; ++i) {
      ChildRun run = Run({vueops, "lint", folder.string(), "--format", "json"}, true);
      times.push_back(run.wall_milliseconds);
      peaks.push_back(run.peak_megabytes);
    }
    std::printf("\nvueops lint (the whole command, JSON out), median of %d:\n", runs);
    std::printf("  time         %8.1f ms\n", Median(times));
    std::printf("  peak memory  %8.1f MB\n", Max(peaks));
  } else {
    std::printf("\nvueops validate: %s not built; skipped\n", vueops.c_str());
  }

  // 3. cfn-lint on the same system as CloudFormation, one stack per environment (a
  // CloudFormation template holds at most 500 resources).
  std::string cfn_lint_path = cfn_lint ? FindOnPath("cfn-lint") : "";
  if (!cfn_lint) {
    std::printf("\ncfn-lint: skipped (--no-cfn-lint)\n");
  } else if (cfn_lint_path.empty()) {
    std::printf("\ncfn-lint: not installed (pip install cfn-lint); skipped\n");
  } else {
    fs::create_directory(folder / "cloudformation", error);
    std::vector<std::string> argv_lint = {cfn_lint_path};
    int cfn_resources = 0;
    auto add = [&](const std::string& name, int octet, const std::string& domain) {
      std::string text = CloudFormationTemplate(name, octet, domain);
      cfn_resources += CountCloudFormationResources(text);
      std::string path = (folder / "cloudformation" / (name + ".yaml")).string();
      WriteAll(path, text);
      argv_lint.push_back(path);
    };
    add("prod", 10, "vueocity.com");
    add("dev", 20, "dev.vueocity.com");
    add("test", 30, "test.vueocity.com");
    for (const Sandbox& sandbox : sandboxes) add(sandbox.name, sandbox.octet, sandbox.domain);
    std::printf(
        "\ncfn-lint on %zu CloudFormation templates, %d resources (one run; this takes "
        "a while)...\n",
        argv_lint.size() - 1, cfn_resources);
    std::fflush(stdout);
    ChildRun run = Run(argv_lint, true);
    std::printf("  time         %8.1f ms   (cpu %.1f ms)%s\n", run.wall_milliseconds,
                run.cpu_milliseconds, run.ok ? "" : "  (it reported findings)");
    std::printf("  peak memory  %8.1f MB\n", run.peak_megabytes);
    if (validate_ms > 0) {
      // cfn-lint checks each resource against the CloudFormation schemas; vueops validate
      // checks the spec's own keys, types and references. Both are what a user runs to
      // hear "this description of our AWS system is wrong" before applying it.
      std::printf(
          "\nvueops validate vs cfn-lint: %.0f ms vs %.0f ms, %.0fx faster "
          "(cpu %.0f ms vs %.0f ms, %.0fx)\n",
          validate_ms, run.wall_milliseconds, run.wall_milliseconds / validate_ms, validate_cpu_ms,
          run.cpu_milliseconds, run.cpu_milliseconds / std::max(validate_cpu_ms, 0.001));
    }
  }
  fs::remove_all(folder, error);
  return 0;
}

}  // namespace
}  // namespace vueops::bench

int main(int argc, char** argv) { return vueops::bench::Main(argc, argv); }
