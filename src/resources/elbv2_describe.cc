#include "resources/elbv2_describe.h"

#include <map>

#include "resources/canonical_values.h"
#include "resources/ec2_tags.h"
#include "resources/tag_changes.h"

namespace vueops::resources {
namespace {

Json ToJsonList(const std::vector<std::string>& items) {
  Json list = Json::array();
  for (const std::string& item : items) list.push_back(item);
  return list;
}

// DescribeTags for `arns`: ARN -> the raw tag list; an ARN that is gone is left out.
Result<std::map<std::string, Json>> RawTags(ResourceContext& context, const Json& arns) {
  std::map<std::string, Json> tags;
  // DescribeTags names objects of every kind, so any kind's "not found" may answer.
  Result<Json> output = context.CallOrNotFound(
      "elbv2", "DescribeTags", {{"ResourceArns", arns}},
      {"LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound", "RuleNotFound"});
  if (output.ok()) {
    for (const Json& description : output->value("TagDescriptions", Json::array())) {
      tags[description.value("ResourceArn", "")] = description.value("Tags", Json::array());
    }
    return tags;
  }
  if (output.status().code() != StatusCode::kNotFound) return output.status();
  if (arns.size() == 1) return tags;
  for (const Json& arn : arns) {
    ASSIGN_OR_RETURN(auto one, RawTags(context, Json::array({arn})));
    tags.insert(one.begin(), one.end());
  }
  return tags;
}

}  // namespace

Result<std::vector<std::optional<Json>>> DescribeByArn(ResourceContext& context,
                                                       const Elbv2Describe& describe,
                                                       const std::vector<std::string>& arns) {
  std::map<std::string, Json> found;
  auto call = [&](const Json& batch) -> Result<bool> {
    Result<Json> output = context.CallOrNotFound(
        "elbv2", describe.operation, {{std::string(describe.arns_member), batch}},
        {describe.not_found});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return false;
      return output.status();
    }
    for (const Json& item : output->value(std::string(describe.list_member), Json::array())) {
      found[item.value(std::string(describe.arn_key), "")] = item;
    }
    return true;
  };
  for (const Json& batch : Chunks(ToJsonList(arns), kElbv2ArnsPerCall)) {
    ASSIGN_OR_RETURN(bool whole, call(batch));
    if (whole || batch.size() == 1) continue;
    for (const Json& arn : batch) {
      ASSIGN_OR_RETURN(bool one, call(Json::array({arn})));
      (void)one;
    }
  }
  std::vector<std::optional<Json>> results;
  for (const std::string& arn : arns) {
    auto it = found.find(arn);
    results.push_back(it == found.end() ? std::nullopt : std::optional<Json>(it->second));
  }
  return results;
}

Result<std::vector<Json>> UserTagsByArn(ResourceContext& context,
                                        const std::vector<std::string>& arns) {
  std::map<std::string, Json> tags;
  for (const Json& batch : Chunks(ToJsonList(arns), kElbv2ArnsPerCall)) {
    ASSIGN_OR_RETURN(auto some, RawTags(context, batch));
    tags.insert(some.begin(), some.end());
  }
  std::vector<Json> results;
  for (const std::string& arn : arns) {
    auto it = tags.find(arn);
    results.push_back(it == tags.end() ? Json::object() : UserTags(it->second));
  }
  return results;
}

Result<bool> Elbv2HasAddressTag(ResourceContext& context, const std::string& arn) {
  ASSIGN_OR_RETURN(auto tags, RawTags(context, Json::array({arn})));
  for (const Json& tag : tags[arn]) {
    if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
      return true;
    }
  }
  return false;
}

Status SyncElbv2Tags(ResourceContext& context, const std::string& arn, const Json& current,
                     const Json& desired) {
  TagChanges changes = DiffTags(current, desired);
  if (!changes.add.empty()) {
    RETURN_IF_ERROR(
        context.Call("elbv2", "AddTags", {{"ResourceArns", {arn}}, {"Tags", changes.add}})
            .status());
  }
  if (!changes.remove.empty()) {
    RETURN_IF_ERROR(
        context.Call("elbv2", "RemoveTags", {{"ResourceArns", {arn}}, {"TagKeys", changes.remove}})
            .status());
  }
  return Status::Ok();
}

std::vector<Result<Json>> ReadManyByArn(ResourceContext& context, const Elbv2Describe& describe,
                                        std::span<const state::ResourceRecord* const> records,
                                        const Elbv2ReadOne& read) {
  std::vector<std::string> arns;
  for (const state::ResourceRecord* record : records) arns.push_back(record->id);
  Result<std::vector<std::optional<Json>>> objects = DescribeByArn(context, describe, arns);
  if (!objects.ok()) return std::vector<Result<Json>>(records.size(), objects.status());
  Result<std::vector<Json>> tags = UserTagsByArn(context, arns);
  if (!tags.ok()) return std::vector<Result<Json>>(records.size(), tags.status());
  std::vector<Result<Json>> results;
  for (size_t i = 0; i < records.size(); ++i) {
    results.push_back(read(*records[i], (*objects)[i], (*tags)[i]));
  }
  return results;
}

}  // namespace vueops::resources
