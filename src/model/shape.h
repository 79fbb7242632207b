// Shapes: the types of a botocore service model, resolved into a graph of plain structs.
//
// botocore describes every input, output and error as a named shape (structure, list, map or
// a scalar). A reference to a shape (a structure member, a list element, an operation's
// input) may add serialization traits of its own — locationName, xmlNamespace, flattened,
// timestampFormat ... — which override the referenced shape's traits. ShapeRef holds that
// merged view, exactly as botocore's ShapeResolver builds it, so serializers and parsers read
// one set of traits and never look anything up by name.
//
// Shapes are owned by their ServiceModel and never move; every pointer here stays valid for
// the model's lifetime.
#ifndef VUEOPS_MODEL_SHAPE_H_
#define VUEOPS_MODEL_SHAPE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vueops::model {

enum class ShapeType : uint8_t {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kTimestamp,
  kBlob,
};

// "structure", "list", ... as botocore spells them.
std::string_view ShapeTypeName(ShapeType type);

// Where a member travels in an HTTP message (botocore's "location" trait).
enum class Location : uint8_t {
  kBody,         // no location: the body (or the query string of query/ec2 requests)
  kHeader,       // one header, named by locationName
  kHeaders,      // a map of headers whose names start with locationName (a prefix)
  kQueryString,  // one query parameter, or a map of them when the member is a map
  kUri,          // a {label} of the request URI
  kStatusCode,   // the HTTP status code of a response
};

// The wire format of a timestamp; kDefault means the protocol's (and location's) default.
enum class TimestampFormat : uint8_t { kDefault, kIso8601, kRfc822, kUnixTimestamp };

// Serialization traits, after merging a reference's traits over its shape's.
struct Traits {
  Location location = Location::kBody;
  std::string location_name;  // wire name (element, key, header, label); empty when unset
  std::string query_name;     // ec2 protocol's queryName; empty when unset
  bool has_xml_namespace = false;
  std::string xml_namespace_prefix;  // "" for a default namespace
  std::string xml_namespace_uri;
  std::string result_wrapper;  // query protocol: the element wrapping an operation's output
  TimestampFormat timestamp_format = TimestampFormat::kDefault;
  bool flattened = false;          // XML/query lists and maps without a wrapping element
  bool xml_attribute = false;      // an attribute of the enclosing element
  bool json_value = false;         // a string header carrying base64-encoded JSON
  bool idempotency_token = false;  // filled with a UUID v4 when the caller leaves it out
  bool host_label = false;         // substituted into the operation's endpoint hostPrefix
  bool streaming = false;          // a payload that is the raw HTTP body
  bool event_stream = false;
  bool event = false;
  bool event_header = false;
  bool event_payload = false;
  bool deprecated = false;
};

struct Shape;

// A use of a shape: the shape plus the merged traits of this use.
struct ShapeRef {
  const Shape* shape = nullptr;
  Traits traits;

  explicit operator bool() const { return shape != nullptr; }
  // The wire name: locationName when set, else `fallback`.
  std::string_view WireName(std::string_view fallback) const {
    return traits.location_name.empty() ? fallback : std::string_view(traits.location_name);
  }
};

// A structure member.
struct Member : ShapeRef {
  std::string name;
  bool required = false;
  // The endpoint-rules parameter this member binds ("contextParam": {"name": ...}).
  std::string context_param;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  // The shape's own traits (what a plain {"shape": name} reference sees).
  Traits traits;

  // Structures.
  std::vector<Member> members;             // in model order
  const Member* payload = nullptr;         // the member that is the whole HTTP body
  bool is_union = false;                   // exactly one member may be set
  bool is_document = false;                // free-form JSON ("document": true)
  bool is_exception = false;               // an error shape
  bool is_fault = false;                   // "fault": true — the service's own fault
  std::string error_code;                  // exceptions: error.code, else the shape's name
  int error_http_status = 0;               // exceptions: error.httpStatusCode, else 0
  std::optional<bool> error_sender_fault;  // exceptions: error.senderFault when modeled

  // Lists (element) and maps (key, value).
  ShapeRef element;
  ShapeRef key;
  ShapeRef value;

  // Constraints botocore records (min and hostLabel's implied minimum are validated).
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> enum_values;
  bool sensitive = false;  // never print the value
  bool deprecated = false;

  bool is_structure() const { return type == ShapeType::kStructure; }
  bool is_list() const { return type == ShapeType::kList; }
  bool is_map() const { return type == ShapeType::kMap; }
  bool is_scalar() const { return !is_structure() && !is_list() && !is_map(); }

  // The member called `member_name` (its API name, not its wire name), or nullptr.
  const Member* FindMember(std::string_view member_name) const;
  // Member names in model order, for "did you mean" and messages.
  std::vector<std::string> MemberNames() const;
};

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_SHAPE_H_
