#include "spec/yaml_loader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace vueops::spec {
namespace {

// Thrown from the event handler to stop yaml-cpp early; the diagnostic is already recorded.
struct StopParsing {};

Location ToLocation(SourceId source, const YAML::Mark& mark) {
  if (mark.is_null()) return {source, 0, 0};
  return {source, static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)};
}

bool IsPlainNull(const std::string& text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// Tags mean nothing to a vueops spec except the core schema's "this is a string".
bool IsStringTag(const std::string& tag) {
  return tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str";
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(SourceId source, Diagnostics& diagnostics, const YamlLimits& limits)
      : source_(source),
        text_(GetSource(source).contents()),
        diagnostics_(diagnostics),
        limits_(limits) {}

  NodePtr root() const { return root_; }
  int documents() const { return documents_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    if (documents_ > 1) {
      Fail(ToLocation(source_, mark), "spec.syntax",
           "the file holds more than one YAML document ('---')",
           "a stack spec is one document; remove the second '---' or split the file");
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = std::make_shared<Node>();
    node->location = ToLocation(source_, mark);
    Complete(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      Fail(ToLocation(source_, mark), "spec.syntax",
           "this alias refers to the node that contains it (a recursive alias)",
           "an alias may only name a node that is complete before it");
    }
    Attach(it->second, ToLocation(source_, mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = std::make_shared<Node>();
    node->location = ToLocation(source_, mark);
    CheckTag(tag, node->location);
    bool quoted = tag != "?";
    if (quoted) CheckQuoteClosed(mark, node->location);
    if (!quoted && IsPlainNull(value)) {
      node->kind = Node::Kind::kNull;
    } else {
      node->kind = Node::Kind::kScalar;
      node->scalar = value;
      node->quoted = quoted;
    }
    Complete(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(Node::Kind::kSequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(Node::Kind::kMapping, mark, tag, anchor);
  }
  void OnMapEnd() override {
    ApplyMergeKeys(*stack_.back().node);
    Close();
  }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    YAML::anchor_t anchor = 0;
    // For mappings: the key read and waiting for its value.
    bool has_key = false;
    std::string key;
    Location key_location;
    bool key_is_merge = false;
    // Key -> position in node->entries, built once a mapping reaches kIndexedMappingSize.
    std::unordered_map<std::string, size_t> index;
  };

  static constexpr size_t kIndexedMappingSize = 32;

  [[noreturn]] void Fail(Location location, std::string code, std::string message,
                         std::string hint = "") {
    diagnostics_.Error(std::move(code), location, std::move(message), std::move(hint));
    throw StopParsing{};
  }

  void CheckTag(const std::string& tag, Location location) {
    if (tag.empty() || tag == "?" || IsStringTag(tag)) return;
    if (tag == "tag:yaml.org,2002:map" || tag == "tag:yaml.org,2002:seq") return;
    // yaml-cpp hands over core-schema tags in full; show them as written ("!!binary").
    std::string shown = tag;
    if (shown.rfind("tag:yaml.org,2002:", 0) == 0) shown = "!!" + shown.substr(18);
    // CloudFormation's functions (!Ref, !GetAtt, !Sub) are the usual source of a tag here.
    bool cloudformation = shown == "!Ref" || shown == "!GetAtt" || shown == "!Sub" ||
                          shown == "!Join" || shown == "!ImportValue";
    Fail(location, "spec.syntax", "YAML tag '" + shown + "' is not supported in a stack spec",
         cloudformation ? "vueops refers to things by name: write the name itself, or "
                          "${var} for what differs per environment"
                        : "remove the tag; write the value itself");
  }

  // yaml-cpp accepts a quoted string left open at the end of a file that ends in a newline,
  // swallowing every line after the quote into it. Find the closing quote ourselves.
  void CheckQuoteClosed(const YAML::Mark& mark, Location location) {
    const std::string& text = text_;
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return;
    char quote = text[mark.pos];
    if (quote != '"' && quote != '\'') return;  // a block scalar, or a tag or anchor first
    for (size_t i = mark.pos + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;  // an escape: the next character is never the closing quote
      } else if (text[i] == quote) {
        if (quote == '"' || i + 1 >= text.size() || text[i + 1] != '\'') return;
        ++i;  // '' inside '...' is a quote character
      }
    }
    Fail(location, "spec.syntax",
         std::string("the string opened with ") + quote + " here is never closed",
         std::string("add the closing ") + quote + " where the value ends");
  }

  void Open(Node::Kind kind, const YAML::Mark& mark, const std::string& tag,
            YAML::anchor_t anchor) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->location = ToLocation(source_, mark);
    CheckTag(tag, node->location);
    if (stack_.size() >= limits_.max_depth) {
      Fail(node->location, "spec.limit",
           "the document nests more than " + std::to_string(limits_.max_depth) +
               " levels deep",
           "a stack spec needs about ten levels; check the indentation or brackets");
    }
    Frame& frame = stack_.emplace_back();
    frame.node = std::move(node);
    frame.anchor = anchor;
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    Complete(std::move(frame.node), frame.anchor);
  }

  // A node is complete: count it, remember its anchor, attach it to its parent.
  void Complete(std::shared_ptr<Node> node, YAML::anchor_t anchor) {
    uint64_t size = 1;
    for (const NodePtr& item : node->items) size += item->expanded_size;
    for (const MapEntry& entry : node->entries) size += entry.value->expanded_size;
    node->expanded_size = std::min(size, limits_.max_expanded_nodes + 1);
    NodePtr complete = std::move(node);
    if (anchor != 0) anchors_[anchor] = complete;
    Attach(complete, complete->location);
  }

  void Attach(const NodePtr& node, Location at) {
    if (node->expanded_size > limits_.max_expanded_nodes) {
      Fail(at, "spec.limit",
           "the document expands to more than " + std::to_string(limits_.max_expanded_nodes) +
               " nodes through YAML aliases",
           "aliases that refer to aliases multiply; write the values out or use templates");
    }
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Frame& parent = stack_.back();
    Node& into = *parent.node;
    if (into.kind == Node::Kind::kSequence) {
      into.items.push_back(node);
      return;
    }
    if (!parent.has_key) {
      ReadKey(parent, *node);
      return;
    }
    parent.has_key = false;
    if (parent.key_is_merge) {
      merges_[&into].push_back({node, parent.key_location});
      return;
    }
    if (const MapEntry* existing = FindEntry(parent, parent.key)) {
      Diagnostic& d = diagnostics_.Error(
          "spec.duplicate", parent.key_location, "duplicate key '" + parent.key + "'",
          "the first '" + parent.key + "' is at line " +
              std::to_string(existing->key_location.line) + "; remove one of them");
      d.length = static_cast<uint32_t>(std::max<size_t>(parent.key.size(), 1));
      return;
    }
    if (!parent.index.empty() || into.entries.size() >= kIndexedMappingSize) {
      if (parent.index.empty()) {
        for (size_t i = 0; i < into.entries.size(); ++i) parent.index[into.entries[i].key] = i;
      }
      parent.index[parent.key] = into.entries.size();
    }
    into.entries.push_back(MapEntry{parent.key, parent.key_location, node});
  }

  // The entry of the open mapping `frame` named `key`, or nullptr. Small mappings (every
  // mapping of a real spec) are scanned; big ones are indexed, so that a file of a hundred
  // thousand keys costs linear time rather than quadratic.
  const MapEntry* FindEntry(const Frame& frame, const std::string& key) const {
    const std::vector<MapEntry>& entries = frame.node->entries;
    if (frame.index.empty()) {
      for (const MapEntry& entry : entries) {
        if (entry.key == key) return &entry;
      }
      return nullptr;
    }
    auto it = frame.index.find(key);
    return it == frame.index.end() ? nullptr : &entries[it->second];
  }

  void ReadKey(Frame& parent, const Node& key) {
    parent.has_key = true;
    parent.key_location = key.location;
    parent.key_is_merge = false;
    if (key.kind == Node::Kind::kScalar) {
      parent.key = key.scalar;
      parent.key_is_merge = !key.quoted && key.scalar == "<<";
      return;
    }
    if (key.kind == Node::Kind::kNull) {
      Fail(key.location, "spec.syntax", "a mapping key is empty",
           "write 'name: value'; a line starting with ':' or '? ' has no key");
    }
    Fail(key.location, "spec.syntax", "a mapping key must be a plain name, not " +
                                          std::string(key.KindName()));
  }

  // YAML's merge key: `<<: *base` (or a list of them) adds the entries of the named
  // mappings that the mapping does not set itself.
  void ApplyMergeKeys(Node& node) {
    auto it = merges_.find(&node);
    if (it == merges_.end()) return;
    std::vector<std::pair<NodePtr, Location>> sources = std::move(it->second);
    merges_.erase(it);
    std::vector<const Node*> maps;
    for (const auto& [value, where] : sources) {
      if (value->is_mapping()) {
        maps.push_back(value.get());
      } else if (value->is_sequence()) {
        for (const NodePtr& item : value->items) {
          if (!item->is_mapping()) {
            Fail(item->location, "spec.syntax", "'<<' merges mappings only, this is " +
                                                     std::string(item->KindName()));
          }
          maps.push_back(item.get());
        }
      } else {
        Fail(where, "spec.syntax",
             "'<<' merges mappings only, this is " + std::string(value->KindName()),
             "write '<<: *name' where &name marks a mapping (key: value lines)");
      }
    }
    std::unordered_set<std::string_view> present;
    for (const MapEntry& entry : node.entries) present.insert(entry.key);
    std::vector<MapEntry> added;
    for (const Node* map : maps) {
      for (const MapEntry& entry : map->entries) {
        if (present.insert(entry.key).second) added.push_back(entry);
      }
    }
    node.entries.insert(node.entries.end(), added.begin(), added.end());
  }

  SourceId source_;
  const std::string& text_;  // the source's contents, which live as long as the process
  Diagnostics& diagnostics_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, NodePtr> anchors_;
  std::unordered_map<const Node*, std::vector<std::pair<NodePtr, Location>>> merges_;
  NodePtr root_;
  int documents_ = 0;
};

std::string HexByte(unsigned char byte) {
  constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xf];
}

// Locates the first byte that keeps the text from being UTF-8 text: a NUL or other C0
// control (but tab, LF, CR), or a malformed UTF-8 sequence. Returns false when clean.
bool FindNonText(const std::string& text, size_t* offset, std::string* what) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = bytes[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        *offset = i;
        *what = c == 0 ? "a NUL byte" : "control character " + HexByte(c);
        return true;
      }
      ++i;
      continue;
    }
    size_t length = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = length != 0 && i + length <= n;
    for (size_t k = 1; ok && k < length; ++k) ok = (bytes[i + k] & 0xc0) == 0x80;
    if (!ok) {
      *offset = i;
      *what = "invalid UTF-8 byte " + HexByte(c);
      return true;
    }
    i += length;
  }
  return false;
}

Location OffsetToLocation(SourceId source, const std::string& text, size_t offset) {
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {source, line, static_cast<uint32_t>(offset - line_start + 1)};
}

// True when the value after the line's first key is plain text holding ': ', which YAML
// reads as a second key ("recurrence: 0 6 * * *: UTC"); a flow {...} or a quoted value is not.
bool PlainValueHasColon(std::string_view line) {
  size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return false;
  std::string_view value = line.substr(colon + 2);
  size_t start = value.find_first_not_of(' ');
  if (start == std::string_view::npos) return false;
  value = value.substr(start);
  if (std::string_view("{[\"'|>&*!").find(value[0]) != std::string_view::npos) return false;
  return value.find(": ") != std::string_view::npos;
}

// yaml-cpp's messages name the grammar rule that failed; say what usually causes it.
std::string SyntaxHint(std::string_view message, std::string_view line) {
  auto says = [&](std::string_view text) { return message.find(text) != std::string_view::npos; };
  if (line.find('\t') != std::string_view::npos && line.find_first_not_of(" \t") != 0) {
    return "YAML indents with spaces; this line has a tab";
  }
  if (line.find("${") != std::string_view::npos) {
    return "inside [...] or {...}, quote values that use ${...}: \"${name}\"";
  }
  if (says("end of sequence flow")) return "a '[' on this line or above has no closing ']'";
  if (says("end of map flow")) return "a '{' on this line or above has no closing '}'";
  if (PlainValueHasColon(line)) return "a value containing ': ' must be quoted";
  if (says("EOF in scalar")) return "a quoted string on this line or above has no closing quote";
  if (says("end of map") || says("end of sequence") || says("illegal map value") ||
      says("block sequence entries")) {
    return "keys of one mapping start in the same column; compare this line's indentation "
           "with the lines above";
  }
  return "check the indentation and brackets on this line and the one before";
}

}  // namespace

NodePtr ParseYaml(SourceId source, Diagnostics& diagnostics, const YamlLimits& limits) {
  const std::string& text = GetSource(source).contents();
  if (text.size() > limits.max_bytes) {
    diagnostics.Error("spec.limit", {source, 0, 0},
                      "the file is " + std::to_string(text.size()) +
                          " bytes; a stack spec may be at most " +
                          std::to_string(limits.max_bytes) + " bytes (" +
                          std::to_string(limits.max_bytes >> 20) + " MB)",
                      "is this the right file? a whole organization's spec is a few hundred KB");
    return nullptr;
  }
  size_t offset = 0;
  std::string what;
  if (FindNonText(text, &offset, &what)) {
    // Binary from the first byte is the wrong file; a bad byte further on is usually text
    // saved in a legacy encoding, or a stray control character pasted in.
    std::string hint = "a stack spec is a YAML text file; is this the right file?";
    if (offset > 0 && what.find("UTF-8") != std::string::npos) {
      hint = "save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8)";
    } else if (offset > 0) {
      hint = "remove it: a stack spec is plain text";
    }
    diagnostics.Error("spec.file", OffsetToLocation(source, text, offset),
                      "the file is not UTF-8 text: " + what + " at offset " +
                          std::to_string(offset),
                      hint);
    return nullptr;
  }
  std::istringstream stream(text);
  TreeBuilder builder(source, diagnostics, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing&) {
    return nullptr;
  } catch (const YAML::Exception& error) {
    std::string message = error.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    Location at = ToLocation(source, error.mark);
    diagnostics.Error("spec.syntax", at, "YAML syntax error: " + message,
                      SyntaxHint(message, GetSource(source).Line(at.line)));
    return nullptr;
  }
  NodePtr root = builder.root();
  if (!root) {
    auto empty = std::make_shared<Node>();
    empty->location = {source, 1, 1};
    root = std::move(empty);
  }
  return root;
}

}  // namespace vueops::spec
