#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

// moto (5.2) keeps the notification topics SetIdentityNotificationTopic sets but leaves them
// out of GetIdentityNotificationAttributes: a topic reads back as "" there, so the tests set
// topics without reading them back (AWS returns BounceTopic, ComplaintTopic, DeliveryTopic).
class SesIdentityMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Desired(const std::string& identity) {
    return {{"identity", identity},
            {"bounce_topic", ""},
            {"complaint_topic", ""},
            {"delivery_topic", ""},
            {"tags", {{"environment", "test"}}}};
  }

  std::string MakeTopic(const std::string& name) {
    Result<Json> topic = client().Call("sns", "CreateTopic", {{"Name", name}});
    EXPECT_TRUE(topic.ok());
    return topic.ok() ? topic->value("TopicArn", "") : "";
  }
};

TEST_F(SesIdentityMotoTest, RoundTripOfADomainGivesItsDkimTokens) {
  Created created =
      RoundTrip(SesIdentity(), "test.ses_identity.vueocity.com", Desired("vueocity.com"));
  ASSERT_EQ(created.outputs["dkim_tokens"].size(), 3u) << DumpJson(created.outputs);
  EXPECT_EQ(created.outputs["dkim_token_1"], created.outputs["dkim_tokens"][0]);
  EXPECT_EQ(created.outputs["dkim_token_3"], created.outputs["dkim_tokens"][2]);
}

TEST_F(SesIdentityMotoTest, RoundTripOfAnAddressHasNoDkimTokens) {
  Created created = RoundTrip(SesIdentity(), "test.ses_identity.noreply@vueocity.com",
                              Desired("noreply@vueocity.com"));
  EXPECT_TRUE(created.outputs["dkim_tokens"].empty());
  EXPECT_FALSE(created.outputs.contains("dkim_token_1"));
}

TEST_F(SesIdentityMotoTest, TopicsAreSetAtCreationAndUpdatedInPlace) {
  std::string bounces = MakeTopic("bounces");
  std::string complaints = MakeTopic("complaints");
  ResourceContext context = Context("test.ses_identity.vueocity.com");
  Json desired = Desired("vueocity.com");
  desired["bounce_topic"] = bounces;
  Result<Created> created = SesIdentity().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.ses_identity.vueocity.com";
  record.id = created->id;
  record.attributes = desired;
  Json both = desired;
  both["complaint_topic"] = complaints;
  Status updated = SesIdentity().Update(context, record, both, {"complaint_topic"});
  EXPECT_TRUE(updated.ok()) << updated.ToString();
}

TEST_F(SesIdentityMotoTest, ReadManyWithTwoCallsAndAnIdentityDeletedByHandReadsGone) {
  ResourceContext context = Context("test.ses_identity.vueocity.com");
  std::vector<state::ResourceRecord> records;
  for (const char* identity : {"vueocity.com", "support@vueocity.com", "noreply@vueocity.com"}) {
    Result<Created> created = SesIdentity().Create(context, Desired(identity), "t");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    state::ResourceRecord& record = records.emplace_back();
    record.address = std::string("test.ses_identity.") + identity;
    record.id = created->id;
  }
  ASSERT_TRUE(client()
                  .Call("sesv2", "DeleteEmailIdentity", {{"EmailIdentity", "noreply@vueocity.com"}})
                  .ok());
  const state::ResourceRecord* all[] = {&records[0], &records[1], &records[2]};
  int calls = context.calls();
  std::vector<Result<Json>> read = SesIdentity().ReadMany(context, all);
  EXPECT_EQ(context.calls() - calls, 2);
  ASSERT_TRUE(read[0].ok()) << read[0].status().ToString();
  EXPECT_EQ(*read[0], (Json{{"identity", "vueocity.com"},
                            {"bounce_topic", ""},
                            {"complaint_topic", ""},
                            {"delivery_topic", ""}}));
  EXPECT_TRUE(read[1].ok());
  EXPECT_EQ(read[2].status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources
