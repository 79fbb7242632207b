// hosted_zone: a Route53 hosted zone (notes: "Route53": "All manual configuration, point main
// urls at ELBs"). The notes' zones were made by hand: Find adopts the only zone of the name,
// so `vueops import` takes them over without touching their records.
//
// Attributes:
//   name     string  replace   the domain, absolute (with the trailing dot), lower case
//   comment  string  in place
//   private  bool    replace   a private zone, associated with the environment's VPC at
//                              creation (vpc_id)
//   vpc_id   string  create    the VPC of a private zone ("" for a public zone)
//   tags     object  in place  the environment's tags
// Outputs: id (the bare zone id, Z...), name_servers (the delegation set, to give to the
// domain's registrar).
//
// Stateful: deleting a zone loses its records, so it needs --allow-destroy; Route53 refuses
// to delete a zone that still has records other than its NS and SOA (HostedZoneNotEmpty).
#include "resources/ec2_tags.h"
#include "resources/route53_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},    {"comment", UpdateMode::kInPlace},
    {"private", UpdateMode::kReplace}, {"vpc_id", UpdateMode::kCreateOnly},
    {"tags", UpdateMode::kInPlace},
};

// Route 53 API Reference, ListHostedZones: MaxItems up to 100.
constexpr std::string_view kListPageSize = "100";

Json Attributes(const Json& zone, const Json& tags) {
  const Json& config = zone.value("Config", Json::object());
  return {{"name", CanonicalDnsName(zone.value("Name", ""))},
          {"comment", config.value("Comment", "")},
          {"private", config.value("PrivateZone", false)},
          {"tags", tags}};
}

Result<Json> ListZones(ResourceContext& context) {
  Json zones = Json::array();
  std::string marker;
  while (true) {
    Json input = {{"MaxItems", kListPageSize}};
    if (!marker.empty()) input["Marker"] = marker;
    ASSIGN_OR_RETURN(Json page, context.Call("route53", "ListHostedZones", input));
    for (const Json& zone : page.value("HostedZones", Json::array())) zones.push_back(zone);
    marker = page.value("NextMarker", "");
    if (!page.value("IsTruncated", false) || marker.empty()) return zones;
  }
}

class HostedZoneType : public ResourceType {
 public:
  std::string_view name() const override { return "hosted_zone"; }
  std::string_view service() const override { return "route53"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // ListHostedZones (100 zones a call) and ListTagsForResources (10 zones a call).
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> zones = ListZones(context);
    if (!zones.ok()) return std::vector<Result<Json>>(records.size(), zones.status());
    std::vector<std::string> present;
    for (const state::ResourceRecord* record : records) {
      for (const Json& zone : *zones) {
        if (BareRoute53Id(zone.value("Id", "")) == record->id) present.push_back(record->id);
      }
    }
    Result<std::map<std::string, Json>> tags = ReadRoute53Tags(context, "hostedzone", present);
    if (!tags.ok()) return std::vector<Result<Json>>(records.size(), tags.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": hosted zone " + record->id + " is gone");
      for (const Json& zone : *zones) {
        if (BareRoute53Id(zone.value("Id", "")) == record->id) {
          found = Attributes(zone, UserTags((*tags)[record->id]));
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  // CallerReference = the create token: a create retried after a crash is refused
  // (HostedZoneAlreadyExists) instead of making a second zone, and Find returns the first.
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    Json input = {{"Name", desired.value("name", "")},
                  {"CallerReference", token},
                  {"HostedZoneConfig",
                   {{"Comment", desired.value("comment", "")},
                    {"PrivateZone", desired.value("private", false)}}}};
    if (desired.value("private", false)) {
      input["VPC"] = {{"VPCRegion", context.client().config().region},
                      {"VPCId", desired.value("vpc_id", "")}};
    }
    client::CallInfo info;
    Result<Json> output = context.Call("route53", "CreateHostedZone", input, &info);
    if (!output.ok()) {
      if (info.error && info.error->code == "HostedZoneAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Found> found, Find(context, desired, token));
        if (found) return Created{found->id, found->outputs, found->attributes};
      }
      return output.status();
    }
    std::string id = BareRoute53Id(output->value("HostedZone", Json::object()).value("Id", ""));
    RETURN_IF_ERROR(SyncRoute53Tags(context, "hostedzone", id, Json::object(),
                                    desired.value("tags", Json::object())));
    return Created{id, Outputs(id, output->value("DelegationSet", Json::object())), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    if (std::find(changed.begin(), changed.end(), "comment") != changed.end()) {
      RETURN_IF_ERROR(context
                          .Call("route53", "UpdateHostedZoneComment",
                                {{"Id", record.id}, {"Comment", desired.value("comment", "")}})
                          .status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      ASSIGN_OR_RETURN(auto tags, ReadRoute53Tags(context, "hostedzone", {record.id}));
      RETURN_IF_ERROR(SyncRoute53Tags(context, "hostedzone", record.id, UserTags(tags[record.id]),
                                      desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    client::CallInfo info;
    Result<Json> deleted = context.Call("route53", "DeleteHostedZone", {{"Id", record.id}}, &info);
    if (deleted.ok() || (info.error && info.error->code == "NoSuchHostedZone")) {
      return Status::Ok();
    }
    if (info.error && info.error->code == "HostedZoneNotEmpty") {
      return FailedPreconditionError(
          record.address + ": zone " + record.id +
          " still has records vueops does not manage (made by hand?); delete them, or keep the "
          "zone by removing it from state (`vueops state rm " +
          record.address + "`)");
    }
    return deleted.status();
  }

  // The zone of that name made with the create token, else the one tagged with the address,
  // else the only zone of that name (kind alike): the one made by hand that `vueops import`
  // takes over.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string& token) const override {
    std::string name = desired.value("name", "");
    ASSIGN_OR_RETURN(Json zones, ListZones(context));
    std::vector<const Json*> named;
    for (const Json& zone : zones) {
      if (CanonicalDnsName(zone.value("Name", "")) == name &&
          zone.value("Config", Json::object()).value("PrivateZone", false) ==
              desired.value("private", false)) {
        named.push_back(&zone);
      }
    }
    std::vector<std::string> ids;
    for (const Json* zone : named) ids.push_back(BareRoute53Id(zone->value("Id", "")));
    ASSIGN_OR_RETURN(auto tags, ReadRoute53Tags(context, "hostedzone", ids));
    const Json* chosen = nullptr;
    for (const Json* zone : named) {
      if (zone->value("CallerReference", "") == token) chosen = zone;
    }
    for (const Json* zone : named) {
      if (chosen == nullptr &&
          HasAddressTag(tags[BareRoute53Id(zone->value("Id", ""))], context.address())) {
        chosen = zone;
      }
    }
    if (chosen == nullptr && named.size() == 1) chosen = named[0];
    if (chosen == nullptr) return std::optional<Found>();
    std::string id = BareRoute53Id(chosen->value("Id", ""));
    ASSIGN_OR_RETURN(Json zone, context.Call("route53", "GetHostedZone", {{"Id", id}}));
    return std::optional<Found>(Found{id, Outputs(id, zone.value("DelegationSet", Json::object())),
                                      Attributes(*chosen, UserTags(tags[id]))});
  }

 private:
  static Json Outputs(const std::string& id, const Json& delegation_set) {
    return {{"id", id}, {"name_servers", delegation_set.value("NameServers", Json::array())}};
  }
};

}  // namespace

const ResourceType& HostedZone() {
  static const HostedZoneType* type = new HostedZoneType();
  return *type;
}

}  // namespace vueops::resources
