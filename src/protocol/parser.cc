#include "protocol/parser.h"

#include <array>
#include <utility>

#include "protocol/parser_internal.h"

namespace vueops::protocol {
namespace {

using model::Protocol;

// botocore treats any status from 301 up as an error (ResponseParser.parse).
constexpr int kFirstErrorStatus = 301;

// Request-id headers: x-amzn-RequestId (most services), x-amz-request-id (S3).
constexpr std::string_view kRequestIdHeaders[] = {"x-amzn-RequestId", "x-amz-request-id"};

std::string_view ReasonPhrase(int status) {
  static constexpr std::pair<int, std::string_view> kPhrases[] = {
      {301, "Moved Permanently"},
      {302, "Found"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {409, "Conflict"},
      {411, "Length Required"},
      {412, "Precondition Failed"},
      {413, "Request Entity Too Large"},
      {416, "Requested Range Not Satisfiable"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  };
  for (const auto& [code, phrase] : kPhrases) {
    if (code == status) return phrase;
  }
  return "";
}

std::string HeaderRequestId(const http::Headers& headers) {
  for (std::string_view name : kRequestIdHeaders) {
    if (const std::string* value = http::FindHeader(headers, name)) return *value;
  }
  return {};
}

std::string_view Trimmed(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// What a failed response says when its body says nothing usable.
void FromHttpStatus(const http::Response& response, ServiceError& error) {
  error.code = std::to_string(response.status);
  error.message = std::string(ReasonPhrase(response.status));
}

// Output parsers, one per protocol.
using OutputParser = Result<Json> (*)(const model::Operation&, const http::Response&,
                                      const ParseOptions&, std::string& request_id);

Result<Json> ParseQuery(const model::Operation& operation, const http::Response& response,
                        const ParseOptions& options, std::string& request_id) {
  return ParseQueryOutput(operation, response.body, /*ec2=*/false, options, request_id);
}

Result<Json> ParseEc2(const model::Operation& operation, const http::Response& response,
                      const ParseOptions& options, std::string& request_id) {
  return ParseQueryOutput(operation, response.body, /*ec2=*/true, options, request_id);
}

Result<Json> ParseJsonRpc(const model::Operation& operation, const http::Response& response,
                          const ParseOptions& options, std::string& request_id) {
  request_id = HeaderRequestId(response.headers);
  if (!operation.output) return Json::object();
  ASSIGN_OR_RETURN(Json body, ParseJsonBody(response.body));
  return ParseJsonValue(operation.output, body, options);
}

Result<Json> ParseRestJson(const model::Operation& operation, const http::Response& response,
                           const ParseOptions& options, std::string& request_id) {
  request_id = HeaderRequestId(response.headers);
  if (!operation.output) return Json::object();
  return ParseRestOutput(operation.output, response, /*xml=*/false, options);
}

Result<Json> ParseRestXml(const model::Operation& operation, const http::Response& response,
                          const ParseOptions& options, std::string& request_id) {
  request_id = HeaderRequestId(response.headers);
  if (!operation.output) return Json::object();
  return ParseRestOutput(operation.output, response, /*xml=*/true, options);
}

constexpr std::array<std::pair<Protocol, OutputParser>, 5> kOutputParsers = {{
    {Protocol::kQuery, ParseQuery},
    {Protocol::kEc2, ParseEc2},
    {Protocol::kJson, ParseJsonRpc},
    {Protocol::kRestJson, ParseRestJson},
    {Protocol::kRestXml, ParseRestXml},
}};

ServiceError ParseError(const model::Operation& operation, const http::Response& response,
                        const ParseOptions& options) {
  Protocol protocol = operation.service->metadata().protocol;
  bool xml =
      protocol == Protocol::kQuery || protocol == Protocol::kEc2 || protocol == Protocol::kRestXml;
  ServiceError error;
  error.http_status = response.status;
  std::string type;
  std::string_view body = Trimmed(response.body);
  // A proxy's or load balancer's page rather than the service's answer (unless a JSON
  // service named the error in its X-Amzn-ErrorType header).
  bool generic = response.status >= 500 && (body.empty() || body.starts_with("<html>")) &&
                 (xml || http::FindHeader(response.headers, "X-Amzn-ErrorType") == nullptr);
  if (generic) {
    FromHttpStatus(response, error);
  } else if (xml) {
    if (body.empty() || !ParseXmlError(response.body, error, type)) {
      FromHttpStatus(response, error);
    }
  } else {
    ParseJsonError(response, protocol == Protocol::kRestJson, error, type);
  }
  std::string header_id = HeaderRequestId(response.headers);
  if (!header_id.empty()) error.request_id = header_id;

  if (!generic && !error.code.empty()) {
    error.shape = operation.service->FindErrorShape(error.code);
  }
  if (error.shape != nullptr) {
    model::ShapeRef ref;
    ref.shape = error.shape;
    ref.traits = error.shape->traits;
    Result<Json> details = Json::object();
    if (protocol == Protocol::kRestJson || protocol == Protocol::kRestXml) {
      details = ParseRestOutput(ref, response, xml, options);
    } else if (xml) {
      details = ParseXmlStructure(ref, response.body, options);
    } else {
      Result<Json> parsed = ParseJsonBody(response.body);
      details = parsed.ok() ? ParseJsonValue(ref, *parsed, options) : parsed;
    }
    // Undecodable members do not hide the error itself.
    if (details.ok()) error.details = std::move(details).value();
  }

  if (type == "Sender" || type == "Client") {
    error.fault = Fault::kSender;
  } else if (type == "Receiver" || type == "Server") {
    error.fault = Fault::kReceiver;
  } else if (error.shape != nullptr && error.shape->error_sender_fault.has_value()) {
    error.fault = *error.shape->error_sender_fault ? Fault::kSender : Fault::kReceiver;
  } else {
    error.fault = response.status >= 500 ? Fault::kReceiver : Fault::kSender;
  }
  return error;
}

}  // namespace

Status MalformedResponse(std::string_view what) {
  return DataLossError("malformed response: " + std::string(what));
}

Result<ParsedResponse> ParseResponse(const model::Operation& operation,
                                     const http::Response& response, const ParseOptions& options) {
  ParsedResponse parsed;
  parsed.http_status = response.status;
  if (response.status >= kFirstErrorStatus) {
    parsed.error = ParseError(operation, response, options);
    parsed.request_id = parsed.error->request_id;
    return parsed;
  }
  if (operation.has_event_stream_output()) {
    return UnimplementedError(operation.name +
                              " answers with an event stream, which vueops "
                              "does not read");
  }
  Protocol protocol = operation.service->metadata().protocol;
  for (const auto& [candidate, parse] : kOutputParsers) {
    if (candidate != protocol) continue;
    Result<Json> output = parse(operation, response, options, parsed.request_id);
    if (!output.ok()) {
      return output.status().WithContext(operation.service->name() + " " + operation.name +
                                         " (HTTP " + std::to_string(response.status) + ")");
    }
    parsed.output = std::move(output).value();
  }
  return parsed;
}

}  // namespace vueops::protocol
