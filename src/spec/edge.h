// The edge of the system: certificates (notes: "Keys and SSL certificates"), the load
// balancer ("ELB"), CloudFront ("CloudFront") and DNS ("Route53").
#ifndef VUEOPS_SPEC_EDGE_H_
#define VUEOPS_SPEC_EDGE_H_

#include <optional>
#include <string>
#include <vector>

#include "spec/element.h"

namespace vueops::spec {

struct Certificate : Element {
  std::string name;
  std::string domain;
  std::vector<std::string> alternative_names;
  // The ACM region: the environment's region for the load balancer; us-east-1 for CloudFront
  // ("ACM CERT FOR CF MUST BE REGISTERED IN North Virginia region").
  std::string region;
  std::string validation_zone;  // a dns zone of this environment for DNS validation
  std::string arn;              // an existing certificate to use instead of requesting one
};

struct HealthCheck : Element {
  std::string path = "/health";
  std::string protocol = "HTTP";
  int interval_seconds = 30;
  int healthy_threshold = 3;
  int unhealthy_threshold = 3;
  std::string matcher = "200-399";
};

struct TargetGroup : Element {
  std::string name;  // foh, boh, ft
  int port = 80;
  std::string protocol = "HTTP";
  HealthCheck health_check;
  // notes: "Stickiness may be used to leverage server local caching".
  bool stickiness = false;
  int stickiness_seconds = 3600;
  int deregistration_delay_seconds = 60;
};

struct Listener : Element {
  int port = 80;
  std::string protocol = "HTTP";  // HTTP or HTTPS
  std::string certificate;        // HTTPS: a certificates entry
  std::string ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  std::string default_target_group;
  bool redirect_to_https = false;
};

struct Route : Element {
  int priority = 0;
  std::vector<std::string> paths;
  std::vector<std::string> hosts;
  std::string target_group;
};

struct LoadBalancer : Element {
  std::string scheme = "internet-facing";
  std::vector<std::string> security_groups = {"load_balancer"};
  int idle_timeout_seconds = 60;
  std::vector<Listener> listeners;
  std::vector<Route> routes;
  std::vector<TargetGroup> target_groups;
  std::string access_logs_bucket;
  bool deletion_protection = true;
  bool drop_invalid_headers = true;

  const TargetGroup* FindTargetGroup(std::string_view name) const;
};

// A CloudFront origin: one of the environment's buckets, or the load balancer (for
// "no-host" requests).
struct Origin : Element {
  std::string name;
  std::string bucket;         // bucket origin
  bool load_balancer = false;  // ELB origin
  std::string path;           // origin path, e.g. /_static/mpf-root
  std::string protocol_policy = "https-only";  // ELB origin: https-only, http-only, match-viewer
};

struct Behavior : Element {
  std::string path_pattern;  // empty for the default behaviour
  std::string origin;
  std::string viewer_protocol = "redirect-to-https";  // https-only, redirect-to-https, allow-all
  std::vector<std::string> allowed_methods = {"GET", "HEAD"};
  std::vector<std::string> cached_methods = {"GET", "HEAD"};
  std::vector<std::string> forward_headers;
  std::vector<std::string> forward_cookies;
  std::vector<std::string> forward_query_strings;
  bool signed_urls = false;  // requires the key group (trusted key groups)
  bool compress = true;
  bool cached = true;        // false: the "non-cached public endpoint" for dev JS
};

struct ErrorPage : Element {
  int error_code = 403;
  int response_code = 404;
  std::string response_page;  // under the mpf-root origin's path pattern
  int min_ttl_seconds = 10;
};

struct Distribution : Element {
  std::string name;  // public, protected
  std::string comment;
  std::vector<std::string> aliases;            // friendly names Route53 maps to
  std::vector<std::string> secondary_aliases;  // names that redirect for DNS secondary
  std::string certificate;                     // a certificates entry (us-east-1)
  std::string ssl_support = "sni-only";        // notes: "Custom SSL: Set to SNI"
  std::string minimum_tls = "TLSv1.2_2021";
  std::string price_class = "PriceClass_100";
  std::vector<Origin> origins;
  Behavior default_behavior;
  std::vector<Behavior> behaviors;
  std::vector<ErrorPage> error_pages;
  std::string logging_bucket;  // notes: "Logging: Log to separate S3 bucket"
  std::string logging_prefix;
  std::string default_root_object;
  bool enabled = true;

  const Origin* FindOrigin(std::string_view name) const;
};

enum class OriginAccess { kControl, kIdentity };

struct Cdn : Element {
  // notes: "Cloudfront via OAI"; OAC is AWS's replacement and vueops's default.
  OriginAccess origin_access = OriginAccess::kControl;
  // notes FUTURE: "use different OAIs for different behaviors/buckets".
  bool origin_access_per_bucket = true;
  std::string key_group;           // the signing key group's name
  std::string public_key_file;     // PEM, relative to the spec's folder
  std::string public_key;          // its contents, read at load time
  std::string private_key_secret;  // Secrets Manager secret holding the private key
  std::vector<Distribution> distributions;

  const Distribution* FindDistribution(std::string_view name) const;
};

struct Record : Element {
  std::string name;  // relative to the zone; "" or "@" for the apex
  std::string type = "A";
  int ttl = 300;
  std::vector<std::string> values;
  // Alias targets: "load_balancer", "cdn.<distribution>"; or an elastic IP by name.
  std::string alias;
  std::string elastic_ip;
  std::string failover;      // "", "primary", "secondary"
  std::string health_check;  // dns.health_checks entry
  std::string set_identifier;
};

struct Zone : Element {
  std::string name;    // the spec's name for it ("main"), used by references
  std::string domain;  // vueocity.com; the name itself when not written
  bool private_zone = false;
  std::vector<Record> records;
};

struct DnsHealthCheck : Element {
  std::string name;
  std::string type = "HTTPS";  // HTTP, HTTPS, TCP
  std::string fqdn;
  std::string path = "/health";
  int port = 443;
  int interval_seconds = 30;
  int failure_threshold = 3;
};

struct Dns : Element {
  std::vector<Zone> zones;
  std::vector<DnsHealthCheck> health_checks;
  // notes: "Use Elastic IPs as convenience for associating dev subdomain names with
  // specific dev servers".
  std::vector<std::string> elastic_ips;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_EDGE_H_
