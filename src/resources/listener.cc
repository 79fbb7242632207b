// listener: a port the load balancer answers on (notes: "ELB": "80 and 443 open, both
// passing to 80, so SSL is terminated at ELB"; "Load certificates into 443 listener (ACM
// easiest)"; "only the root certificate is terminated at ELB listener").
//
// Attributes:
//   load_balancer_arn  string  replace
//   port               int     in place
//   protocol           string  in place  "HTTP" or "HTTPS"
//   certificate_arn    string  in place  HTTPS: the issued certificate (a reference to its
//                                        certificate_validation, so the listener waits for
//                                        the issue); "" for HTTP
//   ssl_policy         string  in place  HTTPS: the security policy; "" for HTTP
//   default_action     object  in place  forward to a target group, or redirect (see
//                                        elbv2_actions.h)
//   tags               object  in place  the environment's tags
// Outputs: id (the ARN), arn.
#include "resources/elbv2_actions.h"
#include "resources/elbv2_describe.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"load_balancer_arn", UpdateMode::kReplace},
    {"port", UpdateMode::kInPlace},
    {"protocol", UpdateMode::kInPlace},
    {"certificate_arn", UpdateMode::kInPlace},
    {"ssl_policy", UpdateMode::kInPlace},
    {"default_action", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

constexpr Elbv2Describe kDescribe = {"DescribeListeners", "ListenerArns", "Listeners",
                                     "ListenerArn", "ListenerNotFound"};

// Protocols whose listeners terminate TLS and so have a certificate and a security policy
// (ELB API reference, Listener: SslPolicy and Certificates are "[HTTPS or TLS listener]").
bool TerminatesTls(const std::string& protocol) { return protocol == "HTTPS" || protocol == "TLS"; }

Json Attributes(const Json& listener, const Json& tags) {
  std::string protocol = listener.value("Protocol", "");
  std::string certificate;
  std::string ssl_policy;
  // A plain HTTP listener has neither, whatever an endpoint reports (moto 5 gives every
  // listener the default policy), so the spec's "" is what it reads as.
  if (TerminatesTls(protocol)) {
    for (const Json& entry : listener.value("Certificates", Json::array())) {
      // DescribeListeners lists the default certificate only.
      if (certificate.empty()) certificate = entry.value("CertificateArn", "");
    }
    ssl_policy = listener.value("SslPolicy", "");
  }
  return {{"load_balancer_arn", listener.value("LoadBalancerArn", "")},
          {"port", listener.value("Port", 0)},
          {"protocol", protocol},
          {"certificate_arn", certificate},
          {"ssl_policy", ssl_policy},
          {"default_action", ActionFromAws(listener.value("DefaultActions", Json::array()))},
          {"tags", tags}};
}

Json Outputs(const std::string& arn) { return {{"id", arn}, {"arn", arn}}; }

// Port, protocol, TLS settings and default action, as CreateListener and ModifyListener
// take them.
Json ListenerInput(const Json& desired) {
  Json input = {{"Port", desired["port"]},
                {"Protocol", desired["protocol"]},
                {"DefaultActions", ActionToAws(desired["default_action"])}};
  if (TerminatesTls(desired.value("protocol", ""))) {
    input["SslPolicy"] = desired["ssl_policy"];
    input["Certificates"] = {{{"CertificateArn", desired["certificate_arn"]}}};
  }
  return input;
}

class ListenerType : public ResourceType {
 public:
  std::string_view name() const override { return "listener"; }
  std::string_view service() const override { return "elbv2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeListeners and one DescribeTags per 20 listeners.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return ReadManyByArn(
        context, kDescribe, records,
        [](const state::ResourceRecord& record, const std::optional<Json>& listener,
           const Json& tags) -> Result<Json> {
          if (!listener) {
            return NotFoundError(record.address + ": listener " + record.id + " is gone");
          }
          return Attributes(*listener, tags);
        });
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    // CreateListener is idempotent: the same port and settings answer with the same one.
    Json input = ListenerInput(desired);
    input["LoadBalancerArn"] = desired["load_balancer_arn"];
    input["Tags"] = context.TagList();
    ASSIGN_OR_RETURN(Json output, context.Call("elbv2", "CreateListener", input));
    const Json& listener = output["Listeners"][0];
    std::string arn = listener.value("ListenerArn", "");
    return Created{arn, Outputs(arn), Attributes(listener, desired.value("tags", Json::object()))};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    bool settings = false;
    for (const std::string& attribute : changed) settings = settings || attribute != "tags";
    if (settings) {
      Json input = ListenerInput(desired);
      input["ListenerArn"] = record.id;
      RETURN_IF_ERROR(context.Call("elbv2", "ModifyListener", input).status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      RETURN_IF_ERROR(SyncElbv2Tags(context, record.id,
                                    record.attributes.value("tags", Json::object()),
                                    desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted = context.CallOrNotFound(
        "elbv2", "DeleteListener", {{"ListenerArn", record.id}}, {"ListenerNotFound"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  // A load balancer has one listener per port.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> output = context.CallOrNotFound(
        "elbv2", "DescribeListeners", {{"LoadBalancerArn", desired.value("load_balancer_arn", "")}},
        {"LoadBalancerNotFound"});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return output.status();
    }
    for (const Json& listener : output->value("Listeners", Json::array())) {
      if (listener.value("Port", 0) != desired.value("port", -1)) continue;
      std::string arn = listener.value("ListenerArn", "");
      ASSIGN_OR_RETURN(auto tags, UserTagsByArn(context, {arn}));
      return std::optional<Found>(Found{arn, Outputs(arn), Attributes(listener, tags[0])});
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& Listener() {
  static const ListenerType* type = new ListenerType();
  return *type;
}

}  // namespace vueops::resources
