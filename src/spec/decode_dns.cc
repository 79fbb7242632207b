// Decoding dns: (notes: "Route53").
#include <algorithm>

#include "spec/decode.h"

namespace vueops::spec {
namespace {

// Route53 record types vueops manages (Route53 API, RRType).
const std::vector<std::string> kRecordTypes = {"A",   "AAAA", "CNAME", "MX",  "TXT",
                                               "SRV", "CAA",  "NS",    "SPF", "PTR"};

void DecodeRecord(DecodeContext& context, const Node& node, const std::string& what,
                  Record* record) {
  MapReader reader(context, &node, what, record, true);
  reader.String("name", &record->name, true);
  if (record->name == "@") record->name.clear();
  if (reader.String("type", &record->type) &&
      std::find(kRecordTypes.begin(), kRecordTypes.end(), record->type) == kRecordTypes.end()) {
    ReportBadEnum(context, *reader.Get("type"), "type of " + what, kRecordTypes);
  }
  // Route53 TTLs are 0 to 2147483647 seconds.
  reader.Integer("ttl", &record->ttl, 0, 2147483647);
  reader.StringList("values", &record->values);
  reader.String("alias", &record->alias);
  reader.String("elastic_ip", &record->elastic_ip);
  std::string failover;
  if (reader.String("failover", &failover)) {
    if (failover == "primary" || failover == "secondary") {
      record->failover = failover;
    } else {
      ReportBadEnum(context, *reader.Get("failover"), "failover", {"primary", "secondary"});
    }
  }
  reader.String("health_check", &record->health_check);
  reader.String("set_identifier", &record->set_identifier);
  int targets = !record->values.empty() + !record->alias.empty() + !record->elastic_ip.empty();
  if (targets != 1 && reader.ok()) {
    context.Error("spec.value", node.location,
                  what + " needs exactly one of values, alias and elastic_ip");
  }
  if (!record->failover.empty() && record->set_identifier.empty()) {
    record->set_identifier = record->failover;
  }
  reader.Finish();
}

}  // namespace

void DecodeDns(DecodeContext& context, const Node& node, Dns* out) {
  MapReader reader(context, &node, "dns", out, true);
  reader.EachEntry("zones", "zones", [&](const MapEntry& entry) {
    Zone& zone = out->zones.emplace_back();
    zone.name = entry.key;
    std::string what = "zone '" + entry.key + "'";
    MapReader zones(context, entry.value.get(), what, &zone);
    if (entry.value->is_null()) zone.location = entry.key_location;
    zone.domain = zone.name;
    zones.String("domain", &zone.domain);
    if (zone.domain.find('.') == std::string::npos || zone.domain.back() == '.' ||
        zone.domain.front() == '.') {
      context.Error("spec.value", zone.Has("domain") ? zone.At("domain") : entry.key_location,
                    "zone domain '" + zone.domain + "' is not a domain name",
                    "write the domain without a trailing dot, e.g. vueocity.com");
    }
    zones.Boolean("private", &zone.private_zone);
    int index = 0;
    zones.EachItem("records", "records", [&](const Node& item) {
      DecodeRecord(context, item, "record " + std::to_string(++index) + " of " + what,
                   &zone.records.emplace_back());
    });
    zones.Finish();
  });
  reader.EachEntry("health_checks", "health checks", [&](const MapEntry& entry) {
    DnsHealthCheck& check = out->health_checks.emplace_back();
    check.name = entry.key;
    std::string what = "health check '" + entry.key + "'";
    MapReader checks(context, entry.value.get(), what, &check, true);
    std::string type;
    if (checks.String("type", &type)) {
      if (type == "HTTP" || type == "HTTPS" || type == "TCP") {
        check.type = type;
      } else {
        ReportBadEnum(context, *checks.Get("type"), "type of " + what, {"HTTP", "HTTPS", "TCP"});
      }
    }
    checks.String("fqdn", &check.fqdn, true);
    checks.String("path", &check.path);
    check.port = check.type == "HTTP" ? 80 : 443;
    checks.Integer("port", &check.port, 1, 65535);
    // Route53 health checks run every 10 or 30 seconds; failure threshold 1 to 10.
    int interval = check.interval_seconds;
    if (checks.Integer("interval_seconds", &interval, 0, 1000000)) {
      if (interval == 10 || interval == 30) {
        check.interval_seconds = interval;
      } else {
        context.Error("spec.value", *checks.Get("interval_seconds"),
                      "Route53 checks every 10 or 30 seconds, not " + std::to_string(interval),
                      "use interval_seconds: 30 (standard) or 10 (fast)");
      }
    }
    checks.Integer("failure_threshold", &check.failure_threshold, 1, 10);
    checks.Finish();
  });
  reader.StringList("elastic_ips", &out->elastic_ips);
  reader.Finish();
}

}  // namespace vueops::spec
