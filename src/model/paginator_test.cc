#include "model/paginator.h"

#include <gtest/gtest.h>

#include "model/base64.h"
#include "model/service_model.h"

namespace vueops::model {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

// A fake service holding `items`, returning `page_size` per call from the "Marker" on.
class FakeLister {
 public:
  explicit FakeLister(int total) {
    for (int i = 0; i < total; ++i) items_.push_back("item" + std::to_string(i));
  }
  Result<Json> operator()(const Json& input) {
    requests.push_back(input);
    size_t start = input.contains("Marker") ? std::stoul(input["Marker"].get<std::string>()) : 0;
    size_t size = input.contains("MaxItems") ? input["MaxItems"].get<size_t>() : 2;
    Json page = {{"Items", Json::array()}, {"Count", 0}, {"Owner", "me"}};
    for (size_t i = start; i < items_.size() && i < start + size; ++i) {
      page["Items"].push_back(items_[i]);
      page["Count"] = page["Count"].get<int>() + 1;
    }
    if (start + size < items_.size()) page["NextMarker"] = std::to_string(start + size);
    return page;
  }
  std::vector<Json> requests;

 private:
  std::vector<std::string> items_;
};

PaginatorConfig Config() {
  Json paginators = J(R"({"List": {"input_token": "Marker", "output_token": "NextMarker",
      "limit_key": "MaxItems", "result_key": ["Items", "Count"], "non_aggregate_keys": ["Owner"]}})");
  Json service = J(R"({"metadata": {"protocol": "query"}, "operations": {}, "shapes": {}})");
  auto model = ServiceModel::FromJson("demo", service, paginators).value();
  return *model->FindPaginator("List");
}

TEST(PaginatorTest, FollowsTokensUntilTheLastPage) {
  PaginatorConfig config = Config();
  Paginator paginator(config, nullptr);
  FakeLister lister(5);
  std::vector<Json> pages;
  Status status = paginator.ForEachPage(J(R"({"Filter": "x"})"), std::ref(lister), [&](Json& page) {
    pages.push_back(page);
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(pages.size(), 3u);
  ASSERT_EQ(lister.requests.size(), 3u);
  EXPECT_EQ(lister.requests[0], J(R"({"Filter": "x"})"));
  EXPECT_EQ(lister.requests[1], J(R"({"Filter": "x", "Marker": "2"})"));
  EXPECT_EQ(lister.requests[2], J(R"({"Filter": "x", "Marker": "4"})"));
}

TEST(PaginatorTest, BuildsTheFullResultAsTheAwsCliDoes) {
  PaginatorConfig config = Config();
  FakeLister lister(5);
  Json full = Paginator(config, nullptr).FullResult(Json::object(), std::ref(lister)).value();
  EXPECT_EQ(full, J(R"({"Items": ["item0", "item1", "item2", "item3", "item4"], "Count": 5,
                        "Owner": "me"})"));
}

TEST(PaginatorTest, AnAbsentNonAggregateKeyIsNullAsTheAwsCliPrintsIt) {
  // `aws s3api list-objects-v2` prints "RequestCharged": null when S3 sends no header.
  PaginatorConfig config = Config();
  auto without_owner = [](const Json&) -> Result<Json> {
    return J(R"({"Items": ["only"], "Count": 1})");
  };
  Json full = Paginator(config, nullptr).FullResult(Json::object(), without_owner).value();
  EXPECT_EQ(full, J(R"({"Items": ["only"], "Count": 1, "Owner": null})"));
}

TEST(PaginatorTest, PageSizeAndMaxItemsGiveAResumableToken) {
  PaginatorConfig config = Config();
  FakeLister lister(10);
  PaginationOptions options;
  options.page_size = 3;
  options.max_items = 4;
  Json first =
      Paginator(config, nullptr).FullResult(Json::object(), std::ref(lister), options).value();
  EXPECT_EQ(first["Items"], J(R"(["item0", "item1", "item2", "item3"])"));
  EXPECT_EQ(lister.requests[0]["MaxItems"], 3);
  ASSERT_TRUE(first.contains("NextToken"));
  // The token says: resume at marker "3", skipping 1 item already returned.
  EXPECT_EQ(ParseJson(Base64Decode(first["NextToken"].get<std::string>()).value()).value(),
            J(R"({"Marker": "3", "boto_truncate_amount": 1})"));

  PaginationOptions resume;
  resume.starting_token = first["NextToken"].get<std::string>();
  FakeLister again(10);
  Json rest =
      Paginator(config, nullptr).FullResult(Json::object(), std::ref(again), resume).value();
  EXPECT_EQ(rest["Items"], J(R"(["item4", "item5", "item6", "item7", "item8", "item9"])"));
  EXPECT_FALSE(rest.contains("NextToken"));
}

TEST(PaginatorTest, MaxItemsOnAPageBoundaryResumesWithTheServiceToken) {
  PaginatorConfig config = Config();
  FakeLister lister(6);
  PaginationOptions options;
  options.max_items = 2;
  Json first =
      Paginator(config, nullptr).FullResult(Json::object(), std::ref(lister), options).value();
  EXPECT_EQ(first["Items"], J(R"(["item0", "item1"])"));
  EXPECT_EQ(ParseJson(Base64Decode(first["NextToken"].get<std::string>()).value()).value(),
            J(R"({"Marker": "2"})"));
}

TEST(PaginatorTest, RawServiceTokensAreAcceptedAsStartingTokens) {
  PaginatorConfig config = Config();
  FakeLister lister(5);
  PaginationOptions options;
  options.starting_token = "4";
  Json rest =
      Paginator(config, nullptr).FullResult(Json::object(), std::ref(lister), options).value();
  EXPECT_EQ(rest["Items"], J(R"(["item4"])"));
}

TEST(PaginatorTest, StopsOnRepeatedTokensAndPropagatesErrors) {
  PaginatorConfig config = Config();
  Paginator paginator(config, nullptr);
  int calls = 0;
  PageCall stuck = [&](const Json&) -> Result<Json> {
    ++calls;
    return J(R"({"Items": [1], "NextMarker": "same"})");
  };
  Result<Json> result = paginator.FullResult(Json::object(), stuck);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("same next token twice"), std::string::npos);
  EXPECT_EQ(calls, 2);

  PageCall failing = [](const Json&) -> Result<Json> { return UnavailableError("boom"); };
  EXPECT_EQ(paginator.FullResult(Json::object(), failing).status(), UnavailableError("boom"));

  PageCall one = [](const Json&) -> Result<Json> { return J(R"({"Items": [1]})"); };
  Status visitor_status = paginator.ForEachPage(Json::object(), one,
                                                [](Json&) { return AbortedError("user stopped"); });
  EXPECT_EQ(visitor_status, AbortedError("user stopped"));
}

TEST(PaginatorTest, SeveralTokensTravelTogetherAndAbsentOnesAreRemoved) {
  // Route 53's ListResourceRecordSets: three tokens, IsTruncated says whether more follow.
  Json paginators = J(R"({"List": {"input_token": ["StartRecordName", "StartRecordType",
      "StartRecordIdentifier"], "output_token": ["NextRecordName", "NextRecordType",
      "NextRecordIdentifier"], "more_results": "IsTruncated", "limit_key": "MaxItems",
      "result_key": "ResourceRecordSets"}})");
  Json service = J(R"({"metadata": {"protocol": "rest-xml"}})");
  auto model = ServiceModel::FromJson("demo", service, paginators).value();
  std::vector<Json> requests;
  PageCall call = [&](const Json& input) -> Result<Json> {
    requests.push_back(input);
    switch (requests.size()) {
      case 1:
        return J(R"({"ResourceRecordSets": [1], "IsTruncated": true, "NextRecordName": "b",
                     "NextRecordType": "A", "NextRecordIdentifier": "set-1"})");
      case 2:
        return J(R"({"ResourceRecordSets": [2], "IsTruncated": true, "NextRecordName": "c",
                     "NextRecordType": "CNAME"})");
      default:
        return J(R"({"ResourceRecordSets": [3], "IsTruncated": false, "NextRecordName": "z"})");
    }
  };
  Json full = Paginator(*model->FindPaginator("List"), nullptr)
                  .FullResult(J(R"({"HostedZoneId": "Z1"})"), call)
                  .value();
  EXPECT_EQ(full["ResourceRecordSets"], J("[1, 2, 3]"));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1], J(R"({"HostedZoneId": "Z1", "StartRecordName": "b",
                               "StartRecordType": "A", "StartRecordIdentifier": "set-1"})"));
  // The identifier did not come back, so it is not sent again.
  EXPECT_EQ(requests[2], J(R"({"HostedZoneId": "Z1", "StartRecordName": "c",
                               "StartRecordType": "CNAME"})"));
}

TEST(PaginatorTest, PageSizeNeedsALimitKey) {
  Json paginators = J(R"({"List": {"input_token": "M", "output_token": "N", "result_key": "I"}})");
  Json service = J(R"({"metadata": {"protocol": "query"}})");
  auto model = ServiceModel::FromJson("demo", service, paginators).value();
  PaginationOptions options;
  options.page_size = 5;
  PageCall call = [](const Json&) -> Result<Json> { return Json::object(); };
  Status status = Paginator(*model->FindPaginator("List"), nullptr)
                      .ForEachPage(
                          Json::object(), call, [](Json&) { return Status::Ok(); }, options);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
}

TEST(PaginatorTest, MoreResultsEndsThePagination) {
  Json paginators = J(R"({"List": {"input_token": "M", "output_token": "N",
                                   "more_results": "Truncated", "result_key": "I"}})");
  Json service = J(R"({"metadata": {"protocol": "query"}})");
  auto model = ServiceModel::FromJson("demo", service, paginators).value();
  int calls = 0;
  PageCall call = [&](const Json&) -> Result<Json> {
    ++calls;
    return calls == 1 ? J(R"({"I": [1], "N": "x", "Truncated": true})")
                      : J(R"({"I": [2], "N": "y", "Truncated": false})");
  };
  Json full =
      Paginator(*model->FindPaginator("List"), nullptr).FullResult(Json::object(), call).value();
  EXPECT_EQ(full["I"], J("[1, 2]"));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace vueops::model
