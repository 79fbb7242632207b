// Terminal styling that respects NO_COLOR, TERM=dumb and output that is not a terminal.
#ifndef VUEOPS_BASE_TERMINAL_H_
#define VUEOPS_BASE_TERMINAL_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace vueops {

inline constexpr std::string_view kStyleBold = "\033[1m";
inline constexpr std::string_view kStyleRed = "\033[1;31m";
inline constexpr std::string_view kStyleGreen = "\033[32m";
inline constexpr std::string_view kStyleYellow = "\033[1;33m";
inline constexpr std::string_view kStyleBlue = "\033[34m";
inline constexpr std::string_view kStyleCyan = "\033[36m";
inline constexpr std::string_view kStyleDim = "\033[2m";
inline constexpr std::string_view kStyleReset = "\033[0m";

// True when `stream` should get ANSI colours: it is a terminal, NO_COLOR
// (https://no-color.org) is unset or empty, and TERM is not "dumb". CLICOLOR_FORCE=1 forces
// colour on.
bool ShouldUseColor(FILE* stream);

// Wraps text in a style when colour is on; passes it through otherwise.
class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }
  std::string Apply(std::string_view style, std::string_view text) const;

 private:
  bool enabled_;
};

}  // namespace vueops

#endif  // VUEOPS_BASE_TERMINAL_H_
