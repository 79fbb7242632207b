#include "resource_test_support.h"

#include <gtest/gtest.h>

#include "auth/credentials_provider.h"
#include "auth/refreshing_credentials.h"
#include "client/random_source.h"

namespace vueops::test_support {

void ResourceMotoTest::SetUp() {
  MotoTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  transport_ = std::make_unique<http::CurlTransport>();
  environment_ = std::make_unique<MapEnvironment>();
  context_ = std::make_shared<client::ClientContext>(
      transport_.get(), &Clock::Real(), &client::RandomSource::Real(), nullptr, environment_.get());
  auth::Credentials credentials;
  credentials.access_key_id = kAccessKeyId;
  credentials.secret_access_key = kSecretAccessKey;
  credentials.source = "test credentials";
  auto refreshing = std::make_shared<auth::RefreshingCredentials>(
      std::make_unique<auth::StaticCredentialsProvider>(credentials), Clock::Real());
  client::ClientConfig config;
  config.region = kTestRegion;
  config.endpoint_url = endpoint_url();
  client_ = std::make_unique<client::AwsClient>(context_, refreshing, config);
}

resources::ResourceContext ResourceMotoTest::Context(const std::string& address) {
  resources::Tags tags = {{std::string(resources::kAddressTag), address},
                          {std::string(resources::kStackTag), "test"},
                          {"environment", "test"}};
  return resources::ResourceContext(*client_, Clock::Real(), address, std::move(tags));
}

void ResourceMotoTest::MakeEc2Role(const std::string& name) {
  Json trust = {{"Version", "2012-10-17"},
                {"Statement",
                 {{{"Effect", "Allow"},
                   {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                   {"Action", "sts:AssumeRole"}}}}};
  Result<Json> role = client().Call(
      "iam", "CreateRole", {{"RoleName", name}, {"AssumeRolePolicyDocument", DumpJson(trust)}});
  ASSERT_TRUE(role.ok()) << role.status().ToString();
}

resources::Created ResourceMotoTest::RoundTrip(const resources::ResourceType& type,
                                               const std::string& address, const Json& desired) {
  resources::ResourceContext context = Context(address);
  Result<resources::Created> created = type.Create(context, desired, "token-" + address);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  if (!created.ok()) return {};
  EXPECT_FALSE(created->id.empty()) << address << ": Create returned no id";
  state::ResourceRecord record;
  record.address = address;
  record.type = std::string(type.name());
  record.id = created->id;
  record.outputs = created->outputs;
  record.attributes = desired;
  Result<Json> read = type.Read(context, record);
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  if (read.ok()) {
    for (const resources::Attribute& attribute : type.attributes()) {
      std::string name(attribute.name);
      if (attribute.update == resources::UpdateMode::kCreateOnly || attribute.sensitive ||
          !desired.contains(name)) {
        continue;
      }
      EXPECT_TRUE(JsonEqualUnordered((*read)[name], desired[name]))
          << address << ": attribute " << name << " reads back as " << DumpJson((*read)[name])
          << ", not " << DumpJson(desired[name]);
    }
  }
  Result<std::optional<resources::Found>> found = type.Find(context, desired, "token-" + address);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  if (found.ok()) {
    EXPECT_TRUE(found->has_value()) << address << ": Find did not find the created object";
    if (found->has_value()) {
      EXPECT_EQ((*found)->id, created->id);
    }
  }
  EXPECT_TRUE(type.Delete(context, record).ok());
  Result<Json> gone = type.Read(context, record);
  EXPECT_FALSE(gone.ok()) << address << ": still readable after Delete";
  if (!gone.ok()) {
    EXPECT_EQ(gone.status().code(), StatusCode::kNotFound) << gone.status().ToString();
  }
  EXPECT_TRUE(type.Delete(context, record).ok()) << address << ": deleting twice must be OK";
  return *created;
}

}  // namespace vueops::test_support
