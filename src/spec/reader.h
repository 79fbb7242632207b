// Reading typed values out of spec::Node trees, with every problem collected as a
// diagnostic at the exact place (never thrown), and unknown keys reported with
// "did you mean".
//
// A MapReader wraps one YAML mapping. Each accessor names a key it understands; Finish()
// then reports every key that no accessor asked for. So the accessors a decoder calls are the
// schema, and the two cannot drift apart.
#ifndef VUEOPS_SPEC_READER_H_
#define VUEOPS_SPEC_READER_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "spec/element.h"
#include "spec/node.h"

namespace vueops::spec {

class DecodeContext {
 public:
  DecodeContext(Diagnostics& diagnostics, std::string spec_dir)
      : diagnostics_(diagnostics), spec_dir_(std::move(spec_dir)) {}

  Diagnostic& Error(std::string code, const Node& at, std::string message,
                    std::string hint = "");
  Diagnostic& Error(std::string code, Location at, std::string message, std::string hint = "",
                    uint32_t length = 1);
  Diagnostics& diagnostics() { return diagnostics_; }
  const std::string& spec_dir() const { return spec_dir_; }

  // ${name} substitutions for strings inside environments (env, account, region, stack).
  void SetVariables(std::vector<std::pair<std::string, std::string>> variables) {
    variables_ = std::move(variables);
  }
  // Replaces ${name} in `text`; an unknown name is reported at `at` and left as written.
  // IAM policy variables (${aws:username} and the like) are left as written.
  std::string Interpolate(const std::string& text, const Node& at);

 private:
  Diagnostics& diagnostics_;
  std::string spec_dir_;
  std::vector<std::pair<std::string, std::string>> variables_;
};

// Scalar conversions shared by MapReader and list decoding. Each reports a "spec.type"
// error naming `what` and returns false when the node does not hold that kind of value.
bool ReadString(DecodeContext& context, const Node& node, std::string_view what,
                std::string* out);
bool ReadInteger(DecodeContext& context, const Node& node, std::string_view what, long long min,
                 long long max, int* out);
bool ReadNumber(DecodeContext& context, const Node& node, std::string_view what, double min,
                double max, double* out);
bool ReadBoolean(DecodeContext& context, const Node& node, std::string_view what, bool* out);
// A list of strings; a single scalar is accepted as a list of one.
bool ReadStringList(DecodeContext& context, const Node& node, std::string_view what,
                    std::vector<std::string>* out);

// A table of the names an enum field accepts, e.g.
//   constexpr EnumName<NatMode> kNatModes[] = {{"single", NatMode::kSingle}, ...};
// Whether `name` is formed as AWS region names are: us-west-2, eu-central-1, us-gov-west-1.
bool LooksLikeRegionName(const std::string& name);

template <typename E>
using EnumName = std::pair<std::string_view, E>;
template <typename E>
using EnumNames = std::span<const EnumName<E>>;

class MapReader {
 public:
  // `what` names the mapping in messages ("server profile 'FOH'"). `element` (optional)
  // receives its location and the location of each field read. A null or non-mapping node
  // is reported once (a null one only when `required`); the reader then reads nothing.
  MapReader(DecodeContext& context, const Node* node, std::string what,
            Element* element = nullptr, bool required = false);

  bool ok() const { return node_ != nullptr; }
  const Node* node() const { return node_; }
  const std::string& what() const { return what_; }
  DecodeContext& context() { return context_; }

  // The value for `key` (marking the key as understood), or nullptr when absent or null.
  const Node* Get(std::string_view key);
  // Reports "spec.missing" when `key` is absent.
  const Node* Require(std::string_view key, std::string_view example = "");
  // True when `key` is absent but a written key that no accessor has asked for yet looks
  // like a misspelling of it; Finish() will report that key, so a decoder that checks for
  // `key` itself should not report it missing as well.
  bool Misspelt(std::string_view key) const;

  // Each reader leaves *out untouched when the key is absent or invalid; returns true when
  // it stored a value.
  bool String(std::string_view key, std::string* out, bool required = false);
  bool Integer(std::string_view key, int* out, long long min, long long max,
               bool required = false);
  bool Number(std::string_view key, double* out, double min, double max);
  bool Boolean(std::string_view key, bool* out);
  bool StringList(std::string_view key, std::vector<std::string>* out, bool required = false);
  template <typename E>
  bool Enum(std::string_view key, E* out, std::type_identity_t<EnumNames<E>> names,
            bool required = false);

  // Calls `visit(name, value)` for each entry of the mapping under `key` ("profiles:"),
  // reporting a non-mapping value.
  void EachEntry(std::string_view key, std::string_view what_each,
                 const std::function<void(const MapEntry&)>& visit);
  // Calls `visit(item)` for each item of the list under `key`.
  void EachItem(std::string_view key, std::string_view what_each,
                const std::function<void(const Node&)>& visit);

  // Marks keys as understood without reading them (read elsewhere).
  void Accept(std::initializer_list<std::string_view> keys);

  // Reports keys that no accessor asked for, suggesting the closest known key.
  void Finish();

 private:
  void Remember(std::string_view key, const MapEntry& entry);

  DecodeContext& context_;
  const Node* node_;
  std::string what_;
  Element* element_;
  std::vector<std::string> known_;
  bool finished_ = false;
};

// "did you mean 'x'?" for a misspelt name among `candidates`, or "". Words longer than any
// real name get no suggestion: comparing two strings costs the product of their lengths.
std::string SuggestName(std::string_view word, const std::vector<std::string>& candidates);

// The known key a written key most plausibly stands for: a close spelling ("instace_types");
// else the key that the written key contains or is contained in, word for word
// ("path_pattern" -> "path", "alias" -> "aliases", "target_group" -> "default_target_group");
// else the only key that starts with the same word ("instance_type" -> "instance_class").
std::optional<std::string> SuggestKey(std::string_view key, const std::vector<std::string>& known);

// Reports an enum value not in `names`, with the accepted values and a suggestion.
void ReportBadEnum(DecodeContext& context, const Node& node, std::string_view what,
                   const std::vector<std::string>& accepted);

template <typename E>
bool MapReader::Enum(std::string_view key, E* out, std::type_identity_t<EnumNames<E>> names,
                     bool required) {
  std::string text;
  if (!String(key, &text, required)) return false;
  for (const auto& [name, value] : names) {
    if (name == text) {
      *out = value;
      return true;
    }
  }
  std::vector<std::string> accepted;
  for (const auto& entry : names) accepted.emplace_back(entry.first);
  ReportBadEnum(context_, *Get(key), std::string(key) + " of " + what_, accepted);
  return false;
}

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_READER_H_
