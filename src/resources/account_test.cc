#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class AccountMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}}).ok());
    Result<Json> roots = client().Call("organizations", "ListRoots", Json::object());
    ASSERT_TRUE(roots.ok());
    root_id_ = (*roots)["Roots"][0].value("Id", "");
    Result<Json> unit = client().Call("organizations", "CreateOrganizationalUnit",
                                      {{"ParentId", root_id_}, {"Name", "Production"}});
    ASSERT_TRUE(unit.ok());
    unit_id_ = (*unit)["OrganizationalUnit"].value("Id", "");
  }

  Json Desired(const std::string& parent_id) {
    return {{"name", "vueprod"}, {"email", "aws-prod@vueocity.com"}, {"parent_id", parent_id}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "org.account.vueprod";
    record.type = "account";
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = attributes;
    return record;
  }

  std::string root_id_;
  std::string unit_id_;
};

TEST_F(AccountMotoTest, RoundTrip) {
  Created created = RoundTrip(Account(), "org.account.vueprod", Desired(unit_id_));
  EXPECT_EQ(created.id.size(), 12u);
  EXPECT_EQ(created.outputs["id"], created.id);
  EXPECT_NE(created.outputs["arn"].get<std::string>().find(created.id), std::string::npos);
}

TEST_F(AccountMotoTest, MovesInPlaceAndReadsDriftBack) {
  ResourceContext context = Context("org.account.vueprod");
  Json desired = Desired(root_id_);
  Result<Created> created = Account().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created, desired);
  Status ready = Account().WaitReady(context, record);
  EXPECT_TRUE(ready.ok()) << ready.ToString();

  Json moved = Desired(unit_id_);
  ASSERT_TRUE(Account().Update(context, record, moved, {"parent_id"}).ok());
  record.attributes = moved;
  Result<Json> read = Account().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, moved);

  // Moved back to the root by hand: the read finds it where it is.
  ASSERT_TRUE(client()
                  .Call("organizations", "MoveAccount",
                        {{"AccountId", created->id},
                         {"SourceParentId", unit_id_},
                         {"DestinationParentId", root_id_}})
                  .ok());
  read = Account().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["parent_id"], root_id_);
}

TEST_F(AccountMotoTest, CreateAdoptsTheAccountWithTheSameEmail) {
  ResourceContext context = Context("org.account.vueprod");
  Result<Created> first = Account().Create(context, Desired(root_id_), "t");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<Created> again = Account().Create(context, Desired(unit_id_), "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, first->id);
  Result<Json> accounts = client().Call("organizations", "ListAccounts", Json::object());
  ASSERT_TRUE(accounts.ok());
  EXPECT_EQ((*accounts)["Accounts"].size(), 2u);  // the management account and vueprod
  Result<Json> read = Account().Read(context, Record(*again, Desired(unit_id_)));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["parent_id"], unit_id_);
}

TEST_F(AccountMotoTest, ReadManyListsAccountsOnceForManyRecords) {
  ResourceContext context = Context("org.account.vueprod");
  Json other = {{"name", "vuedev"}, {"email", "aws-dev@vueocity.com"}, {"parent_id", unit_id_}};
  Result<Created> prod = Account().Create(context, Desired(unit_id_), "t");
  Result<Created> dev = Account().Create(context, other, "t");
  ASSERT_TRUE(prod.ok() && dev.ok());
  state::ResourceRecord a = Record(*prod, Desired(unit_id_));
  state::ResourceRecord b = Record(*dev, other);
  b.address = "org.account.vuedev";
  state::ResourceRecord gone = a;
  gone.id = "000000000000";
  const state::ResourceRecord* records[] = {&a, &b, &gone};
  int before = context.calls();
  std::vector<Result<Json>> results = Account().ReadMany(context, records);
  // ListAccounts and one ListAccountsForParent for the OU both sit in.
  EXPECT_EQ(context.calls() - before, 2);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ((*results[1])["name"], "vuedev");
  EXPECT_EQ(results[2].status().code(), StatusCode::kNotFound);
}

TEST(AccountTest, RefusesToCloseAnAccountToRenameIt) {
  Json before = {{"name", "vueprod"}, {"email", "a@vueocity.com"}, {"parent_id", "r-1"}};
  Json renamed = before;
  renamed["email"] = "b@vueocity.com";
  EXPECT_EQ(Account().CheckUpdate("org.account.vueprod", before, renamed).code(),
            StatusCode::kFailedPrecondition);
  Json moved = before;
  moved["parent_id"] = "ou-1";
  EXPECT_TRUE(Account().CheckUpdate("org.account.vueprod", before, moved).ok());
  EXPECT_TRUE(Account().stateful());
}

}  // namespace
}  // namespace vueops::resources
