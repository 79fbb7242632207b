// JSON bodies (the json protocol's whole request, rest-json's body members) and the json
// protocol itself: POST / with X-Amz-Target "<targetPrefix>.<Operation>" and Content-Type
// application/x-amz-json-<jsonVersion> (AWS JSON 1.0 / 1.1 protocols; botocore's
// JSONSerializer).
#include "model/base64.h"
#include "protocol/serializer_internal.h"

namespace vueops::protocol {
namespace {

using model::ShapeType;
using model::TimestampFormat;

// Sent by clients of services that moved from query to JSON, so that errors keep their
// query error codes (awsQueryCompatible trait; botocore's _handle_query_compatible_trait).
constexpr std::string_view kQueryModeHeader = "x-amzn-query-mode";

}  // namespace

Result<Json> JsonBodyValue(const model::ShapeRef& ref, const Json& value,
                           const SerializeOptions& options, const std::string& path) {
  const model::Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.is_document) return value;
      if (!value.is_object()) return TypeMismatch(path, "an object", value);
      Json object = Json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it->is_null()) continue;
        const model::Member* member = shape.FindMember(it.key());
        std::string member_path = path.empty() ? it.key() : path + "." + it.key();
        if (member == nullptr) return InvalidArgumentError("unknown member " + member_path);
        ASSIGN_OR_RETURN(Json serialized, JsonBodyValue(*member, *it, options, member_path));
        object[std::string(member->WireName(it.key()))] = std::move(serialized);
      }
      return object;
    }
    case ShapeType::kList: {
      if (!value.is_array()) return TypeMismatch(path, "a list", value);
      Json array = Json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        if (value[i].is_null()) {
          array.push_back(nullptr);
          continue;
        }
        ASSIGN_OR_RETURN(Json element, JsonBodyValue(shape.element, value[i], options,
                                                     path + "[" + std::to_string(i) + "]"));
        array.push_back(std::move(element));
      }
      return array;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return TypeMismatch(path, "a map", value);
      Json object = Json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it->is_null()) continue;
        ASSIGN_OR_RETURN(Json element,
                         JsonBodyValue(shape.value, *it, options, path + "." + it.key()));
        object[it.key()] = std::move(element);
      }
      return object;
    }
    case ShapeType::kTimestamp: {
      Result<std::string> text =
          TimestampText(value, FormatOf(ref, TimestampFormat::kUnixTimestamp));
      if (!text.ok()) return text.status().WithContext("cannot serialize " + path);
      if (FormatOf(ref, TimestampFormat::kUnixTimestamp) == TimestampFormat::kUnixTimestamp) {
        return ParseJson(*text);
      }
      return Json(*text);
    }
    case ShapeType::kBlob: {
      Result<std::string> bytes = BlobBytes(value, options.blobs);
      if (!bytes.ok()) return bytes.status().WithContext("cannot serialize " + path);
      return Json(model::Base64Encode(*bytes));
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (!NumberText(value).ok()) return TypeMismatch(path, "a number", value);
      return value;
    case ShapeType::kBoolean:
      if (!value.is_boolean()) return TypeMismatch(path, "a boolean", value);
      return value;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (!value.is_number()) return TypeMismatch(path, "an integer", value);
      return value;
    case ShapeType::kString:
      if (!value.is_string()) return TypeMismatch(path, "a string", value);
      return value;
  }
  return value;
}

Result<Request> SerializeJsonRpc(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options) {
  const model::ServiceMetadata& metadata = operation.service->metadata();
  Request request;
  request.method = operation.http_method;
  request.path = "/";
  request.headers.emplace_back("X-Amz-Target", metadata.target_prefix + "." + operation.name);
  request.headers.emplace_back("Content-Type", "application/x-amz-json-" + metadata.json_version);
  if (metadata.query_compatible) request.headers.emplace_back(kQueryModeHeader, "true");
  Json body = Json::object();
  if (operation.input) {
    ASSIGN_OR_RETURN(body, JsonBodyValue(operation.input, input, options, ""));
  }
  request.body = DumpJson(body);
  return request;
}

}  // namespace vueops::protocol
