// Changes "made in the console" by the tests that run the vueops binary against moto: the
// management account's client, built from the same "NAME=value" variables the binary runs
// with, and a member account's, through the role Organizations made there, as an
// administrator switches role.
#ifndef VUEOPS_TESTS_SUPPORT_CONSOLE_CLIENTS_H_
#define VUEOPS_TESTS_SUPPORT_CONSOLE_CLIENTS_H_

#include <memory>
#include <string>
#include <vector>

#include "base/environment.h"
#include "client/aws_client.h"
#include "client/default_client.h"

namespace vueops::test_support {

class ConsoleClients {
 public:
  // `variables`: "NAME=value" entries (AWS_ENDPOINT_URL, the keys); later ones win.
  explicit ConsoleClients(const std::vector<std::string>& variables,
                          const std::string& region = "us-west-2");

  // The management account's client (made on first use; a failure is a test failure).
  client::AwsClient& Management();
  // The client of account `account_id`, through OrganizationAccountAccessRole.
  client::AwsClient InAccount(const std::string& account_id);

 private:
  MapEnvironment environment_;
  std::unique_ptr<client::DefaultClient> management_;
};

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_CONSOLE_CLIENTS_H_
