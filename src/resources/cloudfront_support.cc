#include "resources/cloudfront_support.h"

#include <cctype>

namespace vueops::resources {

Result<Json> ListCloudFrontItems(ResourceContext& context, std::string_view operation,
                                 std::string_view list_member) {
  Json items = Json::array();
  std::string marker;
  while (true) {
    Json input = Json::object();
    if (!marker.empty()) input["Marker"] = marker;
    ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", operation, input));
    const Json& list = output.value(std::string(list_member), Json::object());
    for (const Json& item : list.value("Items", Json::array())) items.push_back(item);
    marker = list.value("NextMarker", "");
    if (marker.empty() || !list.value("IsTruncated", true)) return items;
  }
}

Status DeleteCloudFrontObject(ResourceContext& context, std::string_view get_operation,
                              std::string_view delete_operation, const std::string& id,
                              std::initializer_list<std::string_view> absent) {
  Result<Json> current = context.CallOrNotFound("cloudfront", get_operation, {{"Id", id}}, absent);
  if (!current.ok()) {
    return current.status().code() == StatusCode::kNotFound ? Status::Ok() : current.status();
  }
  Result<Json> deleted =
      context.CallOrNotFound("cloudfront", delete_operation,
                             {{"Id", id}, {"IfMatch", current->value("ETag", "")}}, absent);
  if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
  return Status::Ok();
}

Json CloudFrontList(const Json& items) {
  Json list = {{"Quantity", items.size()}};
  if (!items.empty()) list["Items"] = items;
  return list;
}

Json CloudFrontItems(const Json& list) {
  if (!list.is_object()) return Json::array();
  return list.value("Items", Json::array());
}

std::string TrimTrailingSpace(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

}  // namespace vueops::resources
