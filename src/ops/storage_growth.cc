#include "ops/storage_growth.h"

#include "base/source.h"

namespace vueops::ops {

Status CheckStorageGrowth(int current_gb, int requested_gb) {
  const std::string from = " (it has " + std::to_string(current_gb) + " GB)";
  if (requested_gb < current_gb) {
    return InvalidArgumentError("RDS storage never shrinks: " + std::to_string(requested_gb) +
                                " GB is less than the instance's " + std::to_string(current_gb) +
                                " GB; to use less, copy the data into a new, smaller instance");
  }
  if (requested_gb == current_gb) {
    return InvalidArgumentError("the instance already has " + std::to_string(current_gb) +
                                " GB; give a larger size");
  }
  // Integer form of requested < current * 1.1, rounded up as RDS does.
  const long long minimum =
      (static_cast<long long>(current_gb) * (100 + kMinimumGrowthPercent) + 99) / 100;
  if (requested_gb < minimum) {
    return InvalidArgumentError("RDS grows storage by at least " +
                                std::to_string(kMinimumGrowthPercent) + "%: give " +
                                std::to_string(minimum) + " GB or more" + from);
  }
  if (requested_gb > kMaximumStorageGb) {
    return InvalidArgumentError("RDS for MySQL holds at most " + std::to_string(kMaximumStorageGb) +
                                " GB (64 TiB)" + from);
  }
  return Status::Ok();
}

std::string SpecStorageHint(const spec::Database& database, int new_gb) {
  if (database.Has("allocated_storage_gb")) {
    Location written = database.At("allocated_storage_gb");
    return FormatLocation(written) +
           ": change allocated_gb: " + std::to_string(database.allocated_storage_gb) +
           " to allocated_gb: " + std::to_string(new_gb);
  }
  return FormatLocation(database.location) +
         ": add storage: {allocated_gb: " + std::to_string(new_gb) + "} to this database";
}

}  // namespace vueops::ops
