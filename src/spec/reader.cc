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

}  // namespace

Diagnostic& DecodeContext::Error(std::string code, const Node& at, std::string message,
                                 std::string hint) {
  return Error(std::move(code), at.location, std::move(message), std::move(hint),
               at.CaretLength());
}

Diagnostic& DecodeContext::Error(std::string code, Location at, std::string message,
                                 std::string hint, uint32_t length) {
  Diagnostic& diagnostic =
      diagnostics_.Error(std::move(code), at, std::move(message), std::move(hint));
  diagnostic.length = length;
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
    auto found = std::find_if(variables_.begin(), variables_.end(),
                              [&](const auto& variable) { return variable.first == name; });
    if (found != variables_.end()) {
      out += found->second;
    } else {
      std::vector<std::string> names;
      for (const auto& variable : variables_) names.push_back("${" + variable.first + "}");
      std::string hint = DidYouMean("${" + name + "}", names);
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

bool ReadString(DecodeContext& context, const Node& node, std::string_view what,
                std::string* out) {
  if (!node.is_scalar()) {
    context.Error("spec.type", node,
                  std::string(what) + " must be a string, not " + Describe(node));
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
  std::string hint = node.is_scalar() ? DidYouMean(node.scalar, accepted) : "";
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
  if (entry == nullptr) return nullptr;
  Remember(key, *entry);
  if (entry->value->is_null()) return nullptr;
  return entry->value.get();
}

const Node* MapReader::Require(std::string_view key, std::string_view example) {
  const Node* value = Get(key);
  if (value == nullptr && node_ != nullptr) {
    // A misspelt key ("instace_types") is reported by Finish() with the right spelling;
    // saying the right one is missing as well would be noise.
    std::vector<std::string> written;
    for (const MapEntry& entry : node_->entries) written.push_back(entry.key);
    if (node_->Find(key) == nullptr && ClosestMatch(key, written)) return nullptr;
    std::string hint = example.empty() ? "" : "add: " + std::string(example);
    context_.Error("spec.missing", node_->location,
                   what_ + " needs '" + std::string(key) + "'", hint);
  }
  return value;
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
  return value != nullptr && ReadStringList(context_, *value, std::string(key), out);
}

void MapReader::EachEntry(std::string_view key, std::string_view what_each,
                          const std::function<void(const MapEntry&)>& visit) {
  const Node* value = Get(key);
  if (value == nullptr) return;
  if (!value->is_mapping()) {
    context_.Error("spec.type", *value,
                   std::string(key) + " must be a mapping of " + std::string(what_each) +
                       " by name, not " + Describe(*value));
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
                   std::string(key) + " must be a list of " + std::string(what_each) +
                       ", not " + Describe(*value));
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
    std::string hint = DidYouMean(entry.key, known_);
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
