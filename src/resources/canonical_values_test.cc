#include "resources/canonical_values.h"

#include <gtest/gtest.h>

#include "resources/elbv2_actions.h"
#include "resources/tag_changes.h"

namespace vueops::resources {
namespace {

TEST(OrderLikeTest, KeepsTheRecordedOrderAndSortsNewcomers) {
  EXPECT_EQ(OrderLike(Json{"sg-b", "sg-a"}, Json{"sg-a", "sg-b"}), (Json{"sg-a", "sg-b"}));
  EXPECT_EQ(OrderLike(Json{"sg-c", "sg-a", "sg-b"}, Json{"sg-b"}), (Json{"sg-b", "sg-a", "sg-c"}));
  // A recorded id that is gone is gone from the answer: a real change shows.
  EXPECT_EQ(OrderLike(Json{"sg-a"}, Json{"sg-b", "sg-a"}), (Json{"sg-a"}));
  EXPECT_EQ(OrderLike(Json::array(), Json()), Json::array());
}

TEST(VersionAsRecordedTest, AcceptsLaterReleasesOfTheWrittenLine) {
  EXPECT_EQ(VersionAsRecorded("8.0.39", Json("8.0")), "8.0");
  EXPECT_EQ(VersionAsRecorded("8.0", Json("8.0")), "8.0");
  EXPECT_EQ(VersionAsRecorded("8.4.3", Json("8.0")), "8.4.3");
  EXPECT_EQ(VersionAsRecorded("8.01", Json("8.0")), "8.01");
  EXPECT_EQ(VersionAsRecorded("7.1.0", Json()), "7.1.0");
}

TEST(IntOrTest, ParsesWholeNumbersOnly) {
  EXPECT_EQ(IntOr("60", 1), 60);
  EXPECT_EQ(IntOr("", 1), 1);
  EXPECT_EQ(IntOr("6x", 1), 1);
  EXPECT_EQ(IntOr("default", 0), 0);
}

TEST(ChunksTest, SplitsIntoBoundedRuns) {
  std::vector<Json> chunks = Chunks(Json{1, 2, 3, 4, 5}, 2);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[2], Json{5});
  EXPECT_TRUE(Chunks(Json::array(), 2).empty());
}

TEST(DiffTagsTest, AddsChangesAndRemovesButNeverVueopsTags) {
  TagChanges changes = DiffTags({{"a", "1"}, {"b", "2"}, {"vueops:stack", "x"}},
                                {{"a", "1"}, {"b", "3"}, {"c", "4"}});
  EXPECT_EQ(changes.add, Json::parse(R"([{"Key": "b", "Value": "3"}, {"Key": "c", "Value": "4"}])"));
  EXPECT_EQ(changes.remove, Json::array());
  changes = DiffTags({{"a", "1"}}, Json::object());
  EXPECT_EQ(changes.remove, Json{"a"});
}

TEST(Elbv2ActionsTest, ReadsForwardsWrittenEitherWay) {
  EXPECT_EQ(ActionFromAws(Json::parse(R"([{"Type": "forward", "TargetGroupArn": "tg"}])")),
            (Json{{"type", "forward"}, {"target_group_arn", "tg"}}));
  EXPECT_EQ(ActionFromAws(Json::parse(
                R"([{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "tg"}]}}])")),
            (Json{{"type", "forward"}, {"target_group_arn", "tg"}}));
}

TEST(Elbv2ActionsTest, RedirectsRoundTrip) {
  Json redirect = {{"type", "redirect"}, {"protocol", "HTTPS"}, {"port", "443"},
                   {"status_code", "HTTP_301"}};
  Json aws = ActionToAws(redirect);
  EXPECT_EQ(aws[0]["RedirectConfig"]["Port"], "443");
  EXPECT_EQ(ActionFromAws(aws), redirect);
}

TEST(Elbv2ActionsTest, ConditionsAreSortedAndGroupedByKind) {
  Json aws = Json::parse(R"([
      {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/b/*", "/a/*"]}},
      {"Field": "host-header", "Values": ["x.example.com"]}])");
  Json conditions = ConditionsFromAws(aws);
  EXPECT_EQ(conditions, (Json{{"path_patterns", {"/a/*", "/b/*"}},
                              {"host_headers", {"x.example.com"}}}));
  EXPECT_EQ(ConditionsFromAws(ConditionsToAws(conditions)), conditions);
}

}  // namespace
}  // namespace vueops::resources
