// Random UUIDs (RFC 4122 version 4), for idempotency tokens the caller leaves out.
#ifndef VUEOPS_PROTOCOL_UUID_H_
#define VUEOPS_PROTOCOL_UUID_H_

#include <string>

namespace vueops::protocol {

// "f81d4fae-7dec-4d0e-a765-00a0c91e6bf6": 122 random bits from a per-thread generator seeded
// by std::random_device. Safe to call from many threads.
std::string RandomUuid();

}  // namespace vueops::protocol

#endif  // VUEOPS_PROTOCOL_UUID_H_
