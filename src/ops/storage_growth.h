// Growing an RDS instance's storage (notes: "RDS": "once storage is increased on an instance it
// cannot [be] reduced. Increase allocation with command line: rds-modify-db-instance acme
// --allocated-storage=20 --apply-immediately").
#ifndef VUEOPS_OPS_STORAGE_GROWTH_H_
#define VUEOPS_OPS_STORAGE_GROWTH_H_

#include <string>

#include "base/status.h"
#include "spec/data_stores.h"

namespace vueops::ops {

// RDS User Guide, "Increasing DB instance storage capacity": a change must add at least 10%;
// "Amazon RDS DB instance storage": MySQL on gp2, gp3 and io1 holds up to 64 TiB.
inline constexpr int kMinimumGrowthPercent = 10;
inline constexpr int kMaximumStorageGb = 65536;

// OK when `requested_gb` is a growth RDS accepts from `current_gb`; otherwise
// kInvalidArgument saying why: storage never shrinks, an equal size changes nothing, less than
// 10% more is refused by RDS, more than 64 TiB does not exist.
Status CheckStorageGrowth(int current_gb, int requested_gb);

// What to change in the spec so that the next plan agrees with the grown instance: the line
// where `database` sets allocated_gb ("stack.yaml:301:7: storage: allocated_gb: 20 -> 40"),
// or, when the spec takes the default, where to add it.
std::string SpecStorageHint(const spec::Database& database, int new_gb);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_STORAGE_GROWTH_H_
