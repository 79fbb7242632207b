// Pieces shared by the protocol parsers (not for use outside src/protocol/).
#ifndef VUEOPS_PROTOCOL_PARSER_INTERNAL_H_
#define VUEOPS_PROTOCOL_PARSER_INTERNAL_H_

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "http/http.h"
#include "model/service_model.h"
#include "model/timestamp.h"
#include "protocol/parser.h"

namespace vueops::protocol {

// A scalar from text (an XML element's text, a header value): integers, floats (special
// ones kept as strings), booleans ("true", any case), timestamps in any wire format, blobs
// from base64, strings (a jsonvalue string is base64 JSON, decoded).
Result<Json> ScalarFromText(const model::ShapeRef& ref, std::string_view text,
                            const ParseOptions& options);

// A timestamp in the output form the options ask for.
Json TimestampOutputJson(const model::Timestamp& timestamp, const ParseOptions& options);

// A base64 blob from the wire in the output form the options ask for.
Result<Json> BlobOutputJson(std::string_view base64, const ParseOptions& options);

Status MalformedResponse(std::string_view what);  // kDataLoss

// An object with room for `members` members. ordered_json's storage is a vector of
// pair<const string, json>, whose elements are *copied* (deep) when it grows, because the
// const key makes their move constructor throwing: reserving first keeps parsing linear.
inline Json ObjectWithCapacity(size_t members) {
  Json object = Json::object();
  object.get_ref<Json::object_t&>().reserve(members);
  return object;
}

// Appends a member the caller knows is not there yet (a model member name), skipping the
// linear duplicate search of ordered_json's operator[].
inline void AppendMember(Json& object, const std::string& name, Json value) {
  object.get_ref<Json::object_t&>().emplace_back(name, std::move(value));
}

// XML (xml_parser.cc, the only user of pugixml).

// The query / ec2 success body: the output (under its resultWrapper element) and the
// request id (ResponseMetadata.RequestId / requestId).
Result<Json> ParseQueryOutput(const model::Operation& operation, std::string_view body, bool ec2,
                              const ParseOptions& options, std::string& request_id);

// The structure `ref` read from the children of the document's root element (a rest-xml
// body; the root's name is not checked, which moto's "...Response" roots rely on). An
// empty body gives {}. For an exception shape the reading starts at the error element of
// whichever error layout the body has.
Result<Json> ParseXmlStructure(const model::ShapeRef& ref, std::string_view body,
                               const ParseOptions& options);

// Code, Message, RequestId and Type (into `type`) of an XML error body in any of its
// three layouts (query ErrorResponse/Error, ec2 Response/Errors/Error, S3 Error). False
// when the body is not XML.
bool ParseXmlError(std::string_view body, ServiceError& error, std::string& type);

// JSON (json_parser.cc).

// `value` (parsed JSON) read as shape `ref`.
Result<Json> ParseJsonValue(const model::ShapeRef& ref, const Json& value,
                            const ParseOptions& options);

// The body as JSON: {} when empty; kDataLoss when malformed.
Result<Json> ParseJsonBody(std::string_view body);

// Code and message of a json / rest-json error (the x-amzn-errortype header, __type, code,
// message / Message), with the x-amzn-query-error mapping, which also gives `type`.
void ParseJsonError(const http::Response& response, bool rest, ServiceError& error,
                    std::string& type);

// REST (rest_parser.cc): header, status-code and payload members, with the body parsed by
// the JSON or XML reader.
Result<Json> ParseRestOutput(const model::ShapeRef& ref, const http::Response& response, bool xml,
                             const ParseOptions& options);

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_PARSER_INTERNAL_H_
