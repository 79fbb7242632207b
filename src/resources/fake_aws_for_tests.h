// For the unit tests of the data-store and load-balancer types: an AWS client over a scripted
// fake transport and a fake clock, for the answers moto cannot give (an operation it lacks, an
// error it never returns: a name already taken, an object in use, deletion protection) and for
// waits that must take no wall-clock time. Nothing leaves the process. Included by tests only.
#ifndef VUEOPS_RESOURCES_FAKE_AWS_FOR_TESTS_H_
#define VUEOPS_RESOURCES_FAKE_AWS_FOR_TESTS_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/credentials_provider.h"
#include "auth/refreshing_credentials.h"
#include "auth/testing/test_credentials.h"
#include "base/clock.h"
#include "base/environment.h"
#include "client/aws_client.h"
#include "client/random_source.h"
#include "http/fake_transport.h"
#include "resources/resource_context.h"

namespace vueops::resources::testing {

class FakeAwsTest : public ::testing::Test {
 protected:
  static constexpr char kRegion[] = "us-west-2";

  // A context for the object at `address`, tagged as the engine tags it, on the fake clock.
  ResourceContext Context(const std::string& address) {
    return ResourceContext(client_, clock_, address,
                           {{std::string(kAddressTag), address},
                            {std::string(kStackTag), "test"},
                            {"environment", "test"}});
  }

  // A query-protocol (RDS, ElastiCache, ELBv2) error answer.
  void EnqueueError(int status, std::string_view code, std::string_view message = "refused") {
    transport_.Enqueue(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" +
                                   std::string(code) + "</Code><Message>" + std::string(message) +
                                   "</Message></Error><RequestId>req-err</RequestId>"
                                   "</ErrorResponse>");
  }

  // A query-protocol success answer for `operation` whose result holds `result_xml`.
  void EnqueueResult(std::string_view operation, std::string_view result_xml = "") {
    std::string name(operation);
    transport_.Enqueue(200, "<" + name + "Response><" + name + "Result>" + std::string(result_xml) +
                                "</" + name + "Result>" +
                                "<ResponseMetadata><RequestId>req-ok</RequestId>" +
                                "</ResponseMetadata></" + name + "Response>");
  }

  // The body of every request sent so far (query protocol: "Action=...&...").
  std::vector<std::string> Bodies() const {
    std::vector<std::string> bodies;
    for (const http::FakeTransport::Call& call : transport_.calls()) {
      bodies.push_back(call.request.body);
    }
    return bodies;
  }

  http::FakeTransport transport_;
  FakeClock clock_;

 private:
  static std::shared_ptr<auth::RefreshingCredentials> Credentials(Clock& clock) {
    return std::make_shared<auth::RefreshingCredentials>(
        std::make_unique<auth::StaticCredentialsProvider>(
            auth::testing::MakeCredentials("AKIDEXAMPLE", "secret", "", "test credentials")),
        clock);
  }
  static client::ClientConfig Config() {
    client::ClientConfig config;
    config.region = kRegion;
    return config;
  }

  client::FakeRandomSource random_{{0.5}};
  // Empty, so that no AWS_ENDPOINT_URL of the test's environment applies.
  MapEnvironment environment_;
  std::shared_ptr<client::ClientContext> context_ = std::make_shared<client::ClientContext>(
      &transport_, &clock_, &random_, nullptr, &environment_);
  client::AwsClient client_{context_, Credentials(clock_), Config()};
};

}  // namespace vueops::resources::testing

#endif  // VUEOPS_RESOURCES_FAKE_AWS_FOR_TESTS_H_
