// For the moto tests of the data store and load balancer types: the network they stand in (a
// VPC with a subnet in each of two zones and a security group), made with raw EC2 calls so
// that the tests depend on no other resource type. Included by tests only.
#ifndef VUEOPS_RESOURCES_MOTO_NETWORK_FOR_TESTS_H_
#define VUEOPS_RESOURCES_MOTO_NETWORK_FOR_TESTS_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/json.h"
#include "client/aws_client.h"

namespace vueops::resources::testing {

struct MotoNetwork {
  std::string vpc_id;
  std::vector<std::string> subnet_ids;  // one in us-west-2a, one in us-west-2b
  std::vector<std::string> security_group_ids;  // two groups, "first" and "second"
};

inline std::string CallForId(client::AwsClient& client, std::string_view service,
                             std::string_view operation, const Json& input,
                             const Json::json_pointer& id) {
  Result<Json> output = client.Call(service, operation, input);
  EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
  if (!output.ok() || !output->contains(id)) return "";
  return (*output)[id].get<std::string>();
}

// The test region's network, in moto (ResourceMotoTest's region, us-west-2).
inline MotoNetwork MakeMotoNetwork(client::AwsClient& client) {
  MotoNetwork network;
  network.vpc_id = CallForId(client, "ec2", "CreateVpc", {{"CidrBlock", "10.60.0.0/16"}},
                             Json::json_pointer("/Vpc/VpcId"));
  int third_octet = 1;
  for (const char* zone : {"us-west-2a", "us-west-2b"}) {
    network.subnet_ids.push_back(CallForId(
        client, "ec2", "CreateSubnet",
        {{"VpcId", network.vpc_id},
         {"CidrBlock", "10.60." + std::to_string(third_octet++) + ".0/24"},
         {"AvailabilityZone", zone}},
        Json::json_pointer("/Subnet/SubnetId")));
  }
  for (const char* name : {"first", "second"}) {
    network.security_group_ids.push_back(CallForId(
        client, "ec2", "CreateSecurityGroup",
        {{"VpcId", network.vpc_id}, {"GroupName", name}, {"Description", name}},
        Json::json_pointer("/GroupId")));
  }
  return network;
}

inline Json ToJson(const std::vector<std::string>& items) {
  Json list = Json::array();
  for (const std::string& item : items) list.push_back(item);
  return list;
}

}  // namespace vueops::resources::testing

#endif  // VUEOPS_RESOURCES_MOTO_NETWORK_FOR_TESTS_H_
