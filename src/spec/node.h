// The YAML document as vueops sees it: a small tree of scalars, sequences and mappings,
// every node marked with where it came from.
//
// The tree is immutable once built and shared: a YAML alias and a template instantiated for
// many environments point at the same nodes rather than copying them.
#ifndef VUEOPS_SPEC_NODE_H_
#define VUEOPS_SPEC_NODE_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.h"

namespace vueops::spec {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct MapEntry {
  std::string key;
  Location key_location;
  NodePtr value;
};

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMapping };

  Kind kind = Kind::kNull;
  Location location;
  // kScalar: the text. `quoted` is true for '...', "..." and block scalars, whose text is a
  // string whatever it looks like ("5", "yes").
  std::string scalar;
  bool quoted = false;
  std::vector<NodePtr> items;      // kSequence
  std::vector<MapEntry> entries;   // kMapping, in document order, keys unique
  // How many nodes this one stands for with every alias expanded (saturates at the loader's
  // limit); lets later passes bound their work on hostile input.
  uint64_t expanded_size = 1;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_mapping() const { return kind == Kind::kMapping; }

  // The entry for `key` in a mapping, or nullptr.
  const MapEntry* Find(std::string_view key) const;
  // "a string", "a list", "a mapping", "null" — for "expected X, found Y" messages.
  std::string_view KindName() const;
  // Columns the node's first line spans, for the diagnostic caret (scalars only; 1 otherwise).
  uint32_t CaretLength() const;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_NODE_H_
