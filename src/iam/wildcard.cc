#include "iam/wildcard.h"

#include <cassert>

namespace vueops::iam {
namespace {

char FoldCase(char c, bool ignore_case) {
  if (ignore_case && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

}  // namespace

WildcardPattern WildcardPattern::FromText(std::string_view text) {
  WildcardPattern pattern;
  for (char c : text) {
    if (c == '*' || c == '?') {
      pattern.AppendWildcard(c);
    } else {
      pattern.AppendLiteral(std::string_view(&c, 1));
    }
  }
  return pattern;
}

WildcardPattern WildcardPattern::Literal(std::string_view text) {
  WildcardPattern pattern;
  pattern.AppendLiteral(text);
  return pattern;
}

void WildcardPattern::AppendLiteral(std::string_view text) {
  chars_.append(text);
  wildcard_.insert(wildcard_.end(), text.size(), false);
}

void WildcardPattern::AppendWildcard(char wildcard) {
  assert(wildcard == '*' || wildcard == '?');
  chars_.push_back(wildcard);
  wildcard_.push_back(true);
}

void WildcardPattern::Append(const WildcardPattern& other) {
  chars_ += other.chars_;
  wildcard_.insert(wildcard_.end(), other.wildcard_.begin(), other.wildcard_.end());
}

// The classic two-cursor glob match: on a mismatch, go back to the last '*' and let it take
// one more character. Linear in practice, O(pattern * text) at worst.
bool WildcardPattern::Matches(std::string_view text, bool ignore_case) const {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string::npos;  // pattern position after the last '*'
  size_t star_text = 0;             // text position that '*' was tried against
  while (t < text.size()) {
    if (p < chars_.size() && wildcard_[p] && chars_[p] == '*') {
      star = ++p;
      star_text = t;
    } else if (p < chars_.size() && ((wildcard_[p] && chars_[p] == '?') ||
                                     (!wildcard_[p] && FoldCase(chars_[p], ignore_case) ==
                                                           FoldCase(text[t], ignore_case)))) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < chars_.size() && wildcard_[p] && chars_[p] == '*') ++p;
  return p == chars_.size();
}

bool WildcardPattern::EqualsLiteral(std::string_view text, bool ignore_case) const {
  if (text.size() != chars_.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (FoldCase(chars_[i], ignore_case) != FoldCase(text[i], ignore_case)) return false;
  }
  return true;
}

bool WildcardPattern::HasWildcards() const {
  for (bool wildcard : wildcard_) {
    if (wildcard) return true;
  }
  return false;
}

std::vector<WildcardPattern> WildcardPattern::SplitAtColons(size_t max_parts) const {
  std::vector<WildcardPattern> parts(1);
  for (size_t i = 0; i < chars_.size(); ++i) {
    if (chars_[i] == ':' && !wildcard_[i] && parts.size() < max_parts) {
      parts.emplace_back();
      continue;
    }
    parts.back().chars_.push_back(chars_[i]);
    parts.back().wildcard_.push_back(wildcard_[i]);
  }
  return parts;
}

bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case) {
  return WildcardPattern::FromText(pattern).Matches(text, ignore_case);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (FoldCase(a[i], true) != FoldCase(b[i], true)) return false;
  }
  return true;
}

std::string ToLowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = FoldCase(c, true);
  return lower;
}

}  // namespace vueops::iam
