#include "resources/paged_list.h"

#include <string>

namespace vueops::resources {

Result<Json> ListAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::string_view list_member, PageTokens tokens,
                          std::initializer_list<std::string_view> absent) {
  // AWS ends a list with an absent or empty token; a repeated token would loop forever, so
  // it ends the list too.
  Json items = Json::array();
  Json request = input;
  std::string previous;
  while (true) {
    ASSIGN_OR_RETURN(Json page, absent.size() == 0
                                    ? context.Call(service, operation, request)
                                    : context.CallOrNotFound(service, operation, request, absent));
    const Json& list = page[std::string(list_member)];
    if (list.is_array()) {
      for (const Json& item : list) items.push_back(item);
    }
    std::string token = page.value(std::string(tokens.response), "");
    if (token.empty() || token == previous) break;
    previous = token;
    request[std::string(tokens.request)] = token;
  }
  return items;
}

}  // namespace vueops::resources
