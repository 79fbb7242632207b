#include "protocol/serializer.h"

#include <array>
#include <cmath>

#include "model/base64.h"
#include "model/timestamp.h"
#include "protocol/serializer_internal.h"
#include "protocol/uuid.h"

namespace vueops::protocol {
namespace {

using model::Protocol;
using model::ShapeType;
using model::TimestampFormat;

using SerializeFunction = Result<Request> (*)(const model::Operation&, const Json&,
                                              const SerializeOptions&);

// One serializer per protocol, indexed by model::Protocol.
constexpr std::array<std::pair<Protocol, SerializeFunction>, 5> kSerializers = {{
    {Protocol::kQuery, SerializeQuery},
    {Protocol::kEc2, SerializeEc2},
    {Protocol::kJson, SerializeJsonRpc},
    {Protocol::kRestJson, SerializeRestJson},
    {Protocol::kRestXml, SerializeRestXml},
}};

bool IsHostLabelCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// Fills "{Label}" in the operation's hostPrefix from the input's host-label members, which
// must be DNS-safe ([A-Za-z0-9.-]+, as botocore's HOST_PREFIX_RE demands).
Result<std::string> ExpandHostPrefix(const model::Operation& operation, const Json& input) {
  const std::string& pattern = operation.host_prefix;
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    size_t close = pattern.find('}', i);
    if (close == std::string::npos) return InvalidArgumentError("bad hostPrefix " + pattern);
    std::string label = pattern.substr(i + 1, close - i - 1);
    auto it = input.find(label);
    if (it == input.end() || !it->is_string()) {
      return InvalidArgumentError("host label " + label + " of " + operation.name +
                                  " must be a string");
    }
    const std::string& value = it->get_ref<const std::string&>();
    if (value.empty() || !std::all_of(value.begin(), value.end(), IsHostLabelCharacter)) {
      return InvalidArgumentError("Invalid value for parameter(s): " + label +
                                  ". Must contain only alphanumeric characters, hyphen, or "
                                  "period.");
    }
    out += value;
    i = close;
  }
  return out;
}

}  // namespace

model::TimestampFormat FormatOf(const model::ShapeRef& ref,
                                model::TimestampFormat protocol_default) {
  return ref.traits.timestamp_format == TimestampFormat::kDefault ? protocol_default
                                                                  : ref.traits.timestamp_format;
}

Status TypeMismatch(std::string_view path, std::string_view expected, const Json& value) {
  return InvalidArgumentError("cannot serialize " + std::string(path.empty() ? "input" : path) +
                              ": expected " + std::string(expected) + ", got " + value.type_name());
}

Result<std::string> TimestampText(const Json& value, model::TimestampFormat format) {
  ASSIGN_OR_RETURN(model::Timestamp timestamp, model::TimestampFromJson(value));
  switch (format) {
    case TimestampFormat::kRfc822: return model::FormatRfc822(timestamp);
    case TimestampFormat::kUnixTimestamp: return DumpJson(model::FormatEpochSeconds(timestamp));
    default: return model::FormatIso8601(timestamp);
  }
}

Result<std::string> BlobBytes(const Json& value, BlobEncoding encoding) {
  if (!value.is_string()) return InvalidArgumentError("a blob must be a string");
  const std::string& text = value.get_ref<const std::string&>();
  if (encoding == BlobEncoding::kRaw) return text;
  Result<std::string> bytes = model::Base64Decode(text);
  if (!bytes.ok()) return bytes.status().WithContext("blob value");
  return bytes;
}

Result<std::string> NumberText(const Json& value) {
  if (value.is_number()) return DumpJson(value);
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") return text;
  }
  return InvalidArgumentError("expected a number, got " + std::string(value.type_name()));
}

Result<std::string> ScalarText(const model::ShapeRef& ref, const Json& value,
                               model::TimestampFormat default_format,
                               const SerializeOptions& options) {
  switch (ref.shape->type) {
    case ShapeType::kString:
      if (ref.traits.json_value) return model::Base64Encode(DumpJson(value));
      if (!value.is_string()) break;
      return value.get<std::string>();
    case ShapeType::kBoolean:
      if (!value.is_boolean()) break;
      return std::string(value.get<bool>() ? "true" : "false");
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (!value.is_number()) break;
      return DumpJson(value);
    case ShapeType::kFloat:
    case ShapeType::kDouble: return NumberText(value);
    case ShapeType::kTimestamp: return TimestampText(value, FormatOf(ref, default_format));
    case ShapeType::kBlob: {
      ASSIGN_OR_RETURN(std::string bytes, BlobBytes(value, options.blobs));
      return model::Base64Encode(bytes);
    }
    default: break;
  }
  return InvalidArgumentError("expected a " + std::string(model::ShapeTypeName(ref.shape->type)) +
                              ", got " + value.type_name());
}

Result<Request> SerializeRequest(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options) {
  static const Json kEmptyObject = Json::object();
  const Json* effective = input.is_null() ? &kEmptyObject : &input;
  if (!effective->is_object()) return TypeMismatch("", "a JSON object", input);

  // Idempotency tokens the caller left out get a fresh UUID (botocore's
  // generate_idempotent_uuid handler, top-level members only).
  Json with_tokens;
  if (operation.input) {
    for (const model::Member& member : operation.input.shape->members) {
      if (!member.traits.idempotency_token) continue;
      auto it = effective->find(member.name);
      if (it != effective->end() && !it->is_null()) continue;
      if (effective != &with_tokens) {
        with_tokens = *effective;
        effective = &with_tokens;
      }
      with_tokens[member.name] =
          options.idempotency_token ? options.idempotency_token() : RandomUuid();
    }
  }

  Protocol protocol =
      operation.service != nullptr ? operation.service->metadata().protocol : Protocol::kQuery;
  SerializeFunction serialize = nullptr;
  for (const auto& [candidate, function] : kSerializers) {
    if (candidate == protocol) serialize = function;
  }
  ASSIGN_OR_RETURN(Request request, serialize(operation, *effective, options));
  if (!operation.host_prefix.empty()) {
    ASSIGN_OR_RETURN(request.host_prefix, ExpandHostPrefix(operation, *effective));
  }
  return request;
}

}  // namespace vueops::protocol
