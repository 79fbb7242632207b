#include "protocol/request.h"

#include "protocol/percent_encoding.h"

namespace vueops::protocol {

std::string Request::QueryString() const {
  std::string out;
  for (const QueryParameter& parameter : query) {
    if (!out.empty()) out += '&';
    AppendPercentEncoded(out, parameter.name);
    if (parameter.has_value) {
      out += '=';
      AppendPercentEncoded(out, parameter.value);
    }
  }
  return out;
}

std::string Request::Target() const {
  std::string query_string = QueryString();
  return query_string.empty() ? path : path + "?" + query_string;
}

}  // namespace vueops::protocol
