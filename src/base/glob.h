// Shell-style globs for addresses and paths: lint suppressions, --target, --allow-destroy.
#ifndef VUEOPS_BASE_GLOB_H_
#define VUEOPS_BASE_GLOB_H_

#include <string_view>

namespace vueops {

// '*' matches any run of characters (dots included), '?' one character; nothing else is
// special.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace vueops

#endif  // VUEOPS_BASE_GLOB_H_
