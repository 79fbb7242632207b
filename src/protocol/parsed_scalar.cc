// Scalars read from text: XML element text and HTTP header values.
#include <charconv>
#include <cstdlib>

#include "model/base64.h"
#include "protocol/parser_internal.h"

namespace vueops::protocol {

using model::ShapeType;

Json TimestampOutputJson(const model::Timestamp& timestamp, const ParseOptions& options) {
  if (options.timestamps == TimestampOutput::kEpochSeconds) {
    return model::FormatEpochSeconds(timestamp);
  }
  return model::FormatIso8601Output(timestamp);
}

Result<Json> BlobOutputJson(std::string_view base64, const ParseOptions& options) {
  Result<std::string> bytes = model::Base64Decode(base64);
  if (!bytes.ok()) return MalformedResponse(bytes.status().message());
  if (options.blobs == BlobEncoding::kRaw) return Json(std::move(bytes).value());
  return Json(model::Base64Encode(*bytes));
}

Result<Json> ScalarFromText(const model::ShapeRef& ref, std::string_view text,
                            const ParseOptions& options) {
  switch (ref.shape->type) {
    case ShapeType::kString: {
      if (!ref.traits.json_value) return Json(Json::string_t(text));
      Result<std::string> decoded = model::Base64Decode(text);
      if (!decoded.ok())
        return MalformedResponse("jsonvalue header: " + decoded.status().message());
      Result<Json> value = ParseJson(*decoded);
      if (!value.ok()) return MalformedResponse("jsonvalue header: " + value.status().message());
      return value;
    }
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      size_t first = text.find_first_not_of(" \t");
      size_t last = text.find_last_not_of(" \t");
      std::string_view digits = first == std::string_view::npos
                                    ? std::string_view()
                                    : text.substr(first, last - first + 1);
      int64_t value = 0;
      auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
        return MalformedResponse("\"" + std::string(text) + "\" is not an integer");
      }
      return Json(value);
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      if (text == "NaN" || text == "Infinity" || text == "-Infinity")
        return Json(std::string(text));
      std::string copy(text);
      char* end = nullptr;
      double value = std::strtod(copy.c_str(), &end);
      if (copy.empty() || end != copy.c_str() + copy.size()) {
        return MalformedResponse("\"" + copy + "\" is not a number");
      }
      return Json(value);
    }
    case ShapeType::kBoolean:
      return Json(text.size() == 4 && (text[0] == 't' || text[0] == 'T') &&
                  (text[1] == 'r' || text[1] == 'R') && (text[2] == 'u' || text[2] == 'U') &&
                  (text[3] == 'e' || text[3] == 'E'));
    case ShapeType::kTimestamp: {
      if (options.timestamps == TimestampOutput::kWire) return Json(Json::string_t(text));
      Result<model::Timestamp> timestamp = model::ParseTimestamp(text);
      if (!timestamp.ok()) return MalformedResponse(timestamp.status().message());
      return TimestampOutputJson(*timestamp, options);
    }
    case ShapeType::kBlob: return BlobOutputJson(text, options);
    default: break;
  }
  return MalformedResponse("a " + std::string(model::ShapeTypeName(ref.shape->type)) +
                           " cannot be read from text");
}

}  // namespace vueops::protocol
