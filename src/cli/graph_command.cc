// vueops graph: the topology of the spec, from the resources `vueops apply` creates
// (graph/topology.h), as DOT text, SVG (graphviz's dot) or one self-contained HTML page.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "base/diagnostic.h"
#include "base/did_you_mean.h"
#include "base/file.h"
#include "cli/commands.h"
#include "cli/graphviz.h"
#include "graph/build.h"
#include "graph/topology.h"
#include "graph/topology_dot.h"
#include "graph/topology_html.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

struct GraphArguments {
  std::string spec;
  std::string environment;
  std::string format = "dot";
  std::string out;
};

int Fail(const Output& output, const std::string& message, int exit_code) {
  std::fprintf(output.err, "vueops graph: %s\n", message.c_str());
  return exit_code;
}

int RunGraph(GraphArguments args, const Output& output) {
  if (args.format != "dot" && args.format != "svg" && args.format != "html") {
    return Fail(output,
                "--format '" + args.format +
                    "' is not a format; use --format dot, --format svg or --format html",
                kExitUsage);
  }
  // `vueops graph prod` with the spec from $VUEOPS_SPEC or ./stack.yaml: a lone argument
  // that is no file or folder but the default spec exists names the environment.
  std::error_code ignored;
  if (args.environment.empty() && !args.spec.empty() &&
      !std::filesystem::exists(args.spec, ignored) &&
      std::filesystem::exists(DefaultSpecPath(), ignored)) {
    args.environment = args.spec;
    args.spec.clear();
  }
  std::string spec_path = args.spec.empty() ? DefaultSpecPath() : args.spec;
  spec::LoadResult loaded = spec::LoadStack(spec_path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return Fail(output,
                spec_path + ": invalid spec (" + SummarizeDiagnostics(loaded.diagnostics) +
                    "); `vueops validate` shows every problem",
                kExitFailure);
  }
  const spec::Stack& stack = *loaded.stack;
  graph::TopologyOptions options;
  if (!args.environment.empty()) {
    if (stack.FindEnvironment(args.environment) == nullptr) {
      std::vector<std::string> names = stack.EnvironmentNames();
      std::string hint = DidYouMean(args.environment, names);
      std::string known;
      for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
      return Fail(output,
                  "the spec has no environment '" + args.environment + "'" +
                      (hint.empty() ? "" : "; " + hint) + " (environments: " + known + ")",
                  kExitUsage);
    }
    options.environments.push_back(args.environment);
  }

  graph::BuildOptions build_options;
  build_options.secrets_dir = JoinPath(stack.spec_dir, stack.operations.secrets_dir);
  Result<std::vector<resources::DesiredResource>> desired =
      graph::BuildResources(stack, build_options);
  if (!desired.ok()) return Fail(output, desired.status().message(), kExitFailure);
  graph::Topology topology = graph::BuildTopology(stack, *desired, options);
  std::string text = graph::RenderTopologyDot(topology);
  if (args.format != "dot") {
    Result<std::string> svg = RenderSvgWithGraphviz(text);
    if (!svg.ok()) return Fail(output, svg.status().message(), kExitFailure);
    text = args.format == "svg" ? std::move(*svg) : graph::RenderTopologyHtml(topology.title, *svg);
  }
  if (args.out.empty()) {
    std::fputs(text.c_str(), output.out);
    return kExitOk;
  }
  if (Status written = WriteFileAtomic(args.out, text); !written.ok()) {
    return Fail(output, "--out " + args.out + ": " + written.message(), kExitFailure);
  }
  std::fprintf(output.out, "wrote %s: %s\n", args.out.c_str(), topology.title.c_str());
  return kExitOk;
}

}  // namespace

CLI::App* RegisterGraphCommand(CLI::App& app, const GlobalOptions&, const Output& output,
                               CommandRunner* run) {
  auto args = std::make_shared<GraphArguments>();
  auto* command = app.add_subcommand(
      "graph", "Draw the topology: accounts, VPCs, security-group flows, servers, data, CDN, DNS");
  command->add_option("path", args->spec, "The spec file, or a folder holding stack.yaml")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  command->add_option("env", args->environment, "Only this environment (default: every one)")
      ->option_text("ENV");
  command->add_option("--format", args->format, "dot (default), svg or html")
      ->option_text("FORMAT");
  command->add_option("--out", args->out, "Write to FILE instead of standard output")
      ->option_text("FILE");
  command->footer(
      "Drawn from the resources `vueops apply` creates for the spec (no AWS call): each\n"
      "account a box holding its environments; per environment the VPC with its subnets by\n"
      "availability zone, the security groups with the flows they allow (edges labelled with\n"
      "ports, from the internet, the DevOps IPs and other groups), the load balancer, its\n"
      "listeners and target groups, the servers' autoscaling groups per profile, RDS, Redis,\n"
      "the buckets behind CloudFront (with their origin access control) and the Route53\n"
      "records pointing at them.\n"
      "  dot   graphviz's DOT text; needs nothing installed\n"
      "  svg   drawn by graphviz's `dot -Tsvg` (install graphviz; scripts/bootstrap does)\n"
      "  html  one self-contained page, the SVG inline; hovering a node lights its flows;\n"
      "        fetches nothing, so it opens offline\n"
      "Exit status: 0 drawn, 1 invalid spec or graphviz failed, 2 usage error (a bad format,\n"
      "an unknown environment).\n\n"
      "Examples:\n"
      "  vueops graph examples/vueocity prod --format html --out prod.html\n"
      "  vueops graph examples/vueocity --format dot | dot -Tpng -o topology.png\n");
  *run = [args, &output]() { return RunGraph(*args, output); };
  return command;
}

}  // namespace vueops::cli
