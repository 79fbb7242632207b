// Pieces shared by the protocol serializers (not for use outside src/protocol/).
#ifndef VUEOPS_PROTOCOL_SERIALIZER_INTERNAL_H_
#define VUEOPS_PROTOCOL_SERIALIZER_INTERNAL_H_

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "model/shape.h"
#include "protocol/request.h"
#include "protocol/serializer.h"

namespace vueops::protocol {

// Content types of the protocols (AWS query API and JSON RPC documentation). botocore adds
// the charset to the query one.
inline constexpr std::string_view kFormContentType =
    "application/x-www-form-urlencoded; charset=utf-8";
inline constexpr std::string_view kJsonContentType = "application/json";

// The format a timestamp member uses: its own timestampFormat, else `protocol_default`.
model::TimestampFormat FormatOf(const model::ShapeRef& ref,
                                model::TimestampFormat protocol_default);

// A timestamp value (epoch seconds or a date string) in `format`; kDefault is ISO 8601.
Result<std::string> TimestampText(const Json& value, model::TimestampFormat format);

// The bytes of a blob value given as `encoding` says.
Result<std::string> BlobBytes(const Json& value, BlobEncoding encoding);

// A number as Python's str() writes it ("1", "1.5", "1e+16"), or a special float given as
// "NaN" / "Infinity" / "-Infinity".
Result<std::string> NumberText(const Json& value);

// A scalar member as text for a query string, URI label, header or XML element.
// Timestamps without their own format use `default_format`; blobs are base64.
Result<std::string> ScalarText(const model::ShapeRef& ref, const Json& value,
                               model::TimestampFormat default_format,
                               const SerializeOptions& options);

// kInvalidArgument "<member>: expected <what>, got <type>".
Status TypeMismatch(std::string_view path, std::string_view expected, const Json& value);

// A JSON document for the json and rest-json bodies (botocore's JSONSerializer):
// member wire names, base64 blobs, timestamps as epoch seconds by default.
Result<Json> JsonBodyValue(const model::ShapeRef& ref, const Json& value,
                           const SerializeOptions& options, const std::string& path);

// The rest-xml body element called `name` for `value` (botocore's RestXMLSerializer).
Status AppendXmlElement(std::string& out, const model::ShapeRef& ref, const Json& value,
                        std::string_view name, const SerializeOptions& options,
                        const std::string& path);

// The protocols' serializers; `input` is an object (idempotency tokens already filled).
Result<Request> SerializeQuery(const model::Operation& operation, const Json& input,
                               const SerializeOptions& options);
Result<Request> SerializeEc2(const model::Operation& operation, const Json& input,
                             const SerializeOptions& options);
Result<Request> SerializeJsonRpc(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options);
Result<Request> SerializeRestJson(const model::Operation& operation, const Json& input,
                                  const SerializeOptions& options);
Result<Request> SerializeRestXml(const model::Operation& operation, const Json& input,
                                 const SerializeOptions& options);

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_SERIALIZER_INTERNAL_H_
