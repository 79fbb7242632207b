// The client's cost per call: 1,000 DescribeSecurityGroups through the vueops client beside a
// boto3 loop (what the notes' scripts use today), both against the same moto started here;
// then the client's own CPU per call with a transport that answers from memory, so that only
// validation, endpoint, serialization, signing and parsing are measured.
//
// Target (issue 3): under 50 microseconds of CPU per call. A benchmark reports; it never
// fails on a number (the machine may be busy).
#include <time.h>

#include <chrono>
#include <cstdio>

#include "auth/credentials_provider.h"
#include "bench_process.h"
#include "client/aws_client.h"
#include "client/local_aws.h"
#include "http/curl_transport.h"

namespace vueops::bench {
namespace {

constexpr int kCalls = 1000;
constexpr int kCpuCalls = 20000;
constexpr double kTargetCpuMicroseconds = 50;

// A DescribeSecurityGroups answer with three groups and rules, as EC2 writes it.
constexpr char kSecurityGroups[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><securityGroupInfo>
<item><ownerId>123456789012</ownerId><groupId>sg-0a1b2c3d4e5f60001</groupId>
<groupName>elb</groupName><groupDescription>load balancer</groupDescription>
<vpcId>vpc-0a1b2c3d</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>
<fromPort>443</fromPort><toPort>443</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp>
</item></ipRanges></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>
<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
<tagSet><item><key>vueops:env</key><value>prod</value></item></tagSet></item>
<item><ownerId>123456789012</ownerId><groupId>sg-0a1b2c3d4e5f60002</groupId>
<groupName>servers</groupName><groupDescription>servers</groupDescription>
<vpcId>vpc-0a1b2c3d</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>
<fromPort>80</fromPort><toPort>80</toPort><groups><item><userId>123456789012</userId>
<groupId>sg-0a1b2c3d4e5f60001</groupId></item></groups></item></ipPermissions>
<tagSet><item><key>vueops:env</key><value>prod</value></item></tagSet></item>
<item><ownerId>123456789012</ownerId><groupId>sg-0a1b2c3d4e5f60003</groupId>
<groupName>db</groupName><groupDescription>mysql</groupDescription><vpcId>vpc-0a1b2c3d</vpcId>
<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>3306</fromPort><toPort>3306</toPort>
<groups><item><userId>123456789012</userId><groupId>sg-0a1b2c3d4e5f60002</groupId></item>
</groups></item></ipPermissions></item></securityGroupInfo></DescribeSecurityGroupsResponse>)";

class MemoryTransport : public http::Transport {
 public:
  Result<http::Response> Send(const http::Request&, const http::Options&) override {
    http::Response response;
    response.status = 200;
    response.body = kSecurityGroups;
    return response;
  }
};

double CpuSeconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

client::AwsClient MakeClient(http::Transport& transport, const std::string& endpoint_url,
                             const Environment& environment) {
  auto context = std::make_shared<client::ClientContext>(
      &transport, &Clock::Real(), &client::RandomSource::Real(), nullptr, &environment);
  auth::Credentials credentials;
  credentials.access_key_id = "testing";
  credentials.secret_access_key = "testing";
  credentials.source = "benchmark";
  client::ClientConfig config;
  config.region = "us-east-1";
  config.endpoint_url = endpoint_url;
  return client::AwsClient(
      context,
      std::make_shared<auth::RefreshingCredentials>(
          std::make_unique<auth::StaticCredentialsProvider>(credentials), Clock::Real()),
      config);
}

void MeasureCpuPerCall(const Environment& environment) {
  MemoryTransport transport;
  client::AwsClient client = MakeClient(transport, "", environment);
  const Json input = Json{{"Filters", {{{"Name", "vpc-id"}, {"Values", {"vpc-0a1b2c3d"}}}}}};
  // Warm up: the EC2 model is inflated and parsed on first use (once per process).
  auto warm_start = std::chrono::steady_clock::now();
  if (!client.Call("ec2", "DescribeSecurityGroups", input).ok()) return;
  double first_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - warm_start)
          .count();
  double start = CpuSeconds();
  for (int i = 0; i < kCpuCalls; ++i) {
    Result<Json> output = client.Call("ec2", "DescribeSecurityGroups", input);
    if (!output.ok() || (*output)["SecurityGroups"].size() != 3) {
      std::printf("the in-memory call failed: %s\n", output.status().ToString().c_str());
      return;
    }
  }
  double per_call_us = (CpuSeconds() - start) / kCpuCalls * 1e6;
  std::printf("client CPU per DescribeSecurityGroups call (transport in memory, %d calls):\n",
              kCpuCalls);
  std::printf(
      "  %.1f us per call (target: under %.0f us); the first call, loading the EC2 "
      "model, took %.1f ms\n",
      per_call_us, kTargetCpuMicroseconds, first_ms);
}

int Run() {
  MapEnvironment environment;
  MeasureCpuPerCall(environment);

  Result<std::unique_ptr<client::LocalAws>> moto = client::LocalAws::Start();
  if (!moto.ok()) {
    std::printf("skipped the moto comparison: %s\n", moto.status().message().c_str());
    return 0;
  }
  const std::string endpoint = (*moto)->endpoint_url();
  http::CurlTransport transport;
  client::AwsClient client = MakeClient(transport, endpoint, environment);
  if (!client
           .Call("ec2", "CreateSecurityGroup",
                 Json{{"GroupName", "bench"}, {"Description", "benchmark"}})
           .ok()) {
    std::printf("could not create the security group in moto\n");
    return 1;
  }
  if (!client.Call("ec2", "DescribeSecurityGroups", Json::object()).ok()) return 1;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) {
    Result<Json> output = client.Call("ec2", "DescribeSecurityGroups", Json::object());
    if (!output.ok()) {
      std::printf("call %d failed: %s\n", i, output.status().ToString().c_str());
      return 1;
    }
  }
  double ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // The same loop in boto3, timed inside Python so interpreter start-up is not counted.
  std::string script =
      "import boto3, time\n"
      "c = boto3.client('ec2', endpoint_url='" +
      endpoint +
      "', region_name='us-east-1',"
      " aws_access_key_id='testing', aws_secret_access_key='testing')\n"
      "c.describe_security_groups()\n"
      "t = time.perf_counter()\n"
      "for _ in range(" +
      std::to_string(kCalls) +
      "): c.describe_security_groups()\n"
      "print(time.perf_counter() - t)\n";
  ProcessResult boto3 = RunProcess({"python3", "-c", script}, {});
  std::printf("%d DescribeSecurityGroups calls against moto (one connection kept alive):\n",
              kCalls);
  std::printf("  vueops client  %7.2f s  (%.2f ms per call)\n", ours, ours / kCalls * 1000);
  if (boto3.exit_status != 0) {
    std::printf("  boto3          not run (python3 cannot import boto3)\n");
    return 0;
  }
  double theirs = std::strtod(boto3.output.c_str(), nullptr);
  std::printf("  boto3          %7.2f s  (%.2f ms per call)\n", theirs, theirs / kCalls * 1000);
  std::printf(
      "  ratio          %7.1fx faster (both wait on the same moto, which is most of "
      "the time)\n",
      theirs / ours);
  return 0;
}

}  // namespace
}  // namespace vueops::bench

int main() { return vueops::bench::Run(); }
