#include "auth/url.h"

#include <arpa/inet.h>
#include <strings.h>

#include <cstring>

namespace vueops::auth {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool IsSchemeCharacter(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

}  // namespace

Result<UrlParts> ParseUrl(std::string_view url) {
  UrlParts parts;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return InvalidArgumentError("'" + std::string(url) +
                                "' is not an absolute URL (scheme://host/path)");
  }
  for (size_t i = 0; i < scheme_end; ++i) {
    if (!IsSchemeCharacter(url[i], i == 0)) {
      return InvalidArgumentError("'" + std::string(url) + "' has an invalid scheme");
    }
  }
  parts.scheme = url.substr(0, scheme_end);
  std::string_view rest = url.substr(scheme_end + 3);
  size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);

  std::string_view host_and_port = authority;
  if (!host_and_port.empty() && host_and_port.front() == '[') {
    size_t close = host_and_port.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgumentError("'" + std::string(url) + "' has an unterminated IPv6 host");
    }
    parts.host = host_and_port.substr(0, close + 1);
    std::string_view after = host_and_port.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return InvalidArgumentError("'" + std::string(url) + "' has text after its IPv6 host");
      }
      parts.port = after.substr(1);
    }
  } else {
    size_t colon = host_and_port.find(':');
    parts.host = host_and_port.substr(0, colon);
    if (colon != std::string_view::npos) parts.port = host_and_port.substr(colon + 1);
  }
  if (parts.host.empty()) {
    return InvalidArgumentError("'" + std::string(url) + "' has no host");
  }
  if (parts.port.size() > 5 ||
      parts.port.find_first_not_of("0123456789") != std::string_view::npos) {
    return InvalidArgumentError("'" + std::string(url) + "' has an invalid port");
  }

  size_t question = rest.find('?');
  parts.path = rest.substr(0, question);
  if (question != std::string_view::npos) parts.query = rest.substr(question + 1);
  return parts;
}

std::string HostHeaderValue(const UrlParts& url) {
  bool default_port = url.port.empty() ||
                      (EqualsIgnoringCase(url.scheme, "http") && url.port == "80") ||
                      (EqualsIgnoringCase(url.scheme, "https") && url.port == "443");
  std::string host(url.host);
  if (!default_port) {
    host += ':';
    host += url.port;
  }
  return host;
}

bool IsLoopbackHost(std::string_view host) {
  if (EqualsIgnoringCase(host, "localhost")) return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string text(host);
  unsigned char address[16];
  if (::inet_pton(AF_INET, text.c_str(), address) == 1) return address[0] == 127;
  if (::inet_pton(AF_INET6, text.c_str(), address) == 1) {
    static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return std::memcmp(address, kLoopback, sizeof kLoopback) == 0;
  }
  return false;
}

}  // namespace vueops::auth
