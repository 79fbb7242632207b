#include "plan/render.h"

#include <algorithm>

#include "base/terminal.h"

namespace vueops::plan {
namespace {

// Values longer than this are printed over several indented lines.
constexpr size_t kInlineWidth = 80;

std::string_view ActionStyle(Action action) {
  switch (action) {
    case Action::kCreate: return kStyleGreen;
    case Action::kUpdate: return kStyleYellow;
    case Action::kReplace: return kStyleYellow;
    case Action::kDelete: return kStyleRed;
    case Action::kAdopt: return kStyleCyan;
    case Action::kNoop: return "";
  }
  return "";
}

std::string Headline(const Change& change) {
  switch (change.action) {
    case Action::kCreate: return "will be created";
    case Action::kUpdate: return "will be updated in place";
    case Action::kReplace: return "must be replaced";
    case Action::kDelete: return "will be destroyed";
    case Action::kAdopt: return "will be adopted";
    case Action::kNoop: return "is up to date";
  }
  return "";
}

std::string FormatValue(const Json& value, const std::string& indent) {
  if (value.is_null()) return "null";
  std::string compact = DumpJson(value);
  if (compact.size() <= kInlineWidth || !(value.is_object() || value.is_array())) return compact;
  std::string pretty = DumpJson(value, 2);
  std::string out;
  for (char c : pretty) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string PlanSummary(const Plan& plan) {
  std::string text = "Plan: " + std::to_string(plan.Count(Action::kCreate)) + " to add, " +
                     std::to_string(plan.Count(Action::kUpdate)) + " to change, ";
  if (plan.Count(Action::kReplace)) {
    text += std::to_string(plan.Count(Action::kReplace)) + " to replace, ";
  }
  if (plan.Count(Action::kAdopt)) {
    text += std::to_string(plan.Count(Action::kAdopt)) + " to adopt, ";
  }
  text += std::to_string(plan.Count(Action::kDelete)) + " to destroy.";
  return text;
}

std::string RenderPlan(const Plan& plan, const RenderOptions& options) {
  Style style(options.color);
  if (!plan.HasChanges()) {
    return "No changes. The live accounts match the spec.\n";
  }
  std::string out = "vueops will perform these actions:\n";
  for (const Change& change : plan.changes) {
    if (change.is_noop()) continue;
    std::string_view colour = ActionStyle(change.action);
    std::string where = change.account.empty() ? "management account" : change.account;
    if (!change.region.empty()) where += ", " + change.region;
    out += "\n  " + style.Apply(kStyleBold, "# " + change.address + " " + Headline(change));
    if (!change.reason.empty()) out += " (" + change.reason + ")";
    out += "\n";
    std::string symbol(ActionSymbol(change.action));
    symbol.insert(0, 3 - std::min<size_t>(3, symbol.size()), ' ');
    out += style.Apply(colour, symbol) + " " +
           std::string(change.type != nullptr ? change.type->name() : "?") + " \"" +
           change.address + "\"  " + style.Apply(kStyleDim, "[" + where + "]") + "\n";
    size_t width = 0;
    for (const AttributeChange& attribute : change.attributes) {
      width = std::max(width, attribute.name.size());
    }
    for (const AttributeChange& attribute : change.attributes) {
      std::string name = attribute.name;
      name.resize(width, ' ');
      std::string indent(10 + width + 3, ' ');
      std::string line;
      if (change.action == Action::kCreate) {
        line = style.Apply(kStyleGreen, "+") + " " + name + " = " +
               FormatValue(attribute.after, indent);
      } else if (change.action == Action::kDelete) {
        line = style.Apply(kStyleRed, "-") + " " + name + " = " +
               FormatValue(attribute.before, indent);
      } else {
        line = style.Apply(kStyleYellow, "~") + " " + name + " = " +
               FormatValue(attribute.before, indent) + " -> " +
               FormatValue(attribute.after, indent);
        if (attribute.forces_replacement) line += style.Apply(kStyleRed, "  # forces replacement");
      }
      out += "      " + line + "\n";
    }
  }
  out += "\n" + style.Apply(kStyleBold, PlanSummary(plan)) + "\n";
  return out;
}

Json PlanToJson(const Plan& plan) {
  Json changes = Json::array();
  for (const Change& change : plan.changes) {
    if (change.is_noop()) continue;
    Json item;
    item["address"] = change.address;
    item["type"] = change.type != nullptr ? std::string(change.type->name()) : "";
    item["account"] = change.account;
    item["region"] = change.region;
    item["action"] = ActionName(change.action);
    if (!change.reason.empty()) item["reason"] = change.reason;
    Json attributes = Json::array();
    for (const AttributeChange& attribute : change.attributes) {
      attributes.push_back({{"name", attribute.name},
                            {"before", attribute.before},
                            {"after", attribute.after},
                            {"forces_replacement", attribute.forces_replacement}});
    }
    item["attributes"] = std::move(attributes);
    changes.push_back(std::move(item));
  }
  Json root;
  root["format_version"] = "1";
  root["lineage"] = plan.lineage;
  root["serial"] = plan.serial;
  root["destroy"] = plan.destroy;
  root["changes"] = std::move(changes);
  root["summary"] = {{"create", plan.Count(Action::kCreate)},
                     {"update", plan.Count(Action::kUpdate)},
                     {"replace", plan.Count(Action::kReplace)},
                     {"delete", plan.Count(Action::kDelete)},
                     {"adopt", plan.Count(Action::kAdopt)}};
  root["refresh_calls"] = plan.refresh_calls;
  return root;
}

}  // namespace vueops::plan
