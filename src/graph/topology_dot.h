// The topology (graph/topology.h) as graphviz DOT text: `vueops graph --format dot`, and the
// input of `dot -Tsvg` for the SVG and HTML views. Pure and deterministic: the same topology
// gives the same bytes.
#ifndef VUEOPS_GRAPH_TOPOLOGY_DOT_H_
#define VUEOPS_GRAPH_TOPOLOGY_DOT_H_

#include <string>
#include <string_view>

#include "graph/topology.h"

namespace vueops::graph {

// The DOT text of `topology`: accounts, environments, VPCs and availability zones as nested
// clusters; nodes shaped and coloured by kind; allowed flows as bold edges labelled with their
// ports. Every node and edge carries an SVG id ("n12"; "e7-n3-n12" for an edge from n3 to
// n12) that the HTML view's script reads to light a node's edges.
std::string RenderTopologyDot(const Topology& topology);

// `text` as a DOT double-quoted string, quotes included: '"' and '\' escaped, line breaks as
// \n, other control characters dropped. Node ids are written this way; DOT keeps a backslash
// that does not precede '"', so an id holding one reads back with it doubled, still unique.
std::string DotString(std::string_view text);

// `text` as a DOT label: DotString, with '&' written as "&amp;" (graphviz reads HTML entities
// in every label, so "&lt;" would otherwise show as "<"). '\' shows as itself; each '\n' of
// `text` is a centred line.
std::string DotLabel(std::string_view text);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_TOPOLOGY_DOT_H_
