// Internals shared by the JMESPath parser/interpreter (jmespath.cc) and its built-in
// functions (jmespath_functions.cc). Not for use outside src/model/.
#ifndef VUEOPS_MODEL_JMESPATH_INTERNAL_H_
#define VUEOPS_MODEL_JMESPATH_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vueops::jmespath {

struct FunctionSpec;

enum class NodeType : uint8_t {
  kIdentity,          // the value itself (right side of a bare projection)
  kCurrent,           // @
  kField,             // name
  kSubexpression,     // children evaluated left to right, each on the previous result
  kIndexExpression,   // same chaining as kSubexpression, for [n] / [a:b]
  kIndex,             // [index]
  kSlice,             // [start:stop:step]
  kProjection,        // children[0] a list, children[1] applied to each element
  kValueProjection,   // children[0] an object, children[1] applied to each value
  kFilterProjection,  // children[0] a list, children[2] the condition, children[1] applied
  kFlatten,           // children[0] a list, flattened one level
  kLiteral,           // `json` or 'raw'
  kMultiSelectList,   // [a, b]
  kMultiSelectHash,   // {k: a, ...}; keys in `keys`
  kComparator,        // children[0] op children[1]
  kOr,
  kAnd,
  kNot,
  kPipe,
  kFunction,  // function(children...)
  kExpref,    // &children[0]
};

enum class Comparator : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual
};

struct Node {
  NodeType type = NodeType::kIdentity;
  std::string name;                 // field name, function name
  Json literal;                     // kLiteral
  int64_t index = 0;                // kIndex
  std::optional<int64_t> slice[3];  // kSlice: start, stop, step
  Comparator comparator = Comparator::kEqual;
  std::vector<std::string> keys;           // kMultiSelectHash, one per child
  const FunctionSpec* function = nullptr;  // kFunction
  std::vector<std::unique_ptr<Node>> children;
};

// The result of evaluating a node: either a reference into the searched document (no copy)
// or a value the evaluation built.
class Value {
 public:
  Value() : storage_(&NullJson()) {}
  static Value Ref(const Json& json) { return Value(&json); }
  static Value Own(Json json) { return Value(std::move(json)); }

  const Json& get() const {
    return storage_.index() == 0 ? *std::get<0>(storage_) : std::get<1>(storage_);
  }
  const Json* operator->() const { return &get(); }
  bool is_reference() const { return storage_.index() == 0; }

  // A value for `child`, which lives inside `parent`: a reference when `parent` is one (the
  // searched document outlives the search), else a copy (an owned parent may be destroyed
  // before the child is used).
  static Value Derive(const Value& parent, const Json& child) {
    return parent.is_reference() ? Ref(child) : Own(child);
  }
  // The value as an owned Json: moved out when owned, copied when a reference.
  Json Take() && {
    return storage_.index() == 0 ? Json(*std::get<0>(storage_)) : std::move(std::get<1>(storage_));
  }

  static const Json& NullJson();

 private:
  explicit Value(const Json* json) : storage_(json) {}
  explicit Value(Json json) : storage_(std::move(json)) {}

  std::variant<const Json*, Json> storage_;
};

class Interpreter;

// One argument of a function call: a value, or an expression reference (&expr).
struct Argument {
  Value value;
  const Node* expref = nullptr;
};

// Argument types of the function signatures in the specification.
enum ArgumentType : uint16_t {
  kAny = 0xffff,
  kNumber = 1 << 0,
  kString = 1 << 1,
  kBoolean = 1 << 2,
  kArray = 1 << 3,
  kObject = 1 << 4,
  kNull = 1 << 5,
  kExpref = 1 << 6,
  kArrayNumber = 1 << 7,
  kArrayString = 1 << 8,
};

struct FunctionSpec {
  std::string_view name;
  std::vector<uint16_t> arguments;  // one ArgumentType mask per parameter
  bool variadic = false;            // the last parameter repeats (at least once)
  Result<Value> (*call)(Interpreter& interpreter, std::span<Argument> args);
};

// The built-in function called `name`, or nullptr.
const FunctionSpec* FindFunction(std::string_view name);

// Checks each argument against the spec; kInvalidArgument names the function, the
// argument and the expected types.
Status CheckArgumentTypes(const FunctionSpec& spec, std::span<const Argument> args);

class Interpreter {
 public:
  Result<Value> Evaluate(const Node& node, const Value& current);
};

// Helpers shared by both files.
std::string_view TypeName(const Json& value);   // "number", "string", ... as type() says
bool JsonEquals(const Json& a, const Json& b);  // deep equality, object order ignored

}  // namespace vueops::jmespath

#endif  // VUEOPS_MODEL_JMESPATH_INTERNAL_H_
