#include "spec/reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/did_you_mean.h"

namespace vueops::spec {
namespace {

std::string Quote(std::string_view text) {
  constexpr size_t kShown = 60;
  std::string shown(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return "'" + shown + "'";
}

std::string Describe(const Node& node) {
  if (node.is_scalar()) return Quote(node.scalar);
  return std::string(node.KindName());
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) text += i + 1 == names.size() ? " or " : ", ";
    text += "'" + names[i] + "'";
  }
  return text;
}

// Names in a spec are short; a "word" longer than this is not a misspelling of one.
constexpr size_t kMaxSuggestedLength = 100;

// The words of a key: "default_target_group" -> {default, target, group}.
std::vector<std::string_view> KeyWords(std::string_view key) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find_first_of("_-", start);
    if (end == std::string_view::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Words match alike in the singular and plural ("alias", "aliases").
bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.substr(0, a.size()) != a) return false;
  std::string_view rest = b.substr(a.size());
  return rest.empty() || rest == "s" || rest == "es";
}

// True when the words of `part` appear, in order and together, among the words of `whole`.
bool ContainsWords(const std::vector<std::string_view>& whole,
                   const std::vector<std::string_view>& part) {
  if (part.empty() || part.size() > whole.size()) return false;
  for (size_t start = 0; start + part.size() <= whole.size(); ++start) {
    bool all = true;
    for (size_t i = 0; all && i < part.size(); ++i) all = SameWord(whole[start + i], part[i]);
    if (all) return true;
  }
  return false;
}

// How long the caret under the value at `at` should be: a quoted string to its closing
// quote, a plain value to the end of its token. A key (a token followed by ':') and the
// start of a mapping or list get a single caret: the location then stands for more than
// the token.
uint32_t TokenLength(Location at) {
  std::string_view line = GetSource(at.file).Line(at.line);
  if (at.column == 0 || at.column > line.size()) return 1;
  std::string_view rest = line.substr(at.column - 1);
  char first = rest[0];
  if (first == '"' || first == '\'') {
    size_t close = rest.find(first, 1);
    return close == std::string_view::npos ? 1 : static_cast<uint32_t>(close + 1);
  }
  if (std::string_view("{[-?|>&*!#").find(first) != std::string_view::npos) return 1;
  size_t end = rest.find_first_of(",]}#");
  size_t colon = rest.find(": ");
  if (colon != std::string_view::npos && colon < end) return 1;  // a key
  if (end == std::string_view::npos) end = rest.size();
  while (end > 0 && rest[end - 1] == ' ') --end;
  if (end > 0 && rest[end - 1] == ':') return 1;  // a key whose value is on the next line
  return static_cast<uint32_t>(std::clamp<size_t>(end, 1, 120));
}

}  // namespace

std::string SuggestName(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > kMaxSuggestedLength) return "";
  return DidYouMean(word, candidates);
}

std::optional<std::string> SuggestKey(std::string_view key, const std::vector<std::string>& known) {
  if (key.size() > kMaxSuggestedLength) return std::nullopt;
  if (auto close = ClosestMatch(key, known)) return close;
  // Word for word: the most shared words wins, then the nearest in length; a tie is no
  // suggestion, because a guess between two keys would mislead.
  std::vector<std::string_view> words = KeyWords(key);
  const std::string* best = nullptr;
  size_t best_shared = 0;
  size_t best_gap = 0;
  bool tie = false;
  for (const std::string& candidate : known) {
    std::vector<std::string_view> candidate_words = KeyWords(candidate);
    if (!ContainsWords(words, candidate_words) && !ContainsWords(candidate_words, words)) {
      continue;
    }
    size_t shared = std::min(words.size(), candidate_words.size());
    size_t gap = std::max(words.size(), candidate_words.size()) - shared;
    if (best == nullptr || shared > best_shared || (shared == best_shared && gap < best_gap)) {
      best = &candidate;
      best_shared = shared;
      best_gap = gap;
      tie = false;
    } else if (shared == best_shared && gap == best_gap) {
      tie = true;
    }
  }
  if (best != nullptr && !tie) return *best;
  if (best != nullptr || words.empty()) return std::nullopt;
  // Last, the one key that starts with the same word ("instance_type" -> "instance_class").
  const std::string* same_start = nullptr;
  for (const std::string& candidate : known) {
    std::vector<std::string_view> candidate_words = KeyWords(candidate);
    if (candidate_words.empty() || !SameWord(candidate_words[0], words[0])) continue;
    if (same_start != nullptr) return std::nullopt;
    same_start = &candidate;
  }
  if (same_start == nullptr) return std::nullopt;
  return *same_start;
}

Diagnostic& DecodeContext::Error(std::string code, const Node& at, std::string message,
                                 std::string hint) {
  return Error(std::move(code), at.location, std::move(message), std::move(hint),
               at.CaretLength());
}

Diagnostic& DecodeContext::Error(std::string code, Location at, std::string message,
                                 std::string hint, uint32_t length) {
  Diagnostic& diagnostic =
      diagnostics_.Error(std::move(code), at, std::move(message), std::move(hint));
  diagnostic.length = length == 1 && at.has_file() ? TokenLength(at) : length;
  return diagnostic;
}

std::string DecodeContext::Interpolate(const std::string& text, const Node& at) {
  if (text.find("${") == std::string::npos) return text;
  std::string out;
  size_t position = 0;
  while (position < text.size()) {
    size_t start = text.find("${", position);
    if (start == std::string::npos) break;
    size_t end = text.find('}', start);
    if (end == std::string::npos) {
      Error("spec.value", at, "unterminated '${' in " + Quote(text), "write ${name}");
      return text;
    }
    out.append(text, position, start - position);
    std::string name = text.substr(start + 2, end - start - 2);
    // IAM's own policy variables (${aws:username}, ${s3:prefix}, ${*}, ${?}, ${$}) pass
    // through to AWS untouched; no vueops variable has a ':' in its name.
    if (name.find(':') != std::string::npos || name == "*" || name == "?" || name == "$") {
      out.append(text, start, end - start + 1);
      position = end + 1;
      continue;
    }
    auto found = std::find_if(variables_.begin(), variables_.end(),
                              [&](const auto& variable) { return variable.first == name; });
    if (found != variables_.end()) {
      out += found->second;
    } else {
      std::vector<std::string> names;
      for (const auto& variable : variables_) names.push_back("${" + variable.first + "}");
      std::string hint = SuggestName("${" + name + "}", names);
      if (hint.empty()) {
        hint = names.empty() ? "variables exist only inside environments and templates"
                             : "the variables are " + JoinQuoted(names);
      }
      Error("spec.value", at, "unknown variable '${" + name + "}'", hint);
      out.append(text, start, end - start + 1);
    }
    position = end + 1;
  }
  out.append(text, position);
  return out;
}

// Region names as AWS forms them: us-west-2, eu-central-1, us-gov-west-1, cn-north-1.
bool LooksLikeRegionName(const std::string& region) {
  size_t last_dash = region.rfind('-');
  if (last_dash == std::string::npos || last_dash + 1 >= region.size()) return false;
  if (region.find_first_not_of("0123456789", last_dash + 1) != std::string::npos) return false;
  if (region.size() < 9 || region[2] != '-') return false;
  return region.find_first_not_of("abcdefghijklmnopqrstuvwxyz-0123456789") == std::string::npos;
}

bool ReadString(DecodeContext& context, const Node& node, std::string_view what,
                std::string* out) {
  if (!node.is_scalar()) {
    context.Error("spec.type", node, std::string(what) + " must be a string, not " + Describe(node),
                  node.is_sequence()  ? "write one value, without [...] or '- '"
                  : node.is_mapping() ? "write one value, not 'key: value' lines"
                                      : "");
    return false;
  }
  *out = context.Interpolate(node.scalar, node);
  return true;
}

bool ReadInteger(DecodeContext& context, const Node& node, std::string_view what, long long min,
                 long long max, int* out) {
  long long value = 0;
  bool parsed = false;
  if (node.is_scalar()) {
    const std::string& text = node.scalar;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    parsed = !text.empty() && error == std::errc() && end == text.data() + text.size();
    if (!parsed && error == std::errc::result_out_of_range) {
      context.Error("spec.value", node,
                    std::string(what) + " is " + Quote(text) + ", far out of range",
                    "it must be from " + std::to_string(min) + " to " + std::to_string(max));
      return false;
    }
  }
  if (!parsed) {
    context.Error("spec.type", node,
                  std::string(what) + " must be a whole number, not " + Describe(node));
    return false;
  }
  if (value < min || value > max) {
    context.Error("spec.value", node,
                  std::string(what) + " is " + std::to_string(value) + "; it must be from " +
                      std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  *out = static_cast<int>(value);
  return true;
}

bool ReadNumber(DecodeContext& context, const Node& node, std::string_view what, double min,
                double max, double* out) {
  double value = 0;
  bool parsed = false;
  if (node.is_scalar() && !node.scalar.empty()) {
    char* end = nullptr;
    value = std::strtod(node.scalar.c_str(), &end);
    parsed = end == node.scalar.c_str() + node.scalar.size() && std::isfinite(value);
  }
  if (!parsed) {
    context.Error("spec.type", node, std::string(what) + " must be a number, not " +
                                         Describe(node));
    return false;
  }
  if (value < min || value > max) {
    context.Error("spec.value", node,
                  std::string(what) + " is " + node.scalar + "; it must be from " +
                      FormatNumber(min) + " to " + FormatNumber(max));
    return false;
  }
  *out = value;
  return true;
}

bool ReadBoolean(DecodeContext& context, const Node& node, std::string_view what, bool* out) {
  if (node.is_scalar()) {
    std::string text = node.scalar;
    std::transform(text.begin(), text.end(), text.begin(), ::tolower);
    if (text == "true" || text == "yes" || text == "on") {
      *out = true;
      return true;
    }
    if (text == "false" || text == "no" || text == "off") {
      *out = false;
      return true;
    }
  }
  context.Error("spec.type", node,
                std::string(what) + " must be true or false, not " + Describe(node));
  return false;
}

bool ReadStringList(DecodeContext& context, const Node& node, std::string_view what,
                    std::vector<std::string>* out) {
  if (node.is_scalar()) {
    std::string value;
    if (!ReadString(context, node, what, &value)) return false;
    *out = {std::move(value)};
    return true;
  }
  if (!node.is_sequence()) {
    context.Error("spec.type", node,
                  std::string(what) + " must be a list of strings, not " + Describe(node));
    return false;
  }
  std::vector<std::string> values;
  bool ok = true;
  for (const NodePtr& item : node.items) {
    std::string value;
    if (ReadString(context, *item, std::string(what) + " entry", &value)) {
      values.push_back(std::move(value));
    } else {
      ok = false;
    }
  }
  if (ok) *out = std::move(values);
  return ok;
}

void ReportBadEnum(DecodeContext& context, const Node& node, std::string_view what,
                   const std::vector<std::string>& accepted) {
  std::string hint = node.is_scalar() ? SuggestName(node.scalar, accepted) : "";
  if (hint.empty()) hint = "use " + JoinQuoted(accepted);
  context.Error("spec.value", node,
                std::string(what) + " is " + Describe(node) + ", which is not one of " +
                    JoinQuoted(accepted),
                hint);
}

MapReader::MapReader(DecodeContext& context, const Node* node, std::string what,
                     Element* element, bool required)
    : context_(context), node_(nullptr), what_(std::move(what)), element_(element) {
  if (node == nullptr) return;
  if (element_ != nullptr) element_->location = node->location;
  if (node->is_mapping()) {
    node_ = node;
    return;
  }
  if (node->is_null()) {
    if (required) {
      context_.Error("spec.type", *node, what_ + " is empty; it needs a mapping of settings");
    }
    return;
  }
  context_.Error("spec.type", *node,
                 what_ + " must be a mapping (key: value lines), not " + Describe(*node));
}

void MapReader::Remember(std::string_view key, const MapEntry& entry) {
  if (element_ != nullptr && !element_->Has(key)) {
    bool collection = entry.value->is_mapping() || entry.value->is_sequence();
    element_->Mark(std::string(key), collection ? entry.key_location : entry.value->location);
  }
}

const Node* MapReader::Get(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
    known_.emplace_back(key);
  }
  if (node_ == nullptr) return nullptr;
  const MapEntry* entry = node_->Find(key);
  // `key: ~` means "not written": the default applies and Has(key) stays false.
  if (entry == nullptr || entry->value->is_null()) return nullptr;
  Remember(key, *entry);
  return entry->value.get();
}

const Node* MapReader::Require(std::string_view key, std::string_view example) {
  const Node* value = Get(key);
  if (value == nullptr && node_ != nullptr) {
    // A misspelt key ("instace_types") is reported by Finish() with the right spelling;
    // saying the right one is missing as well would be noise.
    if (Misspelt(key)) return nullptr;
    std::string hint = example.empty() ? "" : "add: " + std::string(example);
    context_.Error("spec.missing", node_->location,
                   what_ + " needs '" + std::string(key) + "'", hint);
  }
  return value;
}

bool MapReader::Misspelt(std::string_view key) const {
  if (node_ == nullptr || node_->Find(key) != nullptr) return false;
  const std::vector<std::string> wanted = {std::string(key)};
  for (const MapEntry& entry : node_->entries) {
    if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
    if (SuggestKey(entry.key, wanted)) return true;
  }
  return false;
}

bool MapReader::String(std::string_view key, std::string* out, bool required) {
  const Node* value = required ? Require(key) : Get(key);
  return value != nullptr && ReadString(context_, *value, std::string(key), out);
}

bool MapReader::Integer(std::string_view key, int* out, long long min, long long max,
                        bool required) {
  const Node* value = required ? Require(key) : Get(key);
  return value != nullptr && ReadInteger(context_, *value, std::string(key), min, max, out);
}

bool MapReader::Number(std::string_view key, double* out, double min, double max) {
  const Node* value = Get(key);
  return value != nullptr && ReadNumber(context_, *value, std::string(key), min, max, out);
}

bool MapReader::Boolean(std::string_view key, bool* out) {
  const Node* value = Get(key);
  return value != nullptr && ReadBoolean(context_, *value, std::string(key), out);
}

bool MapReader::StringList(std::string_view key, std::vector<std::string>* out,
                           bool required) {
  const Node* value = required ? Require(key) : Get(key);
  if (value == nullptr || !ReadStringList(context_, *value, std::string(key), out)) return false;
  // Each item's place, so a reference check can point at the very name that is wrong.
  if (element_ != nullptr && value->is_sequence()) {
    for (size_t i = 0; i < value->items.size(); ++i) {
      element_->Mark(std::string(key) + "[" + std::to_string(i) + "]", value->items[i]->location);
    }
  }
  return true;
}

void MapReader::EachEntry(std::string_view key, std::string_view what_each,
                          const std::function<void(const MapEntry&)>& visit) {
  const Node* value = Get(key);
  if (value == nullptr) return;
  if (!value->is_mapping()) {
    context_.Error("spec.type", *value,
                   std::string(key) + " must be a mapping of " + std::string(what_each) +
                       " by name, not " + Describe(*value),
                   value->is_sequence() ? "write 'NAME: {...}' lines, without '- '" : "");
    return;
  }
  for (const MapEntry& entry : value->entries) visit(entry);
}

void MapReader::EachItem(std::string_view key, std::string_view what_each,
                         const std::function<void(const Node&)>& visit) {
  const Node* value = Get(key);
  if (value == nullptr) return;
  if (!value->is_sequence()) {
    context_.Error("spec.type", *value,
                   std::string(key) + " must be a list of " + std::string(what_each) + ", not " +
                       Describe(*value),
                   "start each item with '- '");
    return;
  }
  for (const NodePtr& item : value->items) visit(*item);
}

void MapReader::Accept(std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) Get(key);
}

void MapReader::Finish() {
  if (finished_ || node_ == nullptr) return;
  finished_ = true;
  for (const MapEntry& entry : node_->entries) {
    if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
    std::optional<std::string> suggestion = SuggestKey(entry.key, known_);
    std::string hint = suggestion ? "did you mean '" + *suggestion + "'?" : "";
    if (hint.empty()) {
      std::vector<std::string> sorted = known_;
      std::sort(sorted.begin(), sorted.end());
      hint = "the keys of " + what_ + " are: ";
      for (size_t i = 0; i < sorted.size(); ++i) hint += (i ? ", " : "") + sorted[i];
    }
    context_.Error("spec.unknown-key", entry.key_location,
                   "unknown key '" + entry.key + "' in " + what_, hint,
                   static_cast<uint32_t>(std::max<size_t>(entry.key.size(), 1)));
  }
}

}  // namespace vueops::spec
