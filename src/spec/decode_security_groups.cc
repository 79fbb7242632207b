// Decoding security groups (notes: "Network Security Groups").
#include <charconv>

#include "spec/decode.h"

namespace vueops::spec {
namespace {

bool ParsePort(std::string_view text, int* port) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *port);
  return !text.empty() && error == std::errc() && end == text.data() + text.size() &&
         *port >= 0 && *port <= 65535;
}

// "80", "8000-8010" or "all".
bool ReadPorts(DecodeContext& context, const Node& node, const std::string& what,
               PortRange* out) {
  std::string text;
  if (!ReadString(context, node, what, &text)) return false;
  if (text == "all") {
    *out = {0, 65535};
    return true;
  }
  size_t dash = text.find('-');
  PortRange range;
  std::string_view first = std::string_view(text).substr(0, dash);
  std::string_view last =
      dash == std::string::npos ? first : std::string_view(text).substr(dash + 1);
  bool ok = ParsePort(first, &range.from) && ParsePort(last, &range.to);
  if (!ok) {
    // Digits that only fail the range say so; anything else is not a port at all.
    bool digits = !first.empty() && !last.empty() &&
                  first.find_first_not_of("0123456789") == std::string_view::npos &&
                  last.find_first_not_of("0123456789") == std::string_view::npos;
    context.Error("spec.port", node,
                  what + ": " +
                      (digits ? "'" + text + "' goes past 65535, the highest port"
                              : "'" + text + "' is not a port or port range"),
                  "write a port from 0 to 65535 (443), a range (8000-8010) or 'all'");
    return false;
  }
  if (range.from > range.to) {
    context.Error("spec.port", node, what + ": the range '" + text + "' runs backwards",
                  "write the lower port first: " + std::to_string(range.to) + "-" +
                      std::to_string(range.from));
    return false;
  }
  *out = range;
  return true;
}

bool LooksLikeCidr(const std::string& text) {
  return !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) ||
                           text.find(':') != std::string::npos);
}

void ReadSources(DecodeContext& context, const Node& node, const std::string& what,
                 std::vector<RuleSource>* out) {
  std::vector<const Node*> items;
  if (node.is_sequence()) {
    for (const NodePtr& item : node.items) items.push_back(item.get());
  } else {
    items.push_back(&node);
  }
  for (const Node* item : items) {
    std::string text;
    if (!ReadString(context, *item, what, &text)) continue;
    RuleSource source;
    source.location = item->location;
    if (text == "world") {
      source.kind = RuleSource::Kind::kWorld;
    } else if (text == "devops_ips") {
      source.kind = RuleSource::Kind::kDevopsIps;
    } else if (text == "self") {
      source.kind = RuleSource::Kind::kSelf;
    } else if (LooksLikeCidr(text)) {
      Result<Cidr> cidr = ParseCidr(text, /*allow_bare_address=*/true);
      if (!cidr.ok()) {
        context.Error("spec.cidr", *item, what + ": " + cidr.status().message());
        continue;
      }
      source.kind = cidr->IsWorld() ? RuleSource::Kind::kWorld : RuleSource::Kind::kCidr;
      source.cidr = *cidr;
    } else {
      source.kind = RuleSource::Kind::kSecurityGroup;
      source.security_group = text;  // resolved against the environment's groups later
    }
    out->push_back(std::move(source));
  }
}

void DecodeRule(DecodeContext& context, const Node& node, const std::string& what,
                IngressRule* rule) {
  MapReader reader(context, &node, what, rule, true);
  std::string protocol = rule->protocol;
  if (reader.String("protocol", &protocol)) {
    if (protocol == "tcp" || protocol == "udp" || protocol == "icmp" || protocol == "all") {
      rule->protocol = protocol;
    } else {
      ReportBadEnum(context, *reader.Get("protocol"), "protocol of " + what,
                    {"tcp", "udp", "icmp", "all"});
    }
  }
  if (const Node* ports = reader.Get("ports")) {
    ReadPorts(context, *ports, "ports of " + what, &rule->ports);
  } else if (rule->protocol == "all") {
    rule->ports = {0, 65535};
  } else {
    reader.Require("ports", "ports: 443");
  }
  if (const Node* from = reader.Require("from", "from: load_balancer")) {
    ReadSources(context, *from, "from of " + what, &rule->sources);
  }
  reader.String("description", &rule->description);
  reader.Finish();
}

}  // namespace

void DecodeSecurityGroups(DecodeContext& context, MapReader& environment,
                          std::vector<SecurityGroup>* out) {
  environment.EachEntry("security_groups", "security groups", [&](const MapEntry& entry) {
    SecurityGroup& group = out->emplace_back();
    group.name = entry.key;
    std::string what = "security group '" + entry.key + "'";
    MapReader reader(context, entry.value.get(), what, &group);
    if (entry.value->is_null()) group.location = entry.key_location;
    reader.String("description", &group.description);
    int index = 0;
    reader.EachItem("ingress", "rules", [&](const Node& item) {
      ++index;
      DecodeRule(context, item, "ingress rule " + std::to_string(index) + " of " + what,
                 &group.ingress.emplace_back());
    });
    reader.Finish();
  });
}

}  // namespace vueops::spec
