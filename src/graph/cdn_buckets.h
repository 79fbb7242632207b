// What the S3 and CloudFront passes share about the buckets CloudFront serves: which
// distributions read each bucket (their ARNs go into the bucket's policy, build_buckets.cc)
// and which origin access control signs for it (build_cdn.cc).
#ifndef VUEOPS_GRAPH_CDN_BUCKETS_H_
#define VUEOPS_GRAPH_CDN_BUCKETS_H_

#include <map>
#include <set>
#include <string>

#include "spec/environment.h"

namespace vueops::graph {

// The name of the one origin access control of an environment whose cdn has
// origin_access_per_bucket off (docs/resources.md, "CloudFront").
inline constexpr const char* kSharedOriginAccessControl = "all";

// Bucket key -> the names of the distributions with an origin in that bucket, both sorted.
std::map<std::string, std::set<std::string>> DistributionsByBucket(const spec::Environment& env);

// <env>.origin_access_control.<bucket key>, or <env>.origin_access_control.all when the
// environment shares one among its buckets.
std::string OriginAccessControlAddress(const spec::Environment& env, const std::string& bucket);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_CDN_BUCKETS_H_
