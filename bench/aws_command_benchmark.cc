// `vueops aws sts get-caller-identity` beside `aws sts get-caller-identity` (the AWS CLI v1 on
// this machine), both cold processes against the same moto, started here on a free port.
//
// Target (issue 3): vueops at least 20x faster in wall time. A benchmark reports; it never
// fails on a number (the machine may be busy).
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "bench_process.h"
#include "client/local_aws.h"

namespace vueops::bench {
namespace {

constexpr int kRuns = 7;
constexpr double kTargetRatio = 20;

int Run() {
  Result<std::unique_ptr<client::LocalAws>> moto = client::LocalAws::Start();
  if (!moto.ok()) {
    std::printf("skipped: no local AWS: %s\n", moto.status().message().c_str());
    return 0;
  }
  // Nothing of the user's own AWS setup may take part: an empty home, dummy credentials.
  std::filesystem::path home = std::filesystem::temp_directory_path() / "vueops-bench-home";
  std::filesystem::create_directories(home);
  const std::map<std::string, std::string> environment = {
      {"HOME", home.string()},
      {"AWS_CONFIG_FILE", (home / "config").string()},
      {"AWS_SHARED_CREDENTIALS_FILE", (home / "credentials").string()},
      {"AWS_ACCESS_KEY_ID", "testing"},
      {"AWS_SECRET_ACCESS_KEY", "testing"},
      {"AWS_REGION", "us-east-1"},
      {"AWS_DEFAULT_REGION", "us-east-1"},
      {"AWS_ENDPOINT_URL", (*moto)->endpoint_url()},
  };
  const std::vector<std::string> vueops = {VUEOPS_BINARY_DIR "/vueops", "aws", "sts",
                                           "get-caller-identity"};
  const std::vector<std::string> aws = {"aws", "sts", "get-caller-identity"};
  const bool have_aws = OnPath("aws");

  std::vector<double> vueops_seconds, aws_seconds;
  for (int run = 0; run < kRuns; ++run) {
    ProcessResult ours = RunProcess(vueops, environment);
    if (ours.exit_status != 0) {
      std::printf("vueops failed (exit %d): %s\n", ours.exit_status, ours.output.c_str());
      return 1;
    }
    vueops_seconds.push_back(ours.seconds);
    if (have_aws) {
      ProcessResult theirs = RunProcess(aws, environment);
      if (theirs.exit_status == 0) aws_seconds.push_back(theirs.seconds);
      if (run == 0 && theirs.output != ours.output) {
        std::printf("note: the outputs differ:\n--- vueops\n%s--- aws\n%s", ours.output.c_str(),
                    theirs.output.c_str());
      }
    }
  }
  double ours = Median(vueops_seconds);
  std::printf("sts get-caller-identity, cold process, median of %d against moto:\n", kRuns);
  std::printf("  vueops aws  %8.1f ms\n", ours * 1000);
  if (aws_seconds.empty()) {
    std::printf("  aws         not run (the AWS CLI is not on PATH or failed)\n");
    return 0;
  }
  double theirs = Median(aws_seconds);
  std::printf("  aws (v1)    %8.1f ms\n", theirs * 1000);
  std::printf("  ratio       %8.1fx faster (target: at least %.0fx)\n", theirs / ours,
              kTargetRatio);
  return 0;
}

}  // namespace
}  // namespace vueops::bench

int main() { return vueops::bench::Run(); }
