// Finding secrets written into EC2 user data (Prowler ec2_launch_template_no_secrets,
// Checkov CKV_AWS_46): user data is readable by anyone who may describe the instance.
#ifndef VUEOPS_LINT_USER_DATA_SECRETS_H_
#define VUEOPS_LINT_USER_DATA_SECRETS_H_

#include <string_view>
#include <vector>

namespace vueops::lint {

struct SecretInText {
  // What was found, for a message that never repeats the secret: "an AWS access key id".
  std::string_view kind;
  int line = 0;  // 1-based
};

// Every line of `text` that holds an AWS access key id (AKIA or ASIA and 16 uppercase letters
// or digits), an aws_secret_access_key setting, a PEM private key, or a password assigned a
// literal value (password=..., DB_PASSWORD="..."; an assignment from a variable or command,
// password=$(...), is how a secret should arrive and is not reported). One finding per kind
// and line, in line order.
std::vector<SecretInText> FindSecretsInText(std::string_view text);

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_USER_DATA_SECRETS_H_
