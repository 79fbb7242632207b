// IPv4 and IPv6 CIDR blocks: parsing with precise errors, containment and overlap.
#ifndef VUEOPS_SPEC_CIDR_H_
#define VUEOPS_SPEC_CIDR_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::spec {

struct Cidr {
  bool ipv6 = false;
  std::array<uint8_t, 16> address{};  // IPv4 uses the first 4 bytes
  int prefix = 0;

  // Canonical text ("10.0.0.0/16", "2001:db8::/32").
  std::string ToString() const;
  int bits() const { return ipv6 ? 128 : 32; }
  // True for 0.0.0.0/0 and ::/0.
  bool IsWorld() const { return prefix == 0; }
  // Number of addresses (saturating at UINT64_MAX for large IPv6 blocks).
  uint64_t Size() const;
  bool operator==(const Cidr&) const = default;
};

// Parses "a.b.c.d/n" or an IPv6 prefix. A bare address is a /32 (or /128) when
// `allow_bare_address`. Host bits set is an error whose message gives the network address
// ("10.0.1.0/16 has host bits set; the network is 10.0.0.0/16").
Result<Cidr> ParseCidr(std::string_view text, bool allow_bare_address = false);

// True when every address of `inner` is in `outer` (same family only).
bool CidrContains(const Cidr& outer, const Cidr& inner);
bool CidrsOverlap(const Cidr& a, const Cidr& b);

// The `index`-th subnet of `prefix` bits inside `block` (10.0.0.0/16, 20, 2 -> 10.0.32.0/20).
// REQUIRES: prefix >= block.prefix and index < 2^(prefix - block.prefix).
Cidr NthSubnet(const Cidr& block, int prefix, uint64_t index);

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_CIDR_H_
