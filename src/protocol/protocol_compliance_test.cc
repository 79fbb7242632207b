// The official AWS protocol test suite (botocore's tests/unit/protocols, from the Smithy
// protocol tests), run the way botocore's own runner (tests/unit/test_protocols.py) runs it:
// every input case serialized and compared with the expected request, every output case
// parsed and compared with the expected result or error, except those the suite's
// protocol-tests-ignore-list.json names.
#include <gtest/gtest.h>
#include <strings.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "base/file.h"
#include "protocol/parser.h"
#include "protocol/serializer.h"

namespace vueops::protocol {
namespace {

// The suite's files run here: those of the five protocols vueops speaks (the CBOR ones are
// another protocol).
constexpr const char* kSuiteFiles[] = {
    "query", "ec2", "json", "json_1_0", "json_1_0-query-compatible", "rest-json", "rest-xml"};

// The idempotency token the Smithy tests expect when a client fills one in.
constexpr const char* kTestIdempotencyToken = "00000000-0000-4000-8000-000000000000";

std::filesystem::path SuiteDirectory() {
  return std::filesystem::path(VUEOPS_SHARED_DIR) / "testdata" / "aws-protocol-tests";
}

// protocol-tests-ignore-list.json: {"general": {"input"|"output": {"suites": [...],
// "cases": [...]}}, "protocols": {<file name>: {"input"|"output": {...}}}}; a case is skipped
// when its suite's description or its id is listed, generally or for its file.
class IgnoreList {
 public:
  explicit IgnoreList(Json list) : list_(std::move(list)) {}

  bool Ignores(const std::string& protocol, const std::string& type, const std::string& suite,
               const std::string& id) const {
    return Lists(Section(Section(list_, "general"), type), suite, id) ||
           Lists(Section(Section(Section(list_, "protocols"), protocol), type), suite, id);
  }

 private:
  static const Json& Section(const Json& json, const std::string& key) {
    static const Json kEmpty = Json::object();
    if (!json.is_object()) return kEmpty;
    auto it = json.find(key);
    return it == json.end() ? kEmpty : *it;
  }
  static bool Contains(const Json& array, const std::string& value) {
    return array.is_array() && std::find(array.begin(), array.end(), Json(value)) != array.end();
  }
  static bool Lists(const Json& section, const std::string& suite, const std::string& id) {
    return Contains(Section(section, "suites"), suite) || Contains(Section(section, "cases"), id);
  }

  Json list_;
};

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

// A form body as a multiset of decoded name/value pairs.
std::multiset<std::pair<std::string, std::string>> FormParameters(std::string_view body) {
  std::multiset<std::pair<std::string, std::string>> parameters;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view part = body.substr(0, amp);
    size_t equals = part.find('=');
    parameters.emplace(
        PercentDecode(part.substr(0, equals)),
        equals == std::string_view::npos ? "" : PercentDecode(part.substr(equals + 1)));
    if (amp == std::string_view::npos) break;
    body = body.substr(amp + 1);
  }
  return parameters;
}

std::string Stripped(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// XML equality as ElementTree.canonicalize(strip_text=True) sees it: names, attributes as a
// set, stripped text, and children in order.
bool XmlNodesEqual(pugi::xml_node a, pugi::xml_node b) {
  if (std::string_view(a.name()) != b.name()) return false;
  std::map<std::string, std::string> attributes_a;
  std::map<std::string, std::string> attributes_b;
  for (pugi::xml_attribute attribute : a.attributes())
    attributes_a[attribute.name()] = attribute.value();
  for (pugi::xml_attribute attribute : b.attributes())
    attributes_b[attribute.name()] = attribute.value();
  if (attributes_a != attributes_b) return false;
  std::string text_a;
  std::string text_b;
  std::vector<pugi::xml_node> children_a;
  std::vector<pugi::xml_node> children_b;
  for (pugi::xml_node child : a.children()) {
    if (child.type() == pugi::node_element) children_a.push_back(child);
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text_a += child.value();
  }
  for (pugi::xml_node child : b.children()) {
    if (child.type() == pugi::node_element) children_b.push_back(child);
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text_b += child.value();
  }
  if (Stripped(text_a) != Stripped(text_b) || children_a.size() != children_b.size()) return false;
  for (size_t i = 0; i < children_a.size(); ++i) {
    if (!XmlNodesEqual(children_a[i], children_b[i])) return false;
  }
  return true;
}

// Body equality as botocore's runner judges it: JSON as JSON (rest-json falls back to text),
// XML as canonical XML (falling back to text), query forms as parameter sets.
bool BodiesEqual(const std::string& protocol, const std::string& actual,
                 const std::string& expected) {
  if (protocol == "json" || protocol == "rest-json") {
    Result<Json> a = ParseJson(actual);
    Result<Json> b = ParseJson(expected);
    if (a.ok() && b.ok()) return JsonEqualUnordered(*a, *b);
    if (protocol == "json") return false;
    return actual == expected;
  }
  if (protocol == "rest-xml") {
    pugi::xml_document a;
    pugi::xml_document b;
    if (a.load_string(actual.c_str()) && b.load_string(expected.c_str()) && a.document_element() &&
        b.document_element()) {
      return XmlNodesEqual(a.document_element(), b.document_element());
    }
    return actual == expected;
  }
  return FormParameters(actual) == FormParameters(expected);
}

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The service model of one case: the suite's metadata and shapes plus the case's operation.
Result<std::unique_ptr<model::ServiceModel>> CaseModel(const Json& suite, const Json& given) {
  Json service = Json::object();
  service["metadata"] = suite["metadata"];
  service["shapes"] = suite.contains("shapes") ? suite["shapes"] : Json::object();
  service["operations"] = Json::object();
  service["operations"][given.value("name", "OperationName")] = given;
  return model::ServiceModel::FromJson("compliance", service);
}

// Returns "" when the case passes, else what differs.
std::string RunInputCase(const Json& suite, const Json& test) {
  const Json& given = test["given"];
  Result<std::unique_ptr<model::ServiceModel>> model = CaseModel(suite, given);
  if (!model.ok()) return "model: " + model.status().ToString();
  const model::Operation* operation = (*model)->FindOperation(given.value("name", "OperationName"));
  SerializeOptions options;
  options.blobs = BlobEncoding::kRaw;
  options.idempotency_token = [] { return std::string(kTestIdempotencyToken); };
  Result<Request> request = SerializeRequest(*operation, test["params"], options);
  if (!request.ok()) return "serialize: " + request.status().ToString();
  std::string protocol = std::string(model::ProtocolName((*model)->metadata().protocol));
  const Json& expected = test["serialized"];
  std::ostringstream problems;
  if (expected.contains("body")) {
    std::string body = expected["body"].get<std::string>();
    if (!BodiesEqual(protocol, request->body, body)) {
      problems << "body:\n  actual:   " << request->body << "\n  expected: " << body << "\n";
    }
  }
  // Expected headers, adjusted as botocore's runner adjusts them.
  Json headers = expected.value("headers", Json::object());
  if (protocol == "query" || protocol == "ec2") {
    std::string content_type = headers.value("Content-Type", "");
    if (content_type.find("charset=utf-8") == std::string::npos) {
      headers["Content-Type"] = content_type + "; charset=utf-8";
    }
  } else if (protocol == "rest-xml") {
    headers.erase("Content-Type");
  } else if (protocol == "rest-json" && headers.contains("Content-Type") &&
             headers["Content-Type"] != "application/json") {
    headers.erase("Content-Type");
  }
  http::Headers actual_headers = request->headers;
  if (operation->input) {
    // List headers: the tests join with ", ", botocore (and vueops) with ",".
    for (const model::Member& member : operation->input.shape->members) {
      if (member.traits.location != model::Location::kHeader || !member.shape->is_list()) continue;
      std::string name(member.WireName(member.name));
      for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (strcasecmp(it.key().c_str(), name.c_str()) == 0) {
          *it = Replace(it->get<std::string>(), ", ", ",");
        }
      }
      if (member.shape->element.shape->type == model::ShapeType::kTimestamp) {
        for (auto& [header, value] : actual_headers) {
          if (strcasecmp(header.c_str(), name.c_str()) == 0) value = Replace(value, ", ", ",");
        }
      }
    }
  }
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    const std::string* actual = http::FindHeader(actual_headers, it.key());
    if (actual == nullptr) {
      problems << "header " << it.key() << " missing\n";
    } else if (*actual != it->get<std::string>()) {
      problems << "header " << it.key() << ": actual " << *actual << ", expected "
               << it->get<std::string>() << "\n";
    }
  }
  for (const Json& forbidden : expected.value("forbidHeaders", Json::array())) {
    if (http::FindHeader(actual_headers, forbidden.get<std::string>()) != nullptr) {
      problems << "header " << forbidden.get<std::string>() << " must not be sent\n";
    }
  }
  std::string uri = expected.value("uri", "");
  if (request->Target() != uri) {
    problems << "uri: actual " << request->Target() << ", expected " << uri << "\n";
  }
  if (expected.contains("method") && request->method != expected["method"]) {
    problems << "method: actual " << request->method << ", expected " << expected["method"] << "\n";
  }
  if (expected.contains("host")) {
    std::string host = request->host_prefix + HostOf(suite.value("clientEndpoint", ""));
    if (host != expected["host"]) {
      problems << "host: actual " << host << ", expected " << expected["host"] << "\n";
    }
  }
  return problems.str();
}

std::string RunOutputCase(const Json& suite, Json test) {
  Json given = test["given"];
  std::string name = given.value("name", "OperationName");
  std::string protocol = suite["metadata"].value("protocol", "");
  bool error_case = test.contains("error");
  // botocore's runner names the query protocol's result wrapper after the operation.
  if (!error_case && protocol == "query" && given.contains("output")) {
    const Json& shapes = suite["shapes"];
    std::string output_shape = given["output"].value("shape", "");
    if (shapes.contains(output_shape) &&
        !shapes[output_shape].value("members", Json::object()).empty()) {
      given["output"]["resultWrapper"] = name + "Result";
    }
  }
  Result<std::unique_ptr<model::ServiceModel>> model = CaseModel(suite, given);
  if (!model.ok()) return "model: " + model.status().ToString();
  const model::Operation* operation = (*model)->FindOperation(name);
  const Json& response_json = test["response"];
  http::Response response;
  response.status = response_json.value("status_code", 200);
  Json headers = response_json.value("headers", Json::object());
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    response.headers.emplace_back(it.key(), it->get<std::string>());
  }
  response.body = response_json.contains("body") ? response_json["body"].get<std::string>()
                  : protocol == "query"          ? "<xml/>"
                                                 : "";
  ParseOptions options;
  options.blobs = BlobEncoding::kRaw;
  options.timestamps = TimestampOutput::kEpochSeconds;
  Result<ParsedResponse> parsed = ParseResponse(*operation, response, options);
  if (!parsed.ok()) return "parse: " + parsed.status().ToString();
  Json actual;
  Json expected;
  if (error_case) {
    if (parsed->ok()) return "expected an error, parsed " + DumpJson(parsed->output);
    actual = parsed->error->details;
    actual["Error"] = {{"Code", parsed->error->code}, {"Message", parsed->error->message}};
    expected = test["error"];
    expected["Error"] = {{"Code", test.value("errorCode", "")},
                         {"Message", test.value("errorMessage", "")}};
  } else {
    if (!parsed->ok()) return "unexpected error " + parsed->error->ToString();
    actual = parsed->output;
    expected = test["result"];
  }
  if (JsonEqualUnordered(actual, expected)) return "";
  return "result:\n  actual:   " + DumpJson(actual) + "\n  expected: " + DumpJson(expected) + "\n";
}

TEST(ProtocolComplianceTest, AwsProtocolTestSuite) {
  std::filesystem::path directory = SuiteDirectory();
  if (!std::filesystem::is_directory(directory)) {
    GTEST_SKIP() << "the AWS protocol test suite is absent: looked for " << directory.string()
                 << " (VUEOPS_SHARED_DIR)";
  }
  Result<std::string> ignore_text =
      ReadFile((directory / "protocol-tests-ignore-list.json").string());
  ASSERT_TRUE(ignore_text.ok()) << ignore_text.status().ToString();
  IgnoreList ignore_list(ParseJson(*ignore_text).value());
  for (const char* type : {"input", "output"}) {
    for (const char* protocol_file : kSuiteFiles) {
      std::string relative = std::string(type) + "/" + protocol_file + ".json";
      Result<std::string> text = ReadFile((directory / relative).string());
      ASSERT_TRUE(text.ok()) << text.status().ToString();
      Result<Json> suites = ParseJson(*text);
      ASSERT_TRUE(suites.ok()) << relative << ": " << suites.status().ToString();
      int passed = 0;
      int skipped = 0;
      int failed = 0;
      for (const Json& suite : *suites) {
        std::string description = suite.value("description", "");
        for (const Json& test : suite["cases"]) {
          std::string id = test.value("id", "");
          if (ignore_list.Ignores(protocol_file, type, description, id)) {
            ++skipped;
            continue;
          }
          std::string problems =
              std::string(type) == "input" ? RunInputCase(suite, test) : RunOutputCase(suite, test);
          if (problems.empty()) {
            ++passed;
          } else {
            ++failed;
            ADD_FAILURE() << relative << ": " << description << ": case " << id << " ("
                          << test.value("description", "") << ")\n"
                          << problems;
          }
        }
      }
      std::cout << "protocol tests: " << relative << ": " << passed << " passed, " << skipped
                << " skipped (ignore list)";
      if (failed > 0) std::cout << ", " << failed << " FAILED";
      std::cout << std::endl;
    }
  }
}

}  // namespace
}  // namespace vueops::protocol
