#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class HealthCheckMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Site() {
    return {{"type", "HTTPS"},
            {"fqdn", "www.vueocity.com"},
            {"resource_path", "/health"},
            {"port", 443},
            {"request_interval", 30},
            {"failure_threshold", 3},
            {"enable_sni", true},
            {"tags", {{"Name", "vueocity-test-site"}, {"environment", "test"}}}};
  }
};

TEST_F(HealthCheckMotoTest, RoundTrip) {
  RoundTrip(HealthCheck(), "test.health_check.site", Site());
}

TEST_F(HealthCheckMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.health_check.site");
  Result<Created> created = HealthCheck().Create(context, Site(), "token-1");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.health_check.site";
  record.id = created->id;
  record.attributes = Site();
  Json desired = Site();
  desired["resource_path"] = "/status";
  desired["failure_threshold"] = 5;
  desired["tags"] = {{"Name", "vueocity-test-site"}};
  Status updated = HealthCheck().Update(context, record, desired,
                                        {"resource_path", "failure_threshold", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = HealthCheck().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, desired);

  ASSERT_TRUE(client()
                  .Call("route53", "UpdateHealthCheck",
                        {{"HealthCheckId", record.id}, {"FailureThreshold", 1}})
                  .ok());
  read = HealthCheck().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["failure_threshold"], 1);

  // Adoption after a crash: the create token finds it.
  Result<std::optional<Found>> found = HealthCheck().Find(context, Site(), "token-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, created->id);
  EXPECT_TRUE(HealthCheck().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources
