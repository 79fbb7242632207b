#include "ops/smtp_rotation.h"

#include "resources/ses_smtp_password.h"

namespace vueops::ops {

Status CheckRoomForNewKey(const std::string& user, const Json& keys,
                          const std::string& current_key_id) {
  if (!keys.is_array() || static_cast<int>(keys.size()) < kAccessKeysPerUser) return Status::Ok();
  std::string listed, spare;
  for (const Json& key : keys) {
    std::string id = key.value("AccessKeyId", "");
    std::string status = key.value("Status", "");
    listed += (listed.empty() ? "" : ", ") + id + " (" + status + ")";
    if (spare.empty() && id != current_key_id) spare = id;
    if (status == "Inactive") spare = id;
  }
  std::string message = "IAM user " + user + " already has " + std::to_string(kAccessKeysPerUser) +
                        " access keys, IAM's limit, so no new key can be made: " + listed + ". ";
  if (!spare.empty()) {
    message +=
        "Delete the one the SMTP secret does not use (aws iam delete-access-key "
        "--user-name " +
        user + " --access-key-id " + spare + ", in the environment's account), then rotate again";
  } else {
    message += "Delete one of them in the environment's account, then rotate again";
  }
  return FailedPreconditionError(message);
}

Result<SmtpRotationResult> RotateSmtpCredentials(
    client::AwsClient& iam, client::AwsClient& secrets, const SmtpRotation& rotation,
    const std::function<void(const std::string&)>& progress) {
  SmtpRotationResult result;
  ASSIGN_OR_RETURN(Json listed,
                   iam.CallAllPages("iam", "ListAccessKeys", {{"UserName", rotation.user}}));
  Json old_keys = listed.value("AccessKeyMetadata", Json::array());
  std::string current;
  if (Result<Json> value =
          secrets.Call("secretsmanager", "GetSecretValue", {{"SecretId", rotation.secret_id}});
      value.ok()) {
    if (Result<Json> parsed = ParseJson(value->value("SecretString", ""));
        parsed.ok() && parsed->is_object()) {
      current = parsed->value("username", "");
    }
  }
  RETURN_IF_ERROR(CheckRoomForNewKey(rotation.user, old_keys, current));

  ASSIGN_OR_RETURN(Json created, iam.Call("iam", "CreateAccessKey", {{"UserName", rotation.user}}));
  const Json& key = created["AccessKey"];
  result.new_key_id = key.value("AccessKeyId", "");
  progress("created access key " + result.new_key_id + " for " + rotation.user);

  Json value = {{"username", result.new_key_id},
                {"password", resources::SesSmtpPassword(key.value("SecretAccessKey", ""),
                                                        rotation.smtp_region)},
                {"host", resources::SesSmtpHost(rotation.smtp_region)},
                {"port", resources::kSesSmtpPort}};
  Result<Json> put =
      secrets.Call("secretsmanager", "PutSecretValue",
                   {{"SecretId", rotation.secret_id}, {"SecretString", DumpJson(value)}});
  if (!put.ok()) {
    // The secret still holds the old credentials, which still work: take the new key back.
    Result<Json> undone =
        iam.Call("iam", "DeleteAccessKey",
                 {{"UserName", rotation.user}, {"AccessKeyId", result.new_key_id}});
    return Status(put.status().code(),
                  "storing the new SMTP credentials in " + rotation.secret_id + ": " +
                      put.status().message() +
                      (undone.ok() ? "; the new key was deleted again and the old credentials "
                                     "still work"
                                   : "; the old credentials still work, but the new key " +
                                         result.new_key_id + " could not be deleted (" +
                                         undone.status().message() + "): delete it by hand"));
  }
  result.secret_arn = put->value("ARN", rotation.secret_id);
  progress("stored the new SMTP user and password in " + result.secret_arn);

  std::string left;
  for (const Json& old : old_keys) {
    std::string id = old.value("AccessKeyId", "");
    Result<Json> deleted =
        iam.Call("iam", "DeleteAccessKey", {{"UserName", rotation.user}, {"AccessKeyId", id}});
    if (deleted.ok()) {
      result.deleted_key_ids.push_back(id);
      progress("deleted the old access key " + id);
    } else {
      left += (left.empty() ? "" : "; ") + id + ": " + deleted.status().message();
    }
  }
  if (!left.empty()) {
    return FailedPreconditionError(
        "the new SMTP credentials (" + result.new_key_id + ") are in " + result.secret_arn +
        " and work, but old keys could not be deleted: " + left +
        "; delete them (aws iam delete-access-key) before the next rotation");
  }
  return result;
}

}  // namespace vueops::ops
