// Outputs of the REST protocols: members from headers, the status code, and the body — the
// payload member alone, or the body's members (botocore's BaseRestParser).
#include <strings.h>

#include <cctype>

#include "protocol/parser_internal.h"

namespace vueops::protocol {
namespace {

using model::Location;
using model::ShapeType;

std::string Trim(std::string_view text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

bool IsWeekday(const std::string& token) {
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (std::string_view day : kDays) {
    if (token == day) return true;
  }
  return false;
}

// Splits a list header (RFC 7230 section 7: comma-separated). Quoted strings may hold commas
// and \" escapes; HTTP dates hold a comma after the weekday, so "Mon, 16 Dec 2019 ..." is one
// element.
std::vector<std::string> SplitHeaderList(std::string_view value) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (quoted) {
      if (c == '\\' && i + 1 < value.size()) {
        current += value[++i];
      } else if (c == '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c == '"' && Trim(current).empty()) {
      quoted = true;
      was_quoted = true;
      current.clear();
    } else if (c == ',') {
      parts.push_back(was_quoted ? current : Trim(current));
      current.clear();
      was_quoted = false;
    } else {
      current += c;
    }
  }
  parts.push_back(was_quoted ? current : Trim(current));
  // Re-join "Mon" with " 16 Dec 2019 23:48:18 GMT".
  std::vector<std::string> joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (IsWeekday(parts[i]) && i + 1 < parts.size()) {
      joined.push_back(parts[i] + ", " + parts[i + 1]);
      ++i;
    } else {
      joined.push_back(parts[i]);
    }
  }
  return joined;
}

Result<Json> HeaderValue(const model::Member& member, const std::string& value,
                         const ParseOptions& options) {
  if (!member.shape->is_list()) return ScalarFromText(member, value, options);
  Json array = Json::array();
  for (const std::string& item : SplitHeaderList(value)) {
    ASSIGN_OR_RETURN(Json parsed, ScalarFromText(member.shape->element, item, options));
    array.push_back(std::move(parsed));
  }
  return array;
}

// Headers whose names start with the member's prefix, keyed by the rest of their name.
Json PrefixedHeaders(std::string_view prefix, const http::Headers& headers) {
  Json map = Json::object();
  for (const auto& [name, value] : headers) {
    if (name.size() >= prefix.size() &&
        ::strncasecmp(name.data(), prefix.data(), prefix.size()) == 0) {
      map[name.substr(prefix.size())] = value;
    }
  }
  return map;
}

Result<Json> ParseBody(const model::ShapeRef& ref, std::string_view body, bool xml,
                       const ParseOptions& options) {
  if (xml) return ParseXmlStructure(ref, body, options);
  ASSIGN_OR_RETURN(Json parsed, ParseJsonBody(body));
  ASSIGN_OR_RETURN(Json value, ParseJsonValue(ref, parsed, options));
  return value.is_null() ? Json::object() : value;
}

}  // namespace

Result<Json> ParseRestOutput(const model::ShapeRef& ref, const http::Response& response, bool xml,
                             const ParseOptions& options) {
  const model::Shape& shape = *ref.shape;
  const model::Member* payload = shape.payload;
  bool blank_body = response.body.find_first_not_of(" \t\r\n") == std::string::npos;
  Json body_members = Json::object();
  Json payload_value;
  if (payload != nullptr) {
    ShapeType type = payload->shape->type;
    if (type == ShapeType::kBlob || type == ShapeType::kString) {
      // The body itself (S3 object data, a policy document).
      if (!response.body.empty()) payload_value = response.body;
    } else if (!blank_body) {
      ASSIGN_OR_RETURN(payload_value, ParseBody(*payload, response.body, xml, options));
    }
  } else {
    ASSIGN_OR_RETURN(body_members, ParseBody(ref, response.body, xml, options));
  }

  Json output = ObjectWithCapacity(shape.members.size());
  for (const model::Member& member : shape.members) {
    switch (member.traits.location) {
      case Location::kStatusCode: AppendMember(output, member.name, response.status); break;
      case Location::kHeader: {
        const std::string* value = http::FindHeader(response.headers, member.WireName(member.name));
        if (value == nullptr) break;
        Result<Json> parsed = HeaderValue(member, *value, options);
        if (!parsed.ok()) return parsed.status().WithContext("header " + member.name);
        AppendMember(output, member.name, std::move(parsed).value());
        break;
      }
      case Location::kHeaders:
        AppendMember(output, member.name, PrefixedHeaders(member.WireName(""), response.headers));
        break;
      case Location::kBody:
      case Location::kUri:          // request-only locations: in a response these members
      case Location::kQueryString:  // are read from the body
        if (&member == payload) {
          if (!payload_value.is_null()) AppendMember(output, member.name, std::move(payload_value));
        } else if (auto it = body_members.find(member.name); it != body_members.end()) {
          AppendMember(output, member.name, std::move(*it));
        }
        break;
    }
  }
  return output;
}

}  // namespace vueops::protocol
