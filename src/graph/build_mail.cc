// The mail pass (notes: "SES"): the SNS topics SES notifies of bounces, complaints and
// deliveries, the identities SES sends from, and the SMTP user with the access key whose
// derived SMTP password goes into the mail's credentials secret (docs/resources.md, "SES,
// Route53 and secrets").
//
//   "Emails are sent via SMTP, which SES supports with an IAM user ... use that user's AWS
//   access key and the one-time secret in special SES password form. Those are placed into
//   AWS secrets"; "DON'T CHANGE THE USER NAME"; "To send emails from addresses, SES email
//   must be verified"; "Notification of emails delivery/bounce can be setup ... in SNS".
//
// The DKIM records that verify the domains are the DNS pass's (build_dns.cc).
#include <set>

#include "graph/account_references.h"
#include "graph/build.h"
#include "graph/network_references.h"

namespace vueops::graph {
namespace {

using resources::Join;
using resources::MakeAddress;
using resources::Reference;

constexpr const char* kPolicyVersion = "2012-10-17";
// The SMTP user's inline policy: what the console's "Create SMTP credentials" grants (SES
// Developer Guide, "Obtaining Amazon SES SMTP credentials"), narrowed to the identities of
// the account and the mail's region.
constexpr const char* kSendPolicy = "vueops-ses-send";
constexpr const char* kSendAction = "ses:SendRawEmail";
// The SMTP user's one access key (docs/resources.md: <env>.iam_access_key.ses-smtp/1).
constexpr const char* kSmtpAddressName = "ses-smtp";
constexpr const char* kSmtpKeyName = "ses-smtp/1";

// The topic ARN for a notification, or "" when the spec names none.
Json TopicArn(const spec::Environment& env, const std::string& topic) {
  if (topic.empty()) return "";
  return Reference(MakeAddress(env.name, "sns_topic", topic), "arn");
}

void AddTopics(BuildContext& context, const spec::Environment& env, const spec::Mail& mail) {
  std::set<std::string> added;
  for (const std::string* topic :
       {&mail.bounce_topic, &mail.complaint_topic, &mail.delivery_topic}) {
    // One topic may take several kinds of notification.
    if (topic->empty() || !added.insert(*topic).second) continue;
    context
        .Add(MakeAddress(env.name, "sns_topic", *topic), "sns_topic",
             context.AccountOf(env.account), mail.region,
             {{"name", context.Name(env, *topic)}, {"tags", TagsAttribute(env)}},
             mail.At("notifications"))
        .tags = context.EnvironmentTags(env);
  }
}

void AddIdentities(BuildContext& context, const spec::Environment& env, const spec::Mail& mail) {
  auto add = [&](const std::string& identity, Location source) {
    context
        .Add(MakeAddress(env.name, "ses_identity", identity), "ses_identity",
             context.AccountOf(env.account), mail.region,
             {{"identity", identity},
              {"bounce_topic", TopicArn(env, mail.bounce_topic)},
              {"complaint_topic", TopicArn(env, mail.complaint_topic)},
              {"delivery_topic", TopicArn(env, mail.delivery_topic)},
              {"tags", TagsAttribute(env)}},
             source)
        .tags = context.EnvironmentTags(env);
  };
  for (size_t i = 0; i < mail.domains.size(); ++i) add(mail.domains[i], mail.At("domains", i));
  for (size_t i = 0; i < mail.emails.size(); ++i) add(mail.emails[i], mail.At("emails", i));
}

// The SMTP user, allowed to send from the account's identities in the mail's region, and its
// access key, whose SMTP credentials go into the credentials secret.
void AddSmtpUser(BuildContext& context, const spec::Environment& env, const spec::Mail& mail) {
  const std::string account = context.AccountOf(env.account);
  Json identities =
      Join({"arn:aws:ses:" + mail.region + ":",
            AccountIdReference(context.stack().organization, env.account), ":identity/*"});
  Json policy = {
      {"Version", kPolicyVersion},
      {"Statement",
       Json::array({{{"Effect", "Allow"}, {"Action", kSendAction}, {"Resource", identities}}})}};
  std::string user_address = MakeAddress(env.name, "iam_user", kSmtpAddressName);
  context
      .AddIamEntity(user_address, "iam_user", account,
                    {{"name", mail.smtp_user},
                     {"groups", Json::array()},
                     {"managed_policy_arns", Json::array()},
                     {"tags", TagsAttribute(env)}},
                    {{kSendPolicy, policy}}, mail.At("smtp_user"))
      .tags = context.EnvironmentTags(env);
  context
      .Add(MakeAddress(env.name, "iam_access_key", kSmtpKeyName), "iam_access_key", account, "",
           {{"user", Reference(user_address)},
            {"status", "Active"},
            // The secret's name through its output: the key writes into the secret the
            // secrets pass makes, after it exists.
            {"smtp_secret",
             Reference(MakeAddress(env.name, "secret", mail.credentials_secret), "name")},
            {"smtp_region", mail.region}},
           mail.At("credentials_secret"))
      .tags = context.EnvironmentTags(env);
}

}  // namespace

void BuildMail(BuildContext& context, const spec::Environment& env) {
  if (!env.mail) return;
  const spec::Mail& mail = *env.mail;
  AddTopics(context, env, mail);
  AddIdentities(context, env, mail);
  AddSmtpUser(context, env, mail);
}

}  // namespace vueops::graph
