// Rules of the notes' "ELB" and "Keys and SSL certificates" sections (VO5xx): the listeners,
// their TLS, and which region and names each certificate must have.
#include <algorithm>

#include "lint/domain_names.h"
#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

// CloudFront only takes ACM certificates from US East (N. Virginia).
constexpr const char* kCloudFrontCertificateRegion = "us-east-1";


// The region an ACM certificate lives in: the one in its ARN when the spec names an existing
// certificate (arn:aws:acm:REGION:ACCOUNT:certificate/ID), else the one it will be requested
// in.
std::string CertificateRegion(const spec::Certificate& certificate) {
  if (certificate.arn.empty()) return certificate.region;
  size_t start = 0;
  for (int field = 0; field < 3; ++field) {
    start = certificate.arn.find(':', start);
    if (start == std::string::npos) return certificate.region;
    ++start;
  }
  return certificate.arn.substr(start, certificate.arn.find(':', start) - start);
}

Location RegionLocation(const spec::Certificate& certificate) {
  return certificate.arn.empty() ? certificate.At("region") : certificate.At("arn");
}

std::string ListenerAddress(const spec::Environment& env, const spec::Listener& listener) {
  return Address(env.name, "listener", std::to_string(listener.port));
}

bool IsHttps(const spec::Listener& listener) { return listener.protocol == "HTTPS"; }

}  // namespace

void CheckHttpsListener(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    const std::vector<spec::Listener>& listeners = env.load_balancer->listeners;
    auto on_443 = std::find_if(listeners.begin(), listeners.end(),
                               [](const spec::Listener& l) { return l.port == 443; });
    if (on_443 == listeners.end()) {
      context.Report(env.load_balancer->At("listeners"), Address(env.name, "load_balancer"),
                     "the load balancer of '" + env.name + "' has no listener on 443");
    } else if (!IsHttps(*on_443)) {
      context.Report(on_443->At("protocol"), ListenerAddress(env, *on_443),
                     "the listener on 443 speaks " + on_443->protocol + ", not HTTPS");
    }
  }
}

void CheckListenerPorts(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::Listener& listener : env.load_balancer->listeners) {
      if (listener.port != 80 && listener.port != 443 && listener.port != 0) {
        context.Report(listener.At("port"), ListenerAddress(env, listener),
                       "a listener is on port " + std::to_string(listener.port));
      }
    }
  }
}

void CheckListenersToPort80(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::TargetGroup& group : env.load_balancer->target_groups) {
      std::string subject = Address(env.name, "target_group", group.name);
      if (group.port != 80) {
        context.Report(
            group.At("port"), subject,
            "target group '" + group.name + "' sends to port " + std::to_string(group.port));
      }
      if (group.protocol != "HTTP") {
        context.Report(group.At("protocol"), subject,
                       "target group '" + group.name + "' sends " + group.protocol +
                           ", so SSL is not terminated at the load balancer");
      }
    }
  }
}

void CheckHttpRedirectsToHttps(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::Listener& listener : env.load_balancer->listeners) {
      if (!IsHttps(listener) && !listener.redirect_to_https) {
        context.Report(listener.Has("redirect_to_https") ? listener.At("redirect_to_https")
                                                         : listener.location,
                       ListenerAddress(env, listener),
                       "the HTTP listener on " + std::to_string(listener.port) +
                           " forwards to target group '" + listener.default_target_group +
                           "' instead of redirecting");
      }
    }
  }
}

void CheckListenerTlsPolicy(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::Listener& listener : env.load_balancer->listeners) {
      if (!IsHttps(listener)) continue;
      if (std::string weakness = WeakTlsPolicy(listener.ssl_policy); !weakness.empty()) {
        context.Report(listener.At("ssl_policy"), ListenerAddress(env, listener),
                       "ssl_policy " + listener.ssl_policy + " " + weakness);
      }
    }
  }
}

void CheckDropInvalidHeaders(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.load_balancer && !env.load_balancer->drop_invalid_headers) {
      context.Report(env.load_balancer->At("drop_invalid_headers"),
                     Address(env.name, "load_balancer"),
                     "the load balancer passes invalid headers to the servers");
    }
  }
}

void CheckLoadBalancerAccessLogs(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.load_balancer && env.load_balancer->access_logs_bucket.empty()) {
      context.Report(env.load_balancer->location, Address(env.name, "load_balancer"),
                     "the load balancer of '" + env.name + "' writes no access logs");
    }
  }
}

void CheckLoadBalancerDeletionProtection(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Environment& env : stack.environments) {
    if (env.load_balancer && !env.load_balancer->deletion_protection && IsProduction(stack, env)) {
      context.Report(env.load_balancer->At("deletion_protection"),
                     Address(env.name, "load_balancer"),
                     "the production load balancer of '" + env.name + "' can be deleted");
    }
  }
}

void CheckLoadBalancerCertificateRegion(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::Listener& listener : env.load_balancer->listeners) {
      const spec::Certificate* certificate = env.FindCertificate(listener.certificate);
      if (certificate == nullptr) continue;
      std::string region = CertificateRegion(*certificate);
      if (region != env.region) {
        // A certificate CloudFront also uses defaults to us-east-1: the two need one each.
        context.Report(RegionLocation(*certificate),
                       Address(env.name, "certificate", certificate->name),
                       "certificate '" + certificate->name + "' of the listener on " +
                           std::to_string(listener.port) + " is in " + region +
                           ", the load balancer in " + env.region);
      }
    }
  }
}

void CheckCloudFrontCertificateRegion(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const spec::Certificate& certificate : env.certificates) {
      // One finding per certificate, naming every distribution that uses it.
      std::string users;
      int count = 0;
      for (const spec::Distribution& distribution : env.cdn->distributions) {
        if (distribution.certificate != certificate.name) continue;
        users += (count++ == 0 ? "'" : ", '") + distribution.name + "'";
      }
      std::string region = CertificateRegion(certificate);
      if (!users.empty() && region != kCloudFrontCertificateRegion) {
        context.Report(
            RegionLocation(certificate), Address(env.name, "certificate", certificate.name),
            "certificate '" + certificate.name + "' of distribution" + (count > 1 ? "s " : " ") +
                users + " is in " + region + ", not us-east-1");
      }
    }
  }
}

void CheckCertificatesCoverAliases(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.cdn) {
      for (const spec::Distribution& distribution : env.cdn->distributions) {
        const spec::Certificate* certificate = env.FindCertificate(distribution.certificate);
        std::string subject = Address(env.name, "distribution", distribution.name);
        for (const char* field : {"aliases", "secondary_aliases"}) {
          const std::vector<std::string>& names = std::string_view(field) == "aliases"
                                                      ? distribution.aliases
                                                      : distribution.secondary_aliases;
          for (size_t i = 0; i < names.size(); ++i) {
            if (certificate == nullptr) {
              context.Report(distribution.At(field, i), subject,
                             "distribution '" + distribution.name + "' serves " + names[i] +
                                 " without a certificate");
            } else if (!CertificateCovers(*certificate, names[i])) {
              context.Report(distribution.At(field, i), subject,
                             "certificate '" + certificate->name + "' of distribution '" +
                                 distribution.name + "' does not cover " + names[i]);
            }
          }
        }
      }
    }
    if (!env.load_balancer || !env.dns) continue;
    std::vector<const spec::Certificate*> certificates;
    for (const spec::Listener& listener : env.load_balancer->listeners) {
      if (const spec::Certificate* certificate = env.FindCertificate(listener.certificate)) {
        certificates.push_back(certificate);
      }
    }
    if (certificates.empty()) continue;  // no HTTPS listener: VO501's finding
    for (const spec::Zone& zone : env.dns->zones) {
      for (const spec::Record& record : zone.records) {
        if (record.alias != "load_balancer") continue;
        std::string name = RecordName(zone, record);
        bool covered = std::any_of(certificates.begin(), certificates.end(),
                                   [&](const spec::Certificate* certificate) {
                                     return CertificateCovers(*certificate, name);
                                   });
        if (!covered) {
          context.Report(record.At("name"), Address(env.name, "record", name),
                         name + " points at the load balancer, whose certificate '" +
                             certificates.front()->name + "' does not cover it");
        }
      }
    }
  }
}

}  // namespace vueops::lint
