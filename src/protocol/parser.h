// Response parsing: an http::Response → the operation's output as vueops::Json, or a
// ServiceError, in the service's protocol (botocore's parsers.py). One parser per protocol,
// chosen from a table, each dispatching on shape types.
#ifndef VUEOPS_PROTOCOL_PARSER_H_
#define VUEOPS_PROTOCOL_PARSER_H_

#include <optional>
#include <string>

#include "base/json.h"
#include "base/status.h"
#include "http/http.h"
#include "model/service_model.h"
#include "protocol/serializer.h"
#include "protocol/service_error.h"

namespace vueops::protocol {

// How timestamps appear in parsed output.
enum class TimestampOutput {
  kIso8601,       // "2014-04-29T18:30:38+00:00", as the AWS CLI prints them
  kEpochSeconds,  // 1398796238 (fractions kept), as the protocol test suite expects them
  // As the service wrote it ("2014-04-29T18:30:38.000Z", or a JSON number), unchecked: what
  // the AWS CLI v1 prints (its default cli_timestamp_format, "none").
  kWire,
};

struct ParseOptions {
  // Blob members come out as base64 text (the default) or raw bytes. A blob or string
  // payload — the raw HTTP body, like S3 object data — is always the bytes themselves.
  BlobEncoding blobs = BlobEncoding::kBase64;
  TimestampOutput timestamps = TimestampOutput::kIso8601;
};

struct ParsedResponse {
  int http_status = 0;
  std::string request_id;
  // The output members, in model order ({} when the operation has no output). Unset
  // members are absent; special floats are the strings "NaN", "Infinity", "-Infinity";
  // a union member the model does not know is {"SDK_UNKNOWN_MEMBER": {"name": tag}}.
  Json output = Json::object();
  // Set when the service answered with an error (HTTP status >= 301, as botocore decides).
  std::optional<ServiceError> error;

  bool ok() const { return !error.has_value(); }
};

// Parses `response` to `operation`. An error answer is not a failure of this function: it
// is returned in ParsedResponse::error, with its code, message, request id, HTTP status,
// fault and, when modeled, the exception shape's members. The function fails (kDataLoss)
// only when a successful answer cannot be read: malformed XML or JSON, a number that is not
// one. Event-stream outputs are kUnimplemented.
Result<ParsedResponse> ParseResponse(const model::Operation& operation,
                                     const http::Response& response,
                                     const ParseOptions& options = {});

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_PARSER_H_
