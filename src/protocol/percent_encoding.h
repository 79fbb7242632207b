// Percent-encoding of URI paths and query strings (RFC 3986) as botocore applies it
// (botocore.utils.percent_encode): UTF-8 bytes outside the unreserved set A-Z a-z 0-9 - . _ ~
// and the caller's extra safe characters become %XX with upper-case hex; a space is %20.
#ifndef VUEOPS_PROTOCOL_PERCENT_ENCODING_H_
#define VUEOPS_PROTOCOL_PERCENT_ENCODING_H_

#include <string>
#include <string_view>

namespace vueops::protocol {

// Appends `text` encoded to `out`, leaving the characters of `extra_safe` (e.g. "/" for a
// greedy URI label) as they are.
void AppendPercentEncoded(std::string& out, std::string_view text,
                          std::string_view extra_safe = {});

inline std::string PercentEncode(std::string_view text, std::string_view extra_safe = {}) {
  std::string out;
  AppendPercentEncoded(out, text, extra_safe);
  return out;
}

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_PERCENT_ENCODING_H_
