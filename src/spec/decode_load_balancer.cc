// Decoding certificates: (notes: "Keys and SSL certificates") and load_balancer: ("ELB").
#include "spec/decode.h"

namespace vueops::spec {
namespace {

void DecodeHealthCheck(DecodeContext& context, const Node* node, const std::string& what,
                       HealthCheck* check) {
  MapReader reader(context, node, "health_check of " + what, check);
  if (reader.String("path", &check->path) && check->path.rfind('/', 0) != 0) {
    context.Error("spec.value", *reader.Get("path"), "health check path must start with '/'");
  }
  std::string protocol;
  if (reader.String("protocol", &protocol)) {
    if (protocol == "HTTP" || protocol == "HTTPS") {
      check->protocol = protocol;
    } else {
      ReportBadEnum(context, *reader.Get("protocol"), "health check protocol", {"HTTP", "HTTPS"});
    }
  }
  // ELBv2 target group health checks: interval 5-300 s, thresholds 2-10.
  reader.Integer("interval_seconds", &check->interval_seconds, 5, 300);
  reader.Integer("healthy_threshold", &check->healthy_threshold, 2, 10);
  reader.Integer("unhealthy_threshold", &check->unhealthy_threshold, 2, 10);
  reader.String("matcher", &check->matcher);
  reader.Finish();
}

void DecodeTargetGroup(DecodeContext& context, const MapEntry& entry, TargetGroup* group) {
  group->name = entry.key;
  std::string what = "target group '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, group);
  if (entry.value->is_null()) group->location = entry.key_location;
  reader.Integer("port", &group->port, 1, 65535);
  std::string protocol;
  if (reader.String("protocol", &protocol)) {
    if (protocol == "HTTP" || protocol == "HTTPS") {
      group->protocol = protocol;
    } else {
      ReportBadEnum(context, *reader.Get("protocol"), "protocol of " + what, {"HTTP", "HTTPS"});
    }
  }
  DecodeHealthCheck(context, reader.Get("health_check"), what, &group->health_check);
  if (const Node* sticky = reader.Get("stickiness")) {
    if (sticky->is_mapping()) {
      MapReader stickiness(context, sticky, "stickiness of " + what);
      group->stickiness = true;
      stickiness.Boolean("enabled", &group->stickiness);
      // lb_cookie duration: 1 second to 7 days (ELBv2 target group attributes).
      stickiness.Integer("duration_seconds", &group->stickiness_seconds, 1, 604800);
      stickiness.Finish();
    } else {
      ReadBoolean(context, *sticky, "stickiness of " + what, &group->stickiness);
    }
  }
  reader.Integer("deregistration_delay_seconds", &group->deregistration_delay_seconds, 0, 3600);
  reader.Finish();
}

void DecodeListener(DecodeContext& context, const Node& node, const std::string& what,
                    Listener* listener) {
  MapReader reader(context, &node, what, listener, true);
  // A port that is missing or invalid is already reported; 0 keeps the default (80) out of
  // the duplicate-port check.
  if (!reader.Integer("port", &listener->port, 1, 65535, true)) listener->port = 0;
  std::string protocol;
  if (reader.String("protocol", &protocol, true)) {
    if (protocol == "HTTP" || protocol == "HTTPS") {
      listener->protocol = protocol;
    } else {
      ReportBadEnum(context, *reader.Get("protocol"), "protocol of " + what, {"HTTP", "HTTPS"});
    }
  }
  reader.String("certificate", &listener->certificate);
  reader.String("ssl_policy", &listener->ssl_policy);
  reader.String("default_target_group", &listener->default_target_group);
  reader.Boolean("redirect_to_https", &listener->redirect_to_https);
  if (listener->protocol == "HTTPS" && listener->certificate.empty() && reader.ok() &&
      !reader.Misspelt("certificate")) {
    context.Error("spec.missing", node.location, "HTTPS " + what + " needs a certificate",
                  "notes ELB: \"Load certificates into 443 listener (ACM easiest)\"");
  }
  if (listener->protocol == "HTTP" && !listener->certificate.empty()) {
    context.Error("spec.value", listener->At("certificate"),
                  "an HTTP listener cannot use a certificate", "set protocol: HTTPS");
  }
  if (listener->default_target_group.empty() && !listener->redirect_to_https && reader.ok() &&
      !reader.Misspelt("default_target_group")) {
    context.Error("spec.missing", node.location,
                  what + " needs a default_target_group (or redirect_to_https: true)");
  }
  reader.Finish();
}

}  // namespace

void DecodeCertificates(DecodeContext& context, MapReader& environment,
                        std::vector<Certificate>* out) {
  environment.EachEntry("certificates", "certificates", [&](const MapEntry& entry) {
    Certificate& certificate = out->emplace_back();
    certificate.name = entry.key;
    std::string what = "certificate '" + entry.key + "'";
    MapReader reader(context, entry.value.get(), what, &certificate, true);
    reader.String("arn", &certificate.arn);
    reader.String("domain", &certificate.domain, certificate.arn.empty());
    reader.StringList("alternative_names", &certificate.alternative_names);
    reader.String("region", &certificate.region);
    reader.String("validation_zone", &certificate.validation_zone);
    if (!certificate.arn.empty() && certificate.arn.rfind("arn:aws", 0) != 0) {
      context.Error("spec.value", *reader.Get("arn"), "arn of " + what + " is not an ARN");
    }
    reader.Finish();
  });
}

void DecodeLoadBalancer(DecodeContext& context, const Node& node, LoadBalancer* out) {
  MapReader reader(context, &node, "load_balancer", out, true);
  std::string scheme;
  if (reader.String("scheme", &scheme)) {
    if (scheme == "internet-facing" || scheme == "internal") {
      out->scheme = scheme;
    } else {
      ReportBadEnum(context, *reader.Get("scheme"), "scheme", {"internet-facing", "internal"});
    }
  }
  reader.StringList("security_groups", &out->security_groups);
  reader.Integer("idle_timeout_seconds", &out->idle_timeout_seconds, 1, 4000);
  int index = 0;
  reader.EachItem("listeners", "listeners", [&](const Node& item) {
    DecodeListener(context, item, "listener " + std::to_string(++index),
                   &out->listeners.emplace_back());
  });
  if (reader.ok() && reader.Get("listeners") == nullptr) {
    reader.Require("listeners", "listeners: [{port: 80, protocol: HTTP, ...}]");
  }
  index = 0;
  reader.EachItem("routes", "routes", [&](const Node& item) {
    Route& route = out->routes.emplace_back();
    std::string what = "route " + std::to_string(++index);
    MapReader routes(context, &item, what, &route, true);
    route.priority = index * 10;
    // ELBv2 listener rule priorities are 1 to 50000.
    routes.Integer("priority", &route.priority, 1, 50000);
    routes.StringList("paths", &route.paths);
    routes.StringList("hosts", &route.hosts);
    routes.String("target_group", &route.target_group, true);
    if (route.paths.empty() && route.hosts.empty() && routes.ok()) {
      context.Error("spec.missing", item.location, what + " needs paths or hosts to match");
    }
    routes.Finish();
  });
  reader.EachEntry("target_groups", "target groups", [&](const MapEntry& entry) {
    DecodeTargetGroup(context, entry, &out->target_groups.emplace_back());
  });
  reader.String("access_logs_bucket", &out->access_logs_bucket);
  reader.Boolean("deletion_protection", &out->deletion_protection);
  reader.Boolean("drop_invalid_headers", &out->drop_invalid_headers);
  reader.Finish();
}

}  // namespace vueops::spec
