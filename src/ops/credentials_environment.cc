#include "ops/credentials_environment.h"

#include "auth/aws_time.h"

namespace vueops::ops {

std::vector<std::pair<std::string, std::string>> CredentialVariables(
    const auth::Credentials& credentials, const std::string& region, const std::string& role_arn) {
  std::vector<std::pair<std::string, std::string>> variables = {
      {"AWS_ACCESS_KEY_ID", credentials.access_key_id},
      {"AWS_SECRET_ACCESS_KEY", credentials.secret_access_key},
  };
  if (!credentials.session_token.empty()) {
    variables.emplace_back("AWS_SESSION_TOKEN", credentials.session_token);
  }
  if (!region.empty()) {
    variables.emplace_back("AWS_REGION", region);
    variables.emplace_back("AWS_DEFAULT_REGION", region);
  }
  if (credentials.expiration.has_value()) {
    variables.emplace_back("AWS_CREDENTIAL_EXPIRATION",
                           auth::FormatIso8601(*credentials.expiration));
  }
  if (!role_arn.empty()) variables.emplace_back("VUEOPS_ROLE_ARN", role_arn);
  return variables;
}

std::string ShellQuote(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string ExportLines(const std::vector<std::pair<std::string, std::string>>& variables) {
  std::string text;
  for (const auto& [name, value] : variables) {
    text += "export " + name + "=" + ShellQuote(value) + "\n";
  }
  text += "unset";
  for (std::string_view name : kShadowingVariables) text += " " + std::string(name);
  return text + "\n";
}

}  // namespace vueops::ops
