// vueops aws against the AWS CLI v1 on the same moto: the same command line prints the same
// bytes. Skipped, saying why, where python3 lacks awscli.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "support/local_aws_fixture.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using test_support::VueopsRun;

class AwsCommandMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (std::system("python3 -c 'import awscli' >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "python3 cannot import awscli (the AWS CLI v1), which this test compares "
                      "with; install it (Debian: awscli) to run it";
    }
    char pattern[] = "/tmp/vueops_aws_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    environment_ = {"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing",
                    "AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=" + dir_ + "/none",
                    "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/none", "AWS_PAGER="};
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // `aws ARGS --endpoint-url moto` through the AWS CLI v1: its standard output.
  std::string AwsCli(const std::string& args) {
    std::string command;
    for (const std::string& variable : environment_) command += variable + " ";
    command += "python3 -m awscli " + args + " --endpoint-url " + endpoint_url() + " 2>&1";
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return "";
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    ::pclose(pipe);
    return output;
  }

  VueopsRun Vueops(std::vector<std::string> args) {
    args.insert(args.begin(), "aws");
    args.push_back("--endpoint-url");
    args.push_back(endpoint_url());
    return test_support::RunVueops(dir_, args, "", environment_);
  }

  std::string dir_;
  std::vector<std::string> environment_;
};

TEST_F(AwsCommandMotoTest, PrintsWhatTheAwsCliPrints) {
  ASSERT_EQ(Vueops({"s3api", "create-bucket", "--bucket", "same-bytes"}).exit_code, 0);
  ASSERT_EQ(Vueops({"s3api", "put-object", "--bucket", "same-bytes", "--key", "a"}).exit_code, 0);
  ASSERT_EQ(Vueops({"ec2", "create-vpc", "--cidr-block", "10.9.0.0/16"}).exit_code, 0);
  struct Case {
    std::string cli;
    std::vector<std::string> vueops;
  };
  // The AWS CLI follows paginators by default; vueops does with --paginate.
  std::vector<Case> cases = {
      {"s3api list-objects-v2 --bucket same-bytes",
       {"s3api", "list-objects-v2", "--bucket", "same-bytes", "--paginate"}},
      {"sts get-caller-identity", {"sts", "get-caller-identity"}},
      {"ec2 describe-vpcs --query Vpcs[].CidrBlock",
       {"ec2", "describe-vpcs", "--paginate", "--query", "Vpcs[].CidrBlock"}},
      {"iam list-roles", {"iam", "list-roles", "--paginate"}},
  };
  for (const Case& test_case : cases) {
    VueopsRun ours = Vueops(test_case.vueops);
    ASSERT_EQ(ours.exit_code, 0) << test_case.cli << ": " << ours.err;
    EXPECT_EQ(ours.out, AwsCli(test_case.cli)) << test_case.cli;
  }
}

TEST_F(AwsCommandMotoTest, AnErrorIsOneClearLine) {
  VueopsRun missing = Vueops({"s3api", "get-bucket-policy", "--bucket", "no-such-bucket"});
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  EXPECT_THAT(missing.err, ::testing::HasSubstr("NoSuchBucket"));
  VueopsRun typo = Vueops({"ec3", "describe-vpcs"});
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_THAT(typo.err, ::testing::HasSubstr("did you mean 'ec2'?"));
}

}  // namespace
}  // namespace vueops::cli
