// The REST protocols (rest-json, rest-xml): members go where their "location" says — URI
// labels, query string, headers, or the body, which is either the payload member alone or
// the location-less members as one JSON object / XML element (botocore's
// BaseRestSerializer, RestJSONSerializer, RestXMLSerializer).
#include <algorithm>
#include <utility>
#include <vector>

#include "protocol/percent_encoding.h"
#include "protocol/serializer_internal.h"

namespace vueops::protocol {
namespace {

using model::Location;
using model::ShapeType;
using model::TimestampFormat;

// Splits the model's requestUri ("/{Bucket}?versioning") into the path template and the
// static query parameters, which come first in the query string.
std::string_view SplitRequestUri(std::string_view uri, std::vector<QueryParameter>& query) {
  size_t question = uri.find('?');
  if (question == std::string_view::npos) return uri;
  std::string_view rest = uri.substr(question + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view part = rest.substr(0, amp);
    size_t equals = part.find('=');
    if (!part.empty()) {
      if (equals == std::string_view::npos) {
        query.push_back({std::string(part), "", false});
      } else {
        query.push_back(
            {std::string(part.substr(0, equals)), std::string(part.substr(equals + 1)), true});
      }
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return uri.substr(0, question);
}

// A header list value: elements joined by ',', strings holding ',' or '"' quoted (RFC 7230
// section 3.2.6; botocore's _escape_header_list_string).
Result<std::string> HeaderListText(const model::ShapeRef& ref, const Json& value,
                                   const SerializeOptions& options) {
  const model::ShapeRef& element = ref.shape->element;
  std::string out;
  bool first = true;
  for (const Json& item : value) {
    if (item.is_null()) continue;
    ASSIGN_OR_RETURN(std::string text,
                     ScalarText(element, item, TimestampFormat::kRfc822, options));
    if (element.shape->type == ShapeType::kString &&
        text.find_first_of(",\"") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : text) {
        if (c == '"') quoted += '\\';
        quoted += c;
      }
      text = quoted + "\"";
    }
    if (!first) out += ',';
    out += text;
    first = false;
  }
  return out;
}

struct Partitioned {
  std::vector<std::pair<std::string, std::string>> labels;  // label name → text
  std::vector<QueryParameter> query_map;  // from map members, added after the named ones
  Json body_members = Json::object();
};

Status Partition(const model::Operation& operation, const Json& input,
                 const SerializeOptions& options, Request& request, Partitioned& parts) {
  const model::Shape& shape = *operation.input.shape;
  for (auto it = input.begin(); it != input.end(); ++it) {
    if (it->is_null()) continue;
    const model::Member* member = shape.FindMember(it.key());
    if (member == nullptr) return InvalidArgumentError("unknown member " + it.key());
    std::string name(member->WireName(it.key()));
    const Json& value = *it;
    auto context = [&](const Status& status) {
      return status.WithContext("cannot serialize " + it.key());
    };
    switch (member->traits.location) {
      case Location::kUri: {
        Result<std::string> text = ScalarText(*member, value, TimestampFormat::kIso8601, options);
        if (!text.ok()) return context(text.status());
        parts.labels.emplace_back(std::move(name), std::move(text).value());
        break;
      }
      case Location::kQueryString: {
        const model::Shape& type = *member->shape;
        if (type.is_map()) {
          // A map member spreads its entries over the query string; named query members
          // take precedence over its keys (Smithy's httpQueryParams), so it comes last.
          if (!value.is_object()) return TypeMismatch(it.key(), "a map", value);
          for (auto entry = value.begin(); entry != value.end(); ++entry) {
            const model::ShapeRef& value_ref = type.value;
            if (value_ref.shape->is_list()) {
              for (const Json& item : *entry) {
                Result<std::string> text =
                    ScalarText(value_ref.shape->element, item, TimestampFormat::kIso8601, options);
                if (!text.ok()) return context(text.status());
                parts.query_map.push_back({entry.key(), std::move(text).value(), true});
              }
            } else {
              Result<std::string> text =
                  ScalarText(value_ref, *entry, TimestampFormat::kIso8601, options);
              if (!text.ok()) return context(text.status());
              parts.query_map.push_back({entry.key(), std::move(text).value(), true});
            }
          }
        } else if (type.is_list()) {
          if (!value.is_array()) return TypeMismatch(it.key(), "a list", value);
          for (const Json& item : value) {
            Result<std::string> text =
                ScalarText(type.element, item, TimestampFormat::kIso8601, options);
            if (!text.ok()) return context(text.status());
            request.query.push_back({name, std::move(text).value(), true});
          }
        } else {
          Result<std::string> text = ScalarText(*member, value, TimestampFormat::kIso8601, options);
          if (!text.ok()) return context(text.status());
          request.query.push_back({std::move(name), std::move(text).value(), true});
        }
        break;
      }
      case Location::kHeader: {
        bool is_list = member->shape->is_list();
        if (is_list && !value.is_array()) return TypeMismatch(it.key(), "a list", value);
        if (is_list && value.empty()) break;  // an empty list sends no header
        Result<std::string> text =
            is_list ? HeaderListText(*member, value, options)
                    : ScalarText(*member, value, TimestampFormat::kRfc822, options);
        if (!text.ok()) return context(text.status());
        request.headers.emplace_back(std::move(name), std::move(text).value());
        break;
      }
      case Location::kHeaders: {
        // A map of headers; locationName is the prefix of their names ("x-amz-meta-").
        if (!value.is_object()) return TypeMismatch(it.key(), "a map", value);
        for (auto entry = value.begin(); entry != value.end(); ++entry) {
          if (!entry->is_string())
            return TypeMismatch(it.key() + "." + entry.key(), "a string", *entry);
          request.headers.emplace_back(name + entry.key(), entry->get<std::string>());
        }
        break;
      }
      case Location::kStatusCode: break;  // a response-only location
      case Location::kBody: parts.body_members[it.key()] = value; break;
    }
  }
  return Status::Ok();
}

// Fills the path template's {Label} and {Label+} (greedy: '/' stays) placeholders.
Result<std::string> RenderPath(std::string_view path_template, const Partitioned& parts) {
  std::string out;
  for (size_t i = 0; i < path_template.size(); ++i) {
    if (path_template[i] != '{') {
      out += path_template[i];
      continue;
    }
    size_t close = path_template.find('}', i);
    if (close == std::string_view::npos) {
      return InvalidArgumentError("bad request URI " + std::string(path_template));
    }
    std::string_view label = path_template.substr(i + 1, close - i - 1);
    bool greedy = label.ends_with('+');
    if (greedy) label.remove_suffix(1);
    const std::string* value = nullptr;
    for (const auto& [name, text] : parts.labels) {
      if (name == label) value = &text;
    }
    if (value == nullptr) {
      return InvalidArgumentError("missing the URI label " + std::string(label));
    }
    AppendPercentEncoded(out, *value, greedy ? "/" : "");
    i = close;
  }
  return out;
}

Result<Request> SerializeRest(const model::Operation& operation, const Json& input,
                              const SerializeOptions& options, bool xml) {
  Request request;
  request.method = operation.http_method;
  std::string_view path_template = SplitRequestUri(operation.request_uri, request.query);
  if (!operation.input) {
    request.path = std::string(path_template);
    return request;
  }
  Partitioned parts;
  size_t static_parameters = request.query.size();
  RETURN_IF_ERROR(Partition(operation, input, options, request, parts));
  size_t named_end = request.query.size();
  for (QueryParameter& parameter : parts.query_map) {
    auto begin = request.query.begin();
    auto named = std::find_if(begin + static_parameters, begin + named_end,
                              [&](const QueryParameter& p) { return p.name == parameter.name; });
    if (named == begin + named_end) request.query.push_back(std::move(parameter));
  }
  ASSIGN_OR_RETURN(request.path, RenderPath(path_template, parts));

  const model::Shape& shape = *operation.input.shape;
  const model::Member* payload = shape.payload;
  bool raw_payload = payload != nullptr && (payload->shape->type == ShapeType::kBlob ||
                                            payload->shape->type == ShapeType::kString);
  if (raw_payload) {
    // The member is the body itself (S3 object data, a policy document).
    auto it = input.find(payload->name);
    if (it != input.end() && !it->is_null()) {
      if (!it->is_string()) return TypeMismatch(payload->name, "a string", *it);
      request.body = it->get<std::string>();
    }
  } else if (payload != nullptr) {
    auto it = input.find(payload->name);
    if (it != input.end() && !it->is_null()) {
      if (xml) {
        RETURN_IF_ERROR(AppendXmlElement(request.body, *payload, *it,
                                         payload->WireName(payload->name), options, payload->name));
      } else {
        ASSIGN_OR_RETURN(Json body, JsonBodyValue(*payload, *it, options, payload->name));
        request.body = DumpJson(body);
      }
    } else if (!xml) {
      request.body = "{}";
    }
  } else if (!parts.body_members.empty()) {
    if (xml) {
      std::string_view root = operation.input.WireName(shape.name);
      RETURN_IF_ERROR(
          AppendXmlElement(request.body, operation.input, parts.body_members, root, options, ""));
    } else {
      ASSIGN_OR_RETURN(Json body, JsonBodyValue(operation.input, parts.body_members, options, ""));
      request.body = DumpJson(body);
    }
  } else if (!xml) {
    // rest-json sends "{}" when the input has body members, even if none is set.
    for (const model::Member& member : shape.members) {
      if (member.traits.location == Location::kBody) {
        request.body = "{}";
        break;
      }
    }
  }
  if (!xml && !raw_payload && !request.body.empty() &&
      http::FindHeader(request.headers, "Content-Type") == nullptr) {
    request.headers.emplace_back("Content-Type", std::string(kJsonContentType));
  }
  return request;
}

}  // namespace

Result<Request> SerializeRestJson(const model::Operation& operation, const Json& input,
                                  const SerializeOptions& options) {
  return SerializeRest(operation, input, options, /*xml=*/false);
}

Result<Request> SerializeRestXml(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options) {
  return SerializeRest(operation, input, options, /*xml=*/true);
}

}  // namespace vueops::protocol
