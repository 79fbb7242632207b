// The JMESPath tree interpreter: evaluates a parsed expression against a document
// (specification sections on each expression's semantics).
#include <utility>

#include "model/jmespath.h"
#include "model/jmespath_internal.h"

namespace vueops::jmespath {
namespace {

// Clamps a slice bound as the specification's capSliceRange does.
int64_t CapSliceBound(int64_t length, int64_t bound, int64_t step) {
  if (bound < 0) {
    bound += length;
    if (bound < 0) bound = step < 0 ? -1 : 0;
  } else if (bound >= length) {
    bound = step < 0 ? length - 1 : length;
  }
  return bound;
}

bool IsNumber(const Json& value) { return value.is_number(); }

}  // namespace

const Json& Value::NullJson() {
  static const Json* const null_json = new Json(nullptr);
  return *null_json;
}

bool IsTruthy(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::string: return !value.get_ref<const std::string&>().empty();
    case Json::value_t::array:
    case Json::value_t::object: return !value.empty();
    default: return true;
  }
}

std::string_view TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "number";
  }
}

bool JsonEquals(const Json& a, const Json& b) { return JsonEqualUnordered(a, b); }

Result<Value> Interpreter::Evaluate(const Node& node, const Value& current) {
  const Json& value = current.get();
  switch (node.type) {
    case NodeType::kIdentity:
    case NodeType::kCurrent: return current;
    case NodeType::kLiteral: return Value::Ref(node.literal);
    case NodeType::kField: {
      if (!value.is_object()) return Value();
      auto it = value.find(node.name);
      if (it == value.end()) return Value();
      return Value::Derive(current, *it);
    }
    case NodeType::kSubexpression:
    case NodeType::kIndexExpression:
    case NodeType::kPipe: {
      Value result = current;
      for (const auto& child : node.children) {
        ASSIGN_OR_RETURN(result, Evaluate(*child, result));
      }
      return result;
    }
    case NodeType::kIndex: {
      if (!value.is_array()) return Value();
      int64_t size = static_cast<int64_t>(value.size());
      int64_t index = node.index < 0 ? node.index + size : node.index;
      if (index < 0 || index >= size) return Value();
      return Value::Derive(current, value[static_cast<size_t>(index)]);
    }
    case NodeType::kSlice: {
      if (!value.is_array()) return Value();
      int64_t length = static_cast<int64_t>(value.size());
      int64_t step = node.slice[2].value_or(1);
      int64_t start =
          node.slice[0] ? CapSliceBound(length, *node.slice[0], step) : (step < 0 ? length - 1 : 0);
      int64_t stop =
          node.slice[1] ? CapSliceBound(length, *node.slice[1], step) : (step < 0 ? -1 : length);
      Json result = Json::array();
      for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        result.push_back(value[static_cast<size_t>(i)]);
      }
      return Value::Own(std::move(result));
    }
    case NodeType::kProjection:
    case NodeType::kValueProjection:
    case NodeType::kFilterProjection: {
      ASSIGN_OR_RETURN(Value base, Evaluate(*node.children[0], current));
      const Json& collection = base.get();
      bool over_values = node.type == NodeType::kValueProjection;
      if (over_values ? !collection.is_object() : !collection.is_array()) return Value();
      Json collected = Json::array();
      for (const Json& element : collection) {
        Value item = Value::Derive(base, element);
        if (node.type == NodeType::kFilterProjection) {
          ASSIGN_OR_RETURN(Value condition, Evaluate(*node.children[2], item));
          if (!IsTruthy(condition.get())) continue;
        }
        ASSIGN_OR_RETURN(Value projected, Evaluate(*node.children[1], item));
        if (!projected->is_null()) collected.push_back(std::move(projected).Take());
      }
      return Value::Own(std::move(collected));
    }
    case NodeType::kFlatten: {
      ASSIGN_OR_RETURN(Value base, Evaluate(*node.children[0], current));
      if (!base->is_array()) return Value();
      Json merged = Json::array();
      for (const Json& element : base.get()) {
        if (element.is_array()) {
          for (const Json& inner : element) merged.push_back(inner);
        } else {
          merged.push_back(element);
        }
      }
      return Value::Own(std::move(merged));
    }
    case NodeType::kMultiSelectList:
    case NodeType::kMultiSelectHash: {
      if (value.is_null()) return Value();
      bool is_hash = node.type == NodeType::kMultiSelectHash;
      Json collected = is_hash ? Json::object() : Json::array();
      for (size_t i = 0; i < node.children.size(); ++i) {
        ASSIGN_OR_RETURN(Value element, Evaluate(*node.children[i], current));
        if (is_hash) {
          collected[node.keys[i]] = std::move(element).Take();
        } else {
          collected.push_back(std::move(element).Take());
        }
      }
      return Value::Own(std::move(collected));
    }
    case NodeType::kComparator: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      ASSIGN_OR_RETURN(Value right, Evaluate(*node.children[1], current));
      const Json& a = left.get();
      const Json& b = right.get();
      switch (node.comparator) {
        case Comparator::kEqual: return Value::Own(JsonEquals(a, b));
        case Comparator::kNotEqual: return Value::Own(!JsonEquals(a, b));
        default: break;
      }
      bool comparable = (IsNumber(a) && IsNumber(b)) || (a.is_string() && b.is_string());
      if (!comparable) return Value();
      switch (node.comparator) {
        case Comparator::kLess: return Value::Own(a < b);
        case Comparator::kLessOrEqual: return Value::Own(a <= b);
        case Comparator::kGreater: return Value::Own(a > b);
        default: return Value::Own(a >= b);
      }
    }
    case NodeType::kOr: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      if (IsTruthy(left.get())) return left;
      return Evaluate(*node.children[1], current);
    }
    case NodeType::kAnd: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      if (!IsTruthy(left.get())) return left;
      return Evaluate(*node.children[1], current);
    }
    case NodeType::kNot: {
      ASSIGN_OR_RETURN(Value operand, Evaluate(*node.children[0], current));
      return Value::Own(!IsTruthy(operand.get()));
    }
    case NodeType::kExpref:
      // Only meaningful as a function argument, where kFunction handles it.
      return Value();
    case NodeType::kFunction: {
      std::vector<Argument> arguments;
      arguments.reserve(node.children.size());
      for (const auto& child : node.children) {
        if (child->type == NodeType::kExpref) {
          arguments.push_back(Argument{Value(), child->children[0].get()});
        } else {
          ASSIGN_OR_RETURN(Value argument, Evaluate(*child, current));
          arguments.push_back(Argument{std::move(argument), nullptr});
        }
      }
      RETURN_IF_ERROR(CheckArgumentTypes(*node.function, arguments));
      return node.function->call(*this, arguments);
    }
  }
  return Value();
}

}  // namespace vueops::jmespath
