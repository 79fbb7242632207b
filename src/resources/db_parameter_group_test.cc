#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class DbParameterGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Desired(const Json& parameters) {
    return {{"name", "test-dev-database"},
            {"family", "mysql8.0"},
            {"description", "MySQL settings of test-dev"},
            {"parameters", parameters}};
  }
  static Json Parameters() {
    return {{"default_storage_engine", "InnoDB"},
            {"max_connections", "150"},
            {"require_secure_transport", "1"}};
  }
};

TEST_F(DbParameterGroupMotoTest, RoundTrip) {
  Created created =
      RoundTrip(DbParameterGroup(), "test.db_parameter_group.main", Desired(Parameters()));
  EXPECT_EQ(created.id, "test-dev-database");
  EXPECT_NE(created.outputs.value("arn", "").find(":pg:test-dev-database"), std::string::npos);
}

// moto has no DescribeEngineDefaultParameters (it answers 500): the update falls back to
// applying at the next reboot, which AWS accepts for every parameter, and says so.
TEST_F(DbParameterGroupMotoTest, UpdatesParametersInPlaceAndReadsDrift) {
  std::vector<std::string> progress;
  ResourceContext context(client(), Clock::Real(), "test.db_parameter_group.main",
                          {{std::string(kAddressTag), "test.db_parameter_group.main"}},
                          [&](std::string_view line) { progress.emplace_back(line); });
  Result<Created> created = DbParameterGroup().Create(context, Desired(Parameters()), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.db_parameter_group.main";
  record.id = created->id;
  record.attributes = Desired(Parameters());

  Json more = Parameters();
  more["max_connections"] = "300";
  more["slow_query_log"] = "1";
  Status updated = DbParameterGroup().Update(context, record, Desired(more), {"parameters"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = DbParameterGroup().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered((*read)["parameters"], more)) << DumpJson((*read)["parameters"]);
  ASSERT_FALSE(progress.empty());
  EXPECT_NE(progress.back().find("next reboot"), std::string::npos) << progress.back();

  // A change made by hand in the console.
  ASSERT_TRUE(client()
                  .Call("rds", "ModifyDBParameterGroup",
                        {{"DBParameterGroupName", record.id},
                         {"Parameters",
                          {{{"ParameterName", "max_connections"},
                            {"ParameterValue", "90"},
                            {"ApplyMethod", "immediate"}}}}})
                  .ok());
  read = DbParameterGroup().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["parameters"]["max_connections"], "90");

  Result<std::optional<Found>> found = DbParameterGroup().Find(context, Desired(more), "t");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->attributes["parameters"]["max_connections"], "90");
  EXPECT_TRUE(DbParameterGroup().Delete(context, record).ok());
  EXPECT_EQ(DbParameterGroup().Read(context, record).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources
