// The HTML page around graphviz's SVG: self-contained, the SVG inline, the title escaped.
#include "graph/topology_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::graph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kSvg =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
    " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
    "<svg width=\"80pt\" height=\"40pt\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    "<g id=\"n0\" class=\"node\"><title>a</title></g>\n</svg>\n";

TEST(TopologyHtmlTest, InlinesTheSvgWithoutItsXmlPrologue) {
  std::string html = RenderTopologyHtml("vueocity topology: prod", kSvg);
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<div id=\"topology\">\n<svg width=\"80pt\""));
  EXPECT_THAT(html, Not(HasSubstr("<?xml")));
  EXPECT_THAT(html, Not(HasSubstr("svg11.dtd")));
  EXPECT_THAT(html, HasSubstr("<title>vueocity topology: prod</title>"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
}

TEST(TopologyHtmlTest, FetchesNothing) {
  std::string html = RenderTopologyHtml("t", kSvg);
  for (const char* external : {"<link", " src=", "href=", "@import", "url(", "https://"}) {
    EXPECT_THAT(html, Not(HasSubstr(external))) << external;
  }
  EXPECT_THAT(html, HasSubstr("<style>"));
  EXPECT_THAT(html, HasSubstr("<script>"));
}

TEST(TopologyHtmlTest, EscapesTheTitle) {
  std::string html = RenderTopologyHtml("<b>&\"x\"</b>", kSvg);
  EXPECT_THAT(html, HasSubstr("<title>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</title>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_EQ(EscapeHtml("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
}

}  // namespace
}  // namespace vueops::graph
