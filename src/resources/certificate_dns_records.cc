// certificate_dns_records: the CNAME records ACM asks for to validate a certificate by DNS,
// written into one of the environment's hosted zones (notes: "Keys and SSL certificates":
// "Production verified SSL certificates"; ACM User Guide, "DNS validation"). Their names are
// ACM's (_<hash>.<domain>.) and only known once the certificate is requested, so they are
// one resource per certificate, fed by the certificate's validation_records output, rather
// than dns_records whose addresses would have to name them.
//
// Attributes:
//   zone_id  string  replace   the hosted zone's bare id
//   records  list    in place  [{"name", "type", "value"}], sorted by name: the
//                              certificate's validation_records (names absolute, lower case)
//   ttl      int     in place  of every record
// Outputs: id (<zone id>/<the certificate's name>).
//
// Certificates of one account that cover the same domain get the same CNAME from ACM; each
// writes it (UPSERT, the same value), and a record deleted with one of them reads as missing
// for the other, so the next apply writes it again.
#include <algorithm>
#include <map>

#include "resources/desired.h"
#include "resources/route53_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"zone_id", UpdateMode::kReplace},
    {"records", UpdateMode::kInPlace},
    {"ttl", UpdateMode::kInPlace},
};

// ACM User Guide, "DNS validation": the record ACM checks is a CNAME.
constexpr std::string_view kDefaultType = "CNAME";

std::string ZoneOfId(const std::string& id) { return id.substr(0, id.find('/')); }

struct Wanted {
  std::string name;
  std::string type;
};

// The records `attributes` lists, by canonical name.
std::vector<Wanted> WantedOf(const Json& attributes) {
  std::vector<Wanted> wanted;
  for (const Json& record : attributes.value("records", Json::array())) {
    if (!record.is_object()) continue;
    wanted.push_back({CanonicalDnsName(record.value("name", "")),
                      record.value("type", std::string(kDefaultType))});
  }
  return wanted;
}

const Json* FindSet(const Json& sets, const Wanted& wanted) {
  for (const Json& set : sets) {
    if (CanonicalDnsName(set.value("Name", "")) == wanted.name &&
        set.value("Type", "") == wanted.type && !set.contains("SetIdentifier")) {
      return &set;
    }
  }
  return nullptr;
}

// The live records among `wanted`, as the schema writes them; kNotFound when none is left.
Result<Json> AttributesOf(const std::string& address, const std::string& zone_id, const Json& sets,
                          const std::vector<Wanted>& wanted) {
  Json records = Json::array();
  Json ttl;
  for (const Wanted& one : wanted) {
    const Json* set = FindSet(sets, one);
    if (set == nullptr) continue;
    Json values = set->value("ResourceRecords", Json::array());
    records.push_back({{"name", one.name},
                       {"type", one.type},
                       {"value", values.empty() ? "" : values[0].value("Value", "")}});
    if (ttl.is_null()) ttl = set->value("TTL", 0);
  }
  if (records.empty()) return NotFoundError(address + ": no validation record is left");
  std::sort(records.begin(), records.end(),
            [](const Json& a, const Json& b) { return a.value("name", "") < b.value("name", ""); });
  return Json{{"zone_id", zone_id}, {"records", records}, {"ttl", ttl}};
}

Json Upserts(const Json& desired) {
  Json changes = Json::array();
  for (const Json& record : desired.value("records", Json::array())) {
    if (!record.is_object()) continue;
    changes.push_back(
        {{"Action", "UPSERT"},
         {"ResourceRecordSet",
          {{"Name", record.value("name", "")},
           {"Type", record.value("type", std::string(kDefaultType))},
           {"TTL", desired.value("ttl", 300)},
           {"ResourceRecords", Json::array({{{"Value", record.value("value", "")}}})}}}});
  }
  return changes;
}

class CertificateDnsRecordsType : public ResourceType {
 public:
  std::string_view name() const override { return "certificate_dns_records"; }
  std::string_view service() const override { return "route53"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One listing of each zone (300 sets a call) for all the certificates validated in it.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::map<std::string, Result<std::optional<Json>>> zones;
    auto read_one = [&](const state::ResourceRecord& record) -> Result<Json> {
      std::string zone_id = ZoneOfId(record.id);
      auto zone = zones.find(zone_id);
      if (zone == zones.end()) {
        zone = zones.emplace(zone_id, ListZoneRecordSets(context, zone_id)).first;
      }
      if (!zone->second.ok()) return zone->second.status();
      if (!zone->second->has_value()) {
        return NotFoundError(record.address + ": zone " + zone_id + " is gone");
      }
      return AttributesOf(record.address, zone_id, **zone->second, WantedOf(record.attributes));
    };
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) results.push_back(read_one(*record));
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string zone_id = desired.value("zone_id", "");
    Json changes = Upserts(desired);
    if (!changes.empty()) RETURN_IF_ERROR(ChangeRecordSets(context, zone_id, changes));
    std::string id = IdOf(context, zone_id);
    return Created{id, {{"id", id}}, Json::object()};
  }

  // Writes the desired records and deletes the recorded ones no longer desired (a
  // certificate requested again has new names), in one batch.
  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    std::string zone_id = ZoneOfId(record.id);
    ASSIGN_OR_RETURN(std::optional<Json> sets, ListZoneRecordSets(context, zone_id));
    if (!sets) return NotFoundError(record.address + ": zone " + zone_id + " is gone");
    Json changes = Upserts(desired);
    std::vector<Wanted> kept = WantedOf(desired);
    for (const Wanted& old : WantedOf(record.attributes)) {
      bool still = std::any_of(kept.begin(), kept.end(), [&](const Wanted& want) {
        return want.name == old.name && want.type == old.type;
      });
      const Json* set = FindSet(*sets, old);
      if (!still && set != nullptr) {
        changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", *set}});
      }
    }
    if (changes.empty()) return Status::Ok();
    return ChangeRecordSets(context, zone_id, changes);
  }

  // Route53 deletes a set only when sent exactly as it is: read them, send them back.
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string zone_id = ZoneOfId(record.id);
    ASSIGN_OR_RETURN(std::optional<Json> sets, ListZoneRecordSets(context, zone_id));
    if (!sets) return Status::Ok();
    Json changes = Json::array();
    for (const Wanted& wanted : WantedOf(record.attributes)) {
      if (const Json* set = FindSet(*sets, wanted)) {
        changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", *set}});
      }
    }
    if (changes.empty()) return Status::Ok();
    return ChangeRecordSets(context, zone_id, changes);
  }

  // The records, whoever wrote them, when every one of them is in the zone: UPSERT would
  // write the same.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string zone_id = desired.value("zone_id", "");
    ASSIGN_OR_RETURN(std::optional<Json> sets, ListZoneRecordSets(context, zone_id));
    std::vector<Wanted> wanted = WantedOf(desired);
    if (!sets || wanted.empty()) return std::optional<Found>();
    for (const Wanted& one : wanted) {
      if (FindSet(*sets, one) == nullptr) return std::optional<Found>();
    }
    ASSIGN_OR_RETURN(Json attributes, AttributesOf(context.address(), zone_id, *sets, wanted));
    std::string id = IdOf(context, zone_id);
    return std::optional<Found>(Found{id, {{"id", id}}, std::move(attributes)});
  }

 private:
  static std::string IdOf(const ResourceContext& context, const std::string& zone_id) {
    Result<AddressParts> parts = ParseAddress(context.address());
    return zone_id + "/" + (parts.ok() ? parts->name : context.address());
  }
};

}  // namespace

const ResourceType& CertificateDnsRecords() {
  static const CertificateDnsRecordsType* type = new CertificateDnsRecordsType();
  return *type;
}

}  // namespace vueops::resources
