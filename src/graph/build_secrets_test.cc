#include <gtest/gtest.h>

#include <map>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildSecrets);
}

class BuildSecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::map<std::string, DesiredResource>> built = Build(stack_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    resources_ = std::move(*built);
  }

  const DesiredResource& At(const std::string& address) {
    return FindBuilt(resources_, address);
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildSecretsTest, OneSecretPerSpecSecretInEachEnvironment) {
  for (const char* env : {"prod", "dev", "test"}) {
    for (const char* name :
         {"db-master", "ses-smtp", "cloudfront-signing-key", "django-secret-key"}) {
      const DesiredResource& secret = At(std::string(env) + ".secret." + name);
      ASSERT_NE(secret.type, nullptr);
      EXPECT_EQ(secret.type->name(), "secret");
      EXPECT_EQ(secret.account, std::string("vue") + env);
      EXPECT_EQ(secret.region, "us-west-2");
      EXPECT_EQ(secret.attributes["name"], std::string("vueocity-") + env + "-" + name);
    }
  }
  EXPECT_EQ(resources_.size(), 3u * 4u);
}

TEST_F(BuildSecretsTest, GeneratedValuesSayHowAndOthersDoNot) {
  const DesiredResource& master = At("prod.secret.db-master");
  EXPECT_EQ(master.attributes, (Json{{"name", "vueocity-prod-db-master"},
                                     {"description", "RDS master password"},
                                     {"source", "generate"},
                                     {"rotation_days", 30},
                                     {"tags", {{"project", "vueocity"}, {"environment", "prod"}}},
                                     {"generate_length", 32},
                                     {"exclude_punctuation", true}}));
  EXPECT_EQ(At("dev.secret.django-secret-key").attributes["generate_length"], 50);
  const Json& smtp = At("prod.secret.ses-smtp").attributes;
  EXPECT_EQ(smtp["source"], "smtp");
  EXPECT_FALSE(smtp.contains("generate_length"));
  EXPECT_EQ(At("prod.secret.cloudfront-signing-key").attributes["source"], "external");
  resources::Tags expected = {
      {"vueops:stack", "vueocity"}, {"project", "vueocity"}, {"environment", "dev"}};
  EXPECT_EQ(At("dev.secret.db-master").tags, expected);
  const spec::Environment* prod = stack_.FindEnvironment("prod");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(master.source, prod->FindSecret("db-master")->location);
}

TEST(BuildSecretsVariantsTest, TheSmtpCredentialsLiveInTheMailRegion) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) {
    if (env.name == "prod") env.mail->region = "eu-west-1";
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->at("prod.secret.ses-smtp").region, "eu-west-1");
  EXPECT_EQ(built->at("prod.secret.db-master").region, "us-west-2");
  EXPECT_EQ(built->at("dev.secret.ses-smtp").region, "us-west-2");
}

}  // namespace
}  // namespace vueops::graph
