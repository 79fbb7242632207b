// A serialized API request, independent of any HTTP library (botocore's request dict): what
// the serializers produce and what signing and the transport consume.
#ifndef VUEOPS_PROTOCOL_REQUEST_H_
#define VUEOPS_PROTOCOL_REQUEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "http/http.h"

namespace vueops::protocol {

// One query-string parameter, not yet encoded. A flag parameter from the model's request
// URI ("?acl", "?uploads") has no value and is written without '='.
struct QueryParameter {
  std::string name;
  std::string value;
  bool has_value = true;

  bool operator==(const QueryParameter&) const = default;
};

struct Request {
  std::string method = "POST";
  // The request URI's path with its {labels} filled in and percent-encoded ("/bucket/a%20b").
  std::string path = "/";
  // Static parameters of the model's request URI first, then serialized members, in order.
  std::vector<QueryParameter> query;
  http::Headers headers;
  std::string body;
  // To prepend to the endpoint's host ("123456789012." for S3 Control's {AccountId}.), or "".
  std::string host_prefix;

  // "a=1&b=x%20y&acl": each name and value percent-encoded (RFC 3986, space as %20).
  std::string QueryString() const;
  // The path, plus '?' and the query string when there is one.
  std::string Target() const;

  // The absolute URL at `endpoint` ("scheme://host[:port][/base-path]"): the host prefix
  // goes before the host, a base path before Target() (as botocore's prepare_request_dict
  // joins them). "https://s3.amazonaws.com" + "/b/k" → "https://s3.amazonaws.com/b/k".
  std::string Url(std::string_view endpoint) const;
};

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_REQUEST_H_
