#include "lint/report.h"

#include <gtest/gtest.h>

#include "base/json.h"

namespace vueops::lint {
namespace {

const spec::Suppression& Accepted() {
  static spec::Suppression* suppression = [] {
    auto* s = new spec::Suppression;
    s->rule = "VO607";
    s->reason = "enabled by hand with the root user's MFA";
    return s;
  }();
  return *suppression;
}

LintReport SampleReport() {
  SourceId file = RegisterSource("stack.yaml", "a: 1\n    - {ports: 22, from: world}\nc: 3\n");
  LintReport report;
  Finding ssh;
  ssh.rule = FindRule("VO201");
  ssh.location = {file, 2, 29};
  ssh.subject = "prod.security_group.servers";
  ssh.message = "port 22 is open to the world";
  Finding mfa;
  mfa.rule = FindRule("VO607");
  mfa.location = {file, 3, 1};
  mfa.subject = "prod.bucket.logs";
  mfa.message = "bucket 'logs' has no MFA delete";
  mfa.suppressed_by = &Accepted();
  report.findings = {ssh, mfa};
  return report;
}

TEST(ReportTest, HumanGroupsByRuleAndHidesSuppressed) {
  LintReport report = SampleReport();
  std::string text = RenderHuman(report, {});
  EXPECT_NE(text.find("VO201 SSH is never open to the world"), std::string::npos) << text;
  EXPECT_NE(text.find("stack.yaml:2:29: error: prod.security_group.servers: port 22 is open"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("fix: Admit 22 from devops_ips only."), std::string::npos) << text;
  EXPECT_EQ(text.find("VO607"), std::string::npos) << text;
  std::string shown = RenderHuman(report, {.show_suppressed = true});
  EXPECT_NE(shown.find("(suppressed: enabled by hand with the root user's MFA)"),
            std::string::npos)
      << shown;
  EXPECT_EQ(SummarizeReport(report), "1 error, 1 suppressed");
}

TEST(ReportTest, JsonCarriesEveryField) {
  Json json = *ParseJson(RenderJson(SampleReport(), {.show_suppressed = true}));
  ASSERT_EQ(json["findings"].size(), 2u);
  EXPECT_EQ(json["findings"][0]["rule"], "VO201");
  EXPECT_EQ(json["findings"][0]["severity"], "error");
  EXPECT_EQ(json["findings"][0]["line"], 2);
  EXPECT_EQ(json["findings"][1]["suppressed"], "enabled by hand with the root user's MFA");
  EXPECT_EQ(json["errors"], 1);
  EXPECT_EQ(json["suppressed"], 1);
  EXPECT_EQ((*ParseJson(RenderJson(SampleReport(), {})))["findings"].size(), 1u);
}

TEST(ReportTest, SarifListsEveryRuleAndMarksSuppressions) {
  Json sarif = *ParseJson(RenderSarif(SampleReport(), "9.9"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const Json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "vueops");
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.9");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), AllRules().size());
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["ruleId"], "VO201");
  size_t index = results[0]["ruleIndex"];
  EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], "VO201");
  EXPECT_EQ(results[0]["level"], "error");
  const Json& region = results[0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 2);
  EXPECT_EQ(region["startColumn"], 29);
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "inSource");
  EXPECT_FALSE(results[0].contains("suppressions"));
}

TEST(ReportTest, MarkdownHasEveryRule) {
  std::string markdown = RulesMarkdown();
  for (const Rule& rule : AllRules()) {
    EXPECT_NE(markdown.find("## " + std::string(rule.id)), std::string::npos) << rule.id;
  }
}

}  // namespace
}  // namespace vueops::lint
