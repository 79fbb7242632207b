#include "base/did_you_mean.h"

#include <algorithm>

namespace vueops {
namespace {

char Fold(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c == '-') return '_';
  return c;
}

// Names longer than this are not names a person misspells: a suggestion would be noise, and
// comparing two long strings costs the product of their lengths.
constexpr size_t kMaxComparedLength = 100;

std::optional<std::string> Closest(std::string_view word, size_t count,
                                   auto&& candidate_at) {
  if (word.size() > kMaxComparedLength) return std::nullopt;
  const int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  int best_distance = limit + 1;
  std::optional<std::string> best;
  for (size_t i = 0; i < count; ++i) {
    std::string_view candidate = candidate_at(i);
    // Cheap reject: lengths alone put it out of reach.
    int length_gap = static_cast<int>(word.size()) - static_cast<int>(candidate.size());
    if (std::abs(length_gap) >= best_distance) continue;
    int distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Three rolling rows: two back (for transpositions), previous, current.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      int cost = Fold(a[i - 1]) == Fold(b[j - 1]) ? 0 : 1;
      int value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold(b[j - 2]) &&
          Fold(a[i - 2]) == Fold(b[j - 1])) {
        value = std::min(value, before[j - 2] + 1);
      }
      current[j] = value;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  return Closest(word, candidates.size(),
                 [&](size_t i) { return std::string_view(candidates[i]); });
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  return Closest(word, candidates.size(), [&](size_t i) { return candidates[i]; });
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = ClosestMatch(word, candidates);
  if (!match) return "";
  return "did you mean '" + *match + "'?";
}

}  // namespace vueops
