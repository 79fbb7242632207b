// ses_identity: a domain or an address SES sends from (notes: "SES": "To send emails from
// addresses, SES email must be verified"), made with SES v2's CreateEmailIdentity. A domain
// gets Easy DKIM: its three DKIM tokens are outputs, and the DNS pass publishes them as CNAME
// records when the domain is one of the environment's zones, which is how SES v2 verifies a
// domain. An address is verified when its owner follows the link SES mails to it.
//
// Bounce, complaint and delivery notifications go to SNS topics (notes: "Notification of
// emails delivery/bounce can be setup via AWS GUI in SNS"), set with SES v1's
// SetIdentityNotificationTopic, the identity-level setting (SES v2 has configuration sets
// instead).
//
// Attributes:
//   identity         string  replace   the domain or the address
//   bounce_topic     string  in place  SNS topic ARN, "" for none
//   complaint_topic  string  in place
//   delivery_topic   string  in place
//   tags             object  create    the environment's tags, put at creation (reading them
//                                      back would cost a call per identity)
// Outputs: id (the identity), dkim_tokens, dkim_token_1 .. dkim_token_3 (domains).
#include <algorithm>

#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"identity", UpdateMode::kReplace},        {"bounce_topic", UpdateMode::kInPlace},
    {"complaint_topic", UpdateMode::kInPlace}, {"delivery_topic", UpdateMode::kInPlace},
    {"tags", UpdateMode::kCreateOnly},
};

// The notification types and the attribute of each (SES API Reference,
// SetIdentityNotificationTopic, NotificationType).
struct Notification {
  std::string_view type;
  std::string_view attribute;
  std::string_view topic_member;  // in GetIdentityNotificationAttributes
};
constexpr Notification kNotifications[] = {
    {"Bounce", "bounce_topic", "BounceTopic"},
    {"Complaint", "complaint_topic", "ComplaintTopic"},
    {"Delivery", "delivery_topic", "DeliveryTopic"},
};

// SES API Reference, GetIdentityVerificationAttributes and GetIdentityNotificationAttributes:
// "You can ... specify up to 100 identities at a time".
constexpr size_t kIdentitiesPerCall = 100;

bool IsDomain(const std::string& identity) { return identity.find('@') == std::string::npos; }

Json Outputs(const std::string& identity, const Json& tokens) {
  Json outputs = {{"id", identity}, {"dkim_tokens", tokens}};
  for (size_t i = 0; i < tokens.size(); ++i) {
    outputs["dkim_token_" + std::to_string(i + 1)] = tokens[i];
  }
  return outputs;
}

// The DKIM tokens of a domain identity: from SES v2's answer when it has them, else from SES
// v1's GetIdentityDkimAttributes, which gives the same Easy DKIM tokens.
Result<Json> DkimTokens(ResourceContext& context, const std::string& identity,
                        const Json& v2_answer) {
  Json tokens = v2_answer.value("DkimAttributes", Json::object()).value("Tokens", Json::array());
  if (!tokens.empty() || !IsDomain(identity)) return tokens;
  ASSIGN_OR_RETURN(Json output,
                   context.Call("ses", "GetIdentityDkimAttributes", {{"Identities", {identity}}}));
  return output.value("DkimAttributes", Json::object())
      .value(identity, Json::object())
      .value("DkimTokens", Json::array());
}

Status SetTopic(ResourceContext& context, const std::string& identity, std::string_view type,
                const std::string& topic) {
  Json input = {{"Identity", identity}, {"NotificationType", type}};
  if (!topic.empty()) input["SnsTopic"] = topic;  // none: the topic is unset
  return context.Call("ses", "SetIdentityNotificationTopic", input).status();
}

class SesIdentityType : public ResourceType {
 public:
  std::string_view name() const override { return "ses_identity"; }
  std::string_view service() const override { return "sesv2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // Two calls per 100 identities, naming exactly the identities wanted (however many others
  // the account verifies at run time): GetIdentityVerificationAttributes, which leaves out
  // the identities that do not exist, and GetIdentityNotificationAttributes, their topics.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::vector<Result<Json>> results;
    for (size_t start = 0; start < records.size(); start += kIdentitiesPerCall) {
      size_t end = std::min(records.size(), start + kIdentitiesPerCall);
      ReadBatch(context, records.subspan(start, end - start), &results);
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string identity = desired.value("identity", "");
    client::CallInfo info;
    Result<Json> created =
        context.Call("sesv2", "CreateEmailIdentity",
                     {{"EmailIdentity", identity}, {"Tags", context.TagList()}}, &info);
    Json answer;
    if (created.ok()) {
      answer = std::move(*created);
    } else if (info.error && info.error->code == "AlreadyExistsException") {
      // Made by a create that crashed before it was recorded.
      ASSIGN_OR_RETURN(answer,
                       context.Call("sesv2", "GetEmailIdentity", {{"EmailIdentity", identity}}));
    } else {
      return created.status();
    }
    for (const Notification& notification : kNotifications) {
      std::string topic = desired.value(std::string(notification.attribute), "");
      if (!topic.empty()) RETURN_IF_ERROR(SetTopic(context, identity, notification.type, topic));
    }
    ASSIGN_OR_RETURN(Json tokens, DkimTokens(context, identity, answer));
    return Created{identity, Outputs(identity, tokens), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    for (const Notification& notification : kNotifications) {
      std::string attribute(notification.attribute);
      if (std::find(changed.begin(), changed.end(), attribute) == changed.end()) continue;
      RETURN_IF_ERROR(
          SetTopic(context, record.id, notification.type, desired.value(attribute, "")));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted = context.CallOrNotFound(
        "sesv2", "DeleteEmailIdentity", {{"EmailIdentity", record.id}}, {"NotFoundException"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  // By the identity itself, unique in the account and region.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string identity = desired.value("identity", "");
    Result<Json> answer = context.CallOrNotFound(
        "sesv2", "GetEmailIdentity", {{"EmailIdentity", identity}}, {"NotFoundException"});
    if (!answer.ok()) {
      if (answer.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return answer.status();
    }
    ASSIGN_OR_RETURN(Json tokens, DkimTokens(context, identity, *answer));
    state::ResourceRecord record;
    record.address = context.address();
    record.id = identity;
    ASSIGN_OR_RETURN(Json attributes, Read(context, record));
    return std::optional<Found>(Found{identity, Outputs(identity, tokens), std::move(attributes)});
  }

 private:
  static void ReadBatch(ResourceContext& context,
                        std::span<const state::ResourceRecord* const> records,
                        std::vector<Result<Json>>* results) {
    Json wanted = Json::array();
    for (const state::ResourceRecord* record : records) wanted.push_back(record->id);
    Result<Json> verification =
        context.Call("ses", "GetIdentityVerificationAttributes", {{"Identities", wanted}});
    Result<Json> notifications =
        verification.ok()
            ? context.Call("ses", "GetIdentityNotificationAttributes", {{"Identities", wanted}})
            : Result<Json>(verification.status());
    for (const state::ResourceRecord* record : records) {
      if (!notifications.ok()) {
        results->push_back(notifications.status());
        continue;
      }
      if (!verification->value("VerificationAttributes", Json::object()).contains(record->id)) {
        results->push_back(
            NotFoundError(record->address + ": SES identity " + record->id + " is gone"));
        continue;
      }
      const Json& attributes = notifications->value("NotificationAttributes", Json::object())
                                   .value(record->id, Json::object());
      Json read = {{"identity", record->id}};
      for (const Notification& notification : kNotifications) {
        // SES names a topic only when one is set, and moto never does: absent is "not
        // reported" (ReportedOr), so the record's topic stands.
        std::string attribute(notification.attribute);
        read[attribute] = ReportedOr(attributes, std::string(notification.topic_member),
                                     record->attributes.value(attribute, Json()));
      }
      results->push_back(std::move(read));
    }
  }
};

}  // namespace

const ResourceType& SesIdentity() {
  static const SesIdentityType* type = new SesIdentityType();
  return *type;
}

}  // namespace vueops::resources
