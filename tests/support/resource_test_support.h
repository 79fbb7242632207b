// Testing resource types against moto: a fixture with an AWS client pointed at the local
// AWS, and ResourceContexts for the objects a test makes.
//
//   class VpcMotoTest : public vueops::test_support::ResourceMotoTest {};
//   TEST_F(VpcMotoTest, CreatesReadsDeletes) {
//     resources::ResourceContext context = Context("prod.vpc.main");
//     ...
//   }
#ifndef VUEOPS_TESTS_SUPPORT_RESOURCE_TEST_SUPPORT_H_
#define VUEOPS_TESTS_SUPPORT_RESOURCE_TEST_SUPPORT_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/environment.h"
#include "client/aws_client.h"
#include "http/curl_transport.h"
#include "local_aws_fixture.h"
#include "resources/resource_context.h"
#include "resources/resource_type.h"

namespace vueops::test_support {

class ResourceMotoTest : public MotoTest {
 protected:
  // The region the tests' objects live in (moto answers for every region).
  static constexpr char kTestRegion[] = "us-west-2";

  void SetUp() override;

  client::AwsClient& client() { return *client_; }
  // A context for the object at `address`, tagged as the engine tags it. Waits run on the
  // real clock (moto answers at once) with short polls.
  resources::ResourceContext Context(const std::string& address);
  // Makes an IAM role EC2 may assume (a servers role), for the types that hang off a role.
  void MakeEc2Role(const std::string& name);

  // Runs a type through create, read, find, delete and read-after-delete, checking each
  // step's contract; returns the created object for further checks (already deleted).
  resources::Created RoundTrip(const resources::ResourceType& type, const std::string& address,
                               const Json& desired);

 private:
  std::unique_ptr<http::CurlTransport> transport_;
  std::unique_ptr<MapEnvironment> environment_;
  std::shared_ptr<client::ClientContext> context_;
  std::unique_ptr<client::AwsClient> client_;
};

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_RESOURCE_TEST_SUPPORT_H_
