// Policy text after variable substitution: which characters are wildcards and which literal.
//
// IAM writes '*' (any run of characters, none included) and '?' (exactly one character) in
// Action, Resource and the values of StringLike/ArnLike conditions. A character that came from
// a policy variable's value or from the escapes ${*} ${?} ${$} is always literal, so the pattern
// keeps a flag per character instead of re-reading its own text.
#ifndef VUEOPS_IAM_WILDCARD_H_
#define VUEOPS_IAM_WILDCARD_H_

#include <string>
#include <string_view>
#include <vector>

namespace vueops::iam {

class WildcardPattern {
 public:
  WildcardPattern() = default;

  // `text` with '*' and '?' as wildcards and every other character literal.
  static WildcardPattern FromText(std::string_view text);
  // `text` with every character literal.
  static WildcardPattern Literal(std::string_view text);

  void AppendLiteral(std::string_view text);
  // REQUIRES: wildcard is '*' or '?'.
  void AppendWildcard(char wildcard);
  void Append(const WildcardPattern& other);

  // Whether the whole of `text` matches. `ignore_case` folds ASCII letters.
  bool Matches(std::string_view text, bool ignore_case = false) const;
  // Whether the pattern equals `text` character for character (wildcards count as literal
  // mismatches unless `text` has the same character there: used by StringEquals).
  bool EqualsLiteral(std::string_view text, bool ignore_case = false) const;

  bool HasWildcards() const;
  // The pattern split at its literal ':' characters into at most `max_parts` parts (the last
  // part keeps the rest, colons included). A ':' from a wildcard position cannot occur.
  std::vector<WildcardPattern> SplitAtColons(size_t max_parts) const;

  // The characters as written (a literal '*' shows as '*' too): for messages.
  const std::string& text() const { return chars_; }
  bool empty() const { return chars_.empty(); }

 private:
  std::string chars_;
  std::vector<bool> wildcard_;  // wildcard_[i]: chars_[i] is a wildcard
};

// Shorthand for WildcardPattern::FromText(pattern).Matches(text, ignore_case).
bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case = false);

// ASCII case-insensitive equality and lower-casing (IAM names are ASCII).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view text);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_WILDCARD_H_
