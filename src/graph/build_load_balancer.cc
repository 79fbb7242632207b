// The ELB and "Keys and SSL certificates" sections of the notes: the ACM certificates and
// their validations, the application load balancer, its target groups, listeners and
// listener rules (docs/resources.md, "Load balancer and certificates").
//
//   ELB: "80 and 443 open, both passing to 80, so SSL is terminated at ELB"; "Load
//   certificates into 443 listener (ACM easiest)"; "Create target groups to handle BOH, FOH,
//   FT traffic"; "Stickiness may be used to leverage server local caching".
//   Keys and SSL certificates: "ELB for HTTPS support (use ACM in region)"; "Cloudfront for
//   SNI aliases" — in us-east-1, the certificate's region.
#include <algorithm>

#include "graph/build.h"
#include "graph/network_references.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

// The prefix of the load balancer's access logs in the logs bucket.
constexpr char kAccessLogsPrefix[] = "alb";

// Every certificate the spec requests (not one it names by ARN) and its validation, in the
// certificate's own region.
void AddCertificates(BuildContext& context, const spec::Environment& env) {
  const std::string account = context.AccountOf(env.account);
  for (const spec::Certificate& certificate : env.certificates) {
    if (!certificate.arn.empty()) continue;
    Json names = Json::array();
    std::vector<std::string> sorted = certificate.alternative_names;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const std::string& name : sorted) {
      if (name != certificate.domain) names.push_back(name);
    }
    std::string address = MakeAddress(env.name, "certificate", certificate.name);
    context
        .Add(address, "certificate", account, certificate.region,
             {{"domain_name", certificate.domain},
              {"subject_alternative_names", names},
              {"validation_method", "DNS"}},
             certificate.location)
        .tags = context.EnvironmentTags(env);
    context
        .Add(MakeAddress(env.name, "certificate_validation", certificate.name),
             "certificate_validation", account, certificate.region,
             {{"certificate_arn", Reference(address, "arn")}}, certificate.location)
        .tags = context.EnvironmentTags(env);
  }
}

// The ARN a listener uses for the certificates entry `name`: the issued one (through its
// validation, so the listener waits for the issue), or the ARN the spec gives.
Json CertificateArn(BuildContext& context, const spec::Environment& env,
                    const spec::Listener& listener) {
  const spec::Certificate* certificate = env.FindCertificate(listener.certificate);
  if (certificate == nullptr) {
    context.Fail(FormatLocation(listener.At("certificate")) + ": " + env.name + " listener " +
                 std::to_string(listener.port) + ": no certificate named '" +
                 listener.certificate + "'");
    return "";
  }
  if (!certificate->arn.empty()) return certificate->arn;
  return Reference(MakeAddress(env.name, "certificate_validation", certificate->name), "arn");
}

void AddTargetGroups(BuildContext& context, const spec::Environment& env,
                     const spec::LoadBalancer& balancer) {
  const std::string account = context.AccountOf(env.account);
  for (const spec::TargetGroup& group : balancer.target_groups) {
    const spec::HealthCheck& check = group.health_check;
    Json stickiness = {{"enabled", false}};
    if (group.stickiness) {
      stickiness = {{"enabled", true}, {"duration_seconds", group.stickiness_seconds}};
    }
    context
        .Add(MakeAddress(env.name, "target_group", group.name), "target_group", account,
             env.region,
             {{"name", context.Name(env, group.name)},
              {"protocol", group.protocol},
              {"port", group.port},
              {"vpc_id", Reference(MakeAddress(env.name, "vpc", "main"))},
              {"target_type", "instance"},
              {"health_check",
               {{"path", check.path},
                {"protocol", check.protocol},
                {"interval_seconds", check.interval_seconds},
                {"healthy_threshold", check.healthy_threshold},
                {"unhealthy_threshold", check.unhealthy_threshold},
                {"matcher", check.matcher}}},
              {"stickiness", stickiness},
              {"deregistration_delay_seconds", group.deregistration_delay_seconds},
              {"tags", TagsAttribute(env)}},
             group.location)
        .tags = context.EnvironmentTags(env);
  }
}

void AddListeners(BuildContext& context, const spec::Environment& env,
                  const spec::LoadBalancer& balancer, const std::string& balancer_address) {
  const std::string account = context.AccountOf(env.account);
  for (const spec::Listener& listener : balancer.listeners) {
    bool https = listener.protocol == "HTTPS";
    Json action;
    if (listener.redirect_to_https) {
      action = {{"type", "redirect"},
                {"protocol", "HTTPS"},
                {"port", "443"},
                {"status_code", "HTTP_301"}};
    } else if (listener.default_target_group.empty()) {
      context.Fail(FormatLocation(listener.location) + ": " + env.name + " listener " +
                   std::to_string(listener.port) +
                   " neither forwards to a target group nor redirects to HTTPS");
      continue;
    } else {
      action = {{"type", "forward"},
                {"target_group_arn",
                 Reference(MakeAddress(env.name, "target_group", listener.default_target_group),
                           "arn")}};
    }
    std::string port = std::to_string(listener.port);
    std::string address = MakeAddress(env.name, "listener", port);
    context
        .Add(address, "listener", account, env.region,
             {{"load_balancer_arn", Reference(balancer_address, "arn")},
              {"port", listener.port},
              {"protocol", listener.protocol},
              {"certificate_arn", https ? CertificateArn(context, env, listener) : Json("")},
              {"ssl_policy", https ? listener.ssl_policy : ""},
              {"default_action", action},
              {"tags", TagsAttribute(env)}},
             listener.location)
        .tags = context.EnvironmentTags(env);
    // A listener that redirects every request to HTTPS routes nothing itself: the routes
    // apply on the listener it redirects to.
    if (listener.redirect_to_https) continue;
    for (const spec::Route& route : balancer.routes) {
      Json conditions = Json::object();
      std::vector<std::string> paths = route.paths;
      std::vector<std::string> hosts = route.hosts;
      std::sort(paths.begin(), paths.end());
      std::sort(hosts.begin(), hosts.end());
      if (!paths.empty()) conditions["path_patterns"] = paths;
      if (!hosts.empty()) conditions["host_headers"] = hosts;
      context
          .Add(MakeAddress(env.name, "listener_rule", port + "-" + std::to_string(route.priority)),
               "listener_rule", account, env.region,
               {{"listener_arn", Reference(address, "arn")},
                {"priority", route.priority},
                {"conditions", conditions},
                {"target_group_arn",
                 Reference(MakeAddress(env.name, "target_group", route.target_group), "arn")},
                {"tags", TagsAttribute(env)}},
               route.location)
          .tags = context.EnvironmentTags(env);
    }
  }
}

void AddLoadBalancer(BuildContext& context, const spec::Environment& env,
                     const spec::LoadBalancer& balancer) {
  const std::string account = context.AccountOf(env.account);
  const std::string address = MakeAddress(env.name, "load_balancer", "main");
  // An internet-facing load balancer lives in the public subnets; an internal one with the
  // servers.
  SubnetPlacement placement = balancer.scheme == "internal" ? SubnetPlacement::kPrivateWhenPresent
                                                            : SubnetPlacement::kPublic;
  Json logs_bucket = "";
  if (!balancer.access_logs_bucket.empty()) {
    logs_bucket = Reference(MakeAddress(env.name, "bucket", balancer.access_logs_bucket));
  }
  resources::DesiredResource& resource = context.Add(
      address, "load_balancer", account, env.region,
      {{"name", context.Name(env, "lb")},
       {"scheme", balancer.scheme},
       {"subnet_ids", SubnetReferences(env, placement)},
       {"security_group_ids", SecurityGroupReferences(env, balancer.security_groups)},
       {"idle_timeout_seconds", balancer.idle_timeout_seconds},
       {"drop_invalid_header_fields", balancer.drop_invalid_headers},
       {"deletion_protection", balancer.deletion_protection},
       {"access_logs_bucket", logs_bucket},
       {"access_logs_prefix", balancer.access_logs_bucket.empty() ? "" : kAccessLogsPrefix},
       {"tags", TagsAttribute(env)}},
      balancer.location);
  resource.tags = context.EnvironmentTags(env);
  // AWS checks that the load balancer may write to the bucket when access logs are turned
  // on: the bucket's policy (the S3 section's) comes first.
  if (!balancer.access_logs_bucket.empty()) {
    resource.depends_on.push_back(
        MakeAddress(env.name, "bucket_policy", balancer.access_logs_bucket));
  }
  AddTargetGroups(context, env, balancer);
  AddListeners(context, env, balancer, address);
}

}  // namespace

void BuildLoadBalancer(BuildContext& context, const spec::Environment& env) {
  AddCertificates(context, env);
  if (env.load_balancer) AddLoadBalancer(context, env, *env.load_balancer);
}

}  // namespace vueops::graph
