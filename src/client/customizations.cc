#include "client/customizations.h"

#include <array>
#include <string>

namespace vueops::client {
namespace {

// botocore handlers.py, fix_route53_ids: the shapes whose values may carry a path prefix.
constexpr std::array<std::string_view, 3> kRoute53IdShapes = {"ResourceId", "DelegationSetId",
                                                              "ChangeId"};
// botocore handlers.py, _handle_200_error: the S3 operations that may fail after answering 200.
constexpr std::array<std::string_view, 3> kS3OperationsWith200Errors = {
    "CopyObject", "UploadPartCopy", "CompleteMultipartUpload"};
// How far into a 200 body S3 writes the <Error> root (after the XML declaration).
constexpr size_t kErrorRootSearchBytes = 128;
constexpr int kHttpInternalServerError = 500;
// botocore utils.py, S3RegionRedirector: answers that mean "wrong region" when they carry the
// bucket's region.
constexpr int kHttpMovedPermanently = 301;
constexpr int kHttpBadRequest = 400;
constexpr std::string_view kBucketRegionHeader = "x-amz-bucket-region";

// botocore handlers.py, _decode_policy_types: IAM's shape for URL-encoded policy documents.
constexpr std::string_view kPolicyDocumentShape = "policyDocumentType";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsRoute53IdShape(const model::Shape& shape) {
  for (std::string_view name : kRoute53IdShapes) {
    if (shape.name == name) return true;
  }
  return false;
}

// Walks `value` along `shape`, decoding every policyDocumentType string.
void DecodePolicies(const model::Shape& shape, Json& value) {
  if (shape.is_structure() && value.is_object()) {
    for (const model::Member& member : shape.members) {
      auto found = value.find(member.name);
      if (found == value.end()) continue;
      if (member.shape->type == model::ShapeType::kString &&
          member.shape->name == kPolicyDocumentShape) {
        if (!found->is_string()) continue;
        std::string decoded = PercentDecode(found->get_ref<const std::string&>());
        Result<Json> document = ParseJson(decoded);
        // botocore keeps the text when it is not JSON; so do we, decoded.
        *found = document.ok() ? std::move(document).value() : Json(std::move(decoded));
      } else {
        DecodePolicies(*member.shape, *found);
      }
    }
  } else if (shape.is_list() && value.is_array()) {
    for (Json& element : value) DecodePolicies(*shape.element.shape, element);
  } else if (shape.is_map() && value.is_object()) {
    for (auto& [key, element] : value.items()) DecodePolicies(*shape.value.shape, element);
  }
}

}  // namespace

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

void CustomizeResponse(const model::Operation& operation, http::Response& response) {
  if (response.status != 200 || operation.service == nullptr || operation.service->name() != "s3") {
    return;
  }
  bool may_fail_late = false;
  for (std::string_view name : kS3OperationsWith200Errors) may_fail_late |= operation.name == name;
  if (!may_fail_late) return;
  std::string_view head = std::string_view(response.body).substr(0, kErrorRootSearchBytes);
  if (head.find("<Error>") != std::string_view::npos) response.status = kHttpInternalServerError;
}

std::string S3RedirectRegion(const model::Operation& operation, const http::Response& response,
                             std::string_view signing_region) {
  if (operation.service == nullptr || operation.service->name() != "s3") return "";
  if (response.status != kHttpMovedPermanently && response.status != kHttpBadRequest) return "";
  const std::string* region = http::FindHeader(response.headers, kBucketRegionHeader);
  if (region == nullptr || region->empty() || *region == signing_region) return "";
  return *region;
}

Json CustomizeInput(const model::Operation& operation, Json input) {
  if (operation.service == nullptr || operation.service->name() != "route53" || !operation.input ||
      !input.is_object()) {
    return input;
  }
  for (const model::Member& member : operation.input.shape->members) {
    if (!IsRoute53IdShape(*member.shape)) continue;
    auto found = input.find(member.name);
    if (found == input.end() || !found->is_string()) continue;
    const std::string& id = found->get_ref<const std::string&>();
    size_t slash = id.rfind('/');
    if (slash != std::string::npos) *found = id.substr(slash + 1);
  }
  return input;
}

void CustomizeOutput(const model::Operation& operation, Json& output) {
  if (operation.service == nullptr) return;
  const std::string& service = operation.service->name();
  if (service == "iam" && operation.output) {
    DecodePolicies(*operation.output.shape, output);
  } else if (service == "s3" && operation.name == "GetBucketLocation" && output.is_object()) {
    auto found = output.find("LocationConstraint");
    if (found == output.end() ||
        (found->is_string() && found->get_ref<const std::string&>().empty())) {
      output["LocationConstraint"] = nullptr;
    }
  }
}

}  // namespace vueops::client
