#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class ElasticIpMotoTest : public NetworkMotoTest {};

TEST_F(ElasticIpMotoTest, RoundTrip) {
  Created created = RoundTrip(ElasticIp(), "test.elastic_ip.dev1",
                              {{"domain", "vpc"}, {"tags", {{"environment", "test"}}}});
  EXPECT_FALSE(created.outputs.value("public_ip", "").empty());
}

TEST_F(ElasticIpMotoTest, TagsUpdateInPlaceAndDriftShows) {
  ResourceContext context = Context("test.elastic_ip.nat-a");
  Json desired = {{"domain", "vpc"}, {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(ElasticIp(), context, desired);
  state::ResourceRecord record = Record(ElasticIp(), context.address(), created, desired);
  Json changed = {{"domain", "vpc"}, {"tags", {{"environment", "test"}, {"Name", "nat-a"}}}};
  ASSERT_TRUE(ElasticIp().Update(context, record, changed, {"tags"}).ok());
  EXPECT_TRUE(JsonEqualUnordered(MustRead(ElasticIp(), context, record)["tags"], changed["tags"]));

  Must("ec2", "DeleteTags", {{"Resources", {created.id}}, {"Tags", {{{"Key", "Name"}}}}});
  EXPECT_EQ(MustRead(ElasticIp(), context, record)["tags"], desired["tags"]);
  EXPECT_TRUE(ElasticIp().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources
