#include "lint/user_data_secrets.h"

#include <gtest/gtest.h>

#include <string>

namespace vueops::lint {
namespace {

std::string Describe(const std::vector<SecretInText>& found) {
  std::string text;
  for (const SecretInText& secret : found) {
    text += std::string(secret.kind) + "@" + std::to_string(secret.line) + ";";
  }
  return text;
}

TEST(FindSecretsInTextTest, CleanCloudInitHasNone) {
  EXPECT_EQ(Describe(FindSecretsInText("#cloud-config\n"
                                       "packages: [nginx]\n"
                                       "runcmd:\n"
                                       "  - PASSWORD=$(aws secretsmanager get-secret-value)\n"
                                       "  - export DB_PASSWORD=\"$DB_PASSWORD\"\n"
                                       "  - echo password_file=/etc/pw\n"
                                       "  - test \"$password\" == x\n"
                                       "  - export AWS_REGION=us-west-2\n")),
            "");
  EXPECT_TRUE(FindSecretsInText("").empty());
}

TEST(FindSecretsInTextTest, AccessKeyIds) {
  EXPECT_EQ(Describe(FindSecretsInText("key: AKIAIOSFODNN7EXAMPLE\n")), "an AWS access key id@1;");
  EXPECT_EQ(Describe(FindSecretsInText("x\nexport AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A")),
            "an AWS access key id@2;");
  // Too short, too long, lowercase, or embedded in a longer token: not a key id.
  EXPECT_EQ(Describe(FindSecretsInText("AKIAIOSFODNN7EXAMPL\n"
                                       "AKIAIOSFODNN7EXAMPLEX\n"
                                       "XAKIAIOSFODNN7EXAMPLE\n"
                                       "AKIAiosfodnn7example\n")),
            "");
}

TEST(FindSecretsInTextTest, SecretAccessKeySettings) {
  EXPECT_EQ(Describe(FindSecretsInText("[default]\naws_secret_access_key = abc\n")),
            "an aws_secret_access_key setting@2;");
  EXPECT_EQ(Describe(FindSecretsInText("export AWS_SECRET_ACCESS_KEY=abc")),
            "an aws_secret_access_key setting@1;");
}

TEST(FindSecretsInTextTest, PrivateKeys) {
  for (const char* header :
       {"-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----", "  -----BEGIN EC PRIVATE KEY-----"}) {
    EXPECT_EQ(Describe(FindSecretsInText(header)), "a PEM private key@1;") << header;
  }
  EXPECT_EQ(Describe(FindSecretsInText("-----BEGIN PUBLIC KEY-----")), "");
  EXPECT_EQ(Describe(FindSecretsInText("-----BEGIN CERTIFICATE-----")), "");
}

TEST(FindSecretsInTextTest, PasswordAssignmentsWithLiteralValues) {
  for (const char* line :
       {"password=hunter2", "PASSWORD=hunter2", "DB_PASSWORD='hunter2'",
        "export MYSQL_PASSWORD=\"s3cret\"", "  - redis_password = abc", "Password=x"}) {
    EXPECT_EQ(Describe(FindSecretsInText(line)), "a password@1;") << line;
  }
  for (const char* line :
       {"password=", "password=\"\"", "password=$SECRET", "password=\"${SECRET}\"", "password==x",
        "passwords=abc", "password: abc"}) {
    EXPECT_EQ(Describe(FindSecretsInText(line)), "") << line;
  }
}

TEST(FindSecretsInTextTest, OneFindingPerKindAndLine) {
  EXPECT_EQ(Describe(FindSecretsInText("a=AKIAIOSFODNN7EXAMPLE b=AKIAIOSFODNN7EXAMPLF "
                                       "password=x password=y\n")),
            "an AWS access key id@1;a password@1;");
}

}  // namespace
}  // namespace vueops::lint
