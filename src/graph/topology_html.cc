#include "graph/topology_html.h"

namespace vueops::graph {
namespace {

constexpr std::string_view kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       margin: 1rem; color: #1f2d3d; background: #ffffff; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
p.hint { margin: 0 0 .6rem; color: #52606d; font-size: .9rem; }
ul.legend { list-style: none; padding: 0; margin: 0 0 .8rem; display: flex; flex-wrap: wrap;
            gap: .3rem 1.2rem; font-size: .85rem; }
ul.legend span { display: inline-block; width: 1.6rem; height: 0; margin-right: .4rem;
                 vertical-align: middle; border-top: 3px solid; }
#topology { overflow: auto; border: 1px solid #d9e2ec; border-radius: 6px; }
#topology svg { display: block; max-width: none; height: auto; }
#topology g.node { cursor: pointer; }
#topology svg.focus g.node, #topology svg.focus g.edge { opacity: .15; transition: opacity .1s; }
#topology svg.focus g.lit { opacity: 1; }
#topology svg.focus g.edge.lit path { stroke-width: 3; }
)css";

// Lights a node, its edges and its neighbours while it is hovered or focused. The edges' SVG
// ids ("e7-n3-n12": edge 7 from n3 to n12) say which nodes they join (graph/topology_dot.h).
constexpr std::string_view kScript = R"js(
(function () {
  "use strict";
  var svg = document.querySelector("#topology svg");
  if (!svg) return;
  var links = {};
  var edges = svg.querySelectorAll("g.edge");
  for (var i = 0; i < edges.length; i++) {
    var parts = edges[i].id.split("-");
    if (parts.length !== 3) continue;
    (links[parts[1]] = links[parts[1]] || []).push([edges[i], parts[2]]);
    (links[parts[2]] = links[parts[2]] || []).push([edges[i], parts[1]]);
  }
  function light(node, on) {
    var lit = [node];
    (links[node.id] || []).forEach(function (link) {
      lit.push(link[0]);
      var other = document.getElementById(link[1]);
      if (other) lit.push(other);
    });
    lit.forEach(function (element) { element.classList.toggle("lit", on); });
    svg.classList.toggle("focus", on);
  }
  var nodes = svg.querySelectorAll("g.node");
  for (var j = 0; j < nodes.length; j++) {
    (function (node) {
      node.setAttribute("tabindex", "0");
      node.addEventListener("mouseenter", function () { light(node, true); });
      node.addEventListener("mouseleave", function () { light(node, false); });
      node.addEventListener("focus", function () { light(node, true); });
      node.addEventListener("blur", function () { light(node, false); });
    })(nodes[j]);
  }
})();
)js";

constexpr std::string_view kLegend = R"html(<ul class="legend">
<li><span style="border-color:#c0392b"></span>allowed from the internet (ports)</li>
<li><span style="border-color:#b9770e"></span>allowed from the DevOps IPs</li>
<li><span style="border-color:#1f2d3d"></span>allowed between security groups</li>
<li><span style="border-color:#9aa5b1;border-top-style:dashed"></span>member of a security group</li>
<li><span style="border-color:#2e7d32"></span>load balancer routes</li>
<li><span style="border-color:#00796b"></span>DNS records</li>
<li><span style="border-color:#7b1fa2"></span>CloudFront origins</li>
<li><span style="border-color:#5d6d7e;border-top-style:dashed"></span>replication</li>
</ul>
)html";

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderTopologyHtml(std::string_view title, std::string_view svg) {
  size_t start = svg.find("<svg");
  if (start != std::string_view::npos) svg.remove_prefix(start);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + EscapeHtml(title) + "</title>\n";
  out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>" + EscapeHtml(title) + "</h1>\n";
  out +=
      "<p class=\"hint\">Made by <code>vueops graph</code> from the spec, as <code>vueops "
      "apply</code> builds it. Hover over a node to light its flows.</p>\n";
  out += kLegend;
  out += "<div id=\"topology\">\n";
  out += svg;
  out += "</div>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace vueops::graph
