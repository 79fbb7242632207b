// iam_access_key: an access key of a service user (notes: "Access notes": "Non-human accounts
// ... are setup for access into resources via APIs"; "MPF assumes 1 AWS access key"), or the
// key behind the SES SMTP credentials (notes: "SES": "use that user's AWS access key and the
// one-time secret in special SES password form. Those are placed into AWS secrets").
//
// Attributes:
//   user           string  replace   the user's name
//   status         string  in place  "Active" or "Inactive"
//   secret_name    string  replace   where the key goes: the secret
//                                    {"aws_access_key_id", "aws_secret_access_key"}; when not
//                                    given, vueops/access-key/<the address's name>
//   secret_region  string  replace   the secret's region ("" for the client's)
//   smtp_secret    string  replace   instead, the secret that gets the SES SMTP credentials
//                                    {"username", "password", "host", "port"}
//   smtp_region    string  replace   the SES region they are for (and the secret's region)
// Outputs: id (the access key id), secret_arn.
//
// AWS shows the secret key once, in CreateAccessKey's answer: it goes straight into Secrets
// Manager and never into state. Where the secret is cannot be read back from IAM, so Read
// reports the recorded location: changing it in the spec makes a new key.
#include <algorithm>
#include <map>

#include "resources/desired.h"
#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/ses_smtp_password.h"
#include "resources/stored_secret.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"user", UpdateMode::kReplace},        {"status", UpdateMode::kInPlace},
    {"secret_name", UpdateMode::kReplace}, {"secret_region", UpdateMode::kReplace},
    {"smtp_secret", UpdateMode::kReplace}, {"smtp_region", UpdateMode::kReplace},
};

constexpr std::string_view kSecretPrefix = "vueops/access-key/";
constexpr std::string_view kLocationAttributes[] = {"secret_name", "secret_region", "smtp_secret",
                                                    "smtp_region"};

// Where the key's secret goes for these attributes, at `address`.
SecretLocation SecretOf(const Json& attributes, const std::string& address) {
  std::string smtp_secret = attributes.value("smtp_secret", "");
  if (!smtp_secret.empty()) return {smtp_secret, attributes.value("smtp_region", "")};
  std::string name = attributes.value("secret_name", "");
  if (name.empty()) {
    Result<AddressParts> parts = ParseAddress(address);
    name = std::string(kSecretPrefix) + (parts.ok() ? parts->name : address);
  }
  return {name, attributes.value("secret_region", "")};
}

// The secret's value for a new key.
Json SecretValue(const Json& desired, const Json& key) {
  std::string id = key.value("AccessKeyId", "");
  std::string secret_key = key.value("SecretAccessKey", "");
  std::string smtp_region = desired.value("smtp_region", "");
  if (desired.value("smtp_secret", "").empty()) {
    return {{"aws_access_key_id", id}, {"aws_secret_access_key", secret_key}};
  }
  return {{"username", id},
          {"password", SesSmtpPassword(secret_key, smtp_region)},
          {"host", SesSmtpHost(smtp_region)},
          {"port", kSesSmtpPort}};
}

// The key id a stored secret holds, or "".
std::string KeyIdIn(const Json& secret) {
  if (!secret.is_object()) return "";
  return secret.value("aws_access_key_id", secret.value("username", ""));
}

Json Attributes(const Json& key, const Json& recorded) {
  Json attributes = {{"user", key.value("UserName", "")}, {"status", key.value("Status", "")}};
  for (std::string_view name : kLocationAttributes) {
    std::string member(name);
    if (recorded.contains(member)) attributes[member] = recorded[member];
  }
  return attributes;
}

Result<Json> KeysOf(ResourceContext& context, const std::string& user) {
  Result<Json> keys = CallAllPages(context, "iam", "ListAccessKeys", {{"UserName", user}},
                                   kIamPaging, "AccessKeyMetadata");
  if (keys.ok()) return keys;
  // A user that is gone has no keys.
  Result<Json> exists =
      context.CallOrNotFound("iam", "GetUser", {{"UserName", user}}, {kNoSuchEntity});
  if (!exists.ok() && exists.status().code() == StatusCode::kNotFound) return Json::array();
  return keys;
}

Result<Json> ReadOne(const state::ResourceRecord& record, const Json& keys) {
  for (const Json& key : keys) {
    if (key.value("AccessKeyId", "") == record.id) return Attributes(key, record.attributes);
  }
  return NotFoundError(record.address + ": access key " + record.id + " is gone");
}

class IamAccessKeyType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_access_key"; }
  std::string_view service() const override { return "iam"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListAccessKeys per user for all of the user's keys.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::map<std::string, Result<Json>> by_user;
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<std::string> user = UserOf(context, *record);
      if (!user.ok()) {
        results.push_back(user.status());
        continue;
      }
      auto keys = by_user.find(*user);
      if (keys == by_user.end()) keys = by_user.emplace(*user, KeysOf(context, *user)).first;
      results.push_back(keys->second.ok() ? ReadOne(*record, *keys->second)
                                          : Result<Json>(keys->second.status()));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string user = desired.value("user", "");
    if (!desired.value("smtp_secret", "").empty() && desired.value("smtp_region", "").empty()) {
      return InvalidArgumentError(
          context.address() + ": smtp_secret needs smtp_region (SMTP passwords are per region)");
    }
    ASSIGN_OR_RETURN(Json output, context.Call("iam", "CreateAccessKey", {{"UserName", user}}));
    const Json& key = output["AccessKey"];
    std::string id = key.value("AccessKeyId", "");
    Result<std::string> secret_arn =
        StoreSecret(context, SecretOf(desired, context.address()), SecretValue(desired, key));
    if (!secret_arn.ok()) {
      // A key whose secret nobody kept is useless and a risk: take it back.
      context.Call("iam", "DeleteAccessKey", {{"UserName", user}, {"AccessKeyId", id}})
          .status()
          .IgnoreError();
      return secret_arn.status().WithContext("keeping the new access key's secret");
    }
    if (desired.value("status", "Active") != key.value("Status", "Active")) {
      RETURN_IF_ERROR(SetStatus(context, user, id, desired.value("status", "Active")));
    }
    return Created{id,
                   {{"id", id}, {"secret_arn", *secret_arn}},
                   {{"user", user}, {"status", desired.value("status", "Active")}}};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return SetStatus(context, desired.value("user", ""), record.id,
                     desired.value("status", "Active"));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(std::string user, UserOf(context, record));
    RETURN_IF_ERROR(CallIgnoring(context, "iam", "DeleteAccessKey",
                                 {{"UserName", user}, {"AccessKeyId", record.id}},
                                 {kNoSuchEntity}));
    return DeleteOwnedSecret(context, SecretOf(record.attributes, record.address));
  }

  // The key whose id the secret holds, if the user still has it: a key is adopted only with
  // its secret, since a key without one is of no use.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> secret = ReadSecret(context, SecretOf(desired, context.address()));
    if (!secret.ok()) {
      if (secret.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return secret.status();
    }
    std::string id = KeyIdIn(*secret);
    ASSIGN_OR_RETURN(Json keys, KeysOf(context, desired.value("user", "")));
    for (const Json& key : keys) {
      if (!id.empty() && key.value("AccessKeyId", "") == id) {
        return std::optional<Found>(Found{id, {{"id", id}}, Attributes(key, desired)});
      }
    }
    return std::optional<Found>();
  }

 private:
  static Status SetStatus(ResourceContext& context, const std::string& user, const std::string& id,
                          const std::string& status) {
    return context
        .Call("iam", "UpdateAccessKey",
              {{"UserName", user}, {"AccessKeyId", id}, {"Status", status}})
        .status();
  }

  // The key's user: recorded, else asked of IAM (an imported key).
  static Result<std::string> UserOf(ResourceContext& context, const state::ResourceRecord& record) {
    std::string user = record.attributes.value("user", "");
    if (!user.empty()) return user;
    ASSIGN_OR_RETURN(Json used, context.CallOrNotFound("iam", "GetAccessKeyLastUsed",
                                                       {{"AccessKeyId", record.id}},
                                                       {kNoSuchEntity, "AccessDenied"}));
    return used.value("UserName", "");
  }
};

}  // namespace

const ResourceType& IamAccessKey() {
  static const IamAccessKeyType* type = new IamAccessKeyType();
  return *type;
}

}  // namespace vueops::resources
