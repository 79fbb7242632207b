// secret: a Secrets Manager secret (notes: "SES": the SMTP user and password "are placed into
// AWS secrets and passed to Django"; "Keys and SSL certificates": the CloudFront signing key
// is "stored in AWS Secrets"). Values never pass through vueops' state or output:
//   source generate  Secrets Manager makes the value (GetRandomPassword) and vueops puts it
//                    at creation, once;
//   source smtp      created empty; `vueops ses smtp-credentials` fills it from the SMTP
//                    user's access key;
//   source external  created empty; an operator puts it with `vueops secrets put`.
// The description says which, for whoever finds the secret in the console.
//
// Rotation needs a rotation Lambda function, which the notes do not have: rotation_days is
// recorded in the tag vueops:rotation-days (for `vueops audit` and operators), not given to
// Secrets Manager. Replication to another account (the spec's replicate_to_account) is not
// done: Secrets Manager replicates to regions, not accounts.
//
// Attributes:
//   name                 string  replace   <stack>-<env>-<name>
//   description          string  in place
//   source               string  create    generate | smtp | external
//   generate_length      int     create    characters of a generated value
//   exclude_punctuation  bool    create    of a generated value
//   rotation_days        int     in place  0: never; the tag vueops:rotation-days
//   tags                 object  in place  the environment's tags
// Outputs: id (ARN), arn, name.
#include <algorithm>

#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"description", UpdateMode::kInPlace},
    {"source", UpdateMode::kCreateOnly},
    {"generate_length", UpdateMode::kCreateOnly},
    {"exclude_punctuation", UpdateMode::kCreateOnly},
    {"rotation_days", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

constexpr std::string_view kRotationTag = "vueops:rotation-days";
// Secrets Manager API Reference, DeleteSecret: RecoveryWindowInDays "can range from 7 to 30
// days". The shortest: a deleted secret stays restorable for a week (Create restores it).
constexpr int kRecoveryWindowDays = 7;
// ListSecrets: MaxResults up to 100.
constexpr int kListPageSize = 100;
// CreateSecret, ClientRequestToken: "This value must be between 32 and 64 characters".
constexpr size_t kMinTokenLength = 32;
constexpr size_t kMaxTokenLength = 64;

Json Attributes(const Json& secret) {
  Json tags = secret.value("Tags", Json::array());
  int rotation_days = 0;
  for (const Json& tag : tags) {
    if (tag.value("Key", "") == kRotationTag) {
      rotation_days = std::atoi(tag.value("Value", "0").c_str());
    }
  }
  return {{"name", secret.value("Name", "")},
          {"description", secret.value("Description", "")},
          {"rotation_days", rotation_days},
          {"tags", UserTags(tags)}};
}

Json Outputs(const std::string& arn, const std::string& name) {
  return {{"id", arn}, {"arn", arn}, {"name", name}};
}

// The tags to put: the context's vueops:* tags, the rotation tag, the user tags.
Json SecretTags(const ResourceContext& context, const Json& desired) {
  Json tags = Json::array();
  for (const auto& [key, value] : context.tags()) {
    if (key.rfind("vueops:", 0) == 0) tags.push_back({{"Key", key}, {"Value", value}});
  }
  int rotation_days = desired.value("rotation_days", 0);
  if (rotation_days > 0) {
    tags.push_back({{"Key", kRotationTag}, {"Value", std::to_string(rotation_days)}});
  }
  const Json& user = desired.value("tags", Json::object());
  for (auto it = user.begin(); it != user.end(); ++it) {
    tags.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  return tags;
}

// The version token for a generated value: the create token, padded or cut to the length
// Secrets Manager takes, so a create retried after a crash sends the same one.
std::string VersionToken(std::string token) {
  while (token.size() < kMinTokenLength) token += '0';
  if (token.size() > kMaxTokenLength) token.resize(kMaxTokenLength);
  return token;
}

class SecretType : public ResourceType {
 public:
  std::string_view name() const override { return "secret"; }
  std::string_view service() const override { return "secretsmanager"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // ListSecrets, a page of 100 secrets per call, with descriptions and tags: one call for an
  // account's secrets. Secrets scheduled for deletion are left out, so they read as gone.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> secrets = ListSecrets(context);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!secrets.ok()) {
        results.push_back(secrets.status());
        continue;
      }
      Result<Json> found = NotFoundError(record->address + ": secret " + record->id + " is gone");
      for (const Json& secret : *secrets) {
        if (secret.value("ARN", "") == record->id) found = Attributes(secret);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    std::string name = desired.value("name", "");
    Json input = {{"Name", name},
                  {"Description", desired.value("description", "")},
                  {"Tags", SecretTags(context, desired)}};
    if (desired.value("source", "") == "generate") {
      ASSIGN_OR_RETURN(
          Json random,
          context.Call("secretsmanager", "GetRandomPassword",
                       {{"PasswordLength", desired.value("generate_length", 32)},
                        {"ExcludePunctuation", desired.value("exclude_punctuation", true)}}));
      input["SecretString"] = random.value("RandomPassword", "");
      input["ClientRequestToken"] = VersionToken(token);
    }
    client::CallInfo info;
    Result<Json> created = context.Call("secretsmanager", "CreateSecret", input, &info);
    if (created.ok()) {
      std::string arn = created->value("ARN", "");
      return Created{arn, Outputs(arn, name), Json::object()};
    }
    if (!info.error) return created.status();
    // The name is taken: by this secret, made by a create that crashed before it was
    // recorded, or by a secret deleted within its recovery window. Take it back.
    if (info.error->code == "ResourceExistsException" ||
        (info.error->code == "InvalidRequestException" &&
         info.error->message.find("deletion") != std::string::npos)) {
      return Restore(context, desired);
    }
    return created.status();
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    if (std::find(changed.begin(), changed.end(), "description") != changed.end()) {
      RETURN_IF_ERROR(
          context
              .Call("secretsmanager", "UpdateSecret",
                    {{"SecretId", record.id}, {"Description", desired.value("description", "")}})
              .status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end() ||
        std::find(changed.begin(), changed.end(), "rotation_days") != changed.end()) {
      RETURN_IF_ERROR(SyncTags(context, record.id, desired));
    }
    return Status::Ok();
  }

  // Scheduled for deletion after the recovery window, not at once: a generated database
  // password deleted by mistake can still be restored (`aws secretsmanager restore-secret`).
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted = context.CallOrNotFound(
        "secretsmanager", "DeleteSecret",
        {{"SecretId", record.id}, {"RecoveryWindowInDays", kRecoveryWindowDays}},
        {"ResourceNotFoundException"});
    if (deleted.ok() || deleted.status().code() == StatusCode::kNotFound) return Status::Ok();
    // Deleting a secret already scheduled for deletion is refused; it is gone as far as the
    // plan is concerned.
    Result<Json> described =
        context.CallOrNotFound("secretsmanager", "DescribeSecret", {{"SecretId", record.id}},
                               {"ResourceNotFoundException"});
    if (described.ok() && described->contains("DeletedDate")) return Status::Ok();
    return deleted.status();
  }

  // By name, which is unique in the account and region.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> secret = context.CallOrNotFound("secretsmanager", "DescribeSecret",
                                                 {{"SecretId", desired.value("name", "")}},
                                                 {"ResourceNotFoundException"});
    if (!secret.ok()) {
      if (secret.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return secret.status();
    }
    if (secret->contains("DeletedDate")) return std::optional<Found>();
    std::string arn = secret->value("ARN", "");
    return std::optional<Found>(
        Found{arn, Outputs(arn, secret->value("Name", "")), Attributes(*secret)});
  }

 private:
  static Result<Json> ListSecrets(ResourceContext& context) {
    Json secrets = Json::array();
    std::string next;
    do {
      Json input = {{"MaxResults", kListPageSize}};
      if (!next.empty()) input["NextToken"] = next;
      ASSIGN_OR_RETURN(Json page, context.Call("secretsmanager", "ListSecrets", input));
      for (const Json& secret : page.value("SecretList", Json::array())) secrets.push_back(secret);
      next = page.value("NextToken", "");
    } while (!next.empty());
    return secrets;
  }

  // Takes back the secret of that name (restoring it if it was scheduled for deletion), with
  // its value, and brings its description and tags to the spec's.
  static Result<Created> Restore(ResourceContext& context, const Json& desired) {
    std::string name = desired.value("name", "");
    ASSIGN_OR_RETURN(Json secret,
                     context.Call("secretsmanager", "DescribeSecret", {{"SecretId", name}}));
    std::string arn = secret.value("ARN", "");
    if (secret.contains("DeletedDate")) {
      context.Progress("restoring " + name + ", which was scheduled for deletion");
      RETURN_IF_ERROR(
          context.Call("secretsmanager", "RestoreSecret", {{"SecretId", arn}}).status());
    }
    RETURN_IF_ERROR(
        context
            .Call("secretsmanager", "UpdateSecret",
                  {{"SecretId", arn}, {"Description", desired.value("description", "")}})
            .status());
    RETURN_IF_ERROR(SyncTags(context, arn, desired));
    return Created{arn, Outputs(arn, name), Json::object()};
  }

  // Puts the desired tags (vueops:*, the rotation tag, the user tags) and removes the others.
  static Status SyncTags(ResourceContext& context, const std::string& arn, const Json& desired) {
    ASSIGN_OR_RETURN(Json secret,
                     context.Call("secretsmanager", "DescribeSecret", {{"SecretId", arn}}));
    Json wanted = SecretTags(context, desired);
    Json gone = Json::array();
    for (const Json& tag : secret.value("Tags", Json::array())) {
      std::string key = tag.value("Key", "");
      bool kept = std::any_of(wanted.begin(), wanted.end(),
                              [&](const Json& want) { return want.value("Key", "") == key; });
      // Tags vueops does not own (vueops:* beyond the rotation tag) are left alone.
      if (!kept && (key.rfind("vueops:", 0) != 0 || key == kRotationTag)) gone.push_back(key);
    }
    if (!gone.empty()) {
      RETURN_IF_ERROR(
          context.Call("secretsmanager", "UntagResource", {{"SecretId", arn}, {"TagKeys", gone}})
              .status());
    }
    return context.Call("secretsmanager", "TagResource", {{"SecretId", arn}, {"Tags", wanted}})
        .status();
  }
};

}  // namespace

const ResourceType& Secret() {
  static const SecretType* type = new SecretType();
  return *type;
}

}  // namespace vueops::resources
