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
using resources::Join;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildMail);
}

class BuildMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::map<std::string, DesiredResource>> built = Build(stack_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    resources_ = std::move(*built);
  }

  const DesiredResource& At(const std::string& address) { return FindBuilt(resources_, address); }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildMailTest, BuildsTopicsIdentitiesAndTheSmtpUserInEachEnvironment) {
  for (const std::string env : {"prod", "dev", "test"}) {
    std::string domain = env == "prod" ? "vueocity.com" : env + ".vueocity.com";
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"sns_topic.ses-bounces", "sns_topic"},
        {"sns_topic.ses-complaints", "sns_topic"},
        {"sns_topic.ses-deliveries", "sns_topic"},
        {"ses_identity." + domain, "ses_identity"},
        {"ses_identity.noreply@" + domain, "ses_identity"},
        {"ses_identity.support@" + domain, "ses_identity"},
        {"iam_user.ses-smtp", "iam_user"},
        {"iam_user_policy.ses-smtp/vueops-ses-send", "iam_user_policy"},
        {"iam_access_key.ses-smtp/1", "iam_access_key"},
    };
    for (const auto& [name, type] : expected) {
      const DesiredResource& resource = At(env + "." + name);
      ASSERT_NE(resource.type, nullptr) << env << "." << name;
      EXPECT_EQ(resource.type->name(), type);
      EXPECT_EQ(resource.account, "vue" + env);
      // Only IAM is global; SES and its topics live in the mail's region.
      EXPECT_EQ(resource.region, type.rfind("iam_", 0) == 0 ? "" : "us-west-2") << name;
    }
  }
  EXPECT_EQ(resources_.size(), 3u * 9u);
}

TEST_F(BuildMailTest, IdentitiesNotifyTheirTopics) {
  const DesiredResource& topic = At("prod.sns_topic.ses-bounces");
  EXPECT_EQ(topic.attributes, (Json{{"name", "vueocity-prod-ses-bounces"},
                                    {"tags", {{"project", "vueocity"}, {"environment", "prod"}}}}));
  const DesiredResource& domain = At("prod.ses_identity.vueocity.com");
  EXPECT_EQ(domain.attributes,
            (Json{{"identity", "vueocity.com"},
                  {"bounce_topic", Reference("prod.sns_topic.ses-bounces", "arn")},
                  {"complaint_topic", Reference("prod.sns_topic.ses-complaints", "arn")},
                  {"delivery_topic", Reference("prod.sns_topic.ses-deliveries", "arn")},
                  {"tags", {{"project", "vueocity"}, {"environment", "prod"}}}}));
  EXPECT_EQ(At("dev.ses_identity.support@dev.vueocity.com").attributes["identity"],
            "support@dev.vueocity.com");
  const spec::Environment* prod = stack_.FindEnvironment("prod");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(domain.source, prod->mail->At("domains", 0));
  resources::Tags expected = {
      {"vueops:stack", "vueocity"}, {"project", "vueocity"}, {"environment", "prod"}};
  EXPECT_EQ(domain.tags, expected);
}

TEST_F(BuildMailTest, TheSmtpUserKeepsItsNameAndMaySendOnly) {
  const DesiredResource& user = At("prod.iam_user.ses-smtp");
  // notes: "DON'T CHANGE THE USER NAME, AS IT WILL REMOVE SENDING PRIVILEGES".
  EXPECT_EQ(user.attributes["name"], "ses-smtp-user");
  EXPECT_EQ(user.attributes["groups"], Json::array());
  EXPECT_EQ(user.attributes["managed_policy_arns"], Json::array());
  Json statement = {{"Effect", "Allow"},
                    {"Action", "ses:SendRawEmail"},
                    {"Resource", Join({"arn:aws:ses:us-west-2:", Reference("org.account.vueprod"),
                                       ":identity/*"})}};
  EXPECT_EQ(user.attributes["inline_policy_names"], Json::array({"vueops-ses-send"}));
  EXPECT_EQ(
      At("prod.iam_user_policy.ses-smtp/vueops-ses-send").attributes,
      (Json{{"user", Reference("prod.iam_user.ses-smtp")},
            {"name", "vueops-ses-send"},
            {"policy", {{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}}}}));

  const DesiredResource& key = At("prod.iam_access_key.ses-smtp/1");
  EXPECT_EQ(key.attributes, (Json{{"user", Reference("prod.iam_user.ses-smtp")},
                                  {"status", "Active"},
                                  {"smtp_secret", Reference("prod.secret.ses-smtp", "name")},
                                  {"smtp_region", "us-west-2"}}));
  // Everything in vueprod waits for the account.
  EXPECT_NE(std::find(key.depends_on.begin(), key.depends_on.end(), "org.account.vueprod"),
            key.depends_on.end());
}

TEST(BuildMailVariantsTest, OneTopicTakesSeveralNotificationsAndNoMailBuildsNothing) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) {
    if (env.name == "prod") {
      env.mail->complaint_topic = env.mail->bounce_topic;
      env.mail->delivery_topic.clear();
    } else {
      env.mail.reset();
    }
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->count("prod.sns_topic.ses-bounces"), 1u);
  EXPECT_EQ(built->count("prod.sns_topic.ses-complaints"), 0u);
  EXPECT_EQ(built->count("prod.sns_topic.ses-deliveries"), 0u);
  const Json& identity = built->at("prod.ses_identity.vueocity.com").attributes;
  EXPECT_EQ(identity["complaint_topic"], Reference("prod.sns_topic.ses-bounces", "arn"));
  EXPECT_EQ(identity["delivery_topic"], "");
  EXPECT_EQ(built->count("dev.iam_user.ses-smtp"), 0u);
  EXPECT_EQ(built->size(), 1u + 3u + 3u);  // topic, identities, user, its policy, key
}

}  // namespace
}  // namespace vueops::graph
