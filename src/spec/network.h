// VPC / Regions / AZ and Network Security Groups (notes sections of those names).
#ifndef VUEOPS_SPEC_NETWORK_H_
#define VUEOPS_SPEC_NETWORK_H_

#include <string>
#include <vector>

#include "spec/cidr.h"
#include "spec/element.h"

namespace vueops::spec {

struct Subnet : Element {
  Cidr cidr;
  std::string availability_zone;  // full name: us-west-2a
};

// Marks a Subnet that stands for a written entry whose CIDR did not parse (reported where it
// was read): it counts as a subnet, and has no address to check.
inline constexpr const char* kUnparsedSubnet = "unparsed";

enum class NatMode { kNone, kSingle, kPerZone };

struct Network : Element {
  Cidr vpc_cidr;
  // One public subnet per availability zone (derived from the VPC block when not written).
  std::vector<Subnet> public_subnets;
  // notes FUTURE: "Move EC2 instances into private VPC ... NAT in private VPC to allow
  // outgoing". vueops makes them by default; an empty list opts out (a lint warning).
  std::vector<Subnet> private_subnets;
  NatMode nat = NatMode::kPerZone;
  // notes S3: "VPC Endpoint for S3 (which makes it not visible to public IPs)".
  bool s3_endpoint = true;
  // VPC flow logs (CIS 3.7), to a CloudWatch log group vueops makes.
  bool flow_logs = true;
  // Strip every rule from the VPC's default security group (CIS 5.5), so nothing that falls
  // back to it is reachable.
  bool restrict_default_security_group = true;
};

// Where a security-group rule admits traffic from.
struct RuleSource : Element {
  enum class Kind { kWorld, kDevopsIps, kCidr, kSecurityGroup, kSelf };
  Kind kind = Kind::kCidr;
  Cidr cidr;                   // kCidr
  std::string security_group;  // kSecurityGroup: a security group of this environment
  std::string Describe() const;
};

struct PortRange {
  int from = 0;  // -1 with protocol "all" means every port
  int to = 0;
  bool Contains(int port) const { return from <= port && port <= to; }
  bool IsAll() const { return from == 0 && to == 65535; }
  std::string ToString() const;
};

struct IngressRule : Element {
  std::string protocol = "tcp";  // tcp, udp, icmp, all
  PortRange ports;
  std::vector<RuleSource> sources;
  std::string description;
};

// Security groups are written per role (load_balancer, servers, database, cache, ...). When
// the spec writes none, vueops derives the notes' four groups and their rules.
struct SecurityGroup : Element {
  std::string name;
  std::string description;
  std::vector<IngressRule> ingress;
  bool derived = false;  // made by vueops from the notes, not written in the spec
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_NETWORK_H_
