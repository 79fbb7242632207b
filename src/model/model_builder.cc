// Reading botocore's JSON model documents into a ServiceModel.
#include <algorithm>
#include <cctype>
#include <utility>

#include "model/cli_name.h"
#include "model/service_model.h"

namespace vueops::model {
namespace {

// The protocols botocore prefers when a model lists several ("protocols"), in its order
// (botocore.args PRIORITY_ORDERED_SUPPORTED_PROTOCOLS, without the CBOR one vueops lacks).
constexpr std::pair<std::string_view, Protocol> kProtocolPriority[] = {
    {"json", Protocol::kJson},        {"rest-json", Protocol::kRestJson},
    {"rest-xml", Protocol::kRestXml}, {"query", Protocol::kQuery},
    {"ec2", Protocol::kEc2},
};

std::optional<Protocol> ProtocolFromName(std::string_view name) {
  for (const auto& [protocol_name, protocol] : kProtocolPriority) {
    if (protocol_name == name) return protocol;
  }
  return std::nullopt;
}

std::optional<ShapeType> ShapeTypeFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, ShapeType> kTypes[] = {
      {"structure", ShapeType::kStructure},
      {"list", ShapeType::kList},
      {"map", ShapeType::kMap},
      {"string", ShapeType::kString},
      {"integer", ShapeType::kInteger},
      {"long", ShapeType::kLong},
      {"float", ShapeType::kFloat},
      {"double", ShapeType::kDouble},
      {"boolean", ShapeType::kBoolean},
      {"timestamp", ShapeType::kTimestamp},
      {"blob", ShapeType::kBlob},
  };
  for (const auto& [type_name, type] : kTypes) {
    if (type_name == name) return type;
  }
  return std::nullopt;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

// Builds a ServiceModel from botocore-format JSON. Templated on the JSON type so that
// caller-supplied documents (ordered_json) and embedded ones (std::map-backed json, which
// parses three times faster) share one reader. Never throws: every access checks the type
// first.
template <typename JsonType>
class ModelBuilder {
 public:
  ModelBuilder(std::string_view name, const JsonType& service, const JsonType& paginators,
               const JsonType& waiters)
      : service_(service), paginators_(paginators), waiters_(waiters) {
    model_.reset(new ServiceModel());
    model_->name_ = std::string(name);
  }

  Result<std::unique_ptr<ServiceModel>> Build() {
    if (!service_.is_object()) return Invalid("the service model is not a JSON object");
    RETURN_IF_ERROR(BuildMetadata());
    RETURN_IF_ERROR(BuildShapes());
    RETURN_IF_ERROR(BuildOperations());
    RETURN_IF_ERROR(BuildPaginators());
    RETURN_IF_ERROR(BuildWaiters());
    return std::move(model_);
  }

 private:
  Status Invalid(std::string message) const {
    return InvalidArgumentError("service model " + model_->name_ + ": " + message);
  }

  static const JsonType* Find(const JsonType& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }
  static std::string String(const JsonType& object, std::string_view key) {
    const JsonType* value = Find(object, key);
    return value != nullptr && value->is_string() ? value->template get<std::string>()
                                                  : std::string();
  }
  static bool Bool(const JsonType& object, std::string_view key) {
    const JsonType* value = Find(object, key);
    return value != nullptr && value->is_boolean() && value->template get<bool>();
  }
  static std::optional<double> Number(const JsonType& object, std::string_view key) {
    const JsonType* value = Find(object, key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->template get<double>();
  }
  static std::vector<std::string> Strings(const JsonType* array) {
    std::vector<std::string> strings;
    if (array == nullptr || !array->is_array()) return strings;
    for (const JsonType& element : *array) {
      if (element.is_string()) strings.push_back(element.template get<std::string>());
    }
    return strings;
  }
  // A string or a list of strings, as paginator tokens and result keys may be.
  static std::vector<std::string> StringOrStrings(const JsonType* value) {
    if (value != nullptr && value->is_string()) return {value->template get<std::string>()};
    return Strings(value);
  }
  // Calls f(name, member) for each structure member, whether "members" is an object
  // (botocore's files) or a list of [name, member] pairs (the embedded form).
  template <typename F>
  static void ForEachMember(const JsonType& members, F&& f) {
    if (members.is_object()) {
      for (auto it = members.begin(); it != members.end(); ++it) f(it.key(), it.value());
    } else if (members.is_array()) {
      for (const JsonType& pair : members) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) {
          f(pair[0].template get<std::string>(), pair[1]);
        }
      }
    }
  }

  Status BuildMetadata() {
    const JsonType* metadata = Find(service_, "metadata");
    if (metadata == nullptr || !metadata->is_object()) return Invalid("no metadata");
    ServiceMetadata& m = model_->metadata_;
    std::optional<Protocol> protocol;
    std::vector<std::string> protocols = Strings(Find(*metadata, "protocols"));
    for (const auto& [name, candidate] : kProtocolPriority) {
      if (std::find(protocols.begin(), protocols.end(), name) != protocols.end()) {
        protocol = candidate;
        break;
      }
    }
    std::string protocol_name = String(*metadata, "protocol");
    if (!protocol) protocol = ProtocolFromName(protocol_name);
    if (!protocol) return Invalid("protocol '" + protocol_name + "' is not supported");
    m.protocol = *protocol;
    m.api_version = String(*metadata, "apiVersion");
    m.endpoint_prefix = String(*metadata, "endpointPrefix");
    m.signing_name = String(*metadata, "signingName");
    if (m.signing_name.empty()) m.signing_name = m.endpoint_prefix;
    m.service_id = String(*metadata, "serviceId");
    m.service_full_name = String(*metadata, "serviceFullName");
    m.service_abbreviation = String(*metadata, "serviceAbbreviation");
    m.json_version = String(*metadata, "jsonVersion");
    m.target_prefix = String(*metadata, "targetPrefix");
    m.global_endpoint = String(*metadata, "globalEndpoint");
    m.signature_version = String(*metadata, "signatureVersion");
    m.xml_namespace = String(*metadata, "xmlNamespace");
    m.checksum_format = String(*metadata, "checksumFormat");
    m.query_compatible = Find(*metadata, "awsQueryCompatible") != nullptr;
    m.auth = Strings(Find(*metadata, "auth"));
    m.uid = String(*metadata, "uid");
    return Status::Ok();
  }

  // Overlays the serialization traits present in `object` (a shape or a reference). Walks
  // the object's few keys rather than looking each trait up: this runs for every one of the
  // ~30,000 references of EC2's model.
  static void ReadTraits(const JsonType& object, Traits& traits) {
    if (!object.is_object()) return;
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& key = it.key();
      const JsonType& value = it.value();
      if (value.is_boolean()) {
        bool flag = value.template get<bool>();
        if (key == "flattened")
          traits.flattened = flag;
        else if (key == "xmlAttribute")
          traits.xml_attribute = flag;
        else if (key == "jsonvalue")
          traits.json_value = flag;
        else if (key == "idempotencyToken")
          traits.idempotency_token = flag;
        else if (key == "hostLabel")
          traits.host_label = flag;
        else if (key == "streaming")
          traits.streaming = flag;
        else if (key == "eventstream")
          traits.event_stream = flag;
        else if (key == "event")
          traits.event = flag;
        else if (key == "eventheader")
          traits.event_header = flag;
        else if (key == "eventpayload")
          traits.event_payload = flag;
        else if (key == "deprecated")
          traits.deprecated = flag;
        continue;
      }
      if (key == "xmlNamespace") {
        if (value.is_string()) {
          traits.has_xml_namespace = true;
          traits.xml_namespace_prefix.clear();
          traits.xml_namespace_uri = value.template get<std::string>();
        } else if (value.is_object()) {
          traits.has_xml_namespace = true;
          traits.xml_namespace_prefix = String(value, "prefix");
          traits.xml_namespace_uri = String(value, "uri");
        }
        continue;
      }
      if (!value.is_string()) continue;
      const std::string& text = value.template get_ref<const std::string&>();
      if (key == "locationName") {
        traits.location_name = text;
      } else if (key == "location") {
        if (text == "header") traits.location = Location::kHeader;
        if (text == "headers") traits.location = Location::kHeaders;
        if (text == "querystring") traits.location = Location::kQueryString;
        if (text == "uri") traits.location = Location::kUri;
        if (text == "statusCode") traits.location = Location::kStatusCode;
      } else if (key == "queryName") {
        traits.query_name = text;
      } else if (key == "resultWrapper") {
        traits.result_wrapper = text;
      } else if (key == "timestampFormat") {
        if (EqualsIgnoreCase(text, "iso8601")) traits.timestamp_format = TimestampFormat::kIso8601;
        if (EqualsIgnoreCase(text, "rfc822")) traits.timestamp_format = TimestampFormat::kRfc822;
        if (EqualsIgnoreCase(text, "unixTimestamp")) {
          traits.timestamp_format = TimestampFormat::kUnixTimestamp;
        }
      }
    }
  }

  // Fills `out` from {"shape": name, ...traits}: the shape with its traits overlaid by the
  // reference's (botocore's ShapeResolver.resolve_shape_ref). False for an unknown shape.
  bool ResolveRef(const JsonType& ref, ShapeRef& out) const {
    const JsonType* target = Find(ref, "shape");
    if (target == nullptr || !target->is_string()) return false;
    auto it = model_->shapes_by_name_.find(target->template get_ref<const std::string&>());
    if (it == model_->shapes_by_name_.end()) return false;
    out.shape = it->second;
    out.traits = it->second->traits;
    ReadTraits(ref, out.traits);
    return true;
  }

  // The error for a reference ResolveRef refused; `where` names the reference.
  Status UnknownShape(const JsonType& ref, const std::string& where) const {
    return Invalid(where + " refers to an unknown shape '" + String(ref, "shape") + "'");
  }

  Status BuildShapes() {
    const JsonType* shapes = Find(service_, "shapes");
    if (shapes == nullptr) return Status::Ok();
    if (!shapes->is_object()) return Invalid("\"shapes\" is not an object");
    std::vector<Shape>& all = model_->shapes_;
    all.reserve(shapes->size());
    // Pass 1: every shape with its own traits, so references can copy them in pass 2.
    for (auto it = shapes->begin(); it != shapes->end(); ++it) {
      const JsonType& json = it.value();
      std::string type_name = String(json, "type");
      std::optional<ShapeType> type = ShapeTypeFromName(type_name);
      if (!type) {
        return Invalid("shape " + it.key() + " has unsupported type '" + type_name + "'");
      }
      Shape& shape = all.emplace_back();
      shape.name = it.key();
      shape.type = *type;
      ReadTraits(json, shape.traits);
      shape.min = Number(json, "min");
      shape.max = Number(json, "max");
      shape.enum_values = Strings(Find(json, "enum"));
      shape.sensitive = Bool(json, "sensitive");
      shape.deprecated = Bool(json, "deprecated");
      shape.is_union = Bool(json, "union");
      shape.is_document = Bool(json, "document");
      shape.is_exception = Bool(json, "exception");
      shape.is_fault = Bool(json, "fault");
    }
    for (const Shape& shape : all) model_->shapes_by_name_.emplace(shape.name, &shape);
    // Pass 2: references, members and error metadata.
    size_t index = 0;
    for (auto it = shapes->begin(); it != shapes->end(); ++it, ++index) {
      RETURN_IF_ERROR(FillShape(all[index], it.value()));
    }
    for (const Shape& shape : all) {
      if (shape.is_exception) model_->errors_by_code_.emplace(shape.error_code, &shape);
    }
    return Status::Ok();
  }

  Status FillShape(Shape& shape, const JsonType& json) {
    // Built only when a message needs it: this runs for every shape.
    auto context_of = [&shape] { return "shape " + shape.name; };
    switch (shape.type) {
      case ShapeType::kStructure: {
        Status status;
        if (const JsonType* members = Find(json, "members")) {
          ForEachMember(*members, [&](const std::string& name, const JsonType& ref) {
            if (!status.ok()) return;
            Member& member = shape.members.emplace_back();
            if (!ResolveRef(ref, member)) {
              status = UnknownShape(ref, context_of() + "." + name);
              return;
            }
            member.name = name;
            if (const JsonType* param = Find(ref, "contextParam")) {
              member.context_param = String(*param, "name");
            }
          });
        }
        RETURN_IF_ERROR(status);
        for (const std::string& required : Strings(Find(json, "required"))) {
          for (Member& member : shape.members) {
            if (member.name == required) member.required = true;
          }
        }
        if (std::string payload = String(json, "payload"); !payload.empty()) {
          shape.payload = shape.FindMember(payload);
          if (shape.payload == nullptr) {
            return Invalid(context_of() + " names an unknown payload member '" + payload + "'");
          }
        }
        if (shape.is_exception) {
          const JsonType* error = Find(json, "error");
          shape.error_code = error ? String(*error, "code") : std::string();
          if (shape.error_code.empty()) shape.error_code = shape.name;
          if (error != nullptr) {
            shape.error_http_status =
                static_cast<int>(Number(*error, "httpStatusCode").value_or(0));
            if (const JsonType* sender = Find(*error, "senderFault");
                sender && sender->is_boolean()) {
              shape.error_sender_fault = sender->template get<bool>();
            }
          }
        }
        return Status::Ok();
      }
      case ShapeType::kList: {
        const JsonType* element = Find(json, "member");
        if (element == nullptr) return Invalid(context_of() + " is a list without \"member\"");
        if (!ResolveRef(*element, shape.element))
          return UnknownShape(*element, context_of() + ".member");
        return Status::Ok();
      }
      case ShapeType::kMap: {
        const JsonType* key = Find(json, "key");
        const JsonType* value = Find(json, "value");
        if (key == nullptr || value == nullptr) {
          return Invalid(context_of() + " is a map without \"key\" and \"value\"");
        }
        if (!ResolveRef(*key, shape.key)) return UnknownShape(*key, context_of() + ".key");
        if (!ResolveRef(*value, shape.value)) return UnknownShape(*value, context_of() + ".value");
        return Status::Ok();
      }
      default: return Status::Ok();
    }
  }

  Status BuildOperations() {
    const JsonType* operations = Find(service_, "operations");
    if (operations == nullptr) return Status::Ok();
    if (!operations->is_object()) return Invalid("\"operations\" is not an object");
    std::vector<Operation>& all = model_->operations_;
    all.reserve(operations->size());
    for (auto it = operations->begin(); it != operations->end(); ++it) {
      const JsonType& json = it.value();
      Operation& op = all.emplace_back();
      op.name = it.key();
      op.wire_name = String(json, "name");
      if (op.wire_name.empty()) op.wire_name = op.name;
      op.cli_name = CliName(op.name);
      std::string context = "operation " + op.name;
      if (const JsonType* http = Find(json, "http")) {
        if (std::string method = String(*http, "method"); !method.empty()) op.http_method = method;
        if (std::string uri = String(*http, "requestUri"); !uri.empty()) op.request_uri = uri;
        op.response_code = static_cast<int>(Number(*http, "responseCode").value_or(200));
      }
      if (const JsonType* input = Find(json, "input")) {
        if (!ResolveRef(*input, op.input)) return UnknownShape(*input, context + " input");
      }
      if (const JsonType* output = Find(json, "output")) {
        if (!ResolveRef(*output, op.output)) return UnknownShape(*output, context + " output");
      }
      if (const JsonType* errors = Find(json, "errors"); errors && errors->is_array()) {
        for (const JsonType& error : *errors) {
          ShapeRef ref;
          if (!ResolveRef(error, ref)) return UnknownShape(error, context + " error");
          op.errors.push_back(ref.shape);
        }
      }
      if (const JsonType* endpoint = Find(json, "endpoint")) {
        op.host_prefix = String(*endpoint, "hostPrefix");
      }
      op.auth_type = String(json, "authtype");
      op.auth = Strings(Find(json, "auth"));
      op.unsigned_payload = Bool(json, "unsignedPayload");
      op.http_checksum_required = Bool(json, "httpChecksumRequired");
      if (const JsonType* checksum = Find(json, "httpChecksum")) {
        op.http_checksum.request_algorithm_member = String(*checksum, "requestAlgorithmMember");
        op.http_checksum.request_checksum_required = Bool(*checksum, "requestChecksumRequired");
        op.http_checksum.request_validation_mode_member =
            String(*checksum, "requestValidationModeMember");
        op.http_checksum.response_algorithms = Strings(Find(*checksum, "responseAlgorithms"));
      }
      if (const JsonType* compression = Find(json, "requestcompression")) {
        op.request_compression = Strings(Find(*compression, "encodings"));
      }
      op.deprecated = Bool(json, "deprecated");
      op.idempotent = Bool(json, "idempotent");
      if (const JsonType* params = Find(json, "staticContextParams")) {
        op.static_context_params = Json(*params);
      }
      op.service = model_.get();
    }
    std::sort(all.begin(), all.end(),
              [](const Operation& a, const Operation& b) { return a.name < b.name; });
    for (const Operation& op : all) {
      model_->operations_by_name_.emplace(op.name, &op);
      model_->operations_by_name_.emplace(op.cli_name, &op);
    }
    return Status::Ok();
  }

  Result<jmespath::Expression> Compile(const std::string& text, const std::string& context) const {
    Result<jmespath::Expression> compiled = jmespath::Expression::Compile(text);
    if (!compiled.ok())
      return compiled.status().WithContext("service model " + model_->name_ + ": " + context);
    return compiled;
  }

  Status BuildPaginators() {
    if (!paginators_.is_object()) return Status::Ok();
    std::vector<PaginatorConfig>& all = model_->paginators_;
    all.reserve(paginators_.size());
    for (auto it = paginators_.begin(); it != paginators_.end(); ++it) {
      const JsonType& json = it.value();
      std::string context = "paginator " + it.key();
      PaginatorConfig& config = all.emplace_back();
      config.operation = it.key();
      config.input_tokens = StringOrStrings(Find(json, "input_token"));
      for (const std::string& token : StringOrStrings(Find(json, "output_token"))) {
        ASSIGN_OR_RETURN(auto expression, Compile(token, context));
        config.output_tokens.push_back(std::move(expression));
      }
      if (config.input_tokens.size() != config.output_tokens.size()) {
        return Invalid(context + " has " + std::to_string(config.input_tokens.size()) +
                       " input tokens but " + std::to_string(config.output_tokens.size()) +
                       " output tokens");
      }
      config.limit_key = String(json, "limit_key");
      if (std::string more = String(json, "more_results"); !more.empty()) {
        ASSIGN_OR_RETURN(config.more_results, Compile(more, context));
      }
      for (const std::string& key : StringOrStrings(Find(json, "result_key"))) {
        ASSIGN_OR_RETURN(auto expression, Compile(key, context));
        config.result_keys.push_back(std::move(expression));
      }
      for (const std::string& key : Strings(Find(json, "non_aggregate_keys"))) {
        ASSIGN_OR_RETURN(auto expression, Compile(key, context));
        config.non_aggregate_keys.push_back(std::move(expression));
      }
    }
    for (const PaginatorConfig& config : all) {
      model_->paginators_by_operation_.emplace(config.operation, &config);
    }
    return Status::Ok();
  }

  Status BuildWaiters() {
    if (!waiters_.is_object()) return Status::Ok();
    std::vector<WaiterConfig>& all = model_->waiters_;
    all.reserve(waiters_.size());
    for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
      const JsonType& json = it.value();
      std::string context = "waiter " + it.key();
      WaiterConfig& config = all.emplace_back();
      config.name = it.key();
      config.operation = String(json, "operation");
      config.description = String(json, "description");
      config.delay_seconds = static_cast<int>(Number(json, "delay").value_or(config.delay_seconds));
      config.max_attempts =
          static_cast<int>(Number(json, "maxAttempts").value_or(config.max_attempts));
      const JsonType* acceptors = Find(json, "acceptors");
      if (acceptors == nullptr || !acceptors->is_array()) {
        return Invalid(context + " has no acceptors");
      }
      for (const JsonType& acceptor_json : *acceptors) {
        WaiterAcceptor& acceptor = config.acceptors.emplace_back();
        std::string state = String(acceptor_json, "state");
        if (state == "success") {
          acceptor.state = WaiterAcceptor::State::kSuccess;
        } else if (state == "failure") {
          acceptor.state = WaiterAcceptor::State::kFailure;
        } else if (state == "retry") {
          acceptor.state = WaiterAcceptor::State::kRetry;
        } else {
          return Invalid(context + " has an acceptor with unknown state '" + state + "'");
        }
        std::string matcher = String(acceptor_json, "matcher");
        using Matcher = WaiterAcceptor::Matcher;
        static constexpr std::pair<std::string_view, Matcher> kMatchers[] = {
            {"path", Matcher::kPath},       {"pathAll", Matcher::kPathAll},
            {"pathAny", Matcher::kPathAny}, {"status", Matcher::kStatus},
            {"error", Matcher::kError},
        };
        auto found = std::find_if(std::begin(kMatchers), std::end(kMatchers),
                                  [&](const auto& entry) { return entry.first == matcher; });
        if (found == std::end(kMatchers)) {
          return Invalid(context + " has an acceptor with unknown matcher '" + matcher + "'");
        }
        acceptor.matcher = found->second;
        if (const JsonType* expected = Find(acceptor_json, "expected")) {
          acceptor.expected = Json(*expected);
        }
        if (acceptor.matcher == Matcher::kPath || acceptor.matcher == Matcher::kPathAll ||
            acceptor.matcher == Matcher::kPathAny) {
          ASSIGN_OR_RETURN(acceptor.argument, Compile(String(acceptor_json, "argument"), context));
        }
      }
    }
    std::sort(all.begin(), all.end(),
              [](const WaiterConfig& a, const WaiterConfig& b) { return a.name < b.name; });
    return Status::Ok();
  }

  const JsonType& service_;
  const JsonType& paginators_;
  const JsonType& waiters_;
  std::unique_ptr<ServiceModel> model_;
};

Result<std::unique_ptr<ServiceModel>> ServiceModel::FromJson(std::string_view name,
                                                             const Json& service,
                                                             const Json& paginators,
                                                             const Json& waiters) {
  return ModelBuilder<Json>(name, service, paginators, waiters).Build();
}

Result<std::unique_ptr<ServiceModel>> ServiceModel::FromEmbeddedDocument(std::string_view name,
                                                                         std::string_view text) {
  // The embedded document is read with the std::map-backed json; parse(..., false) reports
  // a syntax error as a "discarded" value instead of throwing.
  nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return DataLossError("embedded model of " + std::string(name) + " is not valid JSON");
  }
  static const nlohmann::json kEmpty = nlohmann::json::object();
  auto part = [&](const char* key) -> const nlohmann::json& {
    auto it = document.find(key);
    return it == document.end() ? kEmpty : *it;
  };
  return ModelBuilder<nlohmann::json>(name, part("service"), part("paginators"), part("waiters"))
      .Build();
}

}  // namespace vueops::model
