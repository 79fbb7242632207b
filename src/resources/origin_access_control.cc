// origin_access_control: how CloudFront signs its requests to an S3 origin (notes:
// "CloudFront": "S3 buckets locked down to OAI access"). Origin access control is AWS's
// replacement for the origin access identity (OAI), which AWS calls legacy and moto does not
// emulate; the bucket's policy grants CloudFront's service principal for the distributions
// that use the bucket (build_buckets.cc). One per bucket (the notes' FUTURE "use different
// OAIs for different behaviors/buckets"), or one for all when origin_access_per_bucket is off.
//
// Attributes:
//   name              string  in place  unique in the account, <stack>-<env>-<bucket>
//   description       string  in place
//   origin_type       string  replace   s3
//   signing_behavior  string  in place  always (CloudFront signs every request)
//   signing_protocol  string  in place  sigv4
// Outputs: id.
#include "resources/cloudfront_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kInPlace},
    {"description", UpdateMode::kInPlace},
    {"origin_type", UpdateMode::kReplace},
    {"signing_behavior", UpdateMode::kInPlace},
    {"signing_protocol", UpdateMode::kInPlace},
};

// A summary or a config (they share the member names) in the schema's attributes.
Json Attributes(const Json& control) {
  return {{"name", control.value("Name", "")},
          {"description", control.value("Description", "")},
          {"origin_type", control.value("OriginAccessControlOriginType", "")},
          {"signing_behavior", control.value("SigningBehavior", "")},
          {"signing_protocol", control.value("SigningProtocol", "")}};
}

Json Config(const Json& desired) {
  return {{"Name", desired.value("name", "")},
          {"Description", desired.value("description", "")},
          {"SigningProtocol", desired.value("signing_protocol", "sigv4")},
          {"SigningBehavior", desired.value("signing_behavior", "always")},
          {"OriginAccessControlOriginType", desired.value("origin_type", "s3")}};
}

class OriginAccessControlType : public ResourceType {
 public:
  std::string_view name() const override { return "origin_access_control"; }
  std::string_view service() const override { return "cloudfront"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListOriginAccessControls for all of them.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> items =
        ListCloudFrontItems(context, "ListOriginAccessControls", "OriginAccessControlList");
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!items.ok()) {
        results.push_back(items.status());
        continue;
      }
      Result<Json> found =
          NotFoundError(record->address + ": origin access control " + record->id + " is gone");
      for (const Json& item : *items) {
        if (item.value("Id", "") == record->id) found = Attributes(item);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", "CreateOriginAccessControl",
                                               {{"OriginAccessControlConfig", Config(desired)}}));
    const Json& control = output.value("OriginAccessControl", Json::object());
    std::string id = control.value("Id", "");
    return Created{
        id, {{"id", id}}, Attributes(control.value("OriginAccessControlConfig", Json::object()))};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json current,
                     context.Call("cloudfront", "GetOriginAccessControl", {{"Id", record.id}}));
    return context
        .Call("cloudfront", "UpdateOriginAccessControl",
              {{"Id", record.id},
               {"IfMatch", current.value("ETag", "")},
               {"OriginAccessControlConfig", Config(desired)}})
        .status();
  }

  // CloudFront refuses while a distribution still uses it (OriginAccessControlInUse); the
  // distributions that use it depend on it, so they are gone first.
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteCloudFrontObject(context, "GetOriginAccessControl", "DeleteOriginAccessControl",
                                  record.id, {"NoSuchOriginAccessControl"});
  }

  // By name: CloudFront refuses two controls of one name (OriginAccessControlAlreadyExists).
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json items, ListCloudFrontItems(context, "ListOriginAccessControls",
                                                     "OriginAccessControlList"));
    for (const Json& item : items) {
      if (item.value("Name", "") == desired.value("name", "")) {
        std::string id = item.value("Id", "");
        return std::optional<Found>(Found{id, {{"id", id}}, Attributes(item)});
      }
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& OriginAccessControl() {
  static const OriginAccessControlType* type = new OriginAccessControlType();
  return *type;
}

}  // namespace vueops::resources
