#include "model/validator.h"

#include <cmath>
#include <string>
#include <vector>

#include "base/did_you_mean.h"
#include "model/timestamp.h"

namespace vueops::model {
namespace {

// Longest rendering of an offending value in a message.
constexpr size_t kMaxShownValueLength = 60;

std::string NumberText(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return DumpJson(Json(value));
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

bool IsSpecialFloat(const Json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text == "NaN" || text == "Infinity" || text == "-Infinity";
}

class Validator {
 public:
  void Validate(const ShapeRef& ref, const Json& value, const std::string& path) {
    const Shape& shape = *ref.shape;
    if (ref.traits.json_value || shape.is_document) return;  // any JSON will do
    switch (shape.type) {
      case ShapeType::kStructure: return ValidateStructure(ref, value, path);
      case ShapeType::kList: {
        if (!value.is_array()) return TypeError(ref, value, path, "list");
        CheckMin(ref, static_cast<double>(value.size()), path, "length", value);
        for (size_t i = 0; i < value.size(); ++i) {
          if (value[i].is_null()) continue;
          Validate(shape.element, value[i], path + "[" + std::to_string(i) + "]");
        }
        return;
      }
      case ShapeType::kMap: {
        if (!value.is_object()) return TypeError(ref, value, path, "map");
        for (auto it = value.begin(); it != value.end(); ++it) {
          Validate(shape.key, Json(it.key()), path + " (key: " + it.key() + ")");
          if (!it.value().is_null()) Validate(shape.value, it.value(), Join(path, it.key()));
        }
        return;
      }
      case ShapeType::kString: {
        if (!value.is_string()) return TypeError(ref, value, path, "string");
        CheckMin(ref, static_cast<double>(CodePoints(value.get_ref<const std::string&>())), path,
                 "length", value);
        return;
      }
      case ShapeType::kInteger:
      case ShapeType::kLong:
        if (!value.is_number_integer()) return TypeError(ref, value, path, "integer");
        CheckMin(ref, value.get<double>(), path, "value", value);
        return;
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (IsSpecialFloat(value)) return;
        if (!value.is_number()) return TypeError(ref, value, path, "number");
        CheckMin(ref, value.get<double>(), path, "value", value);
        return;
      case ShapeType::kBoolean:
        if (!value.is_boolean()) TypeError(ref, value, path, "boolean");
        return;
      case ShapeType::kBlob:
        if (!value.is_string()) TypeError(ref, value, path, "blob (a string)");
        return;
      case ShapeType::kTimestamp:
        if (!value.is_number() && !(value.is_string() && TimestampFromJson(value).ok())) {
          TypeError(ref, value, path, "timestamp (ISO 8601, an HTTP date or epoch seconds)");
        }
        return;
    }
  }

  std::vector<std::string> TakeErrors() { return std::move(errors_); }

 private:
  static std::string Join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
  }
  static std::string Display(const std::string& path) { return path.empty() ? "input" : path; }

  std::string Shown(const ShapeRef& ref, const Json& value) const {
    std::string type = value.is_number() ? "number" : value.type_name();
    if (ref.shape->sensitive) return type + " (value hidden: sensitive)";
    std::string text = DumpJson(value);
    if (text.size() > kMaxShownValueLength) text = text.substr(0, kMaxShownValueLength) + "...";
    return type + " " + text;
  }

  void TypeError(const ShapeRef& ref, const Json& value, const std::string& path,
                 std::string_view expected) {
    errors_.push_back("Invalid type for parameter " + Display(path) + ": expected " +
                      std::string(expected) + ", got " + Shown(ref, value));
  }

  // botocore's range_check: "min" when modeled, else 1 for host labels.
  void CheckMin(const ShapeRef& ref, double actual, const std::string& path, std::string_view what,
                const Json& value) {
    std::optional<double> min = ref.shape->min;
    if (!min && ref.traits.host_label) min = 1;
    if (!min || actual >= *min) return;
    std::string kind = what == "length" ? "Invalid length" : "Invalid value";
    errors_.push_back(kind + " for parameter " + Display(path) +
                      ", value: " + (what == "length" ? NumberText(actual) : Shown(ref, value)) +
                      ", valid min " + std::string(what) + ": " + NumberText(*min));
  }

  void ValidateStructure(const ShapeRef& ref, const Json& value, const std::string& path) {
    const Shape& shape = *ref.shape;
    if (!value.is_object()) return TypeError(ref, value, path, "structure (a JSON object)");
    if (shape.is_union) {
      size_t set = 0;
      for (const Json& member : value) set += member.is_null() ? 0 : 1;
      if (set != 1) {
        std::string names;
        for (const Member& member : shape.members)
          names += (names.empty() ? "" : ", ") + member.name;
        errors_.push_back((set == 0 ? "Must set one of the following keys for tagged union "
                                      "structure "
                                    : "Invalid number of parameters set for tagged union "
                                      "structure ") +
                          Display(path) + ": " + (set == 0 ? "" : "can only set one of ") + names);
      }
    }
    for (const Member& member : shape.members) {
      if (!member.required) continue;
      auto it = value.find(member.name);
      if (it == value.end() || it->is_null()) {
        errors_.push_back("Missing required parameter: " + Join(path, member.name));
      }
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const Member* member = shape.FindMember(it.key());
      if (member == nullptr) {
        std::string message = "Unknown parameter: " + Join(path, it.key());
        std::vector<std::string> names = shape.MemberNames();
        if (std::optional<std::string> match = ClosestMatch(it.key(), names)) {
          message += "; did you mean \"" + *match + "\"?";
        } else {
          std::string valid;
          for (const std::string& name : names) valid += (valid.empty() ? "" : ", ") + name;
          message += "; valid parameters: " + (valid.empty() ? "(none)" : valid);
        }
        errors_.push_back(std::move(message));
        continue;
      }
      if (it.value().is_null()) continue;
      Validate(*member, it.value(), Join(path, it.key()));
    }
  }

  std::vector<std::string> errors_;
};

Status Report(std::vector<std::string> errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = "Parameter validation failed:";
  for (const std::string& error : errors) message += "\n" + error;
  return InvalidArgumentError(std::move(message));
}

}  // namespace

Status ValidateValue(const ShapeRef& shape, const Json& value, std::string_view name) {
  Validator validator;
  validator.Validate(shape, value, std::string(name));
  return Report(validator.TakeErrors());
}

Status ValidateInput(const Operation& operation, const Json& input) {
  if (!operation.input) {
    if (input.is_null() || (input.is_object() && input.empty())) return Status::Ok();
    return Report({"Unknown parameters: " + operation.name + " takes no input"});
  }
  if (input.is_null()) return ValidateValue(operation.input, Json::object(), "");
  return ValidateValue(operation.input, input, "");
}

}  // namespace vueops::model
