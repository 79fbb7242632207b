// Percent-encoding as SigV4 defines it ("UriEncode" in the AWS Signature Version 4 docs,
// "Create a canonical request"): every byte but the unreserved characters A-Z a-z 0-9 - . _ ~
// becomes %XX with uppercase hex; a space is %20, never '+'.
#ifndef VUEOPS_AUTH_URI_ENCODING_H_
#define VUEOPS_AUTH_URI_ENCODING_H_

#include <string>
#include <string_view>

namespace vueops::auth {

// Appends `text` encoded to `out`; '/' stays as it is when `keep_slash` (URI paths).
void AppendUriEncoded(std::string& out, std::string_view text, bool keep_slash);
inline std::string UriEncode(std::string_view text, bool keep_slash = false) {
  std::string out;
  AppendUriEncoded(out, text, keep_slash);
  return out;
}

// Decodes %XX escapes. A '%' not followed by two hex digits is kept as it is, and '+' stays
// '+' (in a URL it is not a space: only HTML forms say so).
std::string PercentDecode(std::string_view text);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_URI_ENCODING_H_
