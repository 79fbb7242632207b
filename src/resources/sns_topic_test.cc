#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class SnsTopicMotoTest : public test_support::ResourceMotoTest {};

TEST_F(SnsTopicMotoTest, RoundTrip) {
  Created created =
      RoundTrip(SnsTopic(), "test.sns_topic.ses-bounces",
                {{"name", "vueocity-test-ses-bounces"}, {"tags", {{"environment", "test"}}}});
  EXPECT_NE(created.outputs.value("arn", "").find(":vueocity-test-ses-bounces"), std::string::npos);
}

// A topic has nothing to change in place: its name is its identity and its tags are put at
// creation. What a plan sees is whether it exists, for many topics with one call.
TEST_F(SnsTopicMotoTest, ReadManyWithOneCallAndADeletedTopicReadsGone) {
  ResourceContext context = Context("test.sns_topic.ses-bounces");
  std::vector<state::ResourceRecord> records;
  for (const char* name : {"vueocity-test-ses-bounces", "vueocity-test-ses-complaints"}) {
    Result<Created> created =
        SnsTopic().Create(context, {{"name", name}, {"tags", Json::object()}}, "t");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    state::ResourceRecord& record = records.emplace_back();
    record.address = std::string("test.sns_topic.") + name;
    record.id = created->id;
  }
  // Deleted by hand.
  ASSERT_TRUE(client().Call("sns", "DeleteTopic", {{"TopicArn", records[1].id}}).ok());
  const state::ResourceRecord* both[] = {&records[0], &records[1]};
  int calls = context.calls();
  std::vector<Result<Json>> read = SnsTopic().ReadMany(context, both);
  EXPECT_EQ(context.calls() - calls, 1);
  ASSERT_TRUE(read[0].ok());
  EXPECT_EQ((*read[0])["name"], "vueocity-test-ses-bounces");
  EXPECT_EQ(read[1].status().code(), StatusCode::kNotFound);
  // Tagged at creation with the address, for adoption.
  Result<Json> tags = client().Call("sns", "ListTagsForResource", {{"ResourceArn", records[0].id}});
  ASSERT_TRUE(tags.ok());
  EXPECT_NE(DumpJson(*tags).find("vueops:address"), std::string::npos);
}

}  // namespace
}  // namespace vueops::resources
