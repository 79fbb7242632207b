// sns_topic: an SNS topic SES publishes email notifications to (notes: "SES": "Notification
// of emails delivery/bounce can be setup via AWS GUI in SNS"). Topics in the same account as
// the SES identity need no topic policy for SES: the default policy lets the account's
// services publish (AWS:SourceOwner).
//
// Attributes:
//   name  string  replace  <stack>-<env>-<topic>
//   tags  object  create   the environment's tags, put at creation (reading them back would
//                          cost a call per topic; ListTopics answers for 100 topics at once)
// Outputs: id (ARN), arn.
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"tags", UpdateMode::kCreateOnly},
};

// The topic's name: the last part of its ARN (arn:aws:sns:region:account:name).
std::string NameOf(const std::string& arn) { return arn.substr(arn.rfind(':') + 1); }

Result<Json> ListTopicArns(ResourceContext& context) {
  Json arns = Json::array();
  std::string next;
  do {
    Json input = Json::object();
    if (!next.empty()) input["NextToken"] = next;
    ASSIGN_OR_RETURN(Json page, context.Call("sns", "ListTopics", input));
    for (const Json& topic : page.value("Topics", Json::array())) {
      arns.push_back(topic.value("TopicArn", ""));
    }
    next = page.value("NextToken", "");
  } while (!next.empty());
  return arns;
}

class SnsTopicType : public ResourceType {
 public:
  std::string_view name() const override { return "sns_topic"; }
  std::string_view service() const override { return "sns"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // ListTopics: 100 topics a call.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> arns = ListTopicArns(context);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!arns.ok()) {
        results.push_back(arns.status());
      } else if (std::find(arns->begin(), arns->end(), record->id) == arns->end()) {
        results.push_back(NotFoundError(record->address + ": topic " + record->id + " is gone"));
      } else {
        Json read = {{"name", NameOf(record->id)}};
        results.emplace_back(std::move(read));
      }
    }
    return results;
  }

  // CreateTopic is idempotent by name (SNS API Reference, CreateTopic: "If a topic with the
  // same name already exists, that topic's ARN is returned"), which a retried create relies on.
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    ASSIGN_OR_RETURN(Json output, context.Call("sns", "CreateTopic",
                                               {{"Name", desired.value("name", "")},
                                                {"Tags", context.TagList()}}));
    std::string arn = output.value("TopicArn", "");
    return Created{arn, {{"id", arn}, {"arn", arn}}, Json::object()};
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted =
        context.CallOrNotFound("sns", "DeleteTopic", {{"TopicArn", record.id}}, {"NotFound"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json arns, ListTopicArns(context));
    for (const Json& arn : arns) {
      if (NameOf(arn.get<std::string>()) == desired.value("name", "")) {
        std::string id = arn.get<std::string>();
        return std::optional<Found>(
            Found{id, {{"id", id}, {"arn", id}}, {{"name", desired.value("name", "")}}});
      }
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& SnsTopic() {
  static const SnsTopicType* type = new SnsTopicType();
  return *type;
}

}  // namespace vueops::resources
