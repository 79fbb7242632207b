#include "spec/cidr.h"

#include <gtest/gtest.h>

namespace vueops::spec {
namespace {

TEST(CidrTest, ParsesIpv4AndIpv6) {
  Cidr vpc = *ParseCidr("10.10.0.0/16");
  EXPECT_FALSE(vpc.ipv6);
  EXPECT_EQ(vpc.prefix, 16);
  EXPECT_EQ(vpc.ToString(), "10.10.0.0/16");
  EXPECT_EQ(vpc.Size(), 65536u);
  Cidr v6 = *ParseCidr("2001:db8::/32");
  EXPECT_TRUE(v6.ipv6);
  EXPECT_EQ(v6.ToString(), "2001:db8::/32");
  EXPECT_TRUE(ParseCidr("0.0.0.0/0")->IsWorld());
  EXPECT_TRUE(ParseCidr("::/0")->IsWorld());
}

TEST(CidrTest, BareAddressesOnlyWhenAllowed) {
  EXPECT_FALSE(ParseCidr("203.0.113.10").ok());
  EXPECT_NE(ParseCidr("203.0.113.10").status().message().find("/32"), std::string::npos);
  EXPECT_EQ(ParseCidr("203.0.113.10", true)->prefix, 32);
}

TEST(CidrTest, ErrorsSayWhatIsWrong) {
  auto message = [](std::string_view text) { return ParseCidr(text).status().message(); };
  EXPECT_EQ(message("10.0.0.1/16"), "'10.0.0.1/16' has host bits set; the network is 10.0.0.0/16");
  EXPECT_NE(message("10.0.300.0/24").find("above 255"), std::string::npos);
  EXPECT_NE(message("10.0.0/24").find("four parts"), std::string::npos);
  EXPECT_NE(message("10.0.0.0/33").find("0 to 32"), std::string::npos);
  EXPECT_NE(message("10.0.0.0/x").find("0 to 32"), std::string::npos);
  EXPECT_NE(message("fe80::zz/64").find("IPv6"), std::string::npos);
  EXPECT_NE(message("").find("empty"), std::string::npos);
}

TEST(CidrTest, ContainmentAndOverlap) {
  Cidr vpc = *ParseCidr("10.10.0.0/16");
  Cidr inside = *ParseCidr("10.10.32.0/20");
  Cidr outside = *ParseCidr("10.11.0.0/20");
  EXPECT_TRUE(CidrContains(vpc, inside));
  EXPECT_FALSE(CidrContains(inside, vpc));
  EXPECT_FALSE(CidrContains(vpc, outside));
  EXPECT_TRUE(CidrsOverlap(inside, vpc));
  EXPECT_FALSE(CidrsOverlap(inside, outside));
  EXPECT_FALSE(CidrContains(vpc, *ParseCidr("2001:db8::/32")));
}

TEST(CidrTest, NthSubnetCarvesInOrder) {
  Cidr vpc = *ParseCidr("10.10.0.0/16");
  EXPECT_EQ(NthSubnet(vpc, 20, 0).ToString(), "10.10.0.0/20");
  EXPECT_EQ(NthSubnet(vpc, 20, 1).ToString(), "10.10.16.0/20");
  EXPECT_EQ(NthSubnet(vpc, 20, 8).ToString(), "10.10.128.0/20");
  EXPECT_EQ(NthSubnet(vpc, 20, 15).ToString(), "10.10.240.0/20");
  EXPECT_EQ(NthSubnet(*ParseCidr("10.0.0.0/24"), 28, 3).ToString(), "10.0.0.48/28");
}

}  // namespace
}  // namespace vueops::spec
