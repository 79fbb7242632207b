// Running graphviz's `dot` to turn DOT text into SVG: the one place vueops starts it, so the
// `graph` command's SVG and HTML views (and their tests) share one error when it is missing.
#ifndef VUEOPS_CLI_GRAPHVIZ_H_
#define VUEOPS_CLI_GRAPHVIZ_H_

#include <string>

#include "base/status.h"

namespace vueops::cli {

// The SVG `program` (found on PATH) draws from `dot_text`, run as `program -Tsvg`.
// kFailedPrecondition when the program is not installed, saying to install graphviz;
// kInternal when it fails, with what it printed on its error output.
Result<std::string> RenderSvgWithGraphviz(const std::string& dot_text,
                                          const std::string& program = "dot");

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_GRAPHVIZ_H_
