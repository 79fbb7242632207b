#include "resources/elbv2_actions.h"

#include "resources/canonical_values.h"

namespace vueops::resources {
namespace {

// The values of a condition: its typed config's (PathPatternConfig, HostHeaderConfig), or the
// older flat Values AWS still fills in.
Json ConditionValues(const Json& condition, const char* config) {
  const Json typed = condition.value(config, Json::object());
  if (typed.contains("Values")) return typed["Values"];
  return condition.value("Values", Json::array());
}

}  // namespace

Json ActionFromAws(const Json& actions) {
  if (!actions.is_array() || actions.empty()) return Json::object();
  const Json& action = actions[0];
  std::string type = action.value("Type", "");
  if (type == "forward") {
    std::string target = action.value("TargetGroupArn", "");
    if (target.empty()) {
      // A forward to one group may be written as a ForwardConfig of one.
      const Json groups =
          action.value("ForwardConfig", Json::object()).value("TargetGroups", Json::array());
      if (groups.size() == 1) target = groups[0].value("TargetGroupArn", "");
    }
    return {{"type", "forward"}, {"target_group_arn", target}};
  }
  if (type == "redirect") {
    const Json redirect = action.value("RedirectConfig", Json::object());
    return {{"type", "redirect"},
            {"protocol", redirect.value("Protocol", "")},
            {"port", redirect.value("Port", "")},
            {"status_code", redirect.value("StatusCode", "")}};
  }
  return {{"type", type}};
}

Json ActionToAws(const Json& action) {
  if (action.value("type", "") == "redirect") {
    // Host, path and query keep their defaults (#{host}, /#{path}, #{query}): the same URL.
    return Json::array({Json{{"Type", "redirect"},
                             {"RedirectConfig",
                              {{"Protocol", action["protocol"]},
                               {"Port", action["port"]},
                               {"StatusCode", action["status_code"]}}}}});
  }
  return Json::array(
      {Json{{"Type", "forward"}, {"TargetGroupArn", action.value("target_group_arn", "")}}});
}

Json ConditionsFromAws(const Json& conditions) {
  Json paths = Json::array();
  Json hosts = Json::array();
  for (const Json& condition : conditions) {
    std::string field = condition.value("Field", "");
    Json& into = field == "path-pattern" ? paths : hosts;
    if (field != "path-pattern" && field != "host-header") continue;
    const char* config = field == "path-pattern" ? "PathPatternConfig" : "HostHeaderConfig";
    for (const Json& value : ConditionValues(condition, config)) into.push_back(value);
  }
  Json result = Json::object();
  if (!paths.empty()) result["path_patterns"] = SortedStrings(paths);
  if (!hosts.empty()) result["host_headers"] = SortedStrings(hosts);
  return result;
}

Json ConditionsToAws(const Json& conditions) {
  Json list = Json::array();
  if (conditions.contains("path_patterns")) {
    list.push_back({{"Field", "path-pattern"},
                    {"PathPatternConfig", {{"Values", conditions["path_patterns"]}}}});
  }
  if (conditions.contains("host_headers")) {
    list.push_back({{"Field", "host-header"},
                    {"HostHeaderConfig", {{"Values", conditions["host_headers"]}}}});
  }
  return list;
}

}  // namespace vueops::resources
