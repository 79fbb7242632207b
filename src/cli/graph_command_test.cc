// vueops graph, run as the built binary on the example spec: DOT, SVG and HTML, one
// environment or all, and the usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"
#include "cli/graphviz.h"
#include "support/program_on_path.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

using Outcome = test_support::VueopsRun;

constexpr const char* kExample = VUEOPS_SOURCE_DIR "/examples/vueocity";
constexpr const char* kNoGraphviz =
    "graphviz's dot is not installed: apt-get install graphviz (scripts/bootstrap installs it)";

class GraphCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_graph_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Run(const std::vector<std::string>& args,
              const std::vector<std::string>& environment = {}) {
    return test_support::RunVueops(dir_, args, "", environment);
  }

  std::string dir_;
};

TEST_F(GraphCommandTest, DotIsTheDefaultAndNeedsNoGraphviz) {
  // An empty PATH: no dot anywhere.
  Outcome run = Run({"graph", kExample}, {"PATH=" + dir_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, StartsWith("digraph \"vueops\" {"));
  EXPECT_THAT(run.out, ContainsRegex("\"world\" -> \"prod.security_group.load_balancer\" "
                                     "[^\n]*label=\"80, 443\""));
  EXPECT_THAT(run.out, ContainsRegex("\"prod.security_group.servers\" -> "
                                     "\"prod.security_group.database\" [^\n]*label=\"3306\""));
  EXPECT_THAT(run.out, HasSubstr("subgraph \"cluster_vpc_test\""));
  EXPECT_THAT(run.err, IsEmpty());
  Outcome explicit_format = Run({"graph", kExample, "--format", "dot"});
  EXPECT_EQ(explicit_format.out, run.out);
}

TEST_F(GraphCommandTest, OneEnvironment) {
  Outcome run = Run({"graph", kExample, "dev"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"dev.autoscaling_group.FOH\""));
  EXPECT_THAT(run.out, Not(HasSubstr("\"prod.")));
  EXPECT_THAT(run.out, HasSubstr("topology: dev"));
}

TEST_F(GraphCommandTest, ALoneEnvironmentUsesTheDefaultSpec) {
  Outcome run = Run({"graph", "test"}, {std::string("VUEOPS_SPEC=") + kExample});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("subgraph \"cluster_vpc_test\""));
  EXPECT_THAT(run.out, Not(HasSubstr("\"dev.")));
}

TEST_F(GraphCommandTest, UnknownEnvironmentSuggestsTheClosest) {
  Outcome run = Run({"graph", kExample, "prdo"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("the spec has no environment 'prdo'; did you mean 'prod'?"));
  EXPECT_THAT(run.err, HasSubstr("(environments: prod, dev, test)"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(GraphCommandTest, UnknownFormatIsAUsageError) {
  Outcome run = Run({"graph", kExample, "--format", "png"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--format 'png' is not a format; use --format dot, --format svg "
                                 "or --format html"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(GraphCommandTest, InvalidSpecFails) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/stack.yaml", "version: 1\nname: [\n").ok());
  Outcome run = Run({"graph", dir_ + "/stack.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("invalid spec"));
}

TEST_F(GraphCommandTest, SvgWithoutGraphvizSaysToInstallIt) {
  for (const char* format : {"svg", "html"}) {
    Outcome run = Run({"graph", kExample, "--format", format}, {"PATH=" + dir_});
    EXPECT_EQ(run.exit_code, 1) << format;
    EXPECT_THAT(run.err, HasSubstr("graphviz is not installed ('dot' is not on PATH); install it "
                                   "with `apt-get install graphviz` (scripts/bootstrap installs "
                                   "it)"));
    EXPECT_THAT(run.out, IsEmpty());
  }
}

TEST_F(GraphCommandTest, Svg) {
  if (test_support::ProgramOnPath("dot").empty()) GTEST_SKIP() << kNoGraphviz;
  Outcome run = Run({"graph", kExample, "prod", "--format", "svg"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("<svg "));
  EXPECT_THAT(run.out, HasSubstr("</svg>"));
  // The ids and classes the HTML view's script and style read.
  EXPECT_THAT(run.out, ContainsRegex("<g id=\"n[0-9]+\" class=\"node\">"));
  // graphviz writes the edge ids' dashes as &#45;, which the browser reads back as '-'.
  EXPECT_THAT(run.out, ContainsRegex("<g id=\"e[0-9]+&#45;n[0-9]+&#45;n[0-9]+\" class=\"edge "
                                     "flow world\">"));
  EXPECT_THAT(run.out, HasSubstr("<title>prod.security_group.servers</title>"));
  EXPECT_THAT(run.out, HasSubstr(">80, 443</text>"));
}

TEST_F(GraphCommandTest, HtmlToAFile) {
  if (test_support::ProgramOnPath("dot").empty()) GTEST_SKIP() << kNoGraphviz;
  std::string file = dir_ + "/topology.html";
  Outcome run = Run({"graph", kExample, "--format", "html", "--out", file});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "wrote " + file + ": vueocity topology: every environment\n");
  Result<std::string> html = ReadFile(file);
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(*html, HasSubstr("<div id=\"topology\">\n<svg "));
  EXPECT_THAT(*html, Not(HasSubstr("<?xml")));
  EXPECT_THAT(*html, HasSubstr("<script>"));
  for (const char* external : {"<link", " src=", "href=", "@import", "url(", "https://"}) {
    EXPECT_THAT(*html, Not(HasSubstr(external))) << external;
  }
}

TEST_F(GraphCommandTest, GraphvizFailureShowsWhatItSaid) {
  if (test_support::ProgramOnPath("dot").empty()) GTEST_SKIP() << kNoGraphviz;
  Result<std::string> svg = RenderSvgWithGraphviz("digraph { a -> ");
  ASSERT_FALSE(svg.ok());
  EXPECT_THAT(svg.status().message(), HasSubstr("'dot -Tsvg' exited with status 1: "));
  EXPECT_THAT(svg.status().message(), HasSubstr("syntax error"));
}

TEST_F(GraphCommandTest, HelpHasAnExample) {
  Outcome run = Run({"graph", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("vueops graph examples/vueocity prod --format html --out"));
  EXPECT_THAT(run.out, HasSubstr("Exit status: 0 drawn"));
  Outcome list = Run({"--help"});
  EXPECT_THAT(list.out, HasSubstr("graph"));
}

}  // namespace
}  // namespace vueops::cli
