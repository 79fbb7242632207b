// What the S3 types share (notes: "S3"): a bucket's settings (public access block, ownership,
// versioning, encryption, lifecycle, CORS, acceleration, logging, policy, replication) are
// each a resource of their own, so a plan shows and changes each on its own. Every setting's
// physical id is its bucket's name, and its attribute "bucket" names the bucket.
//
// S3 has no call that describes many buckets' settings at once: reading a setting is one
// Get call per bucket.
#ifndef VUEOPS_RESOURCES_BUCKET_SETTING_H_
#define VUEOPS_RESOURCES_BUCKET_SETTING_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "resources/resource_type.h"

namespace vueops::resources {

// Calls an S3 Get operation on `bucket`. nullopt when the bucket is gone (NoSuchBucket) or has
// no such setting (an error code in `absent`, e.g. "NoSuchCORSConfiguration").
Result<std::optional<Json>> GetBucketSetting(ResourceContext& context, std::string_view operation,
                                             const std::string& bucket,
                                             std::initializer_list<std::string_view> absent);

// Calls an S3 operation that removes a setting; OK when the bucket or the setting is gone.
Status RemoveBucketSetting(ResourceContext& context, std::string_view operation, const Json& input,
                           std::initializer_list<std::string_view> absent);

// S3's tag list ([{"Key", "Value"}]) for a bucket: the context's vueops:* tags, then
// `user_tags` (a map; the spec's tags). S3's PutBucketTagging replaces the whole set.
Json S3TagSet(const ResourceContext& context, const Json& user_tags);

// The base of a bucket setting's type. A subclass maps between the schema's attributes and
// S3's Get and Put calls; the rest (the id, Read, Create, Update, Delete, Find) is shared.
class BucketSettingType : public ResourceType {
 public:
  std::string_view service() const override { return "s3"; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override;
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override;
  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override;
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override;
  // The bucket's setting, whatever made it: a bucket holds one of each.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string& token) const override;

 protected:
  // The bucket's setting in the schema's attributes (with "bucket"), or nullopt when the
  // bucket has none (or the bucket is gone).
  virtual Result<std::optional<Json>> Get(ResourceContext& context,
                                          const std::string& bucket) const = 0;
  // Writes the desired setting (every attribute: S3's Put calls replace the whole setting).
  virtual Status Put(ResourceContext& context, const std::string& bucket,
                     const Json& desired) const = 0;
  // Returns the bucket to S3's default for the setting; OK when already so.
  virtual Status Remove(ResourceContext& context, const std::string& bucket) const = 0;
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_BUCKET_SETTING_H_
