#include "resources/ec2_support.h"

#include <algorithm>

namespace vueops::resources {
namespace {

bool IsVueopsTag(std::string_view key) { return key.rfind("vueops:", 0) == 0; }

}  // namespace

Result<Json> CallAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::string_view list_member) {
  Json items = Json::array();
  Json page_input = input;
  while (true) {
    ASSIGN_OR_RETURN(Json page, context.Call(service, operation, page_input));
    const Json& list = page[std::string(list_member)];
    if (list.is_array()) {
      for (const Json& item : list) items.push_back(item);
    }
    std::string next = page.value("NextToken", "");
    if (next.empty()) return items;
    page_input["NextToken"] = next;
  }
}

std::vector<Result<Json>> DescribeRecords(ResourceContext& context,
                                          std::span<const state::ResourceRecord* const> records,
                                          const DescribeBatch& batch) {
  Json ids = Json::array();
  for (const state::ResourceRecord* record : records) ids.push_back(record->id);
  Json input = batch.extra_input;
  input[std::string(batch.filters_member)] =
      Json::array({Json{{"Name", batch.filter}, {"Values", ids}}});
  Result<Json> items = CallAllPages(context, batch.service, batch.operation, input,
                                    batch.list_member);
  std::vector<Result<Json>> results;
  results.reserve(records.size());
  for (const state::ResourceRecord* record : records) {
    if (!items.ok()) {
      results.push_back(items.status());
      continue;
    }
    Result<Json> found = NotFoundError(record->address + ": " + std::string(batch.noun) + " " +
                                       record->id + " is gone");
    for (const Json& item : *items) {
      if (item.value(std::string(batch.id_member), "") != record->id) continue;
      if (batch.gone && batch.gone(item, *record)) break;
      found = batch.attributes(item, *record);
      break;
    }
    results.push_back(std::move(found));
  }
  return results;
}

Result<std::optional<Json>> FindTagged(ResourceContext& context, std::string_view operation,
                                       std::string_view list_member,
                                       std::string_view filters_member,
                                       const Json& extra_filters) {
  Json filters = extra_filters.is_array() ? extra_filters : Json::array();
  filters.push_back(
      {{"Name", "tag:" + std::string(kAddressTag)}, {"Values", {context.address()}}});
  ASSIGN_OR_RETURN(Json items, CallAllPages(context, "ec2", operation,
                                            {{std::string(filters_member), filters}},
                                            list_member));
  // The tag is checked here too: an EC2-compatible endpoint that ignores the tag filter (moto
  // does for DescribeNatGateways) would otherwise hand back another address's object, and an
  // interrupted create would adopt it.
  for (const Json& item : items) {
    for (const Json& tag : item.value("Tags", Json::array())) {
      if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
        return std::optional<Json>(item);
      }
    }
  }
  return std::optional<Json>();
}

Result<Json> DescribeRecord(ResourceContext& context, const state::ResourceRecord& record,
                            const DescribeBatch& batch) {
  const state::ResourceRecord* one[] = {&record};
  return std::move(DescribeRecords(context, one, batch)[0]);
}

Result<Json> CallForCode(ResourceContext& context, std::string_view service,
                         std::string_view operation, const Json& input, std::string* code,
                         std::string* message) {
  client::CallInfo info;
  code->clear();
  if (message != nullptr) message->clear();
  Result<Json> result = context.Call(service, operation, input, &info);
  if (!result.ok() && info.error) {
    *code = info.error->code;
    if (message != nullptr) *message = info.error->message;
  }
  return result;
}

Status DeleteIgnoringGone(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::initializer_list<std::string_view> gone_codes) {
  Result<Json> deleted = context.CallOrNotFound(service, operation, input, gone_codes);
  if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
  return Status::Ok();
}

std::string TokenAfter(const std::string& token, const std::string& stale_id) {
  // EC2 client tokens are at most 64 ASCII characters ("Ensuring idempotency in Amazon EC2
  // API requests"); the engine's tokens are 32.
  constexpr size_t kMaxClientTokenLength = 64;
  std::string derived = token + "-" + stale_id;
  if (derived.size() > kMaxClientTokenLength) derived.resize(kMaxClientTokenLength);
  return derived;
}

Json OrderLike(const Json& live, const Json& reference) {
  Json ordered = Json::array();
  if (!live.is_array()) return ordered;
  std::vector<Json> rest(live.begin(), live.end());
  if (reference.is_array()) {
    for (const Json& wanted : reference) {
      auto it = std::find(rest.begin(), rest.end(), wanted);
      if (it == rest.end()) continue;
      ordered.push_back(*it);
      rest.erase(it);
    }
  }
  std::sort(rest.begin(), rest.end());
  for (Json& item : rest) ordered.push_back(std::move(item));
  return ordered;
}

Json TagListFor(const ResourceContext& context, const Json& desired) {
  Json list = Json::array();
  bool has_desired = desired.is_object() && desired.contains("tags") && desired["tags"].is_object();
  for (const auto& [key, value] : context.tags()) {
    if (IsVueopsTag(key) || !has_desired) list.push_back({{"Key", key}, {"Value", value}});
  }
  if (has_desired) {
    for (auto it = desired["tags"].begin(); it != desired["tags"].end(); ++it) {
      if (IsVueopsTag(it.key())) continue;
      list.push_back({{"Key", it.key()}, {"Value", it.value()}});
    }
  }
  return list;
}

Json TagSpecificationsFor(const ResourceContext& context, std::string_view resource_type,
                          const Json& desired) {
  return Json::array(
      {Json{{"ResourceType", resource_type}, {"Tags", TagListFor(context, desired)}}});
}

std::vector<std::string> SplitCommas(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string part(text.substr(start, comma - start));
    if (!part.empty()) parts.push_back(std::move(part));
    start = comma + 1;
  }
  return parts;
}

}  // namespace vueops::resources
