// Whether a program the tests drive (graphviz's dot, chromium) is installed, so a test that
// needs it can skip visibly, saying how to install it. Header-only.
#ifndef VUEOPS_TESTS_SUPPORT_PROGRAM_ON_PATH_H_
#define VUEOPS_TESTS_SUPPORT_PROGRAM_ON_PATH_H_

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace vueops::test_support {

// The full path of the executable `name` in $PATH, or "" when there is none.
inline std::string ProgramOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string directories = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= directories.size()) {
    size_t end = directories.find(':', start);
    if (end == std::string::npos) end = directories.size();
    std::string directory = directories.substr(start, end - start);
    std::string candidate = (directory.empty() ? "." : directory) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_PROGRAM_ON_PATH_H_
