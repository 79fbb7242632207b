#include "resources/resource_calls.h"

#include <algorithm>
#include <vector>

namespace vueops::resources {

// A paginated list with no end (a service that keeps answering with a token) would loop
// forever; no list vueops reads comes near this many pages.
constexpr int kMaxPages = 1000;

Result<Json> CallAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input, Paging paging,
                          std::string_view items) {
  Json gathered = Json::array();
  Json request = input;
  for (int page = 0; page < kMaxPages; ++page) {
    ASSIGN_OR_RETURN(Json output, context.Call(service, operation, request));
    const Json& list = output.contains(std::string(items)) ? output[std::string(items)] : Json();
    if (list.is_array()) {
      for (const Json& item : list) gathered.push_back(item);
    }
    const std::string token_member(paging.output_token);
    bool more = output.contains(token_member) && output[token_member].is_string() &&
                !output[token_member].get<std::string>().empty();
    // IAM says IsTruncated false on the last page, and may still echo a marker.
    if (output.contains("IsTruncated") && !output.value("IsTruncated", false)) more = false;
    if (!more) return gathered;
    request[std::string(paging.input_token)] = output[token_member];
  }
  return InternalError(context.address() + ": " + std::string(service) + " " +
                       std::string(operation) + " returned more than " + std::to_string(kMaxPages) +
                       " pages");
}

Result<Json> CallUnlessDone(ResourceContext& context, std::string_view service,
                            std::string_view operation, const Json& input,
                            std::initializer_list<std::string_view> done, bool* was_done) {
  client::CallInfo info;
  Result<Json> output = context.Call(service, operation, input, &info);
  bool tolerated = !output.ok() && info.error &&
                   std::find(done.begin(), done.end(), info.error->code) != done.end();
  if (was_done != nullptr) *was_done = tolerated;
  if (tolerated) return Json::object();
  return output;
}

Status CallIgnoring(ResourceContext& context, std::string_view service, std::string_view operation,
                    const Json& input, std::initializer_list<std::string_view> done) {
  return CallUnlessDone(context, service, operation, input, done).status();
}

Json SortedStrings(const Json& list) {
  std::vector<std::string> values;
  if (list.is_array()) {
    for (const Json& item : list) {
      if (item.is_string()) values.push_back(item.get<std::string>());
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  Json sorted = Json::array();
  for (std::string& value : values) sorted.push_back(std::move(value));
  return sorted;
}

Json ReportedOr(const Json& answer, const std::string& member, const Json& recorded) {
  if (answer.is_object() && answer.contains(member)) return answer[member];
  return recorded.is_null() ? Json("") : recorded;
}

}  // namespace vueops::resources
