// How the engine reaches an account: the AWS client acting in it, in a region.
#ifndef VUEOPS_RESOURCES_ACCOUNT_ACCESS_H_
#define VUEOPS_RESOURCES_ACCOUNT_ACCESS_H_

#include <string>

#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::resources {

class AccountAccess {
 public:
  virtual ~AccountAccess() = default;
  // The client acting in `account` (the spec's account name; "" or the management account's
  // name for the management account) and `region` ("" for the default region, which global
  // services use). Fails (kFailedPrecondition) when the account does not exist yet, and with
  // the AssumeRole error when its role cannot be assumed. Thread-safe; clients are cached.
  virtual Result<client::AwsClient*> ClientFor(const std::string& account,
                                               const std::string& region) = 0;
  // The clock the clients sleep on (waits, readiness probes).
  virtual Clock& clock() = 0;
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_ACCOUNT_ACCESS_H_
