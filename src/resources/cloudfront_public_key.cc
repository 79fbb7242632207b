// cloudfront_public_key: the public half of the key that signs CloudFront URLs and cookies
// (notes: "Keys and SSL certificates": private keys are used "with Cloudfront for signed URLs
// (stored in AWS Secrets and Root)"). The spec names the PEM file; the private half stays in
// Secrets Manager and never passes through vueops' state.
//
// Attributes:
//   name         string  replace   unique in the account
//   encoded_key  string  replace   the PEM public key, without trailing newlines (CloudFront
//                                  API Reference, UpdatePublicKey: only the comment changes)
//   comment      string  in place
// Outputs: id.
#include "resources/cloudfront_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"encoded_key", UpdateMode::kReplace},
    {"comment", UpdateMode::kInPlace},
};

// `recorded`: the attributes last applied, for what the answer leaves out (ReportedOr).
Json Attributes(const Json& key, const Json& recorded) {
  return {{"name", key.value("Name", "")},
          {"encoded_key", TrimTrailingSpace(key.value("EncodedKey", ""))},
          // moto keeps no comment and answers "" (AWS keeps it): an empty comment is read as
          // not reported too, so clearing the comment by hand goes unseen. It is cosmetic.
          {"comment", key.value("Comment", "").empty()
                          ? ReportedOr(Json::object(), "Comment", recorded.value("comment", Json()))
                          : key["Comment"]}};
}

class CloudFrontPublicKeyType : public ResourceType {
 public:
  std::string_view name() const override { return "cloudfront_public_key"; }
  std::string_view service() const override { return "cloudfront"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListPublicKeys (its summaries hold the encoded key) for all of them.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> items = ListCloudFrontItems(context, "ListPublicKeys", "PublicKeyList");
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!items.ok()) {
        results.push_back(items.status());
        continue;
      }
      Result<Json> found =
          NotFoundError(record->address + ": public key " + record->id + " is gone");
      for (const Json& item : *items) {
        if (item.value("Id", "") == record->id) found = Attributes(item, record->attributes);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  // CallerReference = the create token: a create retried after a crash is refused
  // (PublicKeyAlreadyExists) instead of making a second key, and Find adopts the first.
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", "CreatePublicKey",
                                               {{"PublicKeyConfig", Config(desired, token)}}));
    const Json& key = output.value("PublicKey", Json::object());
    std::string id = key.value("Id", "");
    return Created{id, {{"id", id}}, Attributes(key.value("PublicKeyConfig", Json::object()), desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json current,
                     context.Call("cloudfront", "GetPublicKeyConfig", {{"Id", record.id}}));
    // The caller reference and the key cannot change: send them back as they are.
    Json config = current.value("PublicKeyConfig", Json::object());
    config["Comment"] = desired.value("comment", "");
    return context
        .Call("cloudfront", "UpdatePublicKey",
              {{"Id", record.id},
               {"IfMatch", current.value("ETag", "")},
               {"PublicKeyConfig", config}})
        .status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteCloudFrontObject(context, "GetPublicKey", "DeletePublicKey", record.id,
                                  {"NoSuchPublicKey"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json items, ListCloudFrontItems(context, "ListPublicKeys", "PublicKeyList"));
    for (const Json& item : items) {
      if (item.value("Name", "") == desired.value("name", "")) {
        std::string id = item.value("Id", "");
        return std::optional<Found>(Found{id, {{"id", id}}, Attributes(item, desired)});
      }
    }
    return std::optional<Found>();
  }

 private:
  static Json Config(const Json& desired, const std::string& token) {
    return {{"CallerReference", token},
            {"Name", desired.value("name", "")},
            {"EncodedKey", desired.value("encoded_key", "")},
            {"Comment", desired.value("comment", "")}};
  }
};

}  // namespace

const ResourceType& CloudFrontPublicKey() {
  static const CloudFrontPublicKeyType* type = new CloudFrontPublicKeyType();
  return *type;
}

}  // namespace vueops::resources
