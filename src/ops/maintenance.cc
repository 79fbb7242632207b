#include "ops/maintenance.h"

#include <algorithm>
#include <map>

namespace vueops::ops {
namespace {

// spec/edge.h, Record::alias: "cdn.<distribution>".
constexpr std::string_view kCdnPrefix = "cdn.";

std::string FullName(const spec::Zone& zone, const std::string& name) {
  return name.empty() || name == "@" ? zone.domain : name + "." + zone.domain;
}

}  // namespace

Result<std::vector<MaintenanceSwitch>> MaintenanceSwitches(const spec::Environment& environment) {
  std::vector<MaintenanceSwitch> switches;
  if (environment.dns.has_value()) {
    for (const spec::Zone& zone : environment.dns->zones) {
      // The secondary of each (name, type): the distribution it aliases.
      std::map<std::pair<std::string, std::string>, std::string> secondaries;
      for (const spec::Record& record : zone.records) {
        if (record.failover == "secondary" && record.alias.rfind(kCdnPrefix, 0) == 0) {
          secondaries[{FullName(zone, record.name), record.type}] =
              record.alias.substr(kCdnPrefix.size());
        }
      }
      for (const spec::Record& record : zone.records) {
        if (record.failover != "primary" || record.health_check.empty()) continue;
        std::string name = FullName(zone, record.name);
        auto secondary = secondaries.find({name, record.type});
        if (secondary == secondaries.end()) continue;
        MaintenanceSwitch* found = nullptr;
        for (MaintenanceSwitch& existing : switches) {
          if (existing.health_check == record.health_check) found = &existing;
        }
        if (found == nullptr) {
          switches.push_back({record.health_check, {}, secondary->second});
          found = &switches.back();
        }
        if (std::find(found->names.begin(), found->names.end(), name) == found->names.end()) {
          found->names.push_back(name);
        }
      }
    }
  }
  if (switches.empty()) {
    return FailedPreconditionError(
        "environment " + environment.name +
        " has no Route53 failover pair to switch: maintenance mode inverts the health check of a "
        "primary record so that Route53 answers with its secondary, CloudFront's error page of "
        "last resort. Add, under dns.zones.<zone>.records: {name: \"@\", type: A, alias: "
        "load_balancer, failover: primary, health_check: site} and {name: \"@\", type: A, "
        "alias: cdn.public, failover: secondary}, with dns.health_checks.site, then vueops "
        "apply");
  }
  return switches;
}

Result<bool> HealthCheckInverted(client::AwsClient& route53, const std::string& id) {
  ASSIGN_OR_RETURN(Json answer, route53.Call("route53", "GetHealthCheck", {{"HealthCheckId", id}}));
  const Json check = answer.value("HealthCheck", Json::object());
  return check.value("HealthCheckConfig", Json::object()).value("Inverted", false);
}

Result<bool> SetHealthCheckInverted(client::AwsClient& route53, const std::string& id,
                                    bool inverted) {
  ASSIGN_OR_RETURN(bool current, HealthCheckInverted(route53, id));
  if (current == inverted) return false;
  RETURN_IF_ERROR(
      route53.Call("route53", "UpdateHealthCheck", {{"HealthCheckId", id}, {"Inverted", inverted}})
          .status());
  return true;
}

}  // namespace vueops::ops
