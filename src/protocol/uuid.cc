#include "protocol/uuid.h"

#include <cstdint>
#include <random>

namespace vueops::protocol {

std::string RandomUuid() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  uint64_t high = generator();
  uint64_t low = generator();
  // Version 4 in bits 48-51, the RFC 4122 variant (10xx) in bits 62-63 of the low half.
  high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
  low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    uint64_t half = i < 16 ? high : low;
    int shift = 60 - 4 * (i % 16);
    out += kHex[(half >> shift) & 0xF];
  }
  return out;
}

}  // namespace vueops::protocol
