// rest-xml bodies, written directly as text (botocore builds an ElementTree and prints it;
// the result is the same document). Element names come from locationName, namespaces from
// xmlNamespace, attributes from xmlAttribute members; lists and maps are wrapped unless
// flattened.
#include "protocol/serializer_internal.h"

namespace vueops::protocol {
namespace {

using model::ShapeType;
using model::TimestampFormat;

void AppendEscaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        out += c;
        break;
      case '\r': out += "&#13;"; break;
      case '\n':
        if (attribute) {
          out += "&#10;";
          break;
        }
        out += c;
        break;
      default: out += c;
    }
  }
}

// Writes ` xmlns[:prefix]="uri"` when the reference carries a namespace.
void AppendNamespace(std::string& out, const model::ShapeRef& ref) {
  if (!ref.traits.has_xml_namespace) return;
  out += " xmlns";
  if (!ref.traits.xml_namespace_prefix.empty()) {
    out += ':';
    out += ref.traits.xml_namespace_prefix;
  }
  out += "=\"";
  AppendEscaped(out, ref.traits.xml_namespace_uri, /*attribute=*/true);
  out += '"';
}

std::string Join(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

}  // namespace

Status AppendXmlElement(std::string& out, const model::ShapeRef& ref, const Json& value,
                        std::string_view name, const SerializeOptions& options,
                        const std::string& path) {
  const model::Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (!value.is_object()) return TypeMismatch(path, "an object", value);
      out += '<';
      out += name;
      AppendNamespace(out, ref);
      // Attribute members first: they belong to this element's start tag.
      for (auto it = value.begin(); it != value.end(); ++it) {
        const model::Member* member = shape.FindMember(it.key());
        if (member == nullptr)
          return InvalidArgumentError("unknown member " + Join(path, it.key()));
        if (!member->traits.xml_attribute || it->is_null()) continue;
        Result<std::string> text = ScalarText(*member, *it, TimestampFormat::kIso8601, options);
        if (!text.ok())
          return text.status().WithContext("cannot serialize " + Join(path, it.key()));
        out += ' ';
        out += member->WireName(it.key());
        out += "=\"";
        AppendEscaped(out, *text, /*attribute=*/true);
        out += '"';
      }
      out += '>';
      for (auto it = value.begin(); it != value.end(); ++it) {
        const model::Member* member = shape.FindMember(it.key());
        if (member->traits.xml_attribute || it->is_null()) continue;
        RETURN_IF_ERROR(AppendXmlElement(out, *member, *it, member->WireName(it.key()), options,
                                         Join(path, it.key())));
      }
      out += "</";
      out += name;
      out += '>';
      return Status::Ok();
    }
    case ShapeType::kList: {
      if (!value.is_array()) return TypeMismatch(path, "a list", value);
      const model::ShapeRef& element = shape.element;
      if (ref.traits.flattened) {
        // Each element repeats the list's own name, with no wrapper.
        for (size_t i = 0; i < value.size(); ++i) {
          RETURN_IF_ERROR(AppendXmlElement(out, element, value[i], name, options,
                                           path + "[" + std::to_string(i) + "]"));
        }
        return Status::Ok();
      }
      out += '<';
      out += name;
      AppendNamespace(out, ref);
      out += '>';
      std::string_view element_name = element.WireName("member");
      for (size_t i = 0; i < value.size(); ++i) {
        RETURN_IF_ERROR(AppendXmlElement(out, element, value[i], element_name, options,
                                         path + "[" + std::to_string(i) + "]"));
      }
      out += "</";
      out += name;
      out += '>';
      return Status::Ok();
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return TypeMismatch(path, "a map", value);
      bool flattened = ref.traits.flattened;
      if (!flattened) {
        out += '<';
        out += name;
        AppendNamespace(out, ref);
        out += '>';
      }
      std::string_view key_name = shape.key.WireName("key");
      std::string_view value_name = shape.value.WireName("value");
      for (auto it = value.begin(); it != value.end(); ++it) {
        std::string_view entry = flattened ? name : std::string_view("entry");
        out += '<';
        out += entry;
        out += '>';
        RETURN_IF_ERROR(
            AppendXmlElement(out, shape.key, Json(it.key()), key_name, options, path + " (key)"));
        RETURN_IF_ERROR(
            AppendXmlElement(out, shape.value, *it, value_name, options, Join(path, it.key())));
        out += "</";
        out += entry;
        out += '>';
      }
      if (!flattened) {
        out += "</";
        out += name;
        out += '>';
      }
      return Status::Ok();
    }
    default: {
      Result<std::string> text = ScalarText(ref, value, TimestampFormat::kIso8601, options);
      if (!text.ok()) return text.status().WithContext("cannot serialize " + path);
      out += '<';
      out += name;
      AppendNamespace(out, ref);
      out += '>';
      AppendEscaped(out, *text, /*attribute=*/false);
      out += "</";
      out += name;
      out += '>';
      return Status::Ok();
    }
  }
}

}  // namespace vueops::protocol
