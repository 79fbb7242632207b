#include "state/record.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using ::testing::HasSubstr;

TEST(RecordStatusTest, NamesRoundTrip) {
  for (RecordStatus status :
       {RecordStatus::kIntent, RecordStatus::kCreated, RecordStatus::kTainted}) {
    Result<RecordStatus> parsed = ParseRecordStatus(RecordStatusName(status));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, status);
  }
  EXPECT_EQ(RecordStatusName(RecordStatus::kIntent), "intent");
  EXPECT_EQ(RecordStatusName(RecordStatus::kCreated), "created");
  EXPECT_EQ(RecordStatusName(RecordStatus::kTainted), "tainted");
}

TEST(RecordStatusTest, UnknownNameSuggestsTheClosest) {
  Result<RecordStatus> parsed = ParseRecordStatus("creatd");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(), HasSubstr("did you mean 'created'?"));
  EXPECT_FALSE(ParseRecordStatus("").ok());
  EXPECT_FALSE(ParseRecordStatus("Created").ok());
}

TEST(RecordJsonTest, RoundTripsEveryField) {
  ResourceRecord record = testing::SampleRecord("prod.security_group.servers", 7);
  record.status = RecordStatus::kTainted;
  record.attributes["unicode"] = "café ☕";
  record.attributes["big"] = int64_t{9'007'199'254'740'993};  // beyond a double's precision
  record.attributes["nested"] = Json::parse(R"({"z": [1, {"b": null, "a": true}], "a": 1.5})");
  record.dependencies = {"prod.vpc.main", "prod.security_group.load_balancer"};
  record.updated_at = -1;  // a clock before the epoch still survives

  Json json = RecordToJson(record);
  Result<ResourceRecord> back = RecordFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, record);
  // And through text, as the SQLite and S3 stores keep it.
  Result<Json> reparsed = ParseJson(DumpJson(json));
  ASSERT_TRUE(reparsed.ok());
  Result<ResourceRecord> from_text = RecordFromJson(*reparsed);
  ASSERT_TRUE(from_text.ok()) << from_text.status().ToString();
  EXPECT_EQ(*from_text, record);
  // Member order inside attributes is kept, so `state show` prints what was applied.
  EXPECT_EQ(from_text->attributes["nested"].begin().key(), "z");
}

TEST(RecordJsonTest, WritesFieldsInDeclarationOrder) {
  Json json = RecordToJson(testing::SampleRecord("a.b.c"));
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_THAT(keys, ::testing::ElementsAre("address", "type", "account", "region", "id", "status",
                                           "attributes", "outputs", "dependencies", "create_token",
                                           "updated_at"));
  EXPECT_EQ(json["status"], "created");
}

TEST(RecordJsonTest, OptionalFieldsDefault) {
  Json json = {{"address", "prod.vpc.main"}, {"type", "vpc"}, {"status", "intent"}};
  Result<ResourceRecord> record = RecordFromJson(json);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(record->status, RecordStatus::kIntent);
  EXPECT_EQ(record->id, "");
  EXPECT_EQ(record->attributes, Json::object());
  EXPECT_TRUE(record->dependencies.empty());
  EXPECT_EQ(record->updated_at, 0);
}

struct BadRecord {
  std::string name;
  std::function<void(Json&)> spoil;
  std::string message;
};

TEST(RecordJsonTest, ErrorsNameTheRecordAndTheField) {
  const std::vector<BadRecord> cases = {
      {"missing address", [](Json& j) { j.erase("address"); },
       "state record: field 'address' is missing"},
      {"missing type", [](Json& j) { j.erase("type"); },
       "state record 'prod.x': field 'type' is missing"},
      {"missing status", [](Json& j) { j.erase("status"); }, "field 'status' is missing"},
      {"bad status", [](Json& j) { j["status"] = "creatd"; },
       "field 'status' is invalid: 'creatd' is not a record status"},
      {"address type", [](Json& j) { j["address"] = 5; },
       "field 'address' must be a string, not an integer"},
      {"attributes type", [](Json& j) { j["attributes"] = "x"; },
       "field 'attributes' must be an object, not a string"},
      {"outputs type", [](Json& j) { j["outputs"] = Json::array(); },
       "field 'outputs' must be an object, not an array"},
      {"dependencies type", [](Json& j) { j["dependencies"] = "prod.vpc"; },
       "field 'dependencies' must be an array of addresses, not a string"},
      {"dependency element",
       [](Json& j) {
         j["dependencies"] = Json::array({"a", 3});
       },
       "field 'dependencies[1]' must be a string, not an integer"},
      {"updated_at float", [](Json& j) { j["updated_at"] = 1.5; },
       "field 'updated_at' must be an integer, not a number"},
      {"updated_at huge", [](Json& j) { j["updated_at"] = uint64_t{1} << 63; },
       "field 'updated_at' is out of range"},
      {"unknown field", [](Json& j) { j["atributes"] = Json::object(); },
       "field 'atributes' is not a record field; did you mean 'attributes'?"},
      {"empty address", [](Json& j) { j["address"] = ""; }, "the address is empty"},
      {"empty type", [](Json& j) { j["type"] = ""; }, "the type is empty"},
  };
  for (const BadRecord& bad : cases) {
    Json json = RecordToJson(testing::SampleRecord("prod.x"));
    bad.spoil(json);
    Result<ResourceRecord> record = RecordFromJson(json);
    ASSERT_FALSE(record.ok()) << bad.name;
    EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument) << bad.name;
    EXPECT_THAT(record.status().message(), HasSubstr(bad.message)) << bad.name;
  }
  EXPECT_THAT(RecordFromJson(Json::array()).status().message(),
              HasSubstr("must be a JSON object, not an array"));
}

TEST(RecordValidationTest, RequiresAddressTypeAndObjects) {
  ResourceRecord record = testing::SampleRecord("prod.x");
  EXPECT_TRUE(ValidateRecord(record).ok());
  record.attributes = Json::array();
  EXPECT_THAT(ValidateRecord(record).message(),
              HasSubstr("'prod.x': attributes must be a JSON object, not an array"));
  record = testing::SampleRecord("prod.x");
  record.outputs = nullptr;
  EXPECT_THAT(ValidateRecord(record).message(), HasSubstr("outputs must be a JSON object"));
}

}  // namespace
}  // namespace vueops::state
