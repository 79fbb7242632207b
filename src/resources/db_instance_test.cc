#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class DbInstanceMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
    ASSERT_TRUE(client()
                    .Call("rds", "CreateDBSubnetGroup",
                          {{"DBSubnetGroupName", "test-dev-database"},
                           {"DBSubnetGroupDescription", "d"},
                           {"SubnetIds", testing::ToJson(network_.subnet_ids)}})
                    .ok());
    ASSERT_TRUE(client()
                    .Call("rds", "CreateDBParameterGroup",
                          {{"DBParameterGroupName", "test-dev-database"},
                           {"DBParameterGroupFamily", "mysql8.0"},
                           {"Description", "d"}})
                    .ok());
    secret_arn_ = testing::CallForId(
        client(), "secretsmanager", "CreateSecret",
        {{"Name", "test-db-master"}, {"SecretString", R"({"username": "mpfadmin", "password": "s3cret-Passw0rd"})"}},
        Json::json_pointer("/ARN"));
  }

  Json Desired(bool deletion_protection) const {
    return {{"identifier", "test-dev-database"},
            {"engine", "mysql"},
            {"engine_version", "8.0"},
            {"instance_class", "db.t4g.small"},
            {"multi_az", true},
            {"storage_type", "gp3"},
            {"allocated_storage", 20},
            {"max_allocated_storage", 200},
            {"storage_encrypted", true},
            {"master_username", "mpfadmin"},
            {"master_password_secret_arn", secret_arn_},
            {"db_subnet_group_name", "test-dev-database"},
            {"db_parameter_group_name", "test-dev-database"},
            {"vpc_security_group_ids", {network_.security_group_ids[0]}},
            {"backup_retention_days", 7},
            {"deletion_protection", deletion_protection},
            {"auto_minor_version_upgrade", true},
            {"publicly_accessible", false},
            {"copy_tags_to_snapshot", true},
            {"tags", {{"environment", "test"}}}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) const {
    state::ResourceRecord record;
    record.address = "test.db_instance.main";
    record.type = "db_instance";
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = attributes;
    return record;
  }

  testing::MotoNetwork network_;
  std::string secret_arn_;
};

TEST_F(DbInstanceMotoTest, RoundTrip) {
  Created created = RoundTrip(DbInstance(), "test.db_instance.main", Desired(false));
  EXPECT_EQ(created.id, "test-dev-database");
  EXPECT_FALSE(created.outputs.value("endpoint", "").empty());
  EXPECT_EQ(created.outputs["port"], 3306);
}

TEST_F(DbInstanceMotoTest, GrowsStorageInPlaceRefusesShrinkingAndReadsDrift) {
  ResourceContext context = Context("test.db_instance.main");
  Result<Created> created = DbInstance().Create(context, Desired(false), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created, Desired(false));

  Json bigger = Desired(false);
  bigger["allocated_storage"] = 30;
  bigger["vpc_security_group_ids"] = testing::ToJson(network_.security_group_ids);
  bigger["tags"] = {{"environment", "test"}, {"team", "ops"}};
  EXPECT_TRUE(DbInstance().CheckUpdate(record.address, Desired(false), bigger).ok());
  Status updated = DbInstance().Update(context, record, bigger,
                                       {"allocated_storage", "vpc_security_group_ids", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = DbInstance().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["allocated_storage"], 30);
  EXPECT_EQ((*read)["vpc_security_group_ids"], bigger["vpc_security_group_ids"]);
  EXPECT_EQ((*read)["tags"], bigger["tags"]);
  EXPECT_EQ((*read)["engine_version"], "8.0");

  // notes: "once storage is increased on an instance it cannot [be] reduced".
  Status shrink = DbInstance().CheckUpdate(record.address, *read, Desired(false));
  EXPECT_EQ(shrink.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(shrink.message().find("cannot shrink from 30 to 20"), std::string::npos)
      << shrink.message();

  // A change made by hand in the console.
  ASSERT_TRUE(client()
                  .Call("rds", "ModifyDBInstance",
                        {{"DBInstanceIdentifier", record.id},
                         {"BackupRetentionPeriod", 1},
                         {"ApplyImmediately", true}})
                  .ok());
  read = DbInstance().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["backup_retention_days"], 1);
  EXPECT_TRUE(DbInstance().WaitReady(context, record).ok());
  EXPECT_TRUE(DbInstance().Delete(context, record).ok());
}

TEST_F(DbInstanceMotoTest, DeletingAProtectedInstanceKeepsAFinalSnapshot) {
  ResourceContext context = Context("test.db_instance.main");
  Result<Created> created = DbInstance().Create(context, Desired(true), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created, Desired(true));
  ASSERT_TRUE(DbInstance().Delete(context, record).ok());
  EXPECT_EQ(DbInstance().Read(context, record).status().code(), StatusCode::kNotFound);
  Result<Json> snapshots = client().Call(
      "rds", "DescribeDBSnapshots", {{"DBInstanceIdentifier", "test-dev-database"}});
  ASSERT_TRUE(snapshots.ok()) << snapshots.status().ToString();
  bool final_snapshot = false;
  for (const Json& snapshot : (*snapshots)["DBSnapshots"]) {
    final_snapshot = final_snapshot ||
                     snapshot.value("DBSnapshotIdentifier", "").rfind("test-dev-database-final-", 0) == 0;
  }
  EXPECT_TRUE(final_snapshot) << DumpJson(*snapshots);
}

TEST_F(DbInstanceMotoTest, CreateNeedsThePasswordSecret) {
  ResourceContext context = Context("test.db_instance.main");
  Json desired = Desired(false);
  desired["master_password_secret_arn"] =
      "arn:aws:secretsmanager:us-west-2:123456789012:secret:missing-AbCdEf";
  Result<Created> created = DbInstance().Create(context, desired, "t");
  EXPECT_FALSE(created.ok());
  Result<Json> instances = client().Call("rds", "DescribeDBInstances", Json::object());
  ASSERT_TRUE(instances.ok());
  EXPECT_TRUE((*instances)["DBInstances"].empty());
}

}  // namespace
}  // namespace vueops::resources
