// Rules of the notes' "CloudFront" section (VO7xx): origin access, the protected
// distribution's HTTPS, cookie, query-string and signing settings, the mpf-root error page,
// the no-host path, certificates by SNI, logging, and the names Route53 fails over with.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "lint/domain_names.h"
#include "lint/linter.h"
#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

using spec::Behavior;
using spec::Distribution;
using spec::Origin;

// notes: "Static error file mpf-root origin to PUBLIC S3 _static/mpf-root folder".
constexpr const char* kMpfRootOrigin = "mpf-root";
// notes: "/nh/* path for no-host requests, to ELB origin".
constexpr const char* kNoHostPath = "nh/*";
// The CORS request headers the notes whitelist for uploads.
constexpr const char* kCorsHeaders[] = {"access-control-request-headers",
                                        "access-control-request-method", "origin"};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

std::string DistributionAddress(const spec::Environment& env, const Distribution& distribution) {
  return Address(env.name, "distribution", distribution.name);
}

std::string Describe(const Behavior& behavior) {
  return behavior.path_pattern.empty() ? "the default behavior"
                                       : "behavior '" + behavior.path_pattern + "'";
}

std::vector<const Behavior*> AllBehaviors(const Distribution& distribution) {
  std::vector<const Behavior*> behaviors = {&distribution.default_behavior};
  for (const Behavior& behavior : distribution.behaviors) behaviors.push_back(&behavior);
  return behaviors;
}

// CloudFront path patterns may omit the leading '/'; '*' and '?' are wildcards.
bool PathMatches(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with('/')) pattern.remove_prefix(1);
  if (path.starts_with('/')) path.remove_prefix(1);
  return GlobMatch(pattern, path);
}

// The behaviour CloudFront picks for `path`: the first ordered behaviour that matches, else
// the default.
const Behavior& BehaviorFor(const Distribution& distribution, std::string_view path) {
  for (const Behavior& behavior : distribution.behaviors) {
    if (PathMatches(behavior.path_pattern, path)) return behavior;
  }
  return distribution.default_behavior;
}

const spec::Bucket* OriginBucket(const spec::Environment& env, const Distribution& distribution,
                                 const std::string& origin_name) {
  const Origin* origin = distribution.FindOrigin(origin_name);
  return origin != nullptr && !origin->bucket.empty() ? env.FindBucket(origin->bucket) : nullptr;
}

// A distribution whose default behaviour serves the protected bucket.
bool IsProtected(const spec::Environment& env, const Distribution& distribution) {
  const spec::Bucket* bucket =
      OriginBucket(env, distribution, distribution.default_behavior.origin);
  return bucket != nullptr && bucket->access == spec::BucketAccess::kProtected;
}

// notes: "A non-cached public endpoint can be used with prod-mpd dev servers for loading JS
// files": not one of the public and protected distributions whose layout the notes set.
bool IsNonCachedEndpoint(const Distribution& distribution) {
  return !distribution.default_behavior.cached;
}

// The mpf-root origin: the one named so, or any origin an ordered behaviour routes an error
// page's file to.
bool IsMpfRoot(const Distribution& distribution, const Origin& origin) {
  if (origin.name == kMpfRootOrigin) return true;
  return std::any_of(distribution.error_pages.begin(), distribution.error_pages.end(),
                     [&](const spec::ErrorPage& page) {
                       if (page.response_page.empty()) return false;
                       const Behavior& behavior = BehaviorFor(distribution, page.response_page);
                       return &behavior != &distribution.default_behavior &&
                              behavior.origin == origin.name;
                     });
}

bool ServesMpfRoot(const Distribution& distribution, const Behavior& behavior) {
  const Origin* origin = distribution.FindOrigin(behavior.origin);
  return origin != nullptr && IsMpfRoot(distribution, *origin);
}

// Whether `values` (cookie, header or query-string names) names `wanted`, or all with "*".
bool Forwards(const std::vector<std::string>& values, std::string_view wanted) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& value) {
    return value == "*" || Lower(value) == wanted;
  });
}

bool Contains(const std::vector<std::string>& values, std::string_view wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

}  // namespace

void CheckOriginAccessControl(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn || env.cdn->origin_access != spec::OriginAccess::kIdentity) continue;
    context.Report(env.cdn->At("origin_access"), Address(env.name, "cdn"),
                   "the S3 origins of '" + env.name + "' use an origin access identity");
  }
}

void CheckOriginAccessPerBucket(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn || env.cdn->origin_access_per_bucket) continue;
    std::set<std::string> buckets;
    for (const Distribution& distribution : env.cdn->distributions) {
      for (const Origin& origin : distribution.origins) {
        if (!origin.bucket.empty()) buckets.insert(origin.bucket);
      }
    }
    // One shared origin access matters only when it can read more than one bucket.
    if (buckets.size() > 1) {
      context.Report(env.cdn->At("origin_access_per_bucket"), Address(env.name, "cdn"),
                     "one origin access reads all " + std::to_string(buckets.size()) +
                         " buckets of '" + env.name + "'");
    }
  }
}

void CheckProtectedHttpsOnly(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (!IsProtected(env, distribution)) continue;
      // notes: "PROTECTED no-host and S3 downloads"; the mpf-root error files are public.
      for (const Behavior* behavior : AllBehaviors(distribution)) {
        if (behavior->viewer_protocol != "https-only" && !ServesMpfRoot(distribution, *behavior)) {
          context.Report(behavior->At("viewer_protocol"), DistributionAddress(env, distribution),
                         Describe(*behavior) + " of protected distribution '" + distribution.name +
                             "' is " + behavior->viewer_protocol);
        }
      }
    }
  }
}

void CheckProtectedSessionCookie(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (!IsProtected(env, distribution)) continue;
      const Behavior& behavior = distribution.default_behavior;
      // MPF's session_cookie_name is not in the spec; any cookie named for the session counts.
      bool session =
          std::any_of(behavior.forward_cookies.begin(), behavior.forward_cookies.end(),
                      [](const std::string& cookie) {
                        return cookie == "*" || Lower(cookie).find("session") != std::string::npos;
                      });
      if (!session) {
        context.Report(
            behavior.At("forward_cookies"), DistributionAddress(env, distribution),
            "protected distribution '" + distribution.name + "' forwards no session cookie");
      }
    }
  }
}

void CheckProtectedContentDisposition(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      const Behavior& behavior = distribution.default_behavior;
      if (IsProtected(env, distribution) &&
          !Forwards(behavior.forward_query_strings, "response-content-disposition")) {
        context.Report(behavior.At("forward_query_strings"), DistributionAddress(env, distribution),
                       "protected distribution '" + distribution.name +
                           "' drops response-content-disposition");
      }
    }
  }
}

void CheckProtectedSignedUrls(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (IsProtected(env, distribution) && !distribution.default_behavior.signed_urls) {
        context.Report(
            distribution.default_behavior.At("signed"), DistributionAddress(env, distribution),
            "protected distribution '" + distribution.name + "' serves files without signed URLs");
      }
    }
  }
}

void CheckErrorPage403To404(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (IsNonCachedEndpoint(distribution)) continue;
      std::string subject = DistributionAddress(env, distribution);
      auto page = std::find_if(distribution.error_pages.begin(), distribution.error_pages.end(),
                               [](const spec::ErrorPage& p) { return p.error_code == 403; });
      if (page == distribution.error_pages.end()) {
        context.Report(distribution.At("error_pages"), subject,
                       "distribution '" + distribution.name + "' has no error page for 403");
      } else if (page->response_code != 404) {
        context.Report(page->At("response_code"), subject,
                       "distribution '" + distribution.name + "' answers 403 with " +
                           std::to_string(page->response_code) + ", not 404");
      } else if (page->response_page.empty()) {
        context.Report(page->location, subject,
                       "distribution '" + distribution.name + "' maps 403 to 404 without a page");
      } else if (&BehaviorFor(distribution, page->response_page) ==
                 &distribution.default_behavior) {
        context.Report(page->At("response_page"), subject,
                       page->response_page + " is served by the default behavior of '" +
                           distribution.name + "', not an mpf-root behavior");
      }
    }
  }
}

void CheckMpfRootOnPublicBucket(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      for (const Origin& origin : distribution.origins) {
        if (!IsMpfRoot(distribution, origin)) continue;
        const spec::Bucket* bucket = env.FindBucket(origin.bucket);
        if (bucket != nullptr && bucket->access == spec::BucketAccess::kPublic) continue;
        std::string target = bucket != nullptr
                                 ? std::string(spec::BucketAccessName(bucket->access)) +
                                       " bucket '" + bucket->key + "'"
                                 : "the load balancer";
        context.Report(origin.load_balancer ? origin.At("load_balancer") : origin.At("bucket"),
                       DistributionAddress(env, distribution),
                       "mpf-root origin '" + origin.name + "' of distribution '" +
                           distribution.name + "' is " + target);
      }
    }
  }
}

void CheckNoHostBehavior(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn || !env.load_balancer) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (IsNonCachedEndpoint(distribution)) continue;
      auto no_host = std::find_if(distribution.behaviors.begin(), distribution.behaviors.end(),
                                  [](const Behavior& behavior) {
                                    std::string_view path = behavior.path_pattern;
                                    if (path.starts_with('/')) path.remove_prefix(1);
                                    return path == kNoHostPath;
                                  });
      if (no_host == distribution.behaviors.end()) {
        context.Report(distribution.At("behaviors"), DistributionAddress(env, distribution),
                       "distribution '" + distribution.name + "' has no /nh/* behavior");
        continue;
      }
      const Origin* origin = distribution.FindOrigin(no_host->origin);
      if (origin != nullptr && !origin->load_balancer) {
        context.Report(no_host->At("origin"), DistributionAddress(env, distribution),
                       "/nh/* of distribution '" + distribution.name + "' goes to origin '" +
                           origin->name + "', not the load balancer");
      }
    }
  }
}

void CheckCustomCertificateSni(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      if (!distribution.certificate.empty() && distribution.ssl_support != "sni-only") {
        context.Report(distribution.At("ssl_support"), DistributionAddress(env, distribution),
                       "distribution '" + distribution.name + "' serves certificate '" +
                           distribution.certificate + "' by " + distribution.ssl_support);
      }
    }
  }
}

void CheckCloudFrontLogging(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    std::map<std::string, std::string> served;  // bucket -> the first distribution serving it
    for (const Distribution& distribution : env.cdn->distributions) {
      for (const Origin& origin : distribution.origins) {
        if (!origin.bucket.empty()) served.emplace(origin.bucket, distribution.name);
      }
    }
    for (const Distribution& distribution : env.cdn->distributions) {
      std::string subject = DistributionAddress(env, distribution);
      if (distribution.logging_bucket.empty()) {
        context.Report(distribution.location, subject,
                       "distribution '" + distribution.name + "' writes no access logs");
        continue;
      }
      // "Separate": no distribution may serve the logs.
      auto serving = served.find(distribution.logging_bucket);
      if (serving != served.end()) {
        context.Report(distribution.At("logging_bucket"), subject,
                       "distribution '" + distribution.name + "' logs into bucket '" +
                           distribution.logging_bucket + "', which distribution '" +
                           serving->second + "' serves");
      }
    }
  }
}

void CheckCloudFrontTlsPolicy(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      // CloudFront's MinimumProtocolVersion: TLSv1.2_2018 and later name TLS 1.2 or 1.3.
      const std::string& tls = distribution.minimum_tls;
      if (!tls.starts_with("TLSv1.2") && !tls.starts_with("TLSv1.3")) {
        context.Report(distribution.At("minimum_tls"), DistributionAddress(env, distribution),
                       "distribution '" + distribution.name + "' accepts " + tls);
      }
    }
  }
}

void CheckViewerProtocolNotAllowAll(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      for (const Behavior* behavior : AllBehaviors(distribution)) {
        if (behavior->viewer_protocol == "allow-all") {
          context.Report(behavior->At("viewer_protocol"), DistributionAddress(env, distribution),
                         Describe(*behavior) + " of distribution '" + distribution.name +
                             "' allows plain HTTP");
        }
      }
    }
  }
}

void CheckCorsThroughCloudFront(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      // The dev JS endpoint serves script files, which browsers fetch without preflight.
      if (IsNonCachedEndpoint(distribution)) continue;
      for (const Behavior* behavior : AllBehaviors(distribution)) {
        const spec::Bucket* bucket = OriginBucket(env, distribution, behavior->origin);
        if (bucket == nullptr || !bucket->browser_uploads ||
            ServesMpfRoot(distribution, *behavior)) {
          continue;
        }
        // What is missing, reported at the first field that lacks it.
        std::vector<std::pair<std::string, const char*>> missing;
        if (!Contains(behavior->allowed_methods, "OPTIONS")) {
          missing.emplace_back("OPTIONS allowed", "allowed_methods");
        }
        if (!Contains(behavior->cached_methods, "OPTIONS")) {
          missing.emplace_back("OPTIONS cached", "cached_methods");
        }
        for (const char* header : kCorsHeaders) {
          if (!Forwards(behavior->forward_headers, header)) {
            missing.emplace_back("header " + std::string(header), "forward_headers");
          }
        }
        if (missing.empty()) continue;
        std::string list;
        for (const auto& item : missing) list += (list.empty() ? "" : ", ") + item.first;
        context.Report(behavior->At(missing.front().second), DistributionAddress(env, distribution),
                       Describe(*behavior) + " of distribution '" + distribution.name +
                           "' serves upload bucket '" + bucket->key + "' without " + list);
      }
    }
  }
}

void CheckElbOriginHttps(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cdn) continue;
    for (const Distribution& distribution : env.cdn->distributions) {
      for (const Origin& origin : distribution.origins) {
        if (origin.load_balancer && origin.protocol_policy != "https-only") {
          context.Report(origin.At("protocol_policy"), DistributionAddress(env, distribution),
                         "origin '" + origin.name + "' of distribution '" + distribution.name +
                             "' reaches the load balancer " + origin.protocol_policy);
        }
      }
    }
  }
}

void CheckFailoverAliasOnDistribution(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.dns || !env.cdn) continue;
    for (const spec::Zone& zone : env.dns->zones) {
      for (const spec::Record& record : zone.records) {
        if (record.failover != "secondary" || !record.alias.starts_with("cdn.")) continue;
        const Distribution* distribution = env.cdn->FindDistribution(record.alias.substr(4));
        if (distribution == nullptr) continue;
        std::string name = RecordName(zone, record);
        auto covers = [&](const std::string& alias) { return NameCovers(alias, name); };
        bool known =
            std::any_of(distribution->aliases.begin(), distribution->aliases.end(), covers) ||
            std::any_of(distribution->secondary_aliases.begin(),
                        distribution->secondary_aliases.end(), covers);
        if (!known) {
          context.Report(record.At("alias"), Address(env.name, "record", name),
                         name + " fails over to distribution '" + distribution->name +
                             "', which does not list it among its aliases");
        }
      }
    }
  }
}

}  // namespace vueops::lint
