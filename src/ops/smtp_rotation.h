// Rotating the SES SMTP credentials (notes: "SES": the SMTP user's "AWS access key and the
// one-time secret in special SES password form. Those are placed into AWS secrets"; "DON'T
// CHANGE THE USER NAME, AS IT WILL REMOVE SENDING PRIVILEGES"): a new access key for the same
// user, its password into the secret, and only then the old keys deleted, so that whatever
// fails, working credentials remain (the old ones until the secret holds the new ones).
#ifndef VUEOPS_OPS_SMTP_ROTATION_H_
#define VUEOPS_OPS_SMTP_ROTATION_H_

#include <functional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::ops {

// IAM User Guide, "IAM and AWS STS quotas": two access keys per user.
inline constexpr int kAccessKeysPerUser = 2;

// FailedPrecondition when the user already has the two keys IAM allows, so a new one cannot be
// made: names the keys and says which to delete (an inactive one, or the one the secret does
// not hold). `keys` is ListAccessKeys' AccessKeyMetadata; `current_key_id` the key the secret
// holds ("" when unknown).
Status CheckRoomForNewKey(const std::string& user, const Json& keys,
                          const std::string& current_key_id);

struct SmtpRotation {
  std::string user;
  std::string secret_id;    // the secret's ARN or name
  std::string smtp_region;  // SMTP passwords are per region
};

struct SmtpRotationResult {
  std::string new_key_id;
  std::vector<std::string> deleted_key_ids;
  std::string secret_arn;
};

// Steps, in this order: ListAccessKeys (CheckRoomForNewKey), CreateAccessKey, PutSecretValue
// of {"username", "password", "host", "port"} (the format iam_access_key writes), then
// DeleteAccessKey of every other key. A failure before the secret is written deletes the new
// key again and leaves the old ones working; a failure after it leaves extra old keys, named
// in the error, for the next rotation or the console to delete. `progress` gets one line per
// step. `iam` is a client of the user's account; `secrets` of the secret's region.
Result<SmtpRotationResult> RotateSmtpCredentials(
    client::AwsClient& iam, client::AwsClient& secrets, const SmtpRotation& rotation,
    const std::function<void(const std::string&)>& progress);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SMTP_ROTATION_H_
