// HTTP as vueops needs it: one request in, one response out, behind an interface so that
// everything above it is tested with a fake. The libcurl transport is the production one.
#ifndef VUEOPS_HTTP_HTTP_H_
#define VUEOPS_HTTP_HTTP_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace vueops::http {

// Header names keep the case they were given; lookups ignore case.
using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named `name` (case-insensitive), or nullptr.
const std::string* FindHeader(const Headers& headers, std::string_view name);
// Replaces every header named `name` by one with `value`.
void SetHeader(Headers& headers, std::string_view name, std::string value);

struct Request {
  std::string method = "GET";
  // Absolute URL: scheme, host, optional port, path already percent-encoded, query string.
  std::string url;
  Headers headers;
  std::string body;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
};

struct Options {
  std::chrono::milliseconds connect_timeout{3100};  // the AWS CLI's default connect timeout
  // How long a response may stay silent (no byte received) before the call fails. The AWS
  // CLI's default read timeout. Transports may round it up to a whole second.
  std::chrono::milliseconds read_timeout{60000};
  // A cap on the whole exchange, connect to last byte; zero means none. Only for calls whose
  // total time must be bounded (health probes, metadata endpoints): large S3 bodies need
  // none.
  std::chrono::milliseconds total_timeout{0};
};

// A transport sends one request and returns the response, whatever its status code. It fails
// (kUnavailable / kDeadlineExceeded) only when no response arrived: connection refused or
// reset, timeout, TLS failure. Implementations are safe to call from many threads at once.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<Response> Send(const Request& request, const Options& options) = 0;
};

}  // namespace vueops::http

#endif  // VUEOPS_HTTP_HTTP_H_
