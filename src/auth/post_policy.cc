#include "auth/post_policy.h"

#include <strings.h>

#include <algorithm>

#include "auth/aws_time.h"
#include "auth/crypto.h"

namespace vueops::auth {
namespace {

// The suffix S3 replaces with the uploaded file's name.
constexpr std::string_view kFilenameVariable = "${filename}";
constexpr std::string_view kS3Service = "s3";

bool SameFieldName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// True when `condition` constrains form field `name`: {"name": ...} or [op, "$name", ...].
bool ConditionNames(const Json& condition, std::string_view name) {
  if (condition.is_object()) {
    for (auto it = condition.begin(); it != condition.end(); ++it) {
      if (SameFieldName(it.key(), name)) return true;
    }
    return false;
  }
  if (condition.is_array() && condition.size() >= 2 && condition[1].is_string()) {
    const std::string& field = condition[1].get_ref<const std::string&>();
    return !field.empty() && field[0] == '$' &&
           SameFieldName(std::string_view(field).substr(1), name);
  }
  return false;
}

Json ExactMatch(std::string_view name, std::string_view value) {
  Json condition = Json::object();
  condition[std::string(name)] = std::string(value);
  return condition;
}

}  // namespace

std::string SignPostPolicy(const SigningKey& key, std::string_view base64_policy) {
  return Signature(key, base64_policy);
}

Result<PostPolicyForm> BuildPostPolicyForm(const PostPolicyRequest& request,
                                           const Credentials& credentials, std::string_view region,
                                           Signer& signer) {
  if (request.bucket.empty()) return InvalidArgumentError("POST policy: no bucket");
  if (request.key.empty()) return InvalidArgumentError("POST policy: no object key");
  if (request.expires_in.count() <= 0) {
    return InvalidArgumentError("POST policy: the expiry must be positive, not " +
                                std::to_string(request.expires_in.count()) + " seconds");
  }
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return UnauthenticatedError("POST policy: the credentials have no key id or secret");
  }
  if (region.empty()) return InvalidArgumentError("POST policy: no region");
  if (!request.conditions.is_array()) {
    return InvalidArgumentError("POST policy: conditions must be a JSON array");
  }

  Clock::TimePoint now = signer.clock().Now();
  std::string amz_date = FormatAmzDate(now);
  std::string date = amz_date.substr(0, 8);
  std::string credential =
      credentials.access_key_id + "/" + CredentialScope(date, region, kS3Service);

  Json conditions = Json::array();
  for (const Json& condition : request.conditions) {
    bool valid_object = condition.is_object() && condition.size() == 1;
    bool valid_array = condition.is_array() && condition.size() == 3;
    if (!valid_object && !valid_array) {
      return InvalidArgumentError("POST policy: condition " + DumpJson(condition) +
                                  " is neither {\"field\": \"value\"} nor [operator, a, b]");
    }
    conditions.push_back(condition);
  }
  conditions.push_back(ExactMatch("bucket", request.bucket));
  std::string_view key = request.key;
  if (key.ends_with(kFilenameVariable)) {
    key.remove_suffix(kFilenameVariable.size());
    conditions.push_back(Json::array({"starts-with", "$key", std::string(key)}));
  } else {
    conditions.push_back(ExactMatch("key", key));
  }
  for (const auto& field : request.fields) {
    const std::string& name = field.first;
    bool named =
        std::any_of(request.conditions.begin(), request.conditions.end(),
                    [&](const Json& condition) { return ConditionNames(condition, name); });
    if (!named) conditions.push_back(ExactMatch(name, field.second));
  }

  PostPolicyForm form;
  form.fields.emplace_back("key", request.key);
  for (const auto& field : request.fields) form.fields.push_back(field);
  std::vector<std::pair<std::string, std::string>> signing_fields = {
      {"x-amz-algorithm", std::string(kSigV4Algorithm)},
      {"x-amz-credential", credential},
      {"x-amz-date", amz_date}};
  if (credentials.temporary()) {
    signing_fields.emplace_back("x-amz-security-token", credentials.session_token);
  }
  for (const auto& [name, value] : signing_fields) {
    conditions.push_back(ExactMatch(name, value));
    form.fields.emplace_back(name, value);
  }

  Json policy = Json::object();
  policy["expiration"] = FormatIso8601(now + request.expires_in);
  policy["conditions"] = std::move(conditions);
  form.policy_document = DumpJson(policy);
  std::string encoded = Base64Encode(form.policy_document);
  std::string signature =
      SignPostPolicy(signer.KeyFor(credentials, date, region, kS3Service), encoded);
  form.fields.emplace_back("policy", std::move(encoded));
  form.fields.emplace_back("x-amz-signature", std::move(signature));
  return form;
}

}  // namespace vueops::auth
