// distribution: a CloudFront web distribution (notes: "CloudFront": "Distributions are setup
// for public and protected endpoints. They use origins and behaviors tied S3 buckets and
// no-host ELB endpoints."). The spec's origins, behaviours, error pages, aliases, certificate
// and logging become the DistributionConfig; distribution_config.h lists the attributes.
//
// Attributes: those of distribution_config.h, all in place (UpdateDistribution takes the
// whole configuration: vueops reads the live one with its ETag, writes the spec's parts over
// it and sends it back), and
//   tags  object  in place  the environment's tags
// Outputs: id, arn, domain_name (dxxxx.cloudfront.net), zone_id (for Route53 alias records).
//
// Creating, changing or disabling a distribution takes minutes to deploy everywhere (20 and
// more on AWS): WaitReady and Delete wait for the status Deployed, saying so as they wait.
#include "resources/cloudfront_support.h"
#include "resources/distribution_config.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"comment", UpdateMode::kInPlace},
    {"enabled", UpdateMode::kInPlace},
    {"aliases", UpdateMode::kInPlace},
    {"price_class", UpdateMode::kInPlace},
    {"http_version", UpdateMode::kInPlace},
    {"ipv6_enabled", UpdateMode::kInPlace},
    {"default_root_object", UpdateMode::kInPlace},
    {"viewer_certificate", UpdateMode::kInPlace},
    {"logging", UpdateMode::kInPlace},
    {"origins", UpdateMode::kInPlace},
    {"default_cache_behavior", UpdateMode::kInPlace},
    {"cache_behaviors", UpdateMode::kInPlace},
    {"custom_error_responses", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Route 53 API Reference, AliasTarget, HostedZoneId: "Specify Z2FDTNDATAQYW2. This is always
// the hosted zone ID when you create an alias record that routes traffic to a CloudFront
// distribution."
constexpr std::string_view kCloudFrontHostedZoneId = "Z2FDTNDATAQYW2";
// AWS documents deployments of "up to 15 minutes" and sees longer ones: wait up to an hour.
constexpr auto kDeployTimeout = std::chrono::minutes(60);
constexpr auto kFirstDeployPoll = std::chrono::seconds(5);
constexpr auto kMaxDeployPoll = std::chrono::seconds(30);
Json Outputs(const Json& distribution) {
  return {{"id", distribution.value("Id", "")},
          {"arn", distribution.value("ARN", "")},
          {"domain_name", distribution.value("DomainName", "")},
          {"zone_id", kCloudFrontHostedZoneId}};
}

// The tags as CloudFront takes them: {"Items": [{"Key", "Value"}]}.
Json CloudFrontTags(const ResourceContext& context, const Json& user_tags) {
  Json items = Json::array();
  for (const auto& [key, value] : context.tags()) {
    if (key.rfind("vueops:", 0) == 0) items.push_back({{"Key", key}, {"Value", value}});
  }
  for (auto it = user_tags.begin(); it != user_tags.end(); ++it) {
    items.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  return {{"Items", items}};
}

Result<Json> ReadTags(ResourceContext& context, const std::string& arn) {
  ASSIGN_OR_RETURN(Json output,
                   context.Call("cloudfront", "ListTagsForResource", {{"Resource", arn}}));
  return UserTags(output.value("Tags", Json::object()).value("Items", Json::array()));
}

// Polls until the distribution's status is Deployed.
Status WaitDeployed(ResourceContext& context, const std::string& id, std::string_view what) {
  return context.Poll(
      what, kDeployTimeout,
      [&]() -> Result<bool> {
        ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", "GetDistribution", {{"Id", id}}));
        return output.value("Distribution", Json::object()).value("Status", "") == "Deployed";
      },
      kFirstDeployPoll, kMaxDeployPoll);
}

class DistributionType : public ResourceType {
 public:
  std::string_view name() const override { return "distribution"; }
  std::string_view service() const override { return "cloudfront"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  // Two calls: GetDistribution (the whole configuration; ListDistributions' summaries lack
  // the logging settings) and ListTagsForResource.
  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(Json output,
                     context.CallOrNotFound("cloudfront", "GetDistribution", {{"Id", record.id}},
                                            {"NoSuchDistribution"}));
    const Json& distribution = output.value("Distribution", Json::object());
    Json attributes =
        DistributionAttributes(distribution.value("DistributionConfig", Json::object()),
                               record.attributes);
    ASSIGN_OR_RETURN(attributes["tags"], ReadTags(context, distribution.value("ARN", "")));
    return attributes;
  }

  // CallerReference = the create token. A create retried after a crash is refused
  // (DistributionAlreadyExists) rather than making a second distribution: Find returns the
  // first.
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    Json config = {{"CallerReference", token}};
    ApplyDistributionAttributes(desired, &config);
    client::CallInfo info;
    Result<Json> output =
        context.Call("cloudfront", "CreateDistributionWithTags",
                     {{"DistributionConfigWithTags",
                       {{"DistributionConfig", config},
                        {"Tags", CloudFrontTags(context, desired.value("tags", Json::object()))}}}},
                     &info);
    if (!output.ok()) {
      if (info.error && info.error->code == "DistributionAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Found> found, Find(context, desired, token));
        if (found) return Created{found->id, found->outputs, found->attributes};
      }
      return output.status();
    }
    const Json& distribution = output->value("Distribution", Json::object());
    return Created{distribution.value("Id", ""), Outputs(distribution), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    bool config_changed = false;
    for (const std::string& name : changed) config_changed = config_changed || name != "tags";
    if (config_changed) {
      ASSIGN_OR_RETURN(Json current,
                       context.Call("cloudfront", "GetDistributionConfig", {{"Id", record.id}}));
      Json config = current.value("DistributionConfig", Json::object());
      ApplyDistributionAttributes(desired, &config);
      RETURN_IF_ERROR(context
                          .Call("cloudfront", "UpdateDistribution",
                                {{"Id", record.id},
                                 {"IfMatch", current.value("ETag", "")},
                                 {"DistributionConfig", config}})
                          .status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      RETURN_IF_ERROR(SyncTags(context, record, desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  // Disable, wait until the disabled configuration is deployed, delete (CloudFront refuses to
  // delete an enabled distribution: DistributionNotDisabled).
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> current = context.CallOrNotFound("cloudfront", "GetDistributionConfig",
                                                  {{"Id", record.id}}, {"NoSuchDistribution"});
    if (!current.ok()) {
      return current.status().code() == StatusCode::kNotFound ? Status::Ok() : current.status();
    }
    Json config = current->value("DistributionConfig", Json::object());
    if (config.value("Enabled", false)) {
      config["Enabled"] = false;
      RETURN_IF_ERROR(context
                          .Call("cloudfront", "UpdateDistribution",
                                {{"Id", record.id},
                                 {"IfMatch", current->value("ETag", "")},
                                 {"DistributionConfig", config}})
                          .status());
    }
    RETURN_IF_ERROR(
        WaitDeployed(context, record.id, "distribution " + record.id + " to deploy disabled"));
    return DeleteCloudFrontObject(context, "GetDistribution", "DeleteDistribution", record.id,
                                  {"NoSuchDistribution"});
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return WaitDeployed(context, record.id, "distribution " + record.id + " to deploy");
  }

  // By alias (CloudFront gives an alias to one distribution at most: CNAMEAlreadyExists),
  // else by the vueops:address tag.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json summaries,
                     ListCloudFrontItems(context, "ListDistributions", "DistributionList"));
    const Json& aliases = desired.value("aliases", Json::array());
    for (const Json& summary : summaries) {
      for (const Json& alias : CloudFrontItems(summary.value("Aliases", Json::object()))) {
        if (std::find(aliases.begin(), aliases.end(), alias) != aliases.end()) {
          return Adopt(context, summary);
        }
      }
    }
    for (const Json& summary : summaries) {
      ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", "ListTagsForResource",
                                                 {{"Resource", summary.value("ARN", "")}}));
      for (const Json& tag : output.value("Tags", Json::object()).value("Items", Json::array())) {
        if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
          return Adopt(context, summary);
        }
      }
    }
    return std::optional<Found>();
  }

 private:
  static Result<std::optional<Found>> Adopt(ResourceContext& context, const Json& summary) {
    state::ResourceRecord record;
    record.address = context.address();
    record.id = summary.value("Id", "");
    ASSIGN_OR_RETURN(Json attributes, DistributionType().Read(context, record));
    return std::optional<Found>(Found{record.id, Outputs(summary), std::move(attributes)});
  }

  static Status SyncTags(ResourceContext& context, const state::ResourceRecord& record,
                         const Json& desired) {
    ASSIGN_OR_RETURN(Json output,
                     context.Call("cloudfront", "GetDistribution", {{"Id", record.id}}));
    std::string arn = output.value("Distribution", Json::object()).value("ARN", "");
    ASSIGN_OR_RETURN(Json current, ReadTags(context, arn));
    Json gone = Json::array();
    for (auto it = current.begin(); it != current.end(); ++it) {
      if (!desired.contains(it.key())) gone.push_back(it.key());
    }
    if (!gone.empty()) {
      RETURN_IF_ERROR(context
                          .Call("cloudfront", "UntagResource",
                                {{"Resource", arn}, {"TagKeys", {{"Items", gone}}}})
                          .status());
    }
    return context
        .Call("cloudfront", "TagResource",
              {{"Resource", arn}, {"Tags", CloudFrontTags(context, desired)}})
        .status();
  }
};

}  // namespace

const ResourceType& Distribution() {
  static const DistributionType* type = new DistributionType();
  return *type;
}

}  // namespace vueops::resources
