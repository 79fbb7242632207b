// SES (notes: "SES"): sending over SMTP with an IAM user's derived password.
#ifndef VUEOPS_SPEC_MAIL_H_
#define VUEOPS_SPEC_MAIL_H_

#include <string>
#include <vector>

#include "spec/element.h"

namespace vueops::spec {

struct Mail : Element {
  std::string region;  // SES region; the environment's by default
  // notes: "DON'T CHANGE THE USER NAME, AS IT WILL REMOVE SENDING PRIVILEGES".
  std::string smtp_user = "ses-smtp-user";
  // notes: "DON'T USE PORT 25". 587 (STARTTLS) or 465 (TLS).
  int smtp_port = 587;
  std::string credentials_secret = "ses-smtp";
  std::vector<std::string> domains;
  std::vector<std::string> emails;
  // notes FUTURE SCALE: "a 1000 identity limit on emails addresses"; sandbox admin emails
  // verified by MPF at run time count against it.
  int expected_runtime_identities = 0;
  int identity_limit = 1000;
  std::string bounce_topic;
  std::string complaint_topic;
  std::string delivery_topic;
  bool production_access = false;  // out of the SES sandbox (requested from AWS)
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_MAIL_H_
