#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json DenyLeaving() {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Sid", "DenyLeave"},
             {"Effect", "Deny"},
             {"Action", {"organizations:LeaveOrganization", "account:CloseAccount"}},
             {"Resource", "*"}}}}};
}

class ServiceControlPolicyMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}}).ok());
    Result<Json> roots = client().Call("organizations", "ListRoots", Json::object());
    ASSERT_TRUE(roots.ok());
    root_id_ = (*roots)["Roots"][0].value("Id", "");
    for (const char* name : {"Production", "Sandboxes"}) {
      Result<Json> unit = client().Call("organizations", "CreateOrganizationalUnit",
                                        {{"ParentId", root_id_}, {"Name", name}});
      ASSERT_TRUE(unit.ok());
      units_.push_back((*unit)["OrganizationalUnit"].value("Id", ""));
    }
  }

  Json Desired(Json targets) {
    return {{"name", "deny-leaving"},
            {"description", "Member accounts cannot leave"},
            {"content", DenyLeaving()},
            {"targets", std::move(targets)}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "org.service_control_policy.deny-leaving";
    record.type = "service_control_policy";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }

  std::string root_id_;
  std::vector<std::string> units_;
};

TEST_F(ServiceControlPolicyMotoTest, RoundTrip) {
  Created created = RoundTrip(ServiceControlPolicy(), "org.service_control_policy.deny-leaving",
                              Desired({units_[1], units_[0]}));
  EXPECT_EQ(created.id.rfind("p-", 0), 0u);
}

TEST_F(ServiceControlPolicyMotoTest, UpdatesInPlaceAndReadsDriftBack) {
  ResourceContext context = Context("org.service_control_policy.deny-leaving");
  Json desired = Desired({units_[0]});
  Result<Created> created = ServiceControlPolicy().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created, desired);

  Json changed = desired;
  changed["description"] = "Nobody leaves";
  changed["content"]["Statement"][0]["Action"] = "organizations:LeaveOrganization";
  // The desired order is kept, whatever the ids' order.
  changed["targets"] = {units_[1], root_id_};
  ASSERT_TRUE(ServiceControlPolicy()
                  .Update(context, record, changed, {"description", "content", "targets"})
                  .ok());
  record.attributes = changed;
  Result<Json> read = ServiceControlPolicy().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, changed);

  // Attached to another OU by hand: the read shows it after the recorded ones.
  ASSERT_TRUE(client()
                  .Call("organizations", "AttachPolicy",
                        {{"PolicyId", created->id}, {"TargetId", units_[0]}})
                  .ok());
  read = ServiceControlPolicy().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["targets"], Json::array({units_[1], root_id_, units_[0]}));
  ASSERT_TRUE(ServiceControlPolicy().Update(context, record, changed, {"targets"}).ok());
  read = ServiceControlPolicy().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["targets"], changed["targets"]);
}

TEST_F(ServiceControlPolicyMotoTest, DeleteDetachesFirst) {
  ResourceContext context = Context("org.service_control_policy.deny-leaving");
  Result<Created> created =
      ServiceControlPolicy().Create(context, Desired({units_[0], units_[1]}), "t");
  ASSERT_TRUE(created.ok());
  Status deleted = ServiceControlPolicy().Delete(context, Record(*created, Json::object()));
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  Result<Json> policies =
      client().Call("organizations", "ListPolicies", {{"Filter", "SERVICE_CONTROL_POLICY"}});
  ASSERT_TRUE(policies.ok());
  EXPECT_EQ(DumpJson(*policies).find("deny-leaving"), std::string::npos);
}

TEST(ServiceControlPolicyTest, RefusesAPolicyOverOrganizationsLimit) {
  Json statement = {{"Effect", "Deny"}, {"Action", "s3:*"}, {"Resource", "*"}};
  Json content = {{"Version", "2012-10-17"}, {"Statement", Json::array()}};
  for (int i = 0; i < 200; ++i) content["Statement"].push_back(statement);
  EXPECT_EQ(
      ServiceControlPolicy()
          .CheckUpdate("org.service_control_policy.big", Json::object(), {{"content", content}})
          .code(),
      StatusCode::kInvalidArgument);
  content["Statement"] = Json::array({statement});
  EXPECT_TRUE(
      ServiceControlPolicy()
          .CheckUpdate("org.service_control_policy.big", Json::object(), {{"content", content}})
          .ok());
}

}  // namespace
}  // namespace vueops::resources
