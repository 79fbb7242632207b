#include "resources/bucket_setting.h"

#include <algorithm>


namespace vueops::resources {

Result<std::optional<Json>> GetBucketSetting(ResourceContext& context, std::string_view operation,
                                             const std::string& bucket,
                                             std::initializer_list<std::string_view> absent) {
  client::CallInfo info;
  Result<Json> output = context.Call("s3", operation, {{"Bucket", bucket}}, &info);
  if (output.ok()) return std::optional<Json>(std::move(*output));
  if (info.error && (info.error->code == "NoSuchBucket" ||
                     std::find(absent.begin(), absent.end(), info.error->code) != absent.end())) {
    return std::optional<Json>();
  }
  return output.status();
}

Status RemoveBucketSetting(ResourceContext& context, std::string_view operation, const Json& input,
                           std::initializer_list<std::string_view> absent) {
  client::CallInfo info;
  Result<Json> output = context.Call("s3", operation, input, &info);
  if (output.ok()) return Status::Ok();
  if (info.error && (info.error->code == "NoSuchBucket" ||
                     std::find(absent.begin(), absent.end(), info.error->code) != absent.end())) {
    return Status::Ok();
  }
  return output.status();
}

Json S3TagSet(const ResourceContext& context, const Json& user_tags) {
  Json tags = Json::array();
  for (const auto& [key, value] : context.tags()) {
    if (key.rfind("vueops:", 0) == 0) tags.push_back({{"Key", key}, {"Value", value}});
  }
  if (user_tags.is_object()) {
    for (auto it = user_tags.begin(); it != user_tags.end(); ++it) {
      tags.push_back({{"Key", it.key()}, {"Value", it.value()}});
    }
  }
  return tags;
}

Result<Json> BucketSettingType::Read(ResourceContext& context,
                                     const state::ResourceRecord& record) const {
  ASSIGN_OR_RETURN(std::optional<Json> setting, Get(context, record.id));
  if (!setting) {
    return NotFoundError(record.address + ": bucket " + record.id + " has no " +
                         std::string(name()));
  }
  return std::move(*setting);
}

Result<Created> BucketSettingType::Create(ResourceContext& context, const Json& desired,
                                          const std::string&) const {
  std::string bucket = desired.value("bucket", "");
  RETURN_IF_ERROR(Put(context, bucket, desired));
  return Created{bucket, {{"id", bucket}}, Json::object()};
}

Status BucketSettingType::Update(ResourceContext& context, const state::ResourceRecord& record,
                                 const Json& desired, const std::vector<std::string>&) const {
  return Put(context, record.id, desired);
}

Status BucketSettingType::Delete(ResourceContext& context,
                                 const state::ResourceRecord& record) const {
  return Remove(context, record.id);
}

Result<std::optional<Found>> BucketSettingType::Find(ResourceContext& context, const Json& desired,
                                                     const std::string&) const {
  std::string bucket = desired.value("bucket", "");
  ASSIGN_OR_RETURN(std::optional<Json> setting, Get(context, bucket));
  if (!setting) return std::optional<Found>();
  return std::optional<Found>(Found{bucket, {{"id", bucket}}, std::move(*setting)});
}

}  // namespace vueops::resources
