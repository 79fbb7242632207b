// The issue's browser check of `vueops graph --format html`: the example's page opened in
// headless Chromium (Debian's `chromium`) from a file:// URL, every node hovered and focused by
// a test script, and the run failed on any console message. The page logs nothing by design,
// so any message (an uncaught exception, console.error, a refused load) is a failure.
//
// Detection reads Chromium's own log (--enable-logging=stderr): it writes each console
// message as a line holding "CONSOLE" ("INFO:CONSOLE:12] "msg", source: file:///... (12)";
// before Chromium 112 "INFO:CONSOLE(12)]"). So that this check cannot pass by matching
// nothing, the same runner first loads deliberately broken pages and must see their errors.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/file.h"
#include "support/program_on_path.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kExample = VUEOPS_SOURCE_DIR "/examples/vueocity";
constexpr const char* kNoChromium =
    "chromium is not installed, so the HTML page was not opened in a browser: apt-get install "
    "chromium (scripts/bootstrap installs it), or point VUEOPS_CHROMIUM at a Chromium binary";
constexpr const char* kNoGraphviz =
    "graphviz's dot is not installed, so there is no HTML page to open: apt-get install graphviz "
    "(scripts/bootstrap installs it)";

// Hovers, leaves, focuses and blurs every node of the page's picture, checking that hovering
// lights something and that leaving puts it back, then records on <body> how many nodes it
// went through (data-hovered) and the most elements one node lit (data-most-lit). An
// exception here, or in the page's handlers it sets off, is an uncaught error in the log.
constexpr const char* kHoverEveryNode = R"html(<script>
(function () {
  var svg = document.querySelector("#topology svg");
  var nodes = svg.querySelectorAll("g.node");
  var most = 0;
  for (var i = 0; i < nodes.length; i++) {
    nodes[i].dispatchEvent(new MouseEvent("mouseenter"));
    if (!svg.classList.contains("focus")) throw new Error("hovering " + nodes[i].id + " dims nothing");
    most = Math.max(most, svg.querySelectorAll(".lit").length);
    nodes[i].dispatchEvent(new MouseEvent("mouseleave"));
    nodes[i].dispatchEvent(new FocusEvent("focus"));
    nodes[i].dispatchEvent(new FocusEvent("blur"));
  }
  if (svg.querySelectorAll(".lit").length !== 0 || svg.classList.contains("focus")) {
    throw new Error("leaving the nodes left the picture lit");
  }
  document.body.setAttribute("data-hovered", String(nodes.length));
  document.body.setAttribute("data-most-lit", String(most));
})();
</script>
)html";

std::string ChromiumPath() {
  const char* configured = std::getenv("VUEOPS_CHROMIUM");
  if (configured != nullptr && configured[0] != '\0') return configured;
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::string path = test_support::ProgramOnPath(name);
    if (!path.empty()) return path;
  }
  return "";
}

struct BrowserRun {
  int exit_code = -1;
  std::string dom;  // the document after its scripts ran (--dump-dom)
  std::string log;  // Chromium's log, console messages included
};

// Opens file://`page` in headless Chromium, with a profile, home and caches of its own under
// `scratch`, and nothing fetched from the network (the page is a file; background services
// off).
BrowserRun OpenInChromium(const std::string& chromium, const std::string& page,
                          const std::string& scratch) {
  std::string dom_file = scratch + "/dom.html", log_file = scratch + "/chromium.log";
  std::vector<std::string> args = {chromium,
                                   "--headless=new",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--enable-logging=stderr",
                                   "--v=0",
                                   "--virtual-time-budget=3000",
                                   "--user-data-dir=" + scratch + "/profile",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--dump-dom",
                                   "file://" + page};
  pid_t child = ::fork();
  if (child == 0) {
    int out = ::open(dom_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::setenv("HOME", scratch.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (scratch + "/config").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (scratch + "/cache").c_str(), 1);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  BrowserRun run;
  int status = 0;
  if (child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  }
  run.dom = ReadFile(dom_file).value_or("");
  run.log = ReadFile(log_file).value_or("");
  return run;
}

// The console messages in Chromium's log, and any line about an uncaught exception.
std::vector<std::string> ConsoleMessages(const std::string& log) {
  std::vector<std::string> messages;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos) {
      messages.push_back(line);
    }
  }
  return messages;
}

std::string Describe(const BrowserRun& run) {
  return "chromium exit " + std::to_string(run.exit_code) + "; its log:\n" + run.log;
}

class GraphHtmlBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = ChromiumPath();
    if (chromium_.empty()) GTEST_SKIP() << kNoChromium;
    char pattern[] = "/tmp/vueops_graph_browser_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Writes `html` as `name` and opens it.
  BrowserRun Open(const std::string& name, const std::string& html) {
    std::string page = dir_ + "/" + name;
    EXPECT_TRUE(WriteFileAtomic(page, html).ok());
    std::string scratch = dir_ + "/" + name + ".chromium";
    std::filesystem::create_directories(scratch);
    return OpenInChromium(chromium_, page, scratch);
  }

  // `html` with the hovering script before </body>.
  static std::string WithHovering(std::string html) {
    size_t end = html.rfind("</body>");
    EXPECT_NE(end, std::string::npos);
    if (end != std::string::npos) html.insert(end, kHoverEveryNode);
    return html;
  }

  std::string chromium_;
  std::string dir_;
};

// The detector itself: a page with errors must be caught, or the real check proves nothing.
TEST_F(GraphHtmlBrowserTest, CatchesTheErrorsOfABrokenPage) {
  BrowserRun thrown = Open("thrown.html",
                           "<!DOCTYPE html><html><body><p>broken</p>"
                           "<script>notAFunction();</script></body></html>");
  EXPECT_THAT(ConsoleMessages(thrown.log),
              ElementsAre(HasSubstr("Uncaught ReferenceError: notAFunction is not defined")))
      << Describe(thrown);
  EXPECT_THAT(thrown.dom, HasSubstr("<p>broken</p>")) << "the page did load";

  BrowserRun logged = Open("logged.html",
                           "<!DOCTYPE html><html><body>"
                           "<script>console.error('broken on purpose');</script></body></html>");
  EXPECT_THAT(ConsoleMessages(logged.log), ElementsAre(HasSubstr("broken on purpose")))
      << Describe(logged);
}

// An error in a hover handler shows only when something hovers: the hovering script must set
// it off, or the example's check would miss errors in the page's handlers.
TEST_F(GraphHtmlBrowserTest, CatchesAnErrorInAHoverHandler) {
  std::string page =
      "<!DOCTYPE html><html><body><div id=\"topology\"><svg><g id=\"n0\" class=\"node\">"
      "<title>a</title></g></svg></div><script>document.getElementById('n0')"
      ".addEventListener('mouseenter', function () { this.missing.method(); });</script>"
      "</body></html>";
  BrowserRun run = Open("handler.html", WithHovering(page));
  // The handler's TypeError, then the hovering script's own complaint that nothing lit.
  EXPECT_THAT(ConsoleMessages(run.log),
              ElementsAre(HasSubstr("Uncaught TypeError: Cannot read properties of undefined"),
                          HasSubstr("Uncaught Error: hovering n0 dims nothing")))
      << Describe(run);
  EXPECT_THAT(run.dom, Not(HasSubstr("data-hovered=")));
}

TEST_F(GraphHtmlBrowserTest, TheExamplePageHasNoConsoleErrors) {
  if (test_support::ProgramOnPath("dot").empty()) GTEST_SKIP() << kNoGraphviz;
  std::string page = dir_ + "/vueocity.html";
  test_support::VueopsRun made =
      test_support::RunVueops(dir_, {"graph", kExample, "--format", "html", "--out", page});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  Result<std::string> html = ReadFile(page);
  ASSERT_TRUE(html.ok());

  // The page as vueops wrote it: its own script runs (it makes every node focusable).
  BrowserRun plain = Open("vueocity-plain.html", *html);
  EXPECT_THAT(ConsoleMessages(plain.log), IsEmpty()) << Describe(plain);
  EXPECT_THAT(plain.dom, HasSubstr("<svg "));
  EXPECT_THAT(plain.dom, ContainsRegex("<g id=\"n[0-9]+\" class=\"node\" tabindex=\"0\">"));

  // And with every node hovered and focused.
  BrowserRun hovered = Open("vueocity-hovered.html", WithHovering(*html));
  EXPECT_THAT(ConsoleMessages(hovered.log), IsEmpty()) << Describe(hovered);
  EXPECT_THAT(hovered.dom, ContainsRegex("data-hovered=\"[1-9][0-9]+\""));
  EXPECT_THAT(hovered.dom, ContainsRegex("data-most-lit=\"([3-9]|[1-9][0-9]+)\""));
}

}  // namespace
}  // namespace vueops::cli
