// The query and ec2 protocols: every member becomes a form parameter of a POST body,
// named by its path ("IpPermissions.1.IpRanges.1.CidrIp"), after Action and Version
// (AWS Query API reference, "Making Query requests"; botocore's QuerySerializer and
// EC2Serializer).
#include <cctype>

#include "protocol/percent_encoding.h"
#include "protocol/serializer_internal.h"

namespace vueops::protocol {
namespace {

using model::ShapeType;
using model::TimestampFormat;

class FormWriter {
 public:
  FormWriter(bool ec2, const SerializeOptions& options) : ec2_(ec2), options_(options) {}

  void Add(std::string_view name, std::string_view value) {
    if (!body_.empty()) body_ += '&';
    AppendPercentEncoded(body_, name);
    body_ += '=';
    AppendPercentEncoded(body_, value);
  }

  Status Serialize(const model::ShapeRef& ref, const Json& value, const std::string& prefix) {
    const model::Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure: return Structure(shape, value, prefix);
      case ShapeType::kList: return List(ref, value, prefix);
      case ShapeType::kMap: return Map(ref, value, prefix);
      default: {
        Result<std::string> text = ScalarText(ref, value, TimestampFormat::kIso8601, options_);
        if (!text.ok()) return text.status().WithContext("cannot serialize " + prefix);
        Add(prefix, *text);
        return Status::Ok();
      }
    }
  }

  std::string Take() { return std::move(body_); }

 private:
  // botocore's _get_serialized_name: ec2 prefers queryName, then locationName with its
  // first letter capitalized; query uses locationName.
  std::string WireName(const model::ShapeRef& ref, std::string_view fallback) const {
    if (ec2_) {
      if (!ref.traits.query_name.empty()) return ref.traits.query_name;
      if (!ref.traits.location_name.empty()) {
        std::string name = ref.traits.location_name;
        name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
        return name;
      }
      return std::string(fallback);
    }
    return std::string(ref.WireName(fallback));
  }

  static std::string Join(const std::string& prefix, std::string_view name) {
    return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
  }

  Status Structure(const model::Shape& shape, const Json& value, const std::string& prefix) {
    if (!value.is_object()) return TypeMismatch(prefix, "an object", value);
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it->is_null()) continue;
      const model::Member* member = shape.FindMember(it.key());
      if (member == nullptr) {
        return InvalidArgumentError("unknown member " + Join(prefix, it.key()));
      }
      RETURN_IF_ERROR(Serialize(*member, *it, Join(prefix, WireName(*member, it.key()))));
    }
    return Status::Ok();
  }

  Status List(const model::ShapeRef& ref, const Json& value, const std::string& prefix) {
    if (!value.is_array()) return TypeMismatch(prefix, "a list", value);
    const model::ShapeRef& element = ref.shape->element;
    std::string list_prefix;
    if (ec2_) {
      list_prefix = prefix;  // EC2 lists are always "Name.N"; empty lists send nothing
    } else if (value.empty()) {
      Add(prefix, "");  // the query protocol sends an empty list as "Name="
      return Status::Ok();
    } else if (ref.traits.flattened) {
      // A flattened list's element name, when modeled, replaces the last path component.
      list_prefix = prefix;
      if (!element.traits.location_name.empty()) {
        size_t dot = prefix.rfind('.');
        list_prefix = (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) +
                      element.traits.location_name;
      }
    } else {
      list_prefix = prefix + "." + std::string(element.WireName("member"));
    }
    for (size_t i = 0; i < value.size(); ++i) {
      RETURN_IF_ERROR(Serialize(element, value[i], list_prefix + "." + std::to_string(i + 1)));
    }
    return Status::Ok();
  }

  Status Map(const model::ShapeRef& ref, const Json& value, const std::string& prefix) {
    if (!value.is_object()) return TypeMismatch(prefix, "a map", value);
    const model::Shape& shape = *ref.shape;
    std::string base = ref.traits.flattened ? prefix : prefix + ".entry";
    std::string key_name = WireName(shape.key, "key");
    std::string value_name = WireName(shape.value, "value");
    size_t index = 1;
    for (auto it = value.begin(); it != value.end(); ++it, ++index) {
      std::string entry = base + "." + std::to_string(index) + ".";
      RETURN_IF_ERROR(Serialize(shape.key, Json(it.key()), entry + key_name));
      RETURN_IF_ERROR(Serialize(shape.value, *it, entry + value_name));
    }
    return Status::Ok();
  }

  bool ec2_;
  const SerializeOptions& options_;
  std::string body_;
};

Result<Request> SerializeForm(const model::Operation& operation, const Json& input,
                              const SerializeOptions& options, bool ec2) {
  Request request;
  request.method = operation.http_method;
  request.headers.emplace_back("Content-Type", std::string(kFormContentType));
  FormWriter writer(ec2, options);
  writer.Add("Action", operation.name);
  writer.Add("Version", operation.service->metadata().api_version);
  if (operation.input) RETURN_IF_ERROR(writer.Serialize(operation.input, input, ""));
  request.body = writer.Take();
  return request;
}

}  // namespace

Result<Request> SerializeQuery(const model::Operation& operation, const Json& input,
                               const SerializeOptions& options) {
  return SerializeForm(operation, input, options, /*ec2=*/false);
}

Result<Request> SerializeEc2(const model::Operation& operation, const Json& input,
                             const SerializeOptions& options) {
  return SerializeForm(operation, input, options, /*ec2=*/true);
}

}  // namespace vueops::protocol
