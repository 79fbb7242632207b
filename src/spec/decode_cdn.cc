// Decoding cdn: (notes: "CloudFront").
#include <algorithm>

#include "spec/decode.h"

namespace vueops::spec {
namespace {

using MethodSets = std::vector<std::vector<std::string>>;

// The only method sets CloudFront accepts (CloudFront API, AllowedMethods / CachedMethods).
const MethodSets kAllowedMethodSets = {
    {"GET", "HEAD"},
    {"GET", "HEAD", "OPTIONS"},
    {"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}};
const MethodSets kCachedMethodSets = {{"GET", "HEAD"}, {"GET", "HEAD", "OPTIONS"}};

std::string Join(const std::vector<std::string>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + values[i];
  return text;
}

void ReadMethods(DecodeContext& context, MapReader& reader, std::string_view key,
                 const MethodSets& accepted, std::vector<std::string>* out) {
  std::vector<std::string> methods;
  if (!reader.StringList(key, &methods)) return;
  for (std::string& method : methods) {
    std::transform(method.begin(), method.end(), method.begin(), ::toupper);
  }
  for (const auto& set : accepted) {
    if (std::is_permutation(methods.begin(), methods.end(), set.begin(), set.end())) {
      *out = set;
      return;
    }
  }
  std::string hint = "CloudFront accepts only: ";
  for (size_t i = 0; i < accepted.size(); ++i) hint += (i ? " | " : "") + Join(accepted[i]);
  context.Error("spec.value", *reader.Get(key),
                std::string(key) + " [" + Join(methods) + "] is not a set CloudFront accepts",
                hint);
}

void DecodeBehavior(DecodeContext& context, const Node& node, const std::string& what,
                    bool is_default, Behavior* behavior) {
  MapReader reader(context, &node, what, behavior, true);
  if (!is_default) reader.String("path", &behavior->path_pattern, true);
  reader.String("origin", &behavior->origin, true);
  std::string protocol;
  if (reader.String("viewer_protocol", &protocol)) {
    const std::vector<std::string> policies = {"https-only", "redirect-to-https", "allow-all"};
    if (std::find(policies.begin(), policies.end(), protocol) == policies.end()) {
      ReportBadEnum(context, *reader.Get("viewer_protocol"), "viewer_protocol", policies);
    } else {
      behavior->viewer_protocol = protocol;
    }
  }
  ReadMethods(context, reader, "allowed_methods", kAllowedMethodSets, &behavior->allowed_methods);
  ReadMethods(context, reader, "cached_methods", kCachedMethodSets, &behavior->cached_methods);
  reader.StringList("forward_headers", &behavior->forward_headers);
  reader.StringList("forward_cookies", &behavior->forward_cookies);
  reader.StringList("forward_query_strings", &behavior->forward_query_strings);
  reader.Boolean("signed", &behavior->signed_urls);
  reader.Boolean("compress", &behavior->compress);
  reader.Boolean("cached", &behavior->cached);
  reader.Finish();
}

void DecodeOrigin(DecodeContext& context, const MapEntry& entry, const std::string& owner,
                  Origin* origin) {
  origin->name = entry.key;
  std::string what = "origin '" + entry.key + "' of " + owner;
  MapReader reader(context, entry.value.get(), what, origin, true);
  reader.String("bucket", &origin->bucket);
  reader.Boolean("load_balancer", &origin->load_balancer);
  if (reader.String("path", &origin->path) &&
      (origin->path.rfind('/', 0) != 0 || origin->path.back() == '/')) {
    context.Error("spec.value", *reader.Get("path"),
                  "origin path '" + origin->path + "' must start with '/' and not end with one",
                  "e.g. path: /_static/mpf-root");
  }
  std::string policy;
  if (reader.String("protocol_policy", &policy)) {
    const std::vector<std::string> policies = {"https-only", "http-only", "match-viewer"};
    if (std::find(policies.begin(), policies.end(), policy) == policies.end()) {
      ReportBadEnum(context, *reader.Get("protocol_policy"), "protocol_policy", policies);
    } else {
      origin->protocol_policy = policy;
    }
  }
  if (reader.ok() && origin->bucket.empty() == !origin->load_balancer) {
    context.Error("spec.value", entry.value->location,
                  what + " needs exactly one of 'bucket: NAME' and 'load_balancer: true'");
  }
  reader.Finish();
}

void DecodeDistribution(DecodeContext& context, const MapEntry& entry, Distribution* out) {
  out->name = entry.key;
  std::string what = "distribution '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, out, true);
  reader.String("comment", &out->comment);
  reader.StringList("aliases", &out->aliases);
  reader.StringList("secondary_aliases", &out->secondary_aliases);
  reader.String("certificate", &out->certificate);
  std::string support;
  if (reader.String("ssl_support", &support)) {
    if (support == "sni-only" || support == "vip") {
      out->ssl_support = support;
    } else {
      ReportBadEnum(context, *reader.Get("ssl_support"), "ssl_support", {"sni-only", "vip"});
    }
  }
  std::string minimum_tls;
  if (reader.String("minimum_tls", &minimum_tls)) {
    // CloudFront ViewerCertificate.MinimumProtocolVersion values.
    const std::vector<std::string> versions = {"TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.2_2018",
                                               "TLSv1.1_2016", "TLSv1_2016", "TLSv1", "SSLv3",
                                               "TLSv1.2_2025", "TLSv1.3_2025"};
    if (std::find(versions.begin(), versions.end(), minimum_tls) == versions.end()) {
      ReportBadEnum(context, *reader.Get("minimum_tls"), "minimum_tls", versions);
    } else {
      out->minimum_tls = minimum_tls;
    }
  }
  std::string price_class;
  if (reader.String("price_class", &price_class)) {
    const std::vector<std::string> classes = {"PriceClass_100", "PriceClass_200",
                                              "PriceClass_All"};
    if (std::find(classes.begin(), classes.end(), price_class) == classes.end()) {
      ReportBadEnum(context, *reader.Get("price_class"), "price_class", classes);
    } else {
      out->price_class = price_class;
    }
  }
  reader.EachEntry("origins", "origins", [&](const MapEntry& origin) {
    DecodeOrigin(context, origin, what, &out->origins.emplace_back());
  });
  if (reader.ok() && reader.Get("origins") == nullptr) {
    reader.Require("origins", "origins: {bucket: {bucket: public}}");
  }
  if (const Node* behavior = reader.Require("default_behavior", "default_behavior: {origin: bucket}")) {
    DecodeBehavior(context, *behavior, "default_behavior of " + what, true,
                   &out->default_behavior);
  }
  int index = 0;
  reader.EachItem("behaviors", "behaviours", [&](const Node& item) {
    DecodeBehavior(context, item, "behavior " + std::to_string(++index) + " of " + what, false,
                   &out->behaviors.emplace_back());
  });
  index = 0;
  reader.EachItem("error_pages", "error pages", [&](const Node& item) {
    ErrorPage& page = out->error_pages.emplace_back();
    MapReader pages(context, &item, "error page " + std::to_string(++index) + " of " + what,
                    &page, true);
    // The codes CloudFront custom error responses accept (CloudFront API, CustomErrorResponse).
    static const std::vector<int> kErrorCodes = {400, 403, 404, 405, 414, 416,
                                                 500, 501, 502, 503, 504};
    auto check_code = [&](const char* key, int code, bool allow_200) {
      bool known = std::find(kErrorCodes.begin(), kErrorCodes.end(), code) != kErrorCodes.end() ||
                   (allow_200 && code == 200);
      if (pages.Get(key) != nullptr && !known) {
        context.Error("spec.value", *pages.Get(key),
                      std::string(key) + " " + std::to_string(code) +
                          " is not one CloudFront can map",
                      "CloudFront maps 400, 403, 404, 405, 414, 416, 500, 501, 502, 503 and 504");
      }
    };
    if (pages.Integer("error_code", &page.error_code, 400, 599, true)) {
      check_code("error_code", page.error_code, false);
      for (size_t i = 0; i + 1 < out->error_pages.size(); ++i) {
        if (out->error_pages[i].error_code == page.error_code) {
          context.Error("spec.duplicate", *pages.Get("error_code"),
                        "error_code " + std::to_string(page.error_code) + " of " + what +
                            " is mapped twice");
        }
      }
    }
    if (pages.Integer("response_code", &page.response_code, 200, 599)) {
      check_code("response_code", page.response_code, true);
    }
    pages.String("response_page", &page.response_page);
    pages.Integer("min_ttl_seconds", &page.min_ttl_seconds, 0, 31536000);
    pages.Finish();
  });
  if (const Node* logging = reader.Get("logging")) {
    MapReader logs(context, logging, "logging of " + what);
    logs.String("bucket", &out->logging_bucket, true);
    logs.String("prefix", &out->logging_prefix);
    logs.Finish();
    out->Mark("logging_bucket", logging->location);
  }
  reader.String("default_root_object", &out->default_root_object);
  reader.Boolean("enabled", &out->enabled);
  reader.Finish();
}

constexpr EnumName<OriginAccess> kOriginAccess[] = {{"control", OriginAccess::kControl},
                                                   {"identity", OriginAccess::kIdentity}};

}  // namespace

void DecodeCdn(DecodeContext& context, const Node& node, Cdn* out) {
  MapReader reader(context, &node, "cdn", out, true);
  reader.Enum("origin_access", &out->origin_access, kOriginAccess);
  reader.Boolean("origin_access_per_bucket", &out->origin_access_per_bucket);
  reader.String("key_group", &out->key_group);
  if (reader.String("public_key_file", &out->public_key_file)) {
    if (ReadSpecFile(context, *reader.Get("public_key_file"), out->public_key_file,
                     &out->public_key) &&
        out->public_key.find("-----BEGIN PUBLIC KEY-----") == std::string::npos) {
      context.Error("spec.value", *reader.Get("public_key_file"),
                    "public_key_file holds no PEM public key ('-----BEGIN PUBLIC KEY-----')",
                    "export it with: openssl rsa -in private.pem -pubout -out public.pem");
    }
    if (out->public_key.find("PRIVATE KEY") != std::string::npos) {
      context.Error("spec.value", *reader.Get("public_key_file"),
                    "public_key_file holds a private key",
                    "never keep the signing private key beside the spec; put it in Secrets "
                    "Manager (private_key_secret) and keep only the public half here");
    }
  }
  reader.String("private_key_secret", &out->private_key_secret);
  reader.EachEntry("distributions", "distributions", [&](const MapEntry& entry) {
    DecodeDistribution(context, entry, &out->distributions.emplace_back());
  });
  reader.Finish();
}

}  // namespace vueops::spec
