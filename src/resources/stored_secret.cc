#include "resources/stored_secret.h"

#include "resources/resource_calls.h"

namespace vueops::resources {
namespace {

// Secrets Manager API Reference: the operations' errors.
constexpr std::string_view kNotFound = "ResourceNotFoundException";
constexpr std::string_view kExists = "ResourceExistsException";
// CreateSecret: "a secret with this name is already scheduled for deletion".
constexpr std::string_view kInvalidRequest = "InvalidRequestException";

// Runs `action` with a context whose client acts in the secret's region.
template <typename Action>
auto InRegion(ResourceContext& context, const SecretLocation& where, Action action) {
  if (where.region.empty()) return action(context);
  client::AwsClient regional = context.client().InRegion(where.region);
  ResourceContext scoped(regional, context.clock(), context.address(), context.tags());
  return action(scoped);
}

}  // namespace

Result<std::string> StoreSecret(ResourceContext& context, const SecretLocation& where,
                                const Json& value) {
  return InRegion(context, where, [&](ResourceContext& scoped) -> Result<std::string> {
    client::CallInfo info;
    Result<Json> created = scoped.Call(
        "secretsmanager", "CreateSecret",
        {{"Name", where.name}, {"SecretString", DumpJson(value)}, {"Tags", scoped.TagList()}},
        &info);
    if (created.ok()) return created->value("ARN", "");
    std::string code = info.error ? info.error->code : "";
    if (code != kExists && code != kInvalidRequest) return created.status();
    if (code == kInvalidRequest) {
      // Scheduled for deletion: bring it back to write into it.
      RETURN_IF_ERROR(
          scoped.Call("secretsmanager", "RestoreSecret", {{"SecretId", where.name}}).status());
    }
    ASSIGN_OR_RETURN(Json put,
                     scoped.Call("secretsmanager", "PutSecretValue",
                                 {{"SecretId", where.name}, {"SecretString", DumpJson(value)}}));
    return put.value("ARN", "");
  });
}

Result<Json> ReadSecret(ResourceContext& context, const SecretLocation& where) {
  return InRegion(context, where, [&](ResourceContext& scoped) -> Result<Json> {
    ASSIGN_OR_RETURN(Json secret, scoped.CallOrNotFound("secretsmanager", "GetSecretValue",
                                                        {{"SecretId", where.name}}, {kNotFound}));
    return ParseJson(secret.value("SecretString", ""));
  });
}

Status DeleteOwnedSecret(ResourceContext& context, const SecretLocation& where) {
  return InRegion(context, where, [&](ResourceContext& scoped) -> Status {
    Result<Json> described = scoped.CallOrNotFound("secretsmanager", "DescribeSecret",
                                                   {{"SecretId", where.name}}, {kNotFound});
    if (!described.ok()) {
      return described.status().code() == StatusCode::kNotFound ? Status::Ok() : described.status();
    }
    bool ours = false;
    for (const Json& tag : described->value("Tags", Json::array())) {
      ours = ours ||
             (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == scoped.address());
    }
    if (!ours) return Status::Ok();
    return CallIgnoring(scoped, "secretsmanager", "DeleteSecret",
                        {{"SecretId", where.name}, {"ForceDeleteWithoutRecovery", true}},
                        {kNotFound});
  });
}

}  // namespace vueops::resources
