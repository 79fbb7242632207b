#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class HostedZoneMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Desired(const std::string& name) {
    return {{"name", name},
            {"comment", "vueocity test"},
            {"private", false},
            {"vpc_id", ""},
            {"tags", {{"environment", "test"}}}};
  }
};

TEST_F(HostedZoneMotoTest, RoundTrip) {
  Created created = RoundTrip(HostedZone(), "test.hosted_zone.main", Desired("vueocity.com."));
  EXPECT_EQ(created.id.find('/'), std::string::npos) << "a bare zone id: " << created.id;
  EXPECT_FALSE(created.outputs["name_servers"].empty());
}

TEST_F(HostedZoneMotoTest, UpdatesInPlaceReadsManyAndReadsDrift) {
  ResourceContext context = Context("test.hosted_zone.main");
  Result<Created> main = HostedZone().Create(context, Desired("vueocity.com."), "t1");
  Result<Created> dev = HostedZone().Create(context, Desired("dev.vueocity.com."), "t2");
  ASSERT_TRUE(main.ok() && dev.ok()) << main.status().ToString();
  state::ResourceRecord record;
  record.address = "test.hosted_zone.main";
  record.id = main->id;
  record.attributes = Desired("vueocity.com.");
  Json desired = Desired("vueocity.com.");
  desired["comment"] = "the main zone";
  desired["tags"] = {{"team", "ops"}};
  ASSERT_TRUE(HostedZone().Update(context, record, desired, {"comment", "tags"}).ok());

  state::ResourceRecord other = record;
  other.address = "test.hosted_zone.dev";
  other.id = dev->id;
  const state::ResourceRecord* both[] = {&record, &other};
  int calls = context.calls();
  std::vector<Result<Json>> read = HostedZone().ReadMany(context, both);
  EXPECT_EQ(context.calls() - calls, 2) << "ListHostedZones and one ListTagsForResources";
  ASSERT_TRUE(read[0].ok()) << read[0].status().ToString();
  for (const char* attribute : {"name", "comment", "private", "tags"}) {
    EXPECT_EQ((*read[0])[attribute], desired[attribute]) << attribute;
  }
  ASSERT_TRUE(read[1].ok());
  EXPECT_EQ((*read[1])["name"], "dev.vueocity.com.");

  ASSERT_TRUE(client()
                  .Call("route53", "UpdateHostedZoneComment",
                        {{"Id", record.id}, {"Comment", "changed by hand"}})
                  .ok());
  Result<Json> drifted = HostedZone().Read(context, record);
  ASSERT_TRUE(drifted.ok());
  EXPECT_EQ((*drifted)["comment"], "changed by hand");
}

// The notes' zones were made by hand: import adopts the only zone of the name.
TEST_F(HostedZoneMotoTest, FindAdoptsTheOnlyZoneOfTheNameMadeByHand) {
  Result<Json> by_hand = client().Call("route53", "CreateHostedZone",
                                       {{"Name", "vueocity.com."}, {"CallerReference", "console"}});
  ASSERT_TRUE(by_hand.ok()) << by_hand.status().ToString();
  ResourceContext context = Context("test.hosted_zone.main");
  Result<std::optional<Found>> found =
      HostedZone().Find(context, Desired("vueocity.com."), "other");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ("/hostedzone/" + (*found)->id, (*by_hand)["HostedZone"]["Id"]);
  Result<std::optional<Found>> none = HostedZone().Find(context, Desired("vueocity.net."), "x");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(HostedZoneMotoTest, DeleteRefusesAZoneWithRecordsMadeByHand) {
  ResourceContext context = Context("test.hosted_zone.main");
  Result<Created> created = HostedZone().Create(context, Desired("vueocity.com."), "t1");
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(client()
                  .Call("route53", "ChangeResourceRecordSets",
                        {{"HostedZoneId", created->id},
                         {"ChangeBatch",
                          {{"Changes",
                            {{{"Action", "CREATE"},
                              {"ResourceRecordSet",
                               {{"Name", "mail.vueocity.com."},
                                {"Type", "MX"},
                                {"TTL", 300},
                                {"ResourceRecords", {{{"Value", "10 mx.example.com"}}}}}}}}}}}})
                  .ok());
  state::ResourceRecord record;
  record.address = "test.hosted_zone.main";
  record.id = created->id;
  Status refused = HostedZone().Delete(context, record);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition) << refused.ToString();
}

}  // namespace
}  // namespace vueops::resources
