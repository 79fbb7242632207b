// What a mail client needs to send through SES over SMTP (notes: "SES": "use that user's AWS
// access key and the one-time secret in special SES password form"; "DON'T USE PORT 25 --
// throttling is massive"): the region's endpoint, the ports, and the password derived from a
// long-term IAM user's secret access key.
#ifndef VUEOPS_OPS_SES_SMTP_SETTINGS_H_
#define VUEOPS_OPS_SES_SMTP_SETTINGS_H_

#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/status.h"
#include "resources/ses_smtp_password.h"

namespace vueops::ops {

// Amazon SES Developer Guide, "Connecting to an Amazon SES SMTP endpoint": STARTTLS on 587
// (resources::kSesSmtpPort, vueops' choice), TLS Wrapper on 465 for clients without STARTTLS.
inline constexpr int kSesSmtpStartTlsPort = resources::kSesSmtpPort;
inline constexpr int kSesSmtpTlsWrapperPort = 465;

struct SesSmtpRequest {
  std::string secret_access_key;
  std::string access_key_id;  // optional: the SMTP user name, and a check for temporary keys
  std::string region;         // SMTP passwords are per region
};

struct SesSmtpSettings {
  std::string host;      // email-smtp.REGION.amazonaws.com
  std::string user;      // the access key id ("" when not given)
  std::string password;  // version 4 (resources::SesSmtpPassword)
  int starttls_port = kSesSmtpStartTlsPort;
  int tls_wrapper_port = kSesSmtpTlsWrapperPort;
};

// Fails when the key is temporary (AWS_SESSION_TOKEN set in `environment`, or an ASIA access
// key id): SES accepts SMTP passwords only from an IAM user's long-term keys. Callers check
// it before asking for the secret.
Status CheckLongTermKey(std::string_view access_key_id, const Environment& environment);

// Derives the settings, refusing what gives a password that can never work: an empty or
// malformed secret, a region that is not a region name, and temporary credentials
// (CheckLongTermKey).
Result<SesSmtpSettings> DeriveSesSmtpSettings(const SesSmtpRequest& request,
                                              const Environment& environment);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SES_SMTP_SETTINGS_H_
