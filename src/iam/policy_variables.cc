#include "iam/policy_variables.h"

#include <string>

namespace vueops::iam {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// The value of the inside of "${...}", or nullopt when it cannot be resolved.
std::optional<WildcardPattern> ResolveVariable(std::string_view inside,
                                               const ContextValues& context) {
  if (inside == "*" || inside == "?" || inside == "$") return WildcardPattern::Literal(inside);
  std::string_view key = inside;
  std::optional<std::string> fallback;
  size_t comma = inside.find(',');
  if (comma != std::string_view::npos) {
    key = inside.substr(0, comma);
    std::string_view quoted = Trim(inside.substr(comma + 1));
    if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') return std::nullopt;
    quoted = quoted.substr(1, quoted.size() - 2);
    std::string unquoted;
    for (size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\'') {
        if (i + 1 >= quoted.size() || quoted[i + 1] != '\'') return std::nullopt;
        ++i;
      }
      unquoted.push_back(quoted[i]);
    }
    fallback = std::move(unquoted);
  }
  key = Trim(key);
  if (key.empty()) return std::nullopt;
  if (const std::string* value = context.FindSingle(key)) return WildcardPattern::Literal(*value);
  if (fallback) return WildcardPattern::Literal(*fallback);
  return std::nullopt;
}

}  // namespace

std::optional<WildcardPattern> ExpandPolicyText(std::string_view text, const ContextValues& context,
                                                ExpandOptions options) {
  WildcardPattern pattern;
  size_t i = 0;
  while (i < text.size()) {
    if (options.variables && text.compare(i, 2, "${") == 0) {
      size_t close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        std::optional<WildcardPattern> value =
            ResolveVariable(text.substr(i + 2, close - i - 2), context);
        if (!value) return std::nullopt;
        pattern.Append(*value);
        i = close + 1;
        continue;
      }
    }
    char c = text[i];
    if (options.wildcards && (c == '*' || c == '?')) {
      pattern.AppendWildcard(c);
    } else {
      pattern.AppendLiteral(std::string_view(&c, 1));
    }
    ++i;
  }
  return pattern;
}

}  // namespace vueops::iam
