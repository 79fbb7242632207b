// Maintenance mode through Route53 failover (notes: "CloudFront": "CF is used for the error
// page of last resort ... it can be used both as a 'down for maintenance' page"; "Can have
// Route 53, due to DNS health failover route requests to CF"). The spec's failover pairs (a
// primary record on the load balancer carrying a health check, a secondary aliasing a
// CloudFront distribution) already send traffic to CloudFront when the site fails; inverting
// the primary's health check makes Route53 treat the site as failed on purpose, and inverting it
// back restores it. Nothing else changes, and `vueops plan` does not track the inversion, so a
// plan during maintenance shows no change.
#ifndef VUEOPS_OPS_MAINTENANCE_H_
#define VUEOPS_OPS_MAINTENANCE_H_

#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"
#include "spec/environment.h"

namespace vueops::ops {

// One health check whose inversion fails over `names` to `distribution`.
struct MaintenanceSwitch {
  std::string health_check;        // the spec's dns.health_checks name
  std::vector<std::string> names;  // "vueocity.com", "www.vueocity.com"
  std::string distribution;        // the cdn distribution the secondaries alias
};

// The switches of `environment`'s failover pairs. kFailedPrecondition when it has none, saying
// which records to add.
Result<std::vector<MaintenanceSwitch>> MaintenanceSwitches(const spec::Environment& environment);

// Whether health check `id` is inverted (maintenance on), by Route53 GetHealthCheck.
Result<bool> HealthCheckInverted(client::AwsClient& route53, const std::string& id);

// Sets the inversion of health check `id` when it differs; returns whether it changed.
Result<bool> SetHealthCheckInverted(client::AwsClient& route53, const std::string& id,
                                    bool inverted);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_MAINTENANCE_H_
