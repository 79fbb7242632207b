// health_check: a Route53 health check of the site (notes: "CloudFront": "Can have Route 53,
// due to DNS health failover route requests to CF"). The primary failover records carry it;
// when it fails, Route53 answers with the secondary (the CloudFront error page of last resort).
//
// Attributes:
//   type               string  replace   HTTP, HTTPS or TCP (Route53 cannot change it)
//   fqdn               string  in place  the name checked (and sent for SNI)
//   resource_path      string  in place  "" for TCP
//   port               int     in place
//   request_interval   int     replace   10 or 30 seconds (Route53 cannot change it)
//   failure_threshold  int     in place  1 to 10
//   enable_sni         bool    in place  true for HTTPS
//   tags               object  in place  the environment's tags and Name (the console shows it)
// Outputs: id.
#include <algorithm>

#include "resources/ec2_tags.h"
#include "resources/route53_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"type", UpdateMode::kReplace},
    {"fqdn", UpdateMode::kInPlace},
    {"resource_path", UpdateMode::kInPlace},
    {"port", UpdateMode::kInPlace},
    {"request_interval", UpdateMode::kReplace},
    {"failure_threshold", UpdateMode::kInPlace},
    {"enable_sni", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Route 53 API Reference, ListHealthChecks: MaxItems up to 1000.
constexpr std::string_view kListPageSize = "1000";

Json Attributes(const Json& check, const Json& tags) {
  const Json& config = check.value("HealthCheckConfig", Json::object());
  return {{"type", config.value("Type", "")},
          {"fqdn", config.value("FullyQualifiedDomainName", "")},
          {"resource_path", config.value("ResourcePath", "")},
          {"port", config.value("Port", 0)},
          {"request_interval", config.value("RequestInterval", 0)},
          {"failure_threshold", config.value("FailureThreshold", 0)},
          {"enable_sni", config.value("EnableSNI", false)},
          {"tags", tags}};
}

Result<Json> ListChecks(ResourceContext& context) {
  Json checks = Json::array();
  std::string marker;
  while (true) {
    Json input = {{"MaxItems", kListPageSize}};
    if (!marker.empty()) input["Marker"] = marker;
    ASSIGN_OR_RETURN(Json page, context.Call("route53", "ListHealthChecks", input));
    for (const Json& check : page.value("HealthChecks", Json::array())) checks.push_back(check);
    marker = page.value("NextMarker", "");
    if (!page.value("IsTruncated", false) || marker.empty()) return checks;
  }
}

class HealthCheckType : public ResourceType {
 public:
  std::string_view name() const override { return "health_check"; }
  std::string_view service() const override { return "route53"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // ListHealthChecks (1000 a call) and ListTagsForResources (10 a call).
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> checks = ListChecks(context);
    if (!checks.ok()) return std::vector<Result<Json>>(records.size(), checks.status());
    std::vector<std::string> present;
    for (const state::ResourceRecord* record : records) {
      for (const Json& check : *checks) {
        if (check.value("Id", "") == record->id) present.push_back(record->id);
      }
    }
    Result<std::map<std::string, Json>> tags = ReadRoute53Tags(context, "healthcheck", present);
    if (!tags.ok()) return std::vector<Result<Json>>(records.size(), tags.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": health check " + record->id + " is gone");
      for (const Json& check : *checks) {
        if (check.value("Id", "") == record->id) {
          found = Attributes(check, UserTags((*tags)[record->id]));
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  // CallerReference = the create token: retried with the same settings after a crash,
  // CreateHealthCheck returns the check it made (Route 53 API Reference, CreateHealthCheck).
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    Json config = {{"Type", desired.value("type", "HTTPS")},
                   {"FullyQualifiedDomainName", desired.value("fqdn", "")},
                   {"Port", desired.value("port", 443)},
                   {"RequestInterval", desired.value("request_interval", 30)},
                   {"FailureThreshold", desired.value("failure_threshold", 3)}};
    if (!desired.value("resource_path", "").empty())
      config["ResourcePath"] = desired["resource_path"];
    if (config["Type"] == "HTTPS") config["EnableSNI"] = desired.value("enable_sni", true);
    client::CallInfo info;
    Result<Json> output =
        context.Call("route53", "CreateHealthCheck",
                     {{"CallerReference", token}, {"HealthCheckConfig", config}}, &info);
    if (!output.ok()) {
      if (info.error && info.error->code == "HealthCheckAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Found> found, Find(context, desired, token));
        if (found) return Created{found->id, found->outputs, found->attributes};
      }
      return output.status();
    }
    std::string id = output->value("HealthCheck", Json::object()).value("Id", "");
    RETURN_IF_ERROR(SyncRoute53Tags(context, "healthcheck", id, Json::object(),
                                    desired.value("tags", Json::object())));
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    bool settings = std::any_of(changed.begin(), changed.end(),
                                [](const std::string& name) { return name != "tags"; });
    if (settings) {
      Json input = {{"HealthCheckId", record.id},
                    {"FullyQualifiedDomainName", desired.value("fqdn", "")},
                    {"Port", desired.value("port", 443)},
                    {"FailureThreshold", desired.value("failure_threshold", 3)},
                    {"EnableSNI", desired.value("enable_sni", false)}};
      if (!desired.value("resource_path", "").empty())
        input["ResourcePath"] = desired["resource_path"];
      RETURN_IF_ERROR(context.Call("route53", "UpdateHealthCheck", input).status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      ASSIGN_OR_RETURN(auto tags, ReadRoute53Tags(context, "healthcheck", {record.id}));
      RETURN_IF_ERROR(SyncRoute53Tags(context, "healthcheck", record.id, UserTags(tags[record.id]),
                                      desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted = context.CallOrNotFound(
        "route53", "DeleteHealthCheck", {{"HealthCheckId", record.id}}, {"NoSuchHealthCheck"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  // The check made with the create token, else the one tagged with the address.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string& token) const override {
    ASSIGN_OR_RETURN(Json checks, ListChecks(context));
    std::vector<std::string> ids;
    for (const Json& check : checks) ids.push_back(check.value("Id", ""));
    const Json* chosen = nullptr;
    for (const Json& check : checks) {
      if (check.value("CallerReference", "") == token) chosen = &check;
    }
    ASSIGN_OR_RETURN(
        auto tags,
        ReadRoute53Tags(
            context, "healthcheck",
            chosen != nullptr ? std::vector<std::string>{chosen->value("Id", "")} : ids));
    for (const Json& check : checks) {
      if (chosen == nullptr && HasAddressTag(tags[check.value("Id", "")], context.address())) {
        chosen = &check;
      }
    }
    if (chosen == nullptr) return std::optional<Found>();
    std::string id = chosen->value("Id", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*chosen, UserTags(tags[id]))});
  }
};

}  // namespace

const ResourceType& HealthCheck() {
  static const HealthCheckType* type = new HealthCheckType();
  return *type;
}

}  // namespace vueops::resources
