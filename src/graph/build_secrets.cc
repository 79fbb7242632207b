// The secrets pass (notes: "SES": the SMTP credentials "are placed into AWS secrets and passed
// to Django"; "Keys and SSL certificates": the CloudFront signing key is "stored in AWS
// Secrets"): one Secrets Manager secret per spec secret (docs/resources.md, "SES, Route53 and
// secrets"). Values never appear here: Secrets Manager generates them, the SMTP access key
// writes its credentials, or an operator puts them.
#include "graph/build.h"
#include "graph/network_references.h"

namespace vueops::graph {

void BuildSecrets(BuildContext& context, const spec::Environment& env) {
  const std::string account = context.AccountOf(env.account);
  for (const spec::Secret& secret : env.secrets) {
    // The SMTP credentials are per SES region (ses_smtp_password.h), and the access key
    // writes them into a secret of that region.
    std::string region = env.region;
    if (env.mail && env.mail->credentials_secret == secret.name) region = env.mail->region;
    Json attributes = {{"name", context.Name(env, secret.name)},
                       {"description", secret.description},
                       {"source", secret.source},
                       {"rotation_days", secret.rotation_days},
                       {"tags", TagsAttribute(env)}};
    if (secret.source == "generate") {
      attributes["generate_length"] = secret.generate_length;
      attributes["exclude_punctuation"] = secret.exclude_punctuation;
    }
    context
        .Add(resources::MakeAddress(env.name, "secret", secret.name), "secret", account, region,
             std::move(attributes), secret.location)
        .tags = context.EnvironmentTags(env);
  }
}

}  // namespace vueops::graph
