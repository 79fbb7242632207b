#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr char kAddress[] = "org.organization.main";

class OrganizationMotoTest : public test_support::ResourceMotoTest {
 protected:
  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = kAddress;
    record.type = "organization";
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(OrganizationMotoTest, RoundTrip) {
  Created created =
      RoundTrip(Organization(), kAddress,
                {{"feature_set", "ALL"}, {"policy_types", {"SERVICE_CONTROL_POLICY"}}});
  EXPECT_EQ(created.outputs["master_account_id"], kAccountId);
  EXPECT_EQ(created.outputs["root_id"].get<std::string>().rfind("r-", 0), 0u);
  EXPECT_EQ(created.id.rfind("o-", 0), 0u);
}

TEST_F(OrganizationMotoTest, AdoptsTheOrganizationThatExists) {
  Result<Json> existing =
      client().Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}});
  ASSERT_TRUE(existing.ok());
  ResourceContext context = Context(kAddress);
  Result<std::optional<Found>> found = Organization().Find(context, Json::object(), "t");
  ASSERT_TRUE(found.ok() && found->has_value());
  Result<Created> created = Organization().Create(
      context, {{"feature_set", "ALL"}, {"policy_types", Json::array()}}, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id, (*existing)["Organization"]["Id"]);
  EXPECT_EQ((*found)->id, created->id);
}

TEST_F(OrganizationMotoTest, PolicyTypesUpdateInPlaceAndDriftReadsBack) {
  ResourceContext context = Context(kAddress);
  Json desired = {{"feature_set", "ALL"}, {"policy_types", {"SERVICE_CONTROL_POLICY"}}};
  Result<Created> created = Organization().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created, desired);
  ASSERT_TRUE(Organization().WaitReady(context, record).ok());

  Json changed = desired;
  changed["policy_types"] = {"SERVICE_CONTROL_POLICY", "TAG_POLICY"};
  ASSERT_TRUE(Organization().Update(context, record, changed, {"policy_types"}).ok());
  Result<Json> read = Organization().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["policy_types"], changed["policy_types"]);

  // Service control policies switched off by hand.
  ASSERT_TRUE(
      client()
          .Call("organizations", "DisablePolicyType",
                {{"RootId", created->outputs["root_id"]}, {"PolicyType", "SERVICE_CONTROL_POLICY"}})
          .ok());
  read = Organization().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["policy_types"], Json::array({"TAG_POLICY"}));
  ASSERT_TRUE(Organization().Update(context, record, changed, {"policy_types"}).ok());
  read = Organization().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["policy_types"], changed["policy_types"]);
}

TEST_F(OrganizationMotoTest, TagsTheRoot) {
  ResourceContext context = Context(kAddress);
  Result<Created> created = Organization().Create(
      context, {{"feature_set", "ALL"}, {"policy_types", Json::array()}}, "t");
  ASSERT_TRUE(created.ok());
  Result<Json> tags = client().Call("organizations", "ListTagsForResource",
                                    {{"ResourceId", created->outputs["root_id"]}});
  ASSERT_TRUE(tags.ok());
  EXPECT_NE(DumpJson((*tags)["Tags"]).find(kAddress), std::string::npos) << DumpJson(*tags);
}

TEST(OrganizationTest, RefusesToReplaceTheOrganization) {
  EXPECT_EQ(Organization()
                .CheckUpdate(kAddress, {{"feature_set", "CONSOLIDATED_BILLING"}},
                             {{"feature_set", "ALL"}})
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Organization()
                  .CheckUpdate(kAddress, {{"feature_set", "ALL"}, {"policy_types", Json::array()}},
                               {{"feature_set", "ALL"}, {"policy_types", {"TAG_POLICY"}}})
                  .ok());
  EXPECT_TRUE(Organization().stateful());
}

}  // namespace
}  // namespace vueops::resources
