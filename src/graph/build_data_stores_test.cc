#include <gtest/gtest.h>

#include <map>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "resources/resource_type.h"
#include "resources/desired.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildDataStores);
}

const spec::Environment& Env(const spec::Stack& stack, std::string_view name) {
  const spec::Environment* env = stack.FindEnvironment(name);
  EXPECT_NE(env, nullptr) << name;
  return *env;
}

class BuildDataStoresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::map<std::string, DesiredResource>> built = Build(stack_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    resources_ = std::move(*built);
  }

  const DesiredResource& At(const std::string& address) {
    return FindBuilt(resources_, address);
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildDataStoresTest, BuildsTheDatabaseAndCacheOfEachEnvironment) {
  for (const char* env : {"prod", "dev", "test"}) {
    for (const char* type : {"db_subnet_group", "db_parameter_group", "db_instance",
                             "cache_subnet_group", "cache_replication_group"}) {
      std::string address = std::string(env) + "." + type + ".main";
      const DesiredResource& resource = At(address);
      ASSERT_NE(resource.type, nullptr) << address;
      EXPECT_EQ(resource.type->name(), type);
      EXPECT_EQ(resource.account, std::string("vue") + env);
      EXPECT_EQ(resource.region, "us-west-2");
      // Each object depends on its account's creation.
      EXPECT_NE(std::find(resource.depends_on.begin(), resource.depends_on.end(),
                          std::string("org.account.vue") + env),
                resource.depends_on.end())
          << address;
    }
  }
  EXPECT_EQ(resources_.size(), 15u);
}

TEST_F(BuildDataStoresTest, PlacesTheDatabaseInThePrivateSubnetsAndTheServersGroup) {
  const DesiredResource& subnets = At("prod.db_subnet_group.main");
  EXPECT_EQ(subnets.attributes["name"], "vueocity-prod-database");
  EXPECT_EQ(subnets.attributes["subnet_ids"],
            Json::array({Reference("prod.subnet.private-a"), Reference("prod.subnet.private-b")}));
  const DesiredResource& instance = At("prod.db_instance.main");
  EXPECT_EQ(instance.attributes["vpc_security_group_ids"],
            Json::array({Reference("prod.security_group.database")}));
  EXPECT_EQ(instance.attributes["db_subnet_group_name"], Reference("prod.db_subnet_group.main"));
  EXPECT_EQ(instance.attributes["db_parameter_group_name"],
            Reference("prod.db_parameter_group.main"));
  EXPECT_EQ(instance.attributes["master_password_secret_arn"],
            Reference("prod.secret.db-master", "arn"));
  const DesiredResource& cache = At("prod.cache_replication_group.main");
  EXPECT_EQ(cache.attributes["security_group_ids"],
            Json::array({Reference("prod.security_group.cache")}));
  EXPECT_EQ(cache.attributes["subnet_group_name"], Reference("prod.cache_subnet_group.main"));
  EXPECT_EQ(At("prod.cache_subnet_group.main").attributes["subnet_ids"],
            subnets.attributes["subnet_ids"]);
}

TEST_F(BuildDataStoresTest, ParameterGroupSetsInnoDbTlsAndTheFleetsConnections) {
  const DesiredResource& group = At("prod.db_parameter_group.main");
  EXPECT_EQ(group.attributes["family"], "mysql8.0");
  const spec::Database& db = *Env(stack_, "prod").database;
  ASSERT_TRUE(db.max_connections_auto);
  // FOH 8 x 8, BOH 3 x 4, FT 4 x 4 uWSGI processes = 92, with the spec's headroom.
  EXPECT_GT(db.max_connections, 92);
  EXPECT_EQ(group.attributes["parameters"],
            (Json{{"default_storage_engine", "InnoDB"},
                  {"max_connections", std::to_string(db.max_connections)},
                  {"require_secure_transport", "1"}}));
  // The smaller dev fleet needs fewer.
  const DesiredResource& dev = At("dev.db_parameter_group.main");
  EXPECT_EQ(dev.attributes["parameters"]["max_connections"],
            std::to_string(Env(stack_, "dev").database->max_connections));
  EXPECT_LT(Env(stack_, "dev").database->max_connections, db.max_connections);
}

TEST_F(BuildDataStoresTest, InstanceFollowsEachEnvironmentsOverrides) {
  const Json& prod = At("prod.db_instance.main").attributes;
  EXPECT_EQ(prod["identifier"], "vueocity-prod-database");
  EXPECT_EQ(prod["engine"], "mysql");
  EXPECT_EQ(prod["engine_version"], "8.0");
  EXPECT_EQ(prod["instance_class"], "db.r6g.large");
  EXPECT_EQ(prod["multi_az"], true);
  EXPECT_EQ(prod["storage_type"], "gp3");
  EXPECT_EQ(prod["allocated_storage"], 20);
  EXPECT_EQ(prod["max_allocated_storage"], 200);
  EXPECT_EQ(prod["storage_encrypted"], true);
  EXPECT_EQ(prod["backup_retention_days"], 14);
  EXPECT_EQ(prod["deletion_protection"], true);
  EXPECT_EQ(prod["publicly_accessible"], false);
  EXPECT_EQ(prod["tags"], (Json{{"project", "vueocity"}, {"environment", "prod"}}));
  const Json& dev = At("dev.db_instance.main").attributes;
  EXPECT_EQ(dev["instance_class"], "db.t4g.small");
  EXPECT_EQ(dev["deletion_protection"], false);
  EXPECT_EQ(dev["backup_retention_days"], 7);
  EXPECT_EQ(dev["tags"], (Json{{"project", "vueocity"}, {"environment", "dev"}}));

  const Json& cache = At("prod.cache_replication_group.main").attributes;
  EXPECT_EQ(cache["id"], "vueocity-prod-cache");
  EXPECT_EQ(cache["engine"], "redis");
  EXPECT_EQ(cache["engine_version"], "7.1");
  EXPECT_EQ(cache["node_type"], "cache.r6g.large");
  EXPECT_EQ(cache["replicas"], 1);
  EXPECT_EQ(cache["multi_az"], true);
  EXPECT_EQ(cache["automatic_failover"], true);
  EXPECT_EQ(cache["encryption_at_rest"], true);
  EXPECT_EQ(cache["encryption_in_transit"], true);
  EXPECT_EQ(At("dev.cache_replication_group.main").attributes["node_type"], "cache.t4g.micro");
}

TEST_F(BuildDataStoresTest, ObjectsCarryTheEnvironmentsTagsAndTheirSpecLocation) {
  const DesiredResource& instance = At("prod.db_instance.main");
  resources::Tags expected = {{"vueops:stack", "vueocity"},
                              {"project", "vueocity"},
                              {"environment", "prod"}};
  EXPECT_EQ(instance.tags, expected);
  EXPECT_EQ(instance.source, Env(stack_, "prod").database->location);
  EXPECT_TRUE(instance.source.has_position());
  EXPECT_EQ(At("dev.cache_replication_group.main").source, Env(stack_, "dev").cache->location);
}

TEST(BuildDataStoresVariantsTest, UsesThePublicSubnetsWhenThereAreNoPrivateOnes) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) env.network.private_subnets.clear();
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->at("dev.cache_subnet_group.main").attributes["subnet_ids"],
            Json::array({Reference("dev.subnet.public-a"), Reference("dev.subnet.public-b")}));
}

TEST(BuildDataStoresVariantsTest, ServerlessFailsClearly) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) {
    if (env.name == "dev") env.database->mode = spec::DatabaseMode::kServerless;
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().message().find("dev.database: mode serverless"), std::string::npos)
      << built.status().message();
  EXPECT_NE(built.status().message().find("stack.yaml:"), std::string::npos)
      << built.status().message();
}

TEST(BuildDataStoresVariantsTest, NoDataStoresNoResources) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) {
    env.database.reset();
    env.cache.reset();
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok());
  EXPECT_TRUE(built->empty());
}

}  // namespace
}  // namespace vueops::graph
