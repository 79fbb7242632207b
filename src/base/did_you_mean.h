// "Did you mean" suggestions for misspelt keys, names and commands.
#ifndef VUEOPS_BASE_DID_YOU_MEAN_H_
#define VUEOPS_BASE_DID_YOU_MEAN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vueops {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), comparing
// ASCII letters case-insensitively and treating '-' and '_' as equal, so "instance-type"
// is distance 0 from "instance_type".
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible misspelling:
// at most max(1, len/3) edits away. Ties go to the earlier candidate.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

// "did you mean 'x'?" or "" when nothing is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace vueops

#endif  // VUEOPS_BASE_DID_YOU_MEAN_H_
