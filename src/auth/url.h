// Splitting an absolute URL into the parts SigV4 and the credential providers look at.
#ifndef VUEOPS_AUTH_URL_H_
#define VUEOPS_AUTH_URL_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::auth {

// Views into the URL given to ParseUrl; valid while that string lives and is unchanged.
struct UrlParts {
  std::string_view scheme;  // "https", as written
  std::string_view host;    // "example.com", "127.0.0.1", or "[::1]" with its brackets
  std::string_view port;    // "8080"; empty when the URL names none
  std::string_view path;    // "/a/b" as written (already percent-encoded); may be empty
  std::string_view query;   // "a=1&b=2" without the '?'; empty when absent
};

// Parses scheme://[userinfo@]host[:port][/path][?query][#fragment]. The user info and the
// fragment are dropped: neither is sent to the server nor signed.
Result<UrlParts> ParseUrl(std::string_view url);

// The Host header value for a URL: the host, plus ":port" unless the port is the scheme's
// default (80 for http, 443 for https), which HTTP clients leave out of the header too.
std::string HostHeaderValue(const UrlParts& url);

// True for loopback hosts: 127.0.0.0/8, ::1 (bracketed or not) and "localhost".
bool IsLoopbackHost(std::string_view host);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_URL_H_
