// The SES SMTP password of an IAM access key (notes: "SES": "use that user's AWS access key and
// the one-time secret in special SES password form"). The SMTP user name is the access key id.
#ifndef VUEOPS_RESOURCES_SES_SMTP_PASSWORD_H_
#define VUEOPS_RESOURCES_SES_SMTP_PASSWORD_H_

#include <string>
#include <string_view>

namespace vueops::resources {

// The SMTP password for `secret_access_key` in `region` (SMTP passwords are per region), by
// the version-4 derivation of the Amazon SES Developer Guide, "Obtaining Amazon SES SMTP
// credentials" (converting existing AWS credentials).
std::string SesSmtpPassword(std::string_view secret_access_key, std::string_view region);

// The region's SES SMTP endpoint and the port vueops uses (STARTTLS on 587: notes: "DON'T USE
// PORT 25 -- throttling is massive").
std::string SesSmtpHost(std::string_view region);
inline constexpr int kSesSmtpPort = 587;

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_SES_SMTP_PASSWORD_H_
