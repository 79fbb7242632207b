#include "support/console_clients.h"

#include <gtest/gtest.h>

#include "auth/credentials_provider.h"
#include "auth/refreshing_credentials.h"
#include "base/clock.h"

namespace vueops::test_support {

ConsoleClients::ConsoleClients(const std::vector<std::string>& variables,
                               const std::string& region) {
  for (const std::string& variable : variables) {
    size_t equals = variable.find('=');
    environment_.Set(variable.substr(0, equals), variable.substr(equals + 1));
  }
  environment_.Set("AWS_REGION", region);
}

client::AwsClient& ConsoleClients::Management() {
  if (management_ == nullptr) {
    client::DefaultClientOptions options;
    options.environment = &environment_;
    options.prompt_for_mfa = false;
    Result<std::unique_ptr<client::DefaultClient>> made = client::MakeDefaultClient(options);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    if (made.ok()) management_ = std::move(*made);
  }
  return management_->client();
}

client::AwsClient ConsoleClients::InAccount(const std::string& account_id) {
  EXPECT_FALSE(account_id.empty()) << "no account id";
  Result<Json> assumed = Management().Call(
      "sts", "AssumeRole",
      {{"RoleArn", "arn:aws:iam::" + account_id + ":role/OrganizationAccountAccessRole"},
       {"RoleSessionName", "console"}});
  EXPECT_TRUE(assumed.ok()) << assumed.status().ToString();
  const Json& keys = assumed.ok() ? (*assumed)["Credentials"] : Json::object();
  auth::Credentials credentials;
  credentials.access_key_id = keys.value("AccessKeyId", "");
  credentials.secret_access_key = keys.value("SecretAccessKey", "");
  credentials.session_token = keys.value("SessionToken", "");
  credentials.source = "console";
  return Management().WithCredentials(std::make_shared<auth::RefreshingCredentials>(
      std::make_unique<auth::StaticCredentialsProvider>(credentials), Clock::Real()));
}

}  // namespace vueops::test_support
