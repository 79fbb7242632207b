// Base64 (RFC 4648 section 4, standard alphabet with padding): how the AWS protocols carry
// blob values, and how paginator resume tokens are written.
#ifndef VUEOPS_MODEL_BASE64_H_
#define VUEOPS_MODEL_BASE64_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::model {

std::string Base64Encode(std::string_view data);

// Decodes standard base64. Padding may be omitted and ASCII whitespace (line breaks some
// services insert) is skipped; any other character outside the alphabet is
// kInvalidArgument.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_BASE64_H_
