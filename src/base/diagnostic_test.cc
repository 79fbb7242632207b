#include "base/diagnostic.h"

#include <gtest/gtest.h>

namespace vueops {
namespace {

TEST(DiagnosticTest, RendersSourceLineAndCaret) {
  SourceId file = RegisterSource("stack.yaml", "servers:\n  profiles:\n    instace_type: t3\n");
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.Error("spec.unknown-key", {file, 3, 5},
                                    "unknown key 'instace_type' in profile",
                                    "did you mean 'instance_type'?");
  d.length = 12;
  EXPECT_EQ(RenderDiagnostic(d, {}),
            "stack.yaml:3:5: error: unknown key 'instace_type' in profile [spec.unknown-key]\n"
            " 3 |     instace_type: t3\n"
            "   |     ^~~~~~~~~~~~\n"
            "  = hint: did you mean 'instance_type'?\n");
}

TEST(DiagnosticTest, CaretStaysOnTheLineAndControlBytesAreMasked) {
  SourceId file = RegisterSource("bad.yaml", std::string("a\x01\x02", 3));
  Diagnostic d;
  d.location = {file, 1, 2};
  d.length = 50;
  d.message = "bad byte";
  std::string text = RenderDiagnostic(d, {});
  EXPECT_NE(text.find(" 1 | a??\n"), std::string::npos) << text;
  EXPECT_NE(text.find("   |  ^~\n"), std::string::npos) << text;
}

TEST(DiagnosticTest, JsonAndSummary) {
  SourceId file = RegisterSource("s.yaml", "x: 1\n");
  Diagnostics diagnostics;
  diagnostics.Warning("VO100", {file, 1, 1}, "careful");
  diagnostics.Error("spec.type", {file, 1, 4}, "expected a list");
  diagnostics.SortByLocation();
  EXPECT_EQ(SummarizeDiagnostics(diagnostics), "1 error, 1 warning");
  EXPECT_EQ(diagnostics.items()[0].code, "VO100");
  std::string json = DiagnosticsToJson(diagnostics);
  EXPECT_NE(json.find("\"file\": \"s.yaml\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"errors\": 1"), std::string::npos) << json;
  EXPECT_EQ(SummarizeDiagnostics(Diagnostics()), "no problems");
}

TEST(DiagnosticTest, ColorWrapsOnlyWhenEnabled) {
  Diagnostic d;
  d.message = "m";
  EXPECT_EQ(RenderDiagnostic(d, {.color = false}), "error: m\n");
  EXPECT_NE(RenderDiagnostic(d, {.color = true}).find("\033["), std::string::npos);
}

}  // namespace
}  // namespace vueops
