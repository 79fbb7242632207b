// Handing a role session's credentials to another program: the environment variables the AWS
// CLI and SDKs read (AWS CLI User Guide, "Environment variables to configure the AWS CLI"),
// and shell lines that set them.
#ifndef VUEOPS_OPS_CREDENTIALS_ENVIRONMENT_H_
#define VUEOPS_OPS_CREDENTIALS_ENVIRONMENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/credentials.h"

namespace vueops::ops {

// Variables that would make a program ignore the credentials vueops hands it (a profile
// chosen by name, the legacy token name), removed as aws-vault removes them.
inline constexpr std::string_view kShadowingVariables[] = {"AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                                                           "AWS_SECURITY_TOKEN"};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
// AWS_DEFAULT_REGION (when `region` is not empty), AWS_CREDENTIAL_EXPIRATION (ISO-8601 UTC,
// as aws-vault sets it) and VUEOPS_ROLE_ARN, in that order.
std::vector<std::pair<std::string, std::string>> CredentialVariables(
    const auth::Credentials& credentials, const std::string& region, const std::string& role_arn);

// `value` as one POSIX shell word: in single quotes, each ' written as '\''. Safe for any
// bytes but NUL in sh, bash, zsh and dash.
std::string ShellQuote(std::string_view value);

// "export NAME='value'" per variable, then "unset" of the shadowing variables, one per line,
// for eval "$(vueops assume ... --export)".
std::string ExportLines(const std::vector<std::pair<std::string, std::string>>& variables);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_CREDENTIALS_ENVIRONMENT_H_
