// XML bodies of the query, ec2 and rest-xml protocols: the one user of pugixml.
//
// Element names are compared without namespace prefixes and the root element's name is
// never checked (botocore does the same, and moto names some S3 roots "...Response").
// Members are read in model order; a flattened list or map collects every sibling with its
// name, a wrapped one reads its wrapper's children.
#include <pugixml.hpp>
#include <vector>

#include "protocol/parser_internal.h"

namespace vueops::protocol {
namespace {

using model::Location;
using model::ShapeType;

// Keep a whitespace-only text node when it is an element's only child, so "<a> </a>" reads
// as " " (pugixml drops it otherwise).
constexpr unsigned int kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

std::string_view LocalName(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) return child;
  }
  return {};
}

// All text of an element (text and CDATA sections, concatenated). Views the document's
// own text when there is a single piece (the usual case); else concatenates into `buffer`.
std::string_view TextOf(pugi::xml_node node, std::string& buffer) {
  std::string_view single;
  int pieces = 0;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
    if (++pieces == 1) {
      single = child.value();
    } else {
      if (pieces == 2) buffer.assign(single);
      buffer += child.value();
    }
  }
  return pieces > 1 ? std::string_view(buffer) : single;
}

std::string TextOf(pugi::xml_node node) {
  std::string buffer;
  return std::string(TextOf(node, buffer));
}

Status ParseDocument(pugi::xml_document& document, std::string_view body) {
  pugi::xml_parse_result result =
      document.load_buffer(body.data(), body.size(), kParseOptions, pugi::encoding_utf8);
  if (!result || !document.document_element()) {
    return MalformedResponse(std::string("invalid XML (") + result.description() + " at byte " +
                             std::to_string(result.offset) + ")");
  }
  return Status::Ok();
}

// An exception's members live under the error element of whichever layout the service uses
// (botocore's _get_error_root for query and ec2; S3's root is the error element).
pugi::xml_node ErrorElement(pugi::xml_node root) {
  if (LocalName(root.name()) == "ErrorResponse") {
    if (pugi::xml_node error = Child(root, "Error")) return error;
  }
  if (pugi::xml_node errors = Child(root, "Errors")) {
    if (pugi::xml_node error = Child(errors, "Error")) return error;
  }
  return root;
}

// The element name of a member in its parent: a flattened list with a named element uses
// that name (botocore's _member_key_name), anything else its locationName or its name.
std::string_view MemberXmlName(const model::Member& member) {
  if (member.shape->is_list() && member.traits.flattened &&
      !member.shape->element.traits.location_name.empty()) {
    return member.shape->element.traits.location_name;
  }
  return member.WireName(member.name);
}

class XmlReader {
 public:
  explicit XmlReader(const ParseOptions& options) : options_(options) {}

  // A value of `ref` from `node`. Null for an empty element of a non-string scalar.
  Result<Json> Read(const model::ShapeRef& ref, pugi::xml_node node) {
    const model::Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure: return ReadStructure(shape, node);
      case ShapeType::kList: {
        std::vector<pugi::xml_node> items;
        for (pugi::xml_node child : node.children()) {
          if (child.type() == pugi::node_element) items.push_back(child);
        }
        return ReadItems(shape.element, items);
      }
      case ShapeType::kMap: {
        std::vector<pugi::xml_node> entries;
        for (pugi::xml_node child : node.children()) {
          if (child.type() == pugi::node_element) entries.push_back(child);
        }
        return ReadEntries(shape, entries);
      }
      default: {
        std::string buffer;
        std::string_view text = TextOf(node, buffer);
        bool textual = shape.type == ShapeType::kString || shape.type == ShapeType::kBlob;
        if (text.empty() && !textual) return Json();
        return ScalarFromText(ref, text, options_);
      }
    }
  }

  Result<Json> ReadStructure(const model::Shape& shape, pugi::xml_node node) {
    // The children by local name, measured once: members are then found by comparing
    // lengths and bytes, not by walking the DOM (and strlen) once per member.
    // They live on one stack shared by the whole (recursive) read, so a structure costs no
    // allocation of its own; [begin, end) are this structure's.
    size_t begin = children_.size();
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element)
        children_.emplace_back(LocalName(child.name()), child);
    }
    size_t end = children_.size();
    struct PopChildren {
      std::vector<std::pair<std::string_view, pugi::xml_node>>& stack;
      size_t size;
      ~PopChildren() { stack.resize(size); }
    } pop{children_, begin};
    if (shape.is_union) {
      if (std::optional<std::string> unknown = UnknownUnionMember(shape, children_, begin, end)) {
        Json object = Json::object();
        object["SDK_UNKNOWN_MEMBER"] = Json{{"name", *unknown}};
        return object;
      }
    }
    Json object = ObjectWithCapacity(shape.members.size());
    for (const model::Member& member : shape.members) {
      Location location = member.traits.location;
      if (location == Location::kHeader || location == Location::kHeaders ||
          location == Location::kStatusCode || member.traits.event_header) {
        continue;  // read from the HTTP message, not the body
      }
      std::string_view name = MemberXmlName(member);
      bool flattened =
          member.traits.flattened && (member.shape->is_list() || member.shape->is_map());
      // Indexes, not references: reading a child pushes onto (and may move) the stack.
      size_t first = begin;
      while (first < end && children_[first].first != name) ++first;
      Result<Json> value = Json();
      if (flattened) {
        if (first == end) continue;
        std::vector<pugi::xml_node> matches;
        for (size_t i = first; i < end; ++i) {
          if (children_[i].first == name) matches.push_back(children_[i].second);
        }
        value = member.shape->is_list() ? ReadItems(member.shape->element, matches)
                                        : ReadEntries(*member.shape, matches);
      } else if (first < end) {
        value = Read(member, children_[first].second);
      } else if (member.traits.xml_attribute) {
        if (const char* attribute = Attribute(node, name)) value = Json(std::string(attribute));
      }
      if (!value.ok()) return value.status().WithContext(member.name);
      if (!value->is_null()) AppendMember(object, member.name, std::move(value).value());
    }
    return object;
  }

 private:
  Result<Json> ReadItems(const model::ShapeRef& element, const std::vector<pugi::xml_node>& items) {
    Json array = Json::array();
    array.get_ref<Json::array_t&>().reserve(items.size());
    for (pugi::xml_node item : items) {
      ASSIGN_OR_RETURN(Json value, Read(element, item));
      array.push_back(std::move(value));
    }
    return array;
  }

  // Map entries, each holding a key element and a value element.
  Result<Json> ReadEntries(const model::Shape& shape, const std::vector<pugi::xml_node>& entries) {
    std::string_view key_name = shape.key.WireName("key");
    std::string_view value_name = shape.value.WireName("value");
    Json object = Json::object();
    for (pugi::xml_node entry : entries) {
      pugi::xml_node key = Child(entry, key_name);
      pugi::xml_node value = Child(entry, value_name);
      if (!key) return MalformedResponse("a map entry has no <" + std::string(key_name) + ">");
      Json parsed_value;
      if (value) {
        ASSIGN_OR_RETURN(parsed_value, Read(shape.value, value));
      }
      object[TextOf(key)] = std::move(parsed_value);
    }
    return object;
  }

  // The attribute called `name` ("xsi:type"); another prefix for the same local name also
  // matches, as botocore rewrites namespace URIs to the modeled prefix.
  static const char* Attribute(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute attribute : node.attributes()) {
      if (attribute.name() == name) return attribute.value();
    }
    if (name.find(':') == std::string_view::npos) return nullptr;
    for (pugi::xml_attribute attribute : node.attributes()) {
      std::string_view actual = attribute.name();
      if (actual.find(':') != std::string_view::npos && LocalName(actual) == LocalName(name)) {
        return attribute.value();
      }
    }
    return nullptr;
  }

  // The tag of a union's only element when the model does not know it.
  static std::optional<std::string> UnknownUnionMember(
      const model::Shape& shape,
      const std::vector<std::pair<std::string_view, pugi::xml_node>>& children, size_t begin,
      size_t end) {
    std::string_view tag;
    for (size_t i = begin; i < end; ++i) {
      if (!tag.empty() && children[i].first != tag) return std::nullopt;
      tag = children[i].first;
    }
    if (tag.empty()) return std::nullopt;
    for (const model::Member& member : shape.members) {
      if (MemberXmlName(member) == tag) return std::nullopt;
    }
    return std::string(tag);
  }

  const ParseOptions& options_;
  std::vector<std::pair<std::string_view, pugi::xml_node>> children_;
};

bool IsBlank(std::string_view body) {
  return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<Json> ParseQueryOutput(const model::Operation& operation, std::string_view body, bool ec2,
                              const ParseOptions& options, std::string& request_id) {
  if (IsBlank(body)) return Json::object();
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseDocument(document, body));
  pugi::xml_node root = document.document_element();
  if (ec2) {
    request_id = TextOf(Child(root, "requestId"));
  } else {
    request_id = TextOf(Child(Child(root, "ResponseMetadata"), "RequestId"));
  }
  if (!operation.output) return Json::object();
  pugi::xml_node start = root;
  const std::string& wrapper = operation.output.traits.result_wrapper;
  if (!wrapper.empty()) {
    start = Child(root, wrapper);
    // An answer without the wrapper carries no output members.
    if (!start) return Json::object();
  }
  return XmlReader(options).Read(operation.output, start);
}

Result<Json> ParseXmlStructure(const model::ShapeRef& ref, std::string_view body,
                               const ParseOptions& options) {
  if (IsBlank(body)) return Json::object();
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseDocument(document, body));
  pugi::xml_node root = document.document_element();
  if (ref.shape->is_exception) root = ErrorElement(root);
  XmlReader reader(options);
  if (ref.shape->is_structure() &&
      !root.find_child([](pugi::xml_node child) { return child.type() == pugi::node_element; })) {
    // S3's GetBucketLocation answers with the member itself as the root element
    // (<LocationConstraint>eu-west-1</LocationConstraint>); botocore special-cases it in a
    // handler. A childless root named after a member is that member.
    for (const model::Member& member : ref.shape->members) {
      if (member.traits.location == Location::kBody && member.shape->is_scalar() &&
          MemberXmlName(member) == LocalName(root.name())) {
        ASSIGN_OR_RETURN(Json value, reader.Read(member, root));
        Json object = Json::object();
        if (!value.is_null()) object[member.name] = std::move(value);
        return object;
      }
    }
  }
  return reader.Read(ref, root);
}

bool ParseXmlError(std::string_view body, ServiceError& error, std::string& type) {
  pugi::xml_document document;
  if (!ParseDocument(document, body).ok()) return false;
  pugi::xml_node root = document.document_element();
  pugi::xml_node element = ErrorElement(root);
  error.code = TextOf(Child(element, "Code"));
  error.message = TextOf(Child(element, "Message"));
  type = TextOf(Child(element, "Type"));
  for (pugi::xml_node holder : {root, element}) {
    for (std::string_view name : {"RequestId", "RequestID"}) {
      if (pugi::xml_node id = Child(holder, name)) error.request_id = TextOf(id);
    }
  }
  return !error.code.empty() || !error.message.empty();
}

}  // namespace vueops::protocol
