// dns_record: one Route53 record set (notes: "Route53": "point main urls at ELBs", "Add various
// support records", "Use Elastic IPs as convenience for associating dev subdomain names";
// "CloudFront": "Can have Route 53, due to DNS health failover route requests to CF"). Written
// with ChangeResourceRecordSets UPSERT, which makes or replaces the set (so a create retried
// after a crash, or over a record made by hand, converges), deleted with DELETE of the set as
// it is.
//
// Attributes:
//   zone_id          string  replace   the hosted zone's bare id
//   name             string  replace   the full name: absolute (with the trailing dot), lower
//                                      case
//   type             string  replace   A, CNAME, TXT, ...
//   set_identifier   string  replace   "" unless several sets share name and type (failover)
//   ttl              int     in place  null for an alias
//   values           list    in place  sorted; [] for an alias
//   alias            object  in place  {dns_name (absolute, lower case, as name), zone_id,
//                                      evaluate_target_health}, or null
//   failover         string  in place  PRIMARY | SECONDARY | ""
//   health_check_id  string  in place  "" for none
// Outputs: id (<zone>/<name>/<type>[/<set identifier>]).
//
// Changes reach Route53's servers within about a minute (the change's status INSYNC); nothing
// that depends on a record needs to wait for that (ACM polls its validation records itself),
// so there is no readiness wait.
#include <algorithm>
#include <map>

#include "resources/route53_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"zone_id", UpdateMode::kReplace},
    {"name", UpdateMode::kReplace},
    {"type", UpdateMode::kReplace},
    {"set_identifier", UpdateMode::kReplace},
    {"ttl", UpdateMode::kInPlace},
    {"values", UpdateMode::kInPlace},
    {"alias", UpdateMode::kInPlace},
    {"failover", UpdateMode::kInPlace},
    {"health_check_id", UpdateMode::kInPlace},
};

// Enough for every set of one name and type (failover has two).
constexpr std::string_view kSetsOfOneName = "10";

struct RecordKey {
  std::string zone_id;
  std::string name;
  std::string type;
  std::string set_identifier;
};

RecordKey KeyOf(const Json& attributes) {
  return {attributes.value("zone_id", ""), CanonicalDnsName(attributes.value("name", "")),
          attributes.value("type", ""), attributes.value("set_identifier", "")};
}

std::string IdOf(const RecordKey& key) {
  std::string id = key.zone_id + "/" + key.name + "/" + key.type;
  if (!key.set_identifier.empty()) id += "/" + key.set_identifier;
  return id;
}

// The key a record's id names: the zone, the name and the type (none holds a '/'), then
// the set identifier, which may.
RecordKey KeyOfId(const std::string& id) {
  RecordKey key;
  size_t first = id.find('/');
  size_t second = first == std::string::npos ? first : id.find('/', first + 1);
  if (second == std::string::npos) return key;
  size_t third = id.find('/', second + 1);
  key.zone_id = id.substr(0, first);
  key.name = id.substr(first + 1, second - first - 1);
  key.type = id.substr(second + 1, third == std::string::npos ? third : third - second - 1);
  if (third != std::string::npos) key.set_identifier = id.substr(third + 1);
  return key;
}

bool Matches(const Json& set, const RecordKey& key) {
  return CanonicalDnsName(set.value("Name", "")) == key.name && set.value("Type", "") == key.type &&
         set.value("SetIdentifier", "") == key.set_identifier;
}

Json Attributes(const Json& set, const std::string& zone_id) {
  Json out = {{"zone_id", zone_id},
              {"name", CanonicalDnsName(set.value("Name", ""))},
              {"type", set.value("Type", "")},
              {"set_identifier", set.value("SetIdentifier", "")}};
  // An alias has no TTL of its own (Route 53 API Reference, ResourceRecordSet, TTL: "If you're
  // creating or updating an alias resource record set, omit TTL"); moto answers 0 for one.
  out["ttl"] = set.contains("TTL") && !set.contains("AliasTarget") ? set["TTL"] : Json();
  Json values = Json::array();
  for (const Json& record : set.value("ResourceRecords", Json::array())) {
    values.push_back(record.value("Value", ""));
  }
  std::sort(values.begin(), values.end());
  out["values"] = values;
  if (set.contains("AliasTarget")) {
    const Json& alias = set["AliasTarget"];
    out["alias"] = {{"dns_name", CanonicalDnsName(alias.value("DNSName", ""))},
                    {"zone_id", alias.value("HostedZoneId", "")},
                    {"evaluate_target_health", alias.value("EvaluateTargetHealth", false)}};
  } else {
    out["alias"] = Json();
  }
  out["failover"] = set.value("Failover", "");
  out["health_check_id"] = set.value("HealthCheckId", "");
  return out;
}

// The record set to send for the attributes.
Json RecordSet(const Json& desired) {
  Json set = {{"Name", desired.value("name", "")}, {"Type", desired.value("type", "")}};
  if (!desired.value("set_identifier", "").empty())
    set["SetIdentifier"] = desired["set_identifier"];
  if (!desired.value("failover", "").empty()) set["Failover"] = desired["failover"];
  const Json& alias = desired.contains("alias") ? desired["alias"] : Json();
  if (alias.is_object()) {
    set["AliasTarget"] = {{"HostedZoneId", alias.value("zone_id", "")},
                          {"DNSName", alias.value("dns_name", "")},
                          {"EvaluateTargetHealth", alias.value("evaluate_target_health", false)}};
  } else {
    set["TTL"] = desired.value("ttl", 300);
    Json records = Json::array();
    for (const Json& value : desired.value("values", Json::array())) {
      records.push_back({{"Value", value}});
    }
    set["ResourceRecords"] = records;
  }
  if (!desired.value("health_check_id", "").empty())
    set["HealthCheckId"] = desired["health_check_id"];
  return set;
}

Status Change(ResourceContext& context, const std::string& zone_id, std::string_view action,
              const Json& set) {
  return ChangeRecordSets(context, zone_id,
                          Json::array({{{"Action", action}, {"ResourceRecordSet", set}}}));
}

// The sets of one name and type (and those after them, up to the page's size), or nullopt
// when the zone is gone.
Result<std::optional<Json>> ListFrom(ResourceContext& context, const RecordKey& key) {
  Json input = {{"HostedZoneId", key.zone_id},
                {"StartRecordName", key.name},
                {"StartRecordType", key.type},
                {"MaxItems", kSetsOfOneName}};
  Result<Json> output =
      context.CallOrNotFound("route53", "ListResourceRecordSets", input, {"NoSuchHostedZone"});
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  return std::optional<Json>(output->value("ResourceRecordSets", Json::array()));
}

class DnsRecordType : public ResourceType {
 public:
  std::string_view name() const override { return "dns_record"; }
  std::string_view service() const override { return "route53"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // Per zone: one ListResourceRecordSets from the record's name for a lone record, the whole
  // zone (300 sets a call) for several.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::map<std::string, std::vector<size_t>> by_zone;
    std::vector<RecordKey> keys;
    for (size_t i = 0; i < records.size(); ++i) {
      keys.push_back(KeyOfId(records[i]->id));
      by_zone[keys.back().zone_id].push_back(i);
    }
    std::vector<Result<Json>> results(records.size(), Result<Json>(Json()));
    for (const auto& [zone_id, members] : by_zone) {
      Result<std::optional<Json>> sets = members.size() == 1 ? ListFrom(context, keys[members[0]])
                                                             : ListZoneRecordSets(context, zone_id);
      for (size_t i : members) {
        const state::ResourceRecord& record = *records[i];
        if (!sets.ok()) {
          results[i] = sets.status();
          continue;
        }
        results[i] = NotFoundError(record.address + ": record " + record.id + " is gone");
        if (!sets->has_value()) continue;
        for (const Json& set : **sets) {
          if (Matches(set, keys[i])) results[i] = Attributes(set, zone_id);
        }
      }
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    RecordKey key = KeyOf(desired);
    RETURN_IF_ERROR(Change(context, key.zone_id, "UPSERT", RecordSet(desired)));
    return Created{IdOf(key), {{"id", IdOf(key)}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return Change(context, KeyOfId(record.id).zone_id, "UPSERT", RecordSet(desired));
  }

  // Route53 deletes a set only when sent exactly as it is: read it, send it back.
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    RecordKey key = KeyOfId(record.id);
    ASSIGN_OR_RETURN(std::optional<Json> sets, ListFrom(context, key));
    if (!sets) return Status::Ok();
    for (const Json& set : *sets) {
      if (Matches(set, key)) return Change(context, key.zone_id, "DELETE", set);
    }
    return Status::Ok();
  }

  // A set of that name, type and identifier, whoever made it: UPSERT would take it over.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    RecordKey key = KeyOf(desired);
    ASSIGN_OR_RETURN(std::optional<Json> sets, ListFrom(context, key));
    if (!sets) return std::optional<Found>();
    for (const Json& set : *sets) {
      if (Matches(set, key)) {
        return std::optional<Found>(
            Found{IdOf(key), {{"id", IdOf(key)}}, Attributes(set, key.zone_id)});
      }
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& DnsRecord() {
  static const DnsRecordType* type = new DnsRecordType();
  return *type;
}

}  // namespace vueops::resources
