#include "iam/arn.h"

#include <vector>

namespace vueops::iam {

// The length of an AWS account id (IAM User Guide, "Your AWS account ID and its alias").
constexpr size_t kAccountIdDigits = 12;

std::optional<Arn> ParseArn(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() + 1 < kArnParts) {
    size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(text.substr(start));
  if (parts[0] != "arn") return std::nullopt;
  return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
             std::string(parts[4]), std::string(parts[5])};
}

bool ArnMatches(const WildcardPattern& pattern, std::string_view arn) {
  if (pattern.text() == "*" && pattern.HasWildcards()) return true;
  std::vector<WildcardPattern> pattern_parts = pattern.SplitAtColons(kArnParts);
  if (pattern_parts.size() != kArnParts) return false;
  std::vector<std::string_view> arn_parts;
  size_t start = 0;
  while (arn_parts.size() + 1 < kArnParts) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return false;
    arn_parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  arn_parts.push_back(arn.substr(start));
  for (size_t i = 0; i < kArnParts; ++i) {
    if (!pattern_parts[i].Matches(arn_parts[i])) return false;
  }
  return true;
}

std::string AccountRootArn(std::string_view account, std::string_view partition) {
  return "arn:" + std::string(partition.empty() ? "aws" : partition) +
         ":iam::" + std::string(account) + ":root";
}

bool IsAccountId(std::string_view text) {
  if (text.size() != kAccountIdDigits) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace vueops::iam
