// The topology as one self-contained HTML page: the SVG graphviz drew, inline, with inline CSS
// and a little inline script that, on hovering (or focusing) a node, lights its edges and
// neighbours and dims the rest. Nothing is fetched: no fonts, scripts or images from anywhere,
// so the page works offline and from a file:// URL.
#ifndef VUEOPS_GRAPH_TOPOLOGY_HTML_H_
#define VUEOPS_GRAPH_TOPOLOGY_HTML_H_

#include <string>
#include <string_view>

namespace vueops::graph {

// `svg` is `dot -Tsvg` output of RenderTopologyDot (its XML declaration and doctype are
// dropped: they have no place inside HTML). `title` is escaped.
std::string RenderTopologyHtml(std::string_view title, std::string_view svg);

// `text` with &, <, >, " escaped for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_TOPOLOGY_HTML_H_
