// A botocore service model (service-2.json + paginators-1.json + waiters-2.json) resolved
// into plain structs: metadata, operations, shapes, paginators and waiters.
//
// Built once per service (see model_registry.h for the embedded ones) and then read-only:
// every pointer handed out stays valid, and reads are safe from any thread, for the
// model's lifetime.
#ifndef VUEOPS_MODEL_SERVICE_MODEL_H_
#define VUEOPS_MODEL_SERVICE_MODEL_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "model/paginator.h"
#include "model/shape.h"
#include "model/waiter.h"

namespace vueops::model {

// The wire protocols vueops speaks.
enum class Protocol { kQuery, kEc2, kJson, kRestJson, kRestXml };

// "query", "ec2", "json", "rest-json", "rest-xml".
std::string_view ProtocolName(Protocol protocol);

struct ServiceMetadata {
  Protocol protocol = Protocol::kQuery;
  std::string api_version;      // "2016-11-15"
  std::string endpoint_prefix;  // "ec2": the host label of the service's endpoints
  std::string signing_name;     // SigV4 service name; endpointPrefix when not modeled
  std::string service_id;       // "EC2": the AWS_ENDPOINT_URL_<SERVICE> key, upper-cased
  std::string service_full_name;
  std::string service_abbreviation;
  std::string json_version;       // json protocol: "1.0" or "1.1"
  std::string target_prefix;      // json protocol: X-Amz-Target is "<prefix>.<operation>"
  std::string global_endpoint;    // "iam.amazonaws.com" for partition-global services
  std::string signature_version;  // "v4", "s3", "s3v4"
  std::string xml_namespace;      // query protocol responses' namespace
  std::string checksum_format;    // "md5" (S3)
  bool query_compatible = false;  // awsQueryCompatible: errors carry x-amzn-query-error
  std::vector<std::string> auth;  // "aws.auth#sigv4", ...
  std::string uid;
};

// The flexible-checksum trait of an operation (httpChecksum).
struct HttpChecksum {
  std::string request_algorithm_member;  // input member naming the algorithm, or ""
  bool request_checksum_required = false;
  std::string request_validation_mode_member;
  std::vector<std::string> response_algorithms;
};

class ServiceModel;

struct Operation {
  std::string name;  // API name: "CreateSecurityGroup" (the key in "operations")
  // The model's "name", which differs from the API name for a few operations
  // ("CreateDistribution2020_05_31"); botocore's serializers use the API name.
  std::string wire_name;
  std::string cli_name;  // AWS CLI name: "create-security-group"
  std::string http_method = "POST";
  std::string request_uri = "/";  // may hold {Labels} and a static query ("?acl")
  int response_code = 200;
  ShapeRef input;   // shape == nullptr when the operation takes no input
  ShapeRef output;  // shape == nullptr when it returns nothing modeled
  std::vector<const Shape*> errors;
  std::string host_prefix;  // endpoint.hostPrefix, e.g. "{AccountId}." or ""
  // The signing variant: "v4", "v4-unsigned-body", "none", "bearer", or "" (the service's).
  std::string auth_type;
  std::vector<std::string> auth;        // the newer "auth" list, when modeled
  bool unsigned_payload = false;        // "unsignedPayload": sign without hashing the body
  bool http_checksum_required = false;  // Content-MD5 (or a flexible checksum) is mandatory
  HttpChecksum http_checksum;
  std::vector<std::string> request_compression;  // encodings the service accepts
  bool deprecated = false;
  bool idempotent = false;
  Json static_context_params;  // for endpoint rules; null when absent
  const ServiceModel* service = nullptr;

  // True when a member of `input` is a streaming blob or string payload.
  bool has_streaming_input() const;
  // True when the output payload is an event stream (not supported by vueops' parsers).
  bool has_event_stream_output() const;
};

class ServiceModel {
 public:
  // Builds a model from botocore-format documents: `service` is service-2.json (with
  // "metadata", "operations" and "shapes"), `paginators` the "pagination" object of
  // paginators-1.json and `waiters` the "waiters" object of waiters-2.json (either may be
  // null or empty). Fails (kInvalidArgument) on anything the client could not use: an
  // unknown shape type, a dangling shape reference, an unsupported protocol, an invalid
  // JMESPath expression.
  static Result<std::unique_ptr<ServiceModel>> FromJson(std::string_view name, const Json& service,
                                                        const Json& paginators = Json(),
                                                        const Json& waiters = Json());

  // Builds a model from the embedded document {"service", "paginators", "waiters"} as
  // scripts/embed-models.py writes it (members as [name, member] pairs).
  static Result<std::unique_ptr<ServiceModel>> FromEmbeddedDocument(std::string_view name,
                                                                    std::string_view text);

  ServiceModel(const ServiceModel&) = delete;
  ServiceModel& operator=(const ServiceModel&) = delete;
  ~ServiceModel();

  const std::string& name() const { return name_; }  // "ec2"
  const ServiceMetadata& metadata() const { return metadata_; }

  // Operations sorted by API name.
  std::span<const Operation> operations() const { return operations_; }
  // By API name ("CreateSecurityGroup") or AWS CLI name ("create-security-group");
  // nullptr when neither matches.
  const Operation* FindOperation(std::string_view name) const;
  // FindOperation, or kNotFound: "ec2 has no operation 'create-security-grup'; did you mean
  // 'create-security-group'?"
  Result<const Operation*> GetOperation(std::string_view name) const;

  const Shape* FindShape(std::string_view name) const;
  // The exception shape whose error code is `code` (error.code, else its name), or nullptr.
  const Shape* FindErrorShape(std::string_view code) const;

  // The paginator of operation `operation_name` (API name), or nullptr.
  const PaginatorConfig* FindPaginator(std::string_view operation_name) const;
  // Waiters sorted by name.
  std::span<const WaiterConfig> waiters() const { return waiters_; }
  // By name ("InstanceRunning") or CLI name ("instance-running"); nullptr if unknown.
  const WaiterConfig* FindWaiter(std::string_view name) const;
  // FindWaiter, or kNotFound with a "did you mean".
  Result<const WaiterConfig*> GetWaiter(std::string_view name) const;

 private:
  template <typename JsonType>
  friend class ModelBuilder;
  ServiceModel() = default;

  std::string name_;
  ServiceMetadata metadata_;
  std::vector<Shape> shapes_;  // never resized after construction: pointers into it are stable
  std::unordered_map<std::string_view, const Shape*> shapes_by_name_;
  std::unordered_map<std::string_view, const Shape*> errors_by_code_;
  std::vector<Operation> operations_;
  std::unordered_map<std::string_view, const Operation*> operations_by_name_;  // both names
  std::vector<PaginatorConfig> paginators_;
  std::unordered_map<std::string_view, const PaginatorConfig*> paginators_by_operation_;
  std::vector<WaiterConfig> waiters_;
};

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_SERVICE_MODEL_H_
