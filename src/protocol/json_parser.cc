// JSON bodies of the json and rest-json protocols, and their error answers (botocore's
// BaseJSONParser, JSONParser and RestJSONParser).
#include "protocol/parser_internal.h"

namespace vueops::protocol {
namespace {

using model::Location;
using model::ShapeType;

// The header carrying a rest-json error's code ("Smithy RPC / REST JSON" error rules).
constexpr std::string_view kErrorTypeHeader = "x-amzn-ErrorType";
// awsQueryCompatible services: "<query error code>;<Sender|Receiver>".
constexpr std::string_view kQueryErrorHeader = "x-amzn-query-error";

// "aws.protocoltests#FooError:http://internal/" → "FooError".
std::string SanitizeErrorCode(std::string code) {
  if (size_t colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  if (size_t hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  return code;
}

const std::string* StringMember(const Json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

Result<Json> ParseJsonBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return Json::object();
  Result<Json> parsed = ParseJson(body);
  if (!parsed.ok()) return MalformedResponse(parsed.status().message());
  return parsed;
}

Result<Json> ParseJsonValue(const model::ShapeRef& ref, const Json& value,
                            const ParseOptions& options) {
  if (value.is_null()) return Json();
  const model::Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.is_document) return value;
      if (!value.is_object()) {
        return MalformedResponse(shape.name + " should be an object, not " + value.type_name());
      }
      Json object = ObjectWithCapacity(shape.members.size());
      if (shape.is_union) {
        // One member is set; a name the model does not know is reported, not dropped.
        std::vector<std::string> set;
        for (auto it = value.begin(); it != value.end(); ++it) {
          if (!it->is_null() && it.key() != "__type") set.push_back(it.key());
        }
        if (set.size() == 1) {
          bool known = false;
          for (const model::Member& member : shape.members) {
            known = known || member.WireName(member.name) == set[0];
          }
          if (!known) {
            object["SDK_UNKNOWN_MEMBER"] = Json{{"name", set[0]}};
            return object;
          }
        }
      }
      for (const model::Member& member : shape.members) {
        Location location = member.traits.location;
        if (location == Location::kHeader || location == Location::kHeaders ||
            location == Location::kStatusCode) {
          continue;  // read from the HTTP message, not the body
        }
        auto it = value.find(member.WireName(member.name));
        if (it == value.end() || it->is_null()) continue;
        Result<Json> parsed = ParseJsonValue(member, *it, options);
        if (!parsed.ok()) return parsed.status().WithContext(member.name);
        AppendMember(object, member.name, std::move(parsed).value());
      }
      return object;
    }
    case ShapeType::kList: {
      if (!value.is_array())
        return MalformedResponse("expected a list, got " + std::string(value.type_name()));
      Json array = Json::array();
      array.get_ref<Json::array_t&>().reserve(value.size());
      for (const Json& item : value) {
        ASSIGN_OR_RETURN(Json parsed, ParseJsonValue(shape.element, item, options));
        array.push_back(std::move(parsed));
      }
      return array;
    }
    case ShapeType::kMap: {
      if (!value.is_object())
        return MalformedResponse("expected a map, got " + std::string(value.type_name()));
      // Keys of a parsed JSON object are unique already; null values are dropped (Smithy:
      // clients tolerate and skip them in dense maps).
      Json object = ObjectWithCapacity(value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it->is_null()) continue;
        ASSIGN_OR_RETURN(Json parsed, ParseJsonValue(shape.value, *it, options));
        AppendMember(object, it.key(), std::move(parsed));
      }
      return object;
    }
    case ShapeType::kTimestamp: {
      if (options.timestamps == TimestampOutput::kWire) return value;
      Result<model::Timestamp> timestamp = model::TimestampFromJson(value);
      if (!timestamp.ok()) return MalformedResponse(timestamp.status().message());
      return TimestampOutputJson(*timestamp, options);
    }
    case ShapeType::kBlob:
      if (!value.is_string()) return MalformedResponse("a blob must be a base64 string");
      return BlobOutputJson(value.get_ref<const std::string&>(), options);
    default: return value;
  }
}

void ParseJsonError(const http::Response& response, bool rest, ServiceError& error,
                    std::string& type) {
  Result<Json> parsed = ParseJsonBody(response.body);
  Json body = parsed.ok() && parsed->is_object() ? std::move(parsed).value() : Json::object();
  if (!parsed.ok()) error.message = response.body;  // not JSON: the text is the message
  if (const std::string* message = StringMember(body, "message")) {
    error.message = *message;
  } else if (const std::string* capitalized = StringMember(body, "Message")) {
    error.message = *capitalized;
  }
  // The X-Amzn-ErrorType header first, then the body's "code" / "Code", then "__type"
  // (the Smithy awsJson and restJson error rules; botocore reads only __type for awsJson,
  // which real services always send, so both agree there).
  std::string code;
  const std::string* header = http::FindHeader(response.headers, kErrorTypeHeader);
  const std::string* body_code = StringMember(body, "code");
  if (body_code == nullptr) body_code = StringMember(body, "Code");
  const std::string* body_type = StringMember(body, "__type");
  if (header != nullptr) {
    code = *header;
  } else if (rest && body_code != nullptr) {
    code = *body_code;
  } else if (body_type != nullptr) {
    code = *body_type;
  } else if (body_code != nullptr) {
    code = *body_code;
  } else {
    code = std::to_string(response.status);
  }
  error.code = SanitizeErrorCode(std::move(code));
  if (const std::string* query_error = http::FindHeader(response.headers, kQueryErrorHeader)) {
    size_t semicolon = query_error->find(';');
    if (semicolon != std::string::npos && semicolon > 0 &&
        query_error->find(';', semicolon + 1) == std::string::npos) {
      error.query_error_code = error.code;
      error.code = query_error->substr(0, semicolon);
      type = query_error->substr(semicolon + 1);
    }
  }
}

}  // namespace vueops::protocol
