// The DNS pass (notes: "Route53": "point main urls at ELBs", "Add various support records",
// "Use Elastic IPs as convenience for associating dev subdomain names with specific dev
// servers"; "CloudFront": "Can have Route 53, due to DNS health failover route requests to
// CF"): the environment's hosted zones, their records, the health checks failover records
// carry, and the records other sections need in the environment's zones — the DKIM CNAMEs
// that verify SES domains and the CNAMEs ACM validates certificates with (docs/resources.md,
// "SES, Route53 and secrets").
#include <algorithm>
#include <set>

#include "graph/build.h"
#include "graph/network_references.h"
#include "resources/route53_support.h"

namespace vueops::graph {
namespace {

using resources::Join;
using resources::MakeAddress;
using resources::Reference;

// Route 53 API Reference, AliasTarget, HostedZoneId: "Specify Z2FDTNDATAQYW2" for a
// CloudFront distribution.
constexpr const char* kCloudFrontZoneId = "Z2FDTNDATAQYW2";
// The load balancer and CDN prefixes of a record's alias target (spec/edge.h, Record::alias).
constexpr const char* kLoadBalancerTarget = "load_balancer";
constexpr const char* kCdnPrefix = "cdn.";
// SES Developer Guide, "Easy DKIM": SES gives a domain three DKIM tokens, each published as
// the CNAME <token>._domainkey.<domain> -> <token>.dkim.amazonses.com.
constexpr int kDkimTokens = 3;
constexpr const char* kDkimTarget = ".dkim.amazonses.com";
// The record name the address of an apex record carries (the spec writes "@" or nothing).
constexpr const char* kApex = "@";

class DnsBuilder {
 public:
  DnsBuilder(BuildContext& context, const spec::Environment& env)
      : context_(context), env_(env), account_(context.AccountOf(env.account)) {}

  void Build() {
    const spec::Dns& dns = *env_.dns;
    for (const spec::DnsHealthCheck& check : dns.health_checks) AddHealthCheck(check);
    for (const spec::Zone& zone : dns.zones) {
      AddZone(zone);
      for (const spec::Record& record : zone.records) AddRecord(zone, record);
    }
    AddDkimRecords();
    AddCertificateRecords();
  }

 private:
  std::string ZoneAddress(const spec::Zone& zone) const {
    return MakeAddress(env_.name, "hosted_zone", zone.name);
  }

  // The zone whose domain is `domain` or the nearest parent of it, or nullptr.
  const spec::Zone* ZoneOf(const std::string& domain) const {
    const spec::Zone* best = nullptr;
    for (const spec::Zone& zone : env_.dns->zones) {
      bool inside =
          domain == zone.domain || (domain.size() > zone.domain.size() &&
                                    domain.compare(domain.size() - zone.domain.size() - 1,
                                                   std::string::npos, "." + zone.domain) == 0);
      if (inside && (best == nullptr || zone.domain.size() > best->domain.size())) best = &zone;
    }
    return best;
  }

  // `domain` relative to the zone: "" for the apex, "www" for www.vueocity.com.
  static std::string Relative(const spec::Zone& zone, const std::string& domain) {
    if (domain == zone.domain) return "";
    return domain.substr(0, domain.size() - zone.domain.size() - 1);
  }

  resources::DesiredResource* Add(const std::string& address, std::string_view type,
                                  Json attributes, Location source) {
    if (!addresses_.insert(address).second) {
      context_.Fail(FormatLocation(source) + ": " + address + " is asked for twice");
      return nullptr;
    }
    resources::DesiredResource& resource =
        context_.Add(address, type, account_, env_.region, std::move(attributes), source);
    resource.tags = context_.EnvironmentTags(env_);
    return &resource;
  }

  void AddZone(const spec::Zone& zone) {
    Add(ZoneAddress(zone), "hosted_zone",
        {{"name", resources::CanonicalDnsName(zone.domain)},
         {"comment", ""},
         {"private", zone.private_zone},
         {"vpc_id",
          zone.private_zone ? Reference(MakeAddress(env_.name, "vpc", "main")) : Json("")},
         {"tags", TagsAttribute(env_)}},
        zone.location);
  }

  void AddHealthCheck(const spec::DnsHealthCheck& check) {
    Json tags = TagsAttribute(env_);
    // The console lists health checks by their Name tag.
    tags["Name"] = context_.Name(env_, check.name);
    Add(MakeAddress(env_.name, "health_check", check.name), "health_check",
        {{"type", check.type},
         {"fqdn", check.fqdn},
         {"resource_path", check.type == "TCP" ? "" : check.path},
         {"port", check.port},
         {"request_interval", check.interval_seconds},
         {"failure_threshold", check.failure_threshold},
         {"enable_sni", check.type == "HTTPS"},
         {"tags", tags}},
        check.location);
  }

  // A record's attributes without its target (values or alias).
  Json RecordBase(const spec::Zone& zone, const Json& name, const std::string& type) const {
    return {{"zone_id", Reference(ZoneAddress(zone))},
            {"name", name},
            {"type", type},
            {"set_identifier", ""},
            {"failover", ""},
            {"health_check_id", ""}};
  }

  static void SetValues(Json& attributes, int ttl, Json values) {
    attributes["ttl"] = ttl;
    attributes["values"] = std::move(values);
    attributes["alias"] = nullptr;
  }

  // An alias to `dns_name` (written absolute, as Route53 answers) in `zone_id`.
  static void SetAlias(Json& attributes, const Json& dns_name, const Json& zone_id) {
    attributes["ttl"] = nullptr;
    attributes["values"] = Json::array();
    attributes["alias"] = {{"dns_name", Join({dns_name, "."})},
                           {"zone_id", zone_id},
                           {"evaluate_target_health", false}};
  }

  void AddRecord(const spec::Zone& zone, const spec::Record& record) {
    std::string domain = record.name.empty() ? zone.domain : record.name + "." + zone.domain;
    Json attributes = RecordBase(zone, resources::CanonicalDnsName(domain), record.type);
    if (!record.alias.empty()) {
      if (record.alias == kLoadBalancerTarget) {
        std::string balancer = MakeAddress(env_.name, "load_balancer", "main");
        SetAlias(attributes, Reference(balancer, "dns_name"), Reference(balancer, "zone_id"));
      } else if (record.alias.rfind(kCdnPrefix, 0) == 0) {
        std::string distribution = record.alias.substr(std::string(kCdnPrefix).size());
        SetAlias(attributes,
                 Reference(MakeAddress(env_.name, "distribution", distribution), "domain_name"),
                 kCloudFrontZoneId);
      } else {
        context_.Fail(FormatLocation(record.At("alias")) + ": no alias target '" + record.alias +
                      "'");
        return;
      }
    } else if (!record.elastic_ip.empty()) {
      SetValues(attributes, record.ttl,
                Json::array({Reference(MakeAddress(env_.name, "elastic_ip", record.elastic_ip),
                                       "public_ip")}));
    } else {
      std::vector<std::string> values;
      for (const std::string& value : record.values) values.push_back(Quoted(record.type, value));
      std::sort(values.begin(), values.end());
      SetValues(attributes, record.ttl, Json(values));
    }
    std::string name = record.name.empty() ? kApex : record.name;
    std::string address_name = zone.name + "/" + name + "/" + record.type;
    if (!record.set_identifier.empty()) {
      attributes["set_identifier"] = record.set_identifier;
      address_name += "/" + record.set_identifier;
    }
    if (!record.failover.empty()) {
      std::string failover = record.failover;
      std::transform(failover.begin(), failover.end(), failover.begin(), ::toupper);
      attributes["failover"] = failover;
    }
    if (!record.health_check.empty()) {
      attributes["health_check_id"] =
          Reference(MakeAddress(env_.name, "health_check", record.health_check));
    }
    Add(MakeAddress(env_.name, "dns_record", address_name), "dns_record", std::move(attributes),
        record.location);
  }

  // Route 53 Developer Guide, "Supported DNS record types", TXT: "Enclose text in quotation
  // marks"; Route53 keeps (and answers with) the quotes, so the desired value carries them.
  static std::string Quoted(const std::string& type, const std::string& value) {
    if ((type != "TXT" && type != "SPF") || (!value.empty() && value.front() == '"')) return value;
    return "\"" + value + "\"";
  }

  // The DKIM CNAMEs of each SES domain in one of the environment's zones: publishing them is
  // how SES v2 verifies a domain (SES Developer Guide, "Verifying a DKIM domain identity").
  // Domains elsewhere are verified by whoever runs their DNS.
  void AddDkimRecords() {
    if (!env_.mail) return;
    const spec::Mail& mail = *env_.mail;
    for (size_t i = 0; i < mail.domains.size(); ++i) {
      const std::string& domain = mail.domains[i];
      const spec::Zone* zone = ZoneOf(domain);
      if (zone == nullptr) continue;
      std::string identity = MakeAddress(env_.name, "ses_identity", domain);
      std::string relative = Relative(*zone, domain);
      for (int n = 1; n <= kDkimTokens; ++n) {
        Json token = Reference(identity, "dkim_token_" + std::to_string(n));
        Json attributes = RecordBase(*zone, Join({token, "._domainkey." + domain + "."}), "CNAME");
        SetValues(attributes, spec::Record().ttl, Json::array({Join({token, kDkimTarget})}));
        // The token is only known once SES has it: the address names the token's place.
        std::string name = "_dkim-" + std::to_string(n) + (relative.empty() ? "" : "." + relative);
        Add(MakeAddress(env_.name, "dns_record", zone->name + "/" + name + "/CNAME"), "dns_record",
            std::move(attributes), mail.At("domains", i));
      }
    }
  }

  // The validation CNAMEs of each certificate whose validation zone is one of the
  // environment's zones, as the certificate gives them (its validation_records output).
  void AddCertificateRecords() {
    for (const spec::Certificate& certificate : env_.certificates) {
      if (!certificate.arn.empty() || certificate.validation_zone.empty()) continue;
      const spec::Zone* zone = nullptr;
      for (const spec::Zone& candidate : env_.dns->zones) {
        if (candidate.name == certificate.validation_zone) zone = &candidate;
      }
      if (zone == nullptr) continue;
      Add(MakeAddress(env_.name, "certificate_dns_records", certificate.name),
          "certificate_dns_records",
          {{"zone_id", Reference(ZoneAddress(*zone))},
           {"records", Reference(MakeAddress(env_.name, "certificate", certificate.name),
                                 "validation_records")},
           {"ttl", spec::Record().ttl}},
          certificate.At("validation_zone"));
    }
  }

  BuildContext& context_;
  const spec::Environment& env_;
  const std::string account_;
  std::set<std::string> addresses_;
};

}  // namespace

void BuildDns(BuildContext& context, const spec::Environment& env) {
  if (!env.dns) return;
  DnsBuilder(context, env).Build();
}

}  // namespace vueops::graph
