#include "spec/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace vueops::spec {
namespace {

bool ParseIpv4(std::string_view text, uint8_t* out, std::string* error) {
  int part = 0;
  size_t position = 0;
  while (part < 4) {
    size_t end = text.find('.', position);
    if (part == 3) end = text.size();
    if (end == std::string_view::npos) {
      *error = "an IPv4 address has four parts separated by dots";
      return false;
    }
    std::string_view digits = text.substr(position, end - position);
    if (digits.empty() || digits.size() > 3 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      *error = "'" + std::string(digits) + "' is not a number from 0 to 255";
      return false;
    }
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (value > 255) {
      *error = "part " + std::to_string(part + 1) + " (" + std::string(digits) +
               ") is above 255";
      return false;
    }
    out[part++] = static_cast<uint8_t>(value);
    position = end + 1;
  }
  return true;
}

}  // namespace

std::string Cidr::ToString() const {
  char buffer[INET6_ADDRSTRLEN];
  inet_ntop(ipv6 ? AF_INET6 : AF_INET, address.data(), buffer, sizeof buffer);
  return std::string(buffer) + "/" + std::to_string(prefix);
}

uint64_t Cidr::Size() const {
  int host_bits = bits() - prefix;
  if (host_bits >= 64) return UINT64_MAX;
  return uint64_t{1} << host_bits;
}

Result<Cidr> ParseCidr(std::string_view text, bool allow_bare_address) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return InvalidArgumentError("an empty CIDR block");
  Cidr cidr;
  size_t slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  cidr.ipv6 = address.find(':') != std::string_view::npos;
  if (slash == std::string_view::npos) {
    if (!allow_bare_address) {
      return InvalidArgumentError(quoted + " has no prefix length; write it as " +
                                  std::string(text) + (cidr.ipv6 ? "/128" : "/32") +
                                  " for one address");
    }
    cidr.prefix = cidr.bits();
  } else {
    std::string_view digits = text.substr(slash + 1);
    int prefix = -1;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > cidr.bits()) {
      return InvalidArgumentError(quoted + ": the prefix length must be 0 to " +
                                  std::to_string(cidr.bits()));
    }
    cidr.prefix = prefix;
  }
  if (cidr.ipv6) {
    std::string copy(address);
    if (inet_pton(AF_INET6, copy.c_str(), cidr.address.data()) != 1) {
      return InvalidArgumentError(quoted + " is not a valid IPv6 address");
    }
  } else {
    std::string why;
    if (!ParseIpv4(address, cidr.address.data(), &why)) {
      return InvalidArgumentError(quoted + " is not a valid IPv4 CIDR block: " + why);
    }
  }
  // Host bits must be zero: AWS rejects "10.0.1.0/16" for a VPC, and a security group rule
  // written that way almost always means something other than what AWS would store.
  Cidr network = cidr;
  for (int bit = cidr.prefix; bit < cidr.bits(); ++bit) {
    network.address[bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
  }
  if (network.address != cidr.address) {
    return InvalidArgumentError(quoted + " has host bits set; the network is " +
                                network.ToString());
  }
  return cidr;
}

bool CidrContains(const Cidr& outer, const Cidr& inner) {
  if (outer.ipv6 != inner.ipv6 || inner.prefix < outer.prefix) return false;
  for (int bit = 0; bit < outer.prefix; ++bit) {
    uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
    if ((outer.address[bit / 8] & mask) != (inner.address[bit / 8] & mask)) return false;
  }
  return true;
}

bool CidrsOverlap(const Cidr& a, const Cidr& b) {
  return CidrContains(a, b) || CidrContains(b, a);
}

Cidr NthSubnet(const Cidr& block, int prefix, uint64_t index) {
  Cidr subnet = block;
  subnet.prefix = prefix;
  // Write `index` into bits [block.prefix, prefix) of the address, most significant first.
  for (int bit = prefix - 1; bit >= block.prefix; --bit) {
    uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
    if (index & 1) {
      subnet.address[bit / 8] |= mask;
    } else {
      subnet.address[bit / 8] &= static_cast<uint8_t>(~mask);
    }
    index >>= 1;
  }
  return subnet;
}

}  // namespace vueops::spec
