#include "auth/canonical_request.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "auth/uri_encoding.h"

namespace vueops::auth {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Appends `value` trimmed, with runs of whitespace collapsed into one space.
void AppendTrimmedValue(std::string& out, std::string_view value) {
  bool pending_space = false;
  bool any = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = any;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    any = true;
    out += c;
  }
}

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 3986 section 5.2.4 dot-segment removal, also dropping empty segments as AWS services
// expect ("//a//" is "/a/"). A trailing slash survives when any segment remains.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out = "/";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (!segments.empty() && path.back() == '/') out += '/';
  return out;
}

}  // namespace

std::string CanonicalUri(std::string_view path, bool normalize, bool encode) {
  if (path.empty()) return "/";
  std::string normalized;
  if (normalize) {
    normalized = NormalizePath(path);
    path = normalized;
  }
  if (!encode) return std::string(path);
  std::string out;
  AppendUriEncoded(out, path, /*keep_slash=*/true);
  return out;
}

std::string CanonicalQueryString(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string_view name = pair.substr(0, equals);
    std::string_view value =
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    pairs.emplace_back(UriEncode(PercentDecode(name)), UriEncode(PercentDecode(value)));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  out.reserve(query.size() + 16);
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out += '&';
    out += pairs[i].first;
    out += '=';
    out += pairs[i].second;
  }
  return out;
}

bool IsUnsignedHeader(std::string_view name) {
  return name == "authorization" || name == "user-agent" || name == "expect" ||
         name == "transfer-encoding" || name == "x-amzn-trace-id" || name == "connection";
}

CanonicalHeaders BuildCanonicalHeaders(const http::Headers& headers, std::string_view host) {
  std::vector<std::pair<std::string, std::string_view>> entries;
  entries.reserve(headers.size() + 1);
  bool has_host = false;
  for (const auto& [name, value] : headers) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), ToLower);
    if (IsUnsignedHeader(lower)) continue;
    if (lower == "host") has_host = true;
    entries.emplace_back(std::move(lower), value);
  }
  if (!has_host) entries.emplace_back("host", host);
  // Stable, so that the values of a repeated header keep their order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  CanonicalHeaders result;
  result.canonical.reserve(256);
  result.signed_headers.reserve(64);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& name = entries[i].first;
    bool continues_previous = i > 0 && entries[i - 1].first == name;
    if (continues_previous) {
      result.canonical.back() = ',';  // replaces the previous value's newline
    } else {
      if (!result.signed_headers.empty()) result.signed_headers += ';';
      result.signed_headers += name;
      result.canonical += name;
      result.canonical += ':';
    }
    AppendTrimmedValue(result.canonical, entries[i].second);
    result.canonical += '\n';
  }
  return result;
}

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query,
                             const CanonicalHeaders& canonical_headers,
                             std::string_view payload_hash) {
  std::string out;
  out.reserve(method.size() + canonical_uri.size() + canonical_query.size() +
              canonical_headers.canonical.size() + canonical_headers.signed_headers.size() +
              payload_hash.size() + 6);
  for (char c : method) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  out += '\n';
  out += canonical_uri;
  out += '\n';
  out += canonical_query;
  out += '\n';
  out += canonical_headers.canonical;
  out += '\n';
  out += canonical_headers.signed_headers;
  out += '\n';
  out += payload_hash;
  return out;
}

}  // namespace vueops::auth
