// listener_rule: a path or host route from a listener to a target group (notes: "ELB":
// "target groups are often used to direct certain traffic to certain groups", "Create
// target groups to handle BOH, FOH, FT traffic").
//
// Attributes:
//   listener_arn      string  replace
//   priority          int     in place  1 to 50000, unique per listener (SetRulePriorities)
//   conditions        object  in place  {"path_patterns": [...], "host_headers": [...]},
//                                       each sorted; a kind left out when unused
//   target_group_arn  string  in place  where matching requests go
//   tags              object  in place  the environment's tags
// Outputs: id (the ARN), arn.
#include "resources/canonical_values.h"
#include "resources/elbv2_actions.h"
#include "resources/elbv2_describe.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"listener_arn", UpdateMode::kReplace},
    {"priority", UpdateMode::kInPlace},
    {"conditions", UpdateMode::kInPlace},
    {"target_group_arn", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

constexpr Elbv2Describe kDescribe = {"DescribeRules", "RuleArns", "Rules", "RuleArn",
                                     "RuleNotFound"};

// DescribeRules does not say which listener a rule belongs to: the record does.
Json Attributes(const Json& rule, const Json& tags, const std::string& listener_arn) {
  // The default rule's priority is "default"; vueops's rules have numbers.
  return {{"listener_arn", listener_arn},
          {"priority", IntOr(rule.value("Priority", ""), 0)},
          {"conditions", ConditionsFromAws(rule.value("Conditions", Json::array()))},
          {"target_group_arn",
           ActionFromAws(rule.value("Actions", Json::array())).value("target_group_arn", "")},
          {"tags", tags}};
}

Json Outputs(const std::string& arn) { return {{"id", arn}, {"arn", arn}}; }

Json Actions(const Json& desired) {
  return ActionToAws({{"type", "forward"}, {"target_group_arn", desired["target_group_arn"]}});
}

// The rule of `listener_arn` at `priority`, or nullopt.
Result<std::optional<Json>> RuleAt(ResourceContext& context, const std::string& listener_arn,
                                   int priority) {
  Result<Json> output = context.CallOrNotFound("elbv2", "DescribeRules",
                                               {{"ListenerArn", listener_arn}},
                                               {"ListenerNotFound"});
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  for (const Json& rule : output->value("Rules", Json::array())) {
    if (rule.value("Priority", "") == std::to_string(priority)) {
      return std::optional<Json>(rule);
    }
  }
  return std::optional<Json>();
}

class ListenerRuleType : public ResourceType {
 public:
  std::string_view name() const override { return "listener_rule"; }
  std::string_view service() const override { return "elbv2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeRules and one DescribeTags per 20 rules.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return ReadManyByArn(
        context, kDescribe, records,
        [](const state::ResourceRecord& record, const std::optional<Json>& rule,
           const Json& tags) -> Result<Json> {
          if (!rule) {
            return NotFoundError(record.address + ": listener rule " + record.id + " is gone");
          }
          return Attributes(*rule, tags, record.attributes.value("listener_arn", ""));
        });
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string listener_arn = desired.value("listener_arn", "");
    int priority = desired.value("priority", 0);
    client::CallInfo info;
    Result<Json> output = context.Call("elbv2", "CreateRule",
                                       {{"ListenerArn", listener_arn},
                                        {"Priority", priority},
                                        {"Conditions", ConditionsToAws(desired["conditions"])},
                                        {"Actions", Actions(desired)},
                                        {"Tags", context.TagList()}},
                                       &info);
    Json rule;
    if (output.ok()) {
      rule = (*output)["Rules"][0];
    } else {
      // Our own create, retried after AWS had made the rule, finds the priority taken.
      if (!info.error || info.error->code != "PriorityInUse") return output.status();
      ASSIGN_OR_RETURN(std::optional<Json> existing, RuleAt(context, listener_arn, priority));
      if (!existing) return output.status();
      ASSIGN_OR_RETURN(bool ours, Elbv2HasAddressTag(context, existing->value("RuleArn", "")));
      if (!ours) return output.status();
      rule = *existing;
    }
    std::string arn = rule.value("RuleArn", "");
    return Created{arn, Outputs(arn),
                   Attributes(rule, desired.value("tags", Json::object()), listener_arn)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("priority")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "SetRulePriorities",
                                {{"RulePriorities",
                                  {{{"RuleArn", record.id}, {"Priority", desired["priority"]}}}}})
                          .status());
    }
    if (has("conditions") || has("target_group_arn")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "ModifyRule",
                                {{"RuleArn", record.id},
                                 {"Conditions", ConditionsToAws(desired["conditions"])},
                                 {"Actions", Actions(desired)}})
                          .status());
    }
    if (has("tags")) {
      RETURN_IF_ERROR(SyncElbv2Tags(context, record.id,
                                    record.attributes.value("tags", Json::object()),
                                    desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted =
        context.CallOrNotFound("elbv2", "DeleteRule", {{"RuleArn", record.id}}, {"RuleNotFound"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  // A listener has one rule per priority.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string listener_arn = desired.value("listener_arn", "");
    ASSIGN_OR_RETURN(std::optional<Json> rule,
                     RuleAt(context, listener_arn, desired.value("priority", 0)));
    if (!rule) return std::optional<Found>();
    std::string arn = rule->value("RuleArn", "");
    ASSIGN_OR_RETURN(auto tags, UserTagsByArn(context, {arn}));
    return std::optional<Found>(Found{arn, Outputs(arn), Attributes(*rule, tags[0], listener_arn)});
  }
};

}  // namespace

const ResourceType& ListenerRule() {
  static const ListenerRuleType* type = new ListenerRuleType();
  return *type;
}

}  // namespace vueops::resources
