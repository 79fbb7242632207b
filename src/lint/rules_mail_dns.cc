// Rules of the notes' "SES" and "Route53" sections, and the secrets (VO8xx).
#include <algorithm>
#include <cstdint>

#include "lint/domain_names.h"
#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

// notes: "DON'T USE PORT 25 -- throttling is massive".
constexpr int kThrottledSmtpPort = 25;
// Warn when the identities reach this share of SES's limit.
constexpr int64_t kIdentityWarningPercent = 80;

// Identities SES verifies: the domains and addresses the spec lists, and the sandbox admin
// addresses MPF verifies at run time.
int64_t IdentityCount(const spec::Mail& mail) {
  return static_cast<int64_t>(mail.domains.size()) + static_cast<int64_t>(mail.emails.size()) +
         mail.expected_runtime_identities;
}

std::string IdentitySummary(const spec::Mail& mail) {
  return std::to_string(IdentityCount(mail)) + " of " + std::to_string(mail.identity_limit) +
         " SES identities (domains " + std::to_string(mail.domains.size()) + ", addresses " +
         std::to_string(mail.emails.size()) + ", expected at run time " +
         std::to_string(mail.expected_runtime_identities) + ")";
}

// The identity field that grows: the run-time estimate when written, else the address list.
Location IdentityLocation(const spec::Mail& mail) {
  if (mail.Has("expected_runtime_identities")) return mail.At("expected_runtime_identities");
  return mail.Has("emails") ? mail.At("emails") : mail.At("domains");
}

}  // namespace

void CheckSesNotPort25(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.mail && env.mail->smtp_port == kThrottledSmtpPort) {
      context.Report(env.mail->At("smtp_port"), Address(env.name, "mail"),
                     "MPF sends through SES on port 25");
    }
  }
}

void CheckSesIdentityLimitNear(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.mail) continue;
    int64_t count = IdentityCount(*env.mail);
    int64_t limit = env.mail->identity_limit;
    // Past the limit is VO803's finding.
    if (count * 100 >= limit * kIdentityWarningPercent && count <= limit) {
      context.Report(IdentityLocation(*env.mail), Address(env.name, "mail"),
                     "mail uses " + IdentitySummary(*env.mail));
    }
  }
}

void CheckSesIdentityLimitExceeded(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.mail && IdentityCount(*env.mail) > env.mail->identity_limit) {
      context.Report(IdentityLocation(*env.mail), Address(env.name, "mail"),
                     "mail needs " + IdentitySummary(*env.mail));
    }
  }
}

void CheckSesNotifications(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.mail) continue;
    const spec::Mail& mail = *env.mail;
    std::string missing;
    if (mail.bounce_topic.empty()) missing = "bounces";
    if (mail.complaint_topic.empty()) missing += missing.empty() ? "complaints" : " or complaints";
    if (!missing.empty()) {
      context.Report(mail.At("notifications"), Address(env.name, "mail"),
                     "SES reports no " + missing + " of '" + env.name + "'");
    }
  }
}

void CheckFailoverHealthCheck(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.dns) continue;
    for (const spec::Zone& zone : env.dns->zones) {
      for (const spec::Record& record : zone.records) {
        if (record.failover == "primary" && record.health_check.empty()) {
          std::string name = RecordName(zone, record);
          context.Report(record.At("failover"), Address(env.name, "record", name),
                         "primary record " + name + " has no health check to fail over on");
        }
      }
    }
  }
}

void CheckElasticIpsInUse(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.dns) continue;
    const std::vector<std::string>& addresses = env.dns->elastic_ips;
    for (size_t i = 0; i < addresses.size(); ++i) {
      bool used = env.servers &&
                  std::any_of(env.servers->dev_servers.begin(), env.servers->dev_servers.end(),
                              [&](const spec::DevServer& server) {
                                return server.elastic_ip == addresses[i];
                              });
      if (!used) {
        context.Report(env.dns->At("elastic_ips", i), Address(env.name, "elastic_ip", addresses[i]),
                       "Elastic IP '" + addresses[i] + "' belongs to no dev server");
      }
    }
  }
}

void CheckSecretsRotate(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Secret& secret : env.secrets) {
      if (secret.source == "generate" && secret.rotation_days == 0) {
        context.Report(secret.At("rotation_days"), Address(env.name, "secret", secret.name),
                       "generated secret '" + secret.name + "' never rotates");
      }
    }
  }
}

}  // namespace vueops::lint
