#include "base/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace vueops {

bool ShouldUseColor(FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* force = std::getenv("CLICOLOR_FORCE");
  if (force != nullptr && std::strcmp(force, "0") != 0 && force[0] != '\0') return true;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(stream)) != 0;
}

std::string Style::Apply(std::string_view style, std::string_view text) const {
  if (!enabled_ || style.empty()) return std::string(text);
  std::string out;
  out.reserve(style.size() + text.size() + kStyleReset.size());
  out += style;
  out += text;
  out += kStyleReset;
  return out;
}

}  // namespace vueops
