#include "ops/ses_smtp_settings.h"

#include <cctype>

namespace vueops::ops {
namespace {

// IAM User Guide, "Unique identifiers": AKIA marks a long-term access key, ASIA a temporary
// one (from STS).
constexpr std::string_view kTemporaryKeyPrefix = "ASIA";

// us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1: letters, dashes, a final number.
bool IsRegionName(std::string_view region) {
  size_t dash = region.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == region.size()) return false;
  for (size_t i = 0; i < dash; ++i) {
    char c = region[i];
    if (!(c >= 'a' && c <= 'z') && c != '-') return false;
  }
  for (size_t i = dash + 1; i < region.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(region[i]))) return false;
  }
  return region.find('-') < dash;  // at least two dashes: area-place-number
}

}  // namespace

Status CheckLongTermKey(std::string_view access_key_id, const Environment& environment) {
  if (environment.GetNonEmpty("AWS_SESSION_TOKEN").has_value()) {
    return FailedPreconditionError(
        "AWS_SESSION_TOKEN is set, so these are temporary credentials; SES SMTP passwords "
        "need a long-term IAM user's access key (unset AWS_SESSION_TOKEN and give that key)");
  }
  if (access_key_id.substr(0, kTemporaryKeyPrefix.size()) == kTemporaryKeyPrefix) {
    return FailedPreconditionError(
        "access key " + std::string(access_key_id.substr(0, 8)) +
        "... is temporary (ASIA...); SES SMTP passwords need a long-term IAM user's access key "
        "(AKIA...)");
  }
  return Status::Ok();
}

Result<SesSmtpSettings> DeriveSesSmtpSettings(const SesSmtpRequest& request,
                                              const Environment& environment) {
  if (request.secret_access_key.empty()) {
    return InvalidArgumentError(
        "no secret access key on stdin; pipe the IAM user's secret access key (one line)");
  }
  for (char c : request.secret_access_key) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        !std::isprint(static_cast<unsigned char>(c))) {
      return InvalidArgumentError(
          "the secret access key on stdin has a space or an unprintable character; give the "
          "key alone on one line");
    }
  }
  RETURN_IF_ERROR(CheckLongTermKey(request.access_key_id, environment));
  if (!IsRegionName(request.region)) {
    return InvalidArgumentError("'" + request.region +
                                "' is not an AWS region name (e.g. us-east-1); SMTP passwords "
                                "are per region, so give the region SES sends from");
  }
  SesSmtpSettings settings;
  settings.host = resources::SesSmtpHost(request.region);
  settings.user = request.access_key_id;
  settings.password = resources::SesSmtpPassword(request.secret_access_key, request.region);
  return settings;
}

}  // namespace vueops::ops
