// The fixture of the network and server types' moto tests: objects the type under test
// needs (a VPC, subnets, ...) made with raw EC2 calls, so that each test exercises one type.
#ifndef VUEOPS_RESOURCES_NETWORK_MOTO_TEST_H_
#define VUEOPS_RESOURCES_NETWORK_MOTO_TEST_H_

#include <gtest/gtest.h>

#include <string>

#include "resource_test_support.h"
#include "resources/resource_type.h"

namespace vueops::resources {

class NetworkMotoTest : public test_support::ResourceMotoTest {
 protected:
  // A raw call that must succeed.
  Json Must(std::string_view service, std::string_view operation, const Json& input) {
    Result<Json> output = client().Call(service, operation, input);
    EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
    return output.ok() ? *output : Json::object();
  }

  std::string MakeVpc(const std::string& cidr = "10.50.0.0/16") {
    return Must("ec2", "CreateVpc", {{"CidrBlock", cidr}})["Vpc"].value("VpcId", "");
  }

  std::string MakeSubnet(const std::string& vpc_id, const std::string& cidr,
                         const std::string& zone = "us-west-2a") {
    return Must("ec2", "CreateSubnet",
                {{"VpcId", vpc_id}, {"CidrBlock", cidr}, {"AvailabilityZone", zone}})["Subnet"]
        .value("SubnetId", "");
  }

  std::string MakeInternetGateway(const std::string& vpc_id) {
    std::string id =
        Must("ec2", "CreateInternetGateway", Json::object())["InternetGateway"].value(
            "InternetGatewayId", "");
    Must("ec2", "AttachInternetGateway", {{"InternetGatewayId", id}, {"VpcId", vpc_id}});
    return id;
  }

  std::string MakeSecurityGroup(const std::string& vpc_id, const std::string& name) {
    return Must("ec2", "CreateSecurityGroup",
                {{"GroupName", name}, {"Description", name}, {"VpcId", vpc_id}})
        .value("GroupId", "");
  }

  // A launch template for the fleet types' tests.
  std::string MakeLaunchTemplate(const std::string& name) {
    return Must("ec2", "CreateLaunchTemplate",
                {{"LaunchTemplateName", name},
                 {"LaunchTemplateData",
                  {{"ImageId", "ami-12c6146b"}, {"InstanceType", "t3.micro"}}}})["LaunchTemplate"]
        .value("LaunchTemplateId", "");
  }

  // An autoscaling group of no instances, for the scheduled actions' and policies' tests.
  void MakeAutoscalingGroup(const std::string& name) {
    std::string vpc = MakeVpc();
    std::string subnet = MakeSubnet(vpc, "10.50.0.0/20");
    Must("autoscaling", "CreateAutoScalingGroup",
         {{"AutoScalingGroupName", name},
          {"LaunchTemplate", {{"LaunchTemplateId", MakeLaunchTemplate(name)}}},
          {"MinSize", 0},
          {"MaxSize", 2},
          {"DesiredCapacity", 0},
          {"VPCZoneIdentifier", subnet}});
  }

  // The record the engine keeps after `created`, with `desired` as its attributes.
  static state::ResourceRecord Record(const ResourceType& type, const std::string& address,
                                      const Created& created, const Json& desired) {
    state::ResourceRecord record;
    record.address = address;
    record.type = std::string(type.name());
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = desired;
    return record;
  }

  // Creates through the type, failing the test when it cannot.
  Created MustCreate(const ResourceType& type, ResourceContext& context, const Json& desired) {
    Result<Created> created = type.Create(context, desired, "token-" + context.address());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Created{};
  }

  // Reads through the type, failing the test when it cannot.
  Json MustRead(const ResourceType& type, ResourceContext& context,
                const state::ResourceRecord& record) {
    Result<Json> read = type.Read(context, record);
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    return read.ok() ? *read : Json::object();
  }
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_NETWORK_MOTO_TEST_H_
