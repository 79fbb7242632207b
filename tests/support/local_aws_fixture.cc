#include "support/local_aws_fixture.h"

#include <cstdlib>
#include <memory>
#include <mutex>

namespace vueops::test_support {
namespace {

struct Shared {
  std::once_flag started;
  Status status;
  // Destroyed when the binary exits, which stops moto.
  std::unique_ptr<client::LocalAws> local_aws;
};

Shared& TheShared() {
  static Shared shared;
  return shared;
}

bool MotoRequired() {
  const char* value = std::getenv("VUEOPS_REQUIRE_MOTO");
  return value != nullptr && std::string(value) == "1";
}

}  // namespace

Result<client::LocalAws*> SharedLocalAws() {
  Shared& shared = TheShared();
  std::call_once(shared.started, [&shared] {
    client::LocalAws::Options options;
    // Loading AWS's ~1,000 managed policies into every account moto creates costs seconds
    // after each reset; no test here attaches one (`vueops up --local` and tests/proof do).
    options.environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "false";
    Result<std::unique_ptr<client::LocalAws>> started = client::LocalAws::Start(options);
    if (started.ok()) {
      shared.local_aws = std::move(started).value();
    } else {
      shared.status = started.status();
    }
  });
  if (!shared.status.ok()) return shared.status;
  return shared.local_aws.get();
}

void MotoTest::SetUp() {
  Result<client::LocalAws*> local_aws = SharedLocalAws();
  if (!local_aws.ok()) {
    if (local_aws.status().code() == StatusCode::kNotFound && !MotoRequired()) {
      GTEST_SKIP() << "no local AWS: " << local_aws.status().message();
    }
    GTEST_FAIL() << "cannot start the local AWS: " << local_aws.status().ToString();
  }
  local_aws_ = *local_aws;
  Status reset = local_aws_->Reset();
  ASSERT_TRUE(reset.ok()) << reset.ToString();
}

client::LocalAws::Options FakeMotoOptions(const std::string& mode) {
  client::LocalAws::Options options;
  options.server_module = "fake_moto_server";
  options.environment["PYTHONPATH"] = VUEOPS_TEST_SUPPORT_DIR;
  options.environment["FAKE_MOTO_MODE"] = mode;
  // Keep the source tree free of __pycache__.
  options.environment["PYTHONDONTWRITEBYTECODE"] = "1";
  return options;
}

}  // namespace vueops::test_support
