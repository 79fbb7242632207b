#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class VpcMotoTest : public test_support::ResourceMotoTest {};

TEST_F(VpcMotoTest, RoundTrip) {
  Created created = RoundTrip(Vpc(), "test.vpc.main",
                              {{"cidr_block", "10.40.0.0/16"},
                               {"enable_dns_hostnames", true},
                               {"tags", {{"environment", "test"}}}});
  EXPECT_EQ(created.outputs["cidr_block"], "10.40.0.0/16");
}

TEST_F(VpcMotoTest, TagsUpdateInPlaceAndReadManyReportsGoneOnes) {
  ResourceContext context = Context("test.vpc.main");
  Result<Created> created =
      Vpc().Create(context, {{"cidr_block", "10.41.0.0/16"}, {"tags", {{"environment", "test"}}}}, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.vpc.main";
  record.id = created->id;
  record.attributes = {{"tags", {{"environment", "test"}}}};
  ASSERT_TRUE(Vpc().Update(context, record, {{"tags", {{"environment", "prod"}, {"team", "ops"}}}},
                           {"tags"})
                  .ok());
  Result<Json> read = Vpc().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["tags"], (Json{{"environment", "prod"}, {"team", "ops"}}));
  state::ResourceRecord missing = record;
  missing.address = "test.vpc.gone";
  missing.id = "vpc-0000000000000dead";
  const state::ResourceRecord* both[] = {&record, &missing};
  std::vector<Result<Json>> results = Vpc().ReadMany(context, both);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Vpc().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources
