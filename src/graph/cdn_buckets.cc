#include "graph/cdn_buckets.h"

#include "resources/desired.h"

namespace vueops::graph {

std::map<std::string, std::set<std::string>> DistributionsByBucket(const spec::Environment& env) {
  std::map<std::string, std::set<std::string>> by_bucket;
  if (!env.cdn) return by_bucket;
  for (const spec::Distribution& distribution : env.cdn->distributions) {
    for (const spec::Origin& origin : distribution.origins) {
      if (!origin.bucket.empty()) by_bucket[origin.bucket].insert(distribution.name);
    }
  }
  return by_bucket;
}

std::string OriginAccessControlAddress(const spec::Environment& env, const std::string& bucket) {
  bool per_bucket = !env.cdn || env.cdn->origin_access_per_bucket;
  return resources::MakeAddress(env.name, "origin_access_control",
                                per_bucket ? bucket : kSharedOriginAccessControl);
}

}  // namespace vueops::graph
