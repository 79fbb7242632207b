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

std::string Request::Url(std::string_view endpoint) const {
  size_t scheme_end = endpoint.find("://");
  size_t host_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  size_t path_start = endpoint.find('/', host_start);
  if (path_start == std::string_view::npos) path_start = endpoint.size();
  std::string_view base_path = endpoint.substr(path_start);
  while (base_path.ends_with('/')) base_path.remove_suffix(1);
  std::string url(endpoint.substr(0, host_start));
  url += host_prefix;
  url += endpoint.substr(host_start, path_start - host_start);
  url += base_path;
  url += Target();
  return url;
}

}  // namespace vueops::protocol
