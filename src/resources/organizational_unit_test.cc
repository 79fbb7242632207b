#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class OrganizationalUnitMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}}).ok());
    Result<Json> roots = client().Call("organizations", "ListRoots", Json::object());
    ASSERT_TRUE(roots.ok());
    root_id_ = (*roots)["Roots"][0].value("Id", "");
  }

  state::ResourceRecord Record(const std::string& address, const Created& created,
                               const Json& attributes) {
    state::ResourceRecord record;
    record.address = address;
    record.type = "organizational_unit";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }

  std::string root_id_;
};

TEST_F(OrganizationalUnitMotoTest, RoundTrip) {
  Created created = RoundTrip(OrganizationalUnit(), "org.organizational_unit.Production",
                              {{"name", "Production"}, {"parent_id", root_id_}});
  EXPECT_EQ(created.id.rfind("ou-", 0), 0u);
  EXPECT_FALSE(created.outputs["arn"].get<std::string>().empty());
}

TEST_F(OrganizationalUnitMotoTest, RenamesInPlaceAndReadsDriftBack) {
  ResourceContext context = Context("org.organizational_unit.Sandboxes");
  Json desired = {{"name", "Sandboxes"}, {"parent_id", root_id_}};
  Result<Created> created = OrganizationalUnit().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(context.address(), *created, desired);

  Json renamed = {{"name", "Dev"}, {"parent_id", root_id_}};
  ASSERT_TRUE(OrganizationalUnit().Update(context, record, renamed, {"name"}).ok());
  Result<Json> read = OrganizationalUnit().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, renamed);

  ASSERT_TRUE(client()
                  .Call("organizations", "UpdateOrganizationalUnit",
                        {{"OrganizationalUnitId", created->id}, {"Name", "ByHand"}})
                  .ok());
  read = OrganizationalUnit().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["name"], "ByHand");
}

TEST_F(OrganizationalUnitMotoTest, ReadManyListsEachParentOnce) {
  ResourceContext context = Context("org.organizational_unit.A");
  Result<Created> a =
      OrganizationalUnit().Create(context, {{"name", "A"}, {"parent_id", root_id_}}, "t");
  Result<Created> b =
      OrganizationalUnit().Create(context, {{"name", "B"}, {"parent_id", root_id_}}, "t");
  ASSERT_TRUE(a.ok() && b.ok());
  state::ResourceRecord first = Record("org.organizational_unit.A", *a, {{"parent_id", root_id_}});
  state::ResourceRecord second = Record("org.organizational_unit.B", *b, {{"parent_id", root_id_}});
  state::ResourceRecord gone = first;
  gone.id = "ou-0000-00000000";
  const state::ResourceRecord* records[] = {&first, &gone, &second};
  int before = context.calls();
  std::vector<Result<Json>> results = OrganizationalUnit().ReadMany(context, records);
  EXPECT_EQ(context.calls() - before, 1);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ((*results[0])["name"], "A");
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(results[2].ok());
  EXPECT_EQ((*results[2])["name"], "B");
}

TEST_F(OrganizationalUnitMotoTest, ReadsAnImportedUnitWithoutARecordedParent) {
  ResourceContext context = Context("org.organizational_unit.A");
  Result<Created> a =
      OrganizationalUnit().Create(context, {{"name", "A"}, {"parent_id", root_id_}}, "t");
  ASSERT_TRUE(a.ok());
  state::ResourceRecord imported = Record(context.address(), *a, Json::object());
  Result<Json> read = OrganizationalUnit().Read(context, imported);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, (Json{{"name", "A"}, {"parent_id", root_id_}}));
}

}  // namespace
}  // namespace vueops::resources
