// The googletest fixture for tests that need the local AWS (moto).
//
// One moto server per test binary: the first MotoTest to run starts it (on a loopback port the
// OS chooses), every MotoTest's SetUp empties it (POST /moto-api/reset), and it is stopped when
// the binary exits (or, if the binary crashes, it stops itself; see client/local_aws.h).
//
// Use:
//   #include "support/local_aws_fixture.h"
//   class Ec2MotoTest : public vueops::test_support::MotoTest {};
//   TEST_F(Ec2MotoTest, CreatesASecurityGroup) {
//     ... point the client at endpoint_url(), region kRegion, credentials kAccessKeyId ...
//   }
// Suite names must contain "MotoTest": the module's CMakeLists.txt calls
// vueops_moto_tests(module) (tests/support/moto_tests.cmake), which runs those suites under the
// ctest label "moto" and keeps them out of "unit". Link the module's tests with
// TEST_DEPS vueops_test_local_aws.
//
// When moto is not installed the tests are skipped, saying why; with VUEOPS_REQUIRE_MOTO=1 in
// the environment (CI), they fail instead.
#ifndef VUEOPS_TESTS_SUPPORT_LOCAL_AWS_FIXTURE_H_
#define VUEOPS_TESTS_SUPPORT_LOCAL_AWS_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "base/status.h"
#include "client/local_aws.h"

namespace vueops::test_support {

// The binary's shared local AWS, started on first use. Fails (every time after the first
// failure, without retrying) when moto could not be started; kNotFound means not installed.
Result<client::LocalAws*> SharedLocalAws();

class MotoTest : public ::testing::Test {
 public:
  // moto's defaults: the region its resources live in and the account they belong to. It
  // accepts any credentials unless told to check them (INITIAL_NO_AUTH_ACTION_COUNT).
  static constexpr char kRegion[] = "us-east-1";
  static constexpr char kAccountId[] = "123456789012";
  static constexpr char kAccessKeyId[] = "testing";
  static constexpr char kSecretAccessKey[] = "testing";

 protected:
  // Starts or reuses the shared moto and resets it; skips the test when moto is missing.
  void SetUp() override;

  // REQUIRES: SetUp() succeeded.
  client::LocalAws& local_aws() { return *local_aws_; }
  const std::string& endpoint_url() { return local_aws_->endpoint_url(); }

 private:
  client::LocalAws* local_aws_ = nullptr;
};

// Options that run tests/support/fake_moto_server.py instead of moto (for tests of the
// launcher itself, which must not need moto), misbehaving as FAKE_MOTO_MODE `mode` says.
client::LocalAws::Options FakeMotoOptions(const std::string& mode = "");

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_LOCAL_AWS_FIXTURE_H_
