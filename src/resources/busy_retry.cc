#include "resources/busy_retry.h"

#include <algorithm>
#include <string>

namespace vueops::resources {

Status CallUntilAccepted(ResourceContext& context, std::string_view service,
                         std::string_view operation, const Json& input,
                         std::initializer_list<std::string_view> absent,
                         std::initializer_list<std::string_view> busy, std::string_view what,
                         Clock::Duration timeout) {
  auto contains = [](std::initializer_list<std::string_view> codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  return context.Poll(what, timeout, [&]() -> Result<bool> {
    client::CallInfo info;
    Result<Json> result = context.Call(service, operation, input, &info);
    if (result.ok()) return true;
    std::string code = info.error ? info.error->code : "";
    if (contains(absent, code)) return true;
    if (contains(busy, code)) return false;
    return result.status();
  });
}

}  // namespace vueops::resources
