// The JMESPath built-in functions (specification section "Built-in Functions").
#include <algorithm>
#include <cmath>
#include <string>

#include "model/jmespath_internal.h"

namespace vueops::jmespath {
namespace {

Status TypeError(std::string_view function, std::string_view problem) {
  return InvalidArgumentError("JMESPath " + std::string(function) + "(): " + std::string(problem));
}

// Code points in a UTF-8 string (continuation bytes are 10xxxxxx).
size_t CodePointCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// A number as JSON holds it: integral values stay integers, as Python's jmespath returns them.
Json NumberJson(double value) {
  if (std::isfinite(value) && value == std::floor(value) &&
      std::fabs(value) < 9.007199254740992e15) {
    return Json(static_cast<int64_t>(value));
  }
  return Json(value);
}

bool AllOf(const Json& array, bool (Json::*predicate)() const noexcept) {
  return std::all_of(array.begin(), array.end(), [&](const Json& v) { return (v.*predicate)(); });
}

Result<Value> Abs(Interpreter&, std::span<Argument> args) {
  const Json& v = args[0].value.get();
  if (v.is_number_float()) return Value::Own(std::fabs(v.get<double>()));
  if (v.is_number_unsigned()) return args[0].value;
  int64_t n = v.get<int64_t>();
  return Value::Own(n < 0 ? -n : n);
}

Result<Value> Avg(Interpreter&, std::span<Argument> args) {
  const Json& array = args[0].value.get();
  if (array.empty()) return Value();
  double sum = 0;
  for (const Json& v : array) sum += v.get<double>();
  return Value::Own(sum / static_cast<double>(array.size()));
}

Result<Value> Ceil(Interpreter&, std::span<Argument> args) {
  return Value::Own(NumberJson(std::ceil(args[0].value->get<double>())));
}

Result<Value> Floor(Interpreter&, std::span<Argument> args) {
  return Value::Own(NumberJson(std::floor(args[0].value->get<double>())));
}

Result<Value> Contains(Interpreter&, std::span<Argument> args) {
  const Json& subject = args[0].value.get();
  const Json& search = args[1].value.get();
  if (subject.is_string()) {
    if (!search.is_string()) return Value::Own(false);
    return Value::Own(subject.get_ref<const std::string&>().find(
                          search.get_ref<const std::string&>()) != std::string::npos);
  }
  for (const Json& element : subject) {
    if (JsonEquals(element, search)) return Value::Own(true);
  }
  return Value::Own(false);
}

Result<Value> EndsWith(Interpreter&, std::span<Argument> args) {
  return Value::Own(args[0].value->get_ref<const std::string&>().ends_with(
      args[1].value->get_ref<const std::string&>()));
}

Result<Value> StartsWith(Interpreter&, std::span<Argument> args) {
  return Value::Own(args[0].value->get_ref<const std::string&>().starts_with(
      args[1].value->get_ref<const std::string&>()));
}

Result<Value> Join(Interpreter&, std::span<Argument> args) {
  const std::string& separator = args[0].value->get_ref<const std::string&>();
  std::string joined;
  bool first = true;
  for (const Json& element : args[1].value.get()) {
    if (!first) joined += separator;
    joined += element.get_ref<const std::string&>();
    first = false;
  }
  return Value::Own(std::move(joined));
}

Result<Value> Keys(Interpreter&, std::span<Argument> args) {
  Json keys = Json::array();
  for (auto it = args[0].value->begin(); it != args[0].value->end(); ++it) keys.push_back(it.key());
  return Value::Own(std::move(keys));
}

Result<Value> Values(Interpreter&, std::span<Argument> args) {
  Json values = Json::array();
  for (const Json& v : args[0].value.get()) values.push_back(v);
  return Value::Own(std::move(values));
}

Result<Value> Length(Interpreter&, std::span<Argument> args) {
  const Json& v = args[0].value.get();
  if (v.is_string()) return Value::Own(CodePointCount(v.get_ref<const std::string&>()));
  return Value::Own(v.size());
}

Result<Value> Map(Interpreter& interpreter, std::span<Argument> args) {
  Json mapped = Json::array();
  for (const Json& element : args[1].value.get()) {
    ASSIGN_OR_RETURN(Value result,
                     interpreter.Evaluate(*args[0].expref, Value::Derive(args[1].value, element)));
    mapped.push_back(std::move(result).Take());
  }
  return Value::Own(std::move(mapped));
}

// max() / min() over an array of numbers or of strings.
Result<Value> Extreme(std::span<Argument> args, bool want_max, std::string_view name) {
  const Json& array = args[0].value.get();
  if (array.empty()) return Value();
  bool numbers = array.front().is_number();
  const Json* best = nullptr;
  for (const Json& v : array) {
    if (v.is_number() != numbers) {
      return TypeError(name, "the array must hold only numbers or only strings");
    }
    if (best == nullptr || (want_max ? *best < v : v < *best)) best = &v;
  }
  return Value::Derive(args[0].value, *best);
}

Result<Value> Max(Interpreter&, std::span<Argument> args) { return Extreme(args, true, "max"); }
Result<Value> Min(Interpreter&, std::span<Argument> args) { return Extreme(args, false, "min"); }

// max_by() / min_by(): the element whose &expression is greatest / least.
Result<Value> ExtremeBy(Interpreter& interpreter, std::span<Argument> args, bool want_max,
                        std::string_view name) {
  const Json& array = args[0].value.get();
  const Json* best = nullptr;
  Json best_key;
  for (const Json& element : array) {
    ASSIGN_OR_RETURN(Value key,
                     interpreter.Evaluate(*args[1].expref, Value::Derive(args[0].value, element)));
    if (!key->is_number() && !key->is_string()) {
      return TypeError(name, "the expression must give a number or a string, got " +
                                 std::string(TypeName(key.get())));
    }
    if (best != nullptr && key->is_number() != best_key.is_number()) {
      return TypeError(name, "the expression gave both numbers and strings");
    }
    if (best == nullptr || (want_max ? best_key < key.get() : key.get() < best_key)) {
      best = &element;
      best_key = std::move(key).Take();
    }
  }
  if (best == nullptr) return Value();
  return Value::Derive(args[0].value, *best);
}

Result<Value> MaxBy(Interpreter& interpreter, std::span<Argument> args) {
  return ExtremeBy(interpreter, args, true, "max_by");
}
Result<Value> MinBy(Interpreter& interpreter, std::span<Argument> args) {
  return ExtremeBy(interpreter, args, false, "min_by");
}

Result<Value> Merge(Interpreter&, std::span<Argument> args) {
  Json merged = Json::object();
  for (const Argument& argument : args) {
    for (auto it = argument.value->begin(); it != argument.value->end(); ++it) {
      merged[it.key()] = it.value();
    }
  }
  return Value::Own(std::move(merged));
}

Result<Value> NotNull(Interpreter&, std::span<Argument> args) {
  for (const Argument& argument : args) {
    if (!argument.value->is_null()) return argument.value;
  }
  return Value();
}

Result<Value> Reverse(Interpreter&, std::span<Argument> args) {
  const Json& v = args[0].value.get();
  if (v.is_array()) {
    Json reversed = Json::array();
    for (auto it = v.rbegin(); it != v.rend(); ++it) reversed.push_back(*it);
    return Value::Own(std::move(reversed));
  }
  // Reverse code points, keeping each UTF-8 sequence's bytes in order.
  const std::string& text = v.get_ref<const std::string&>();
  std::string reversed;
  reversed.reserve(text.size());
  size_t end = text.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    reversed.append(text, start, end - start);
    end = start;
  }
  return Value::Own(std::move(reversed));
}

Result<Value> Sort(Interpreter&, std::span<Argument> args) {
  Json sorted = args[0].value.get();
  if (!sorted.empty() && !AllOf(sorted, &Json::is_number) && !AllOf(sorted, &Json::is_string)) {
    return TypeError("sort", "the array must hold only numbers or only strings");
  }
  auto& elements = sorted.get_ref<Json::array_t&>();
  std::stable_sort(elements.begin(), elements.end());
  return Value::Own(std::move(sorted));
}

Result<Value> SortBy(Interpreter& interpreter, std::span<Argument> args) {
  const Json& array = args[0].value.get();
  std::vector<std::pair<Json, size_t>> keyed;
  keyed.reserve(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    ASSIGN_OR_RETURN(Value key,
                     interpreter.Evaluate(*args[1].expref, Value::Derive(args[0].value, array[i])));
    if (!key->is_number() && !key->is_string()) {
      return TypeError("sort_by", "the expression must give a number or a string, got " +
                                      std::string(TypeName(key.get())));
    }
    if (!keyed.empty() && key->is_number() != keyed.front().first.is_number()) {
      return TypeError("sort_by", "the expression gave both numbers and strings");
    }
    keyed.emplace_back(std::move(key).Take(), i);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Json sorted = Json::array();
  for (const auto& [key, index] : keyed) sorted.push_back(array[index]);
  return Value::Own(std::move(sorted));
}

Result<Value> Sum(Interpreter&, std::span<Argument> args) {
  bool all_integers = true;
  double sum = 0;
  int64_t integer_sum = 0;
  for (const Json& v : args[0].value.get()) {
    if (v.is_number_integer()) {
      integer_sum += v.get<int64_t>();
    } else {
      all_integers = false;
    }
    sum += v.get<double>();
  }
  return all_integers ? Value::Own(integer_sum) : Value::Own(sum);
}

Result<Value> ToArray(Interpreter&, std::span<Argument> args) {
  if (args[0].value->is_array()) return args[0].value;
  return Value::Own(Json::array({std::move(args[0].value).Take()}));
}

Result<Value> ToString(Interpreter&, std::span<Argument> args) {
  if (args[0].value->is_string()) return args[0].value;
  return Value::Own(DumpJson(args[0].value.get()));
}

Result<Value> ToNumber(Interpreter&, std::span<Argument> args) {
  const Json& v = args[0].value.get();
  if (v.is_number()) return args[0].value;
  if (!v.is_string()) return Value();
  Result<Json> parsed = ParseJson(v.get_ref<const std::string&>());
  if (!parsed.ok() || !parsed->is_number()) return Value();
  return Value::Own(std::move(parsed).value());
}

Result<Value> Type(Interpreter&, std::span<Argument> args) {
  return Value::Own(std::string(TypeName(args[0].value.get())));
}

const std::vector<FunctionSpec>& Functions() {
  static const auto* const functions = new std::vector<FunctionSpec>{
      {"abs", {kNumber}, false, Abs},
      {"avg", {kArrayNumber}, false, Avg},
      {"ceil", {kNumber}, false, Ceil},
      {"contains", {kArray | kString, kAny}, false, Contains},
      {"ends_with", {kString, kString}, false, EndsWith},
      {"floor", {kNumber}, false, Floor},
      {"join", {kString, kArrayString}, false, Join},
      {"keys", {kObject}, false, Keys},
      {"length", {kString | kArray | kObject}, false, Length},
      {"map", {kExpref, kArray}, false, Map},
      {"max", {kArrayNumber | kArrayString}, false, Max},
      {"max_by", {kArray, kExpref}, false, MaxBy},
      {"merge", {kObject}, true, Merge},
      {"min", {kArrayNumber | kArrayString}, false, Min},
      {"min_by", {kArray, kExpref}, false, MinBy},
      {"not_null", {kAny}, true, NotNull},
      {"reverse", {kArray | kString}, false, Reverse},
      {"sort", {kArrayNumber | kArrayString}, false, Sort},
      {"sort_by", {kArray, kExpref}, false, SortBy},
      {"starts_with", {kString, kString}, false, StartsWith},
      {"sum", {kArrayNumber}, false, Sum},
      {"to_array", {kAny}, false, ToArray},
      {"to_number", {kAny}, false, ToNumber},
      {"to_string", {kAny}, false, ToString},
      {"type", {kAny}, false, Type},
      {"values", {kObject}, false, Values},
  };
  return *functions;
}

// Whether `argument` satisfies one of the types in `mask`.
bool Matches(const Argument& argument, uint16_t mask) {
  if (argument.expref != nullptr) return (mask & kExpref) != 0;
  if (mask == kAny) return true;
  const Json& v = argument.value.get();
  if (v.is_number()) return mask & kNumber;
  if (v.is_string()) return mask & kString;
  if (v.is_boolean()) return mask & kBoolean;
  if (v.is_null()) return mask & kNull;
  if (v.is_object()) return mask & kObject;
  if (mask & kArray) return true;
  if ((mask & kArrayNumber) && AllOf(v, &Json::is_number)) return true;
  if ((mask & kArrayString) && AllOf(v, &Json::is_string)) return true;
  return false;
}

std::string MaskNames(uint16_t mask) {
  static constexpr std::pair<uint16_t, std::string_view> kNames[] = {
      {kNumber, "number"},
      {kString, "string"},
      {kBoolean, "boolean"},
      {kArray, "array"},
      {kObject, "object"},
      {kNull, "null"},
      {kExpref, "expression"},
      {kArrayNumber, "array of numbers"},
      {kArrayString, "array of strings"},
  };
  std::string names;
  for (const auto& [bit, name] : kNames) {
    if (!(mask & bit)) continue;
    if (!names.empty()) names += " or ";
    names += name;
  }
  return names;
}

}  // namespace

const FunctionSpec* FindFunction(std::string_view name) {
  for (const FunctionSpec& spec : Functions()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Status CheckArgumentTypes(const FunctionSpec& spec, std::span<const Argument> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    uint16_t mask = spec.arguments[std::min(i, spec.arguments.size() - 1)];
    if (Matches(args[i], mask)) continue;
    std::string actual =
        args[i].expref != nullptr ? "expression" : std::string(TypeName(args[i].value.get()));
    return TypeError(spec.name, "argument " + std::to_string(i + 1) + " must be " +
                                    MaskNames(mask) + ", got " + actual);
  }
  return Status::Ok();
}

}  // namespace vueops::jmespath
