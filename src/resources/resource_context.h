// What a resource type's calls see: the AWS client for the object's account and region, the
// clock, the object's address and tags, a progress line, and cancellation.
#ifndef VUEOPS_RESOURCES_RESOURCE_CONTEXT_H_
#define VUEOPS_RESOURCES_RESOURCE_CONTEXT_H_

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "client/aws_client.h"

namespace vueops::resources {

// Every object vueops creates carries its address and stack as tags wherever AWS allows, so
// it can be found and adopted (after a crash, by `vueops import`, by `vueops audit`).
inline constexpr std::string_view kAddressTag = "vueops:address";
inline constexpr std::string_view kStackTag = "vueops:stack";

using Tags = std::vector<std::pair<std::string, std::string>>;

class ResourceContext {
 public:
  // `client` acts in the object's account and region. `progress` receives lines such as
  // "waiting for the distribution to deploy"; `cancelled`, when set, stops long waits.
  // REQUIRES: client, clock and cancelled (if given) outlive the context.
  ResourceContext(client::AwsClient& client, Clock& clock, std::string address, Tags tags,
                  std::function<void(std::string_view)> progress = {},
                  const std::atomic<bool>* cancelled = nullptr)
      : client_(client),
        clock_(clock),
        address_(std::move(address)),
        tags_(std::move(tags)),
        progress_(std::move(progress)),
        cancelled_(cancelled) {}

  client::AwsClient& client() { return client_; }
  Clock& clock() { return clock_; }
  // "prod.security_group.servers".
  const std::string& address() const { return address_; }
  // The tags to put on the object: vueops:address, vueops:stack, then the environment's own.
  const Tags& tags() const { return tags_; }

  // client().Call with the context's error text: "<address>: <service> <Operation>: ...".
  Result<Json> Call(std::string_view service, std::string_view operation, const Json& input,
                    client::CallInfo* info = nullptr);
  // Like Call, but an AWS error whose code is one of `absent` ("NoSuchBucket",
  // "InvalidGroup.NotFound") becomes kNotFound, the status Read and Delete speak.
  Result<Json> CallOrNotFound(std::string_view service, std::string_view operation,
                              const Json& input, std::initializer_list<std::string_view> absent);

  // How many AWS calls Call and CallOrNotFound made (for "API calls per resource").
  int calls() const { return calls_; }

  void Progress(std::string_view message);
  bool cancelled() const { return cancelled_ != nullptr && cancelled_->load(); }

  // Polls `probe` until it returns true: first after `first_delay`, then with the delay
  // doubling up to `max_delay`, all on the context's clock. Fails with kDeadlineExceeded
  // (naming `what` and the time waited) after `timeout`, with kAborted when cancelled, and
  // with the probe's own error when it returns one. Progress reports what it waits for.
  Status Poll(std::string_view what, Clock::Duration timeout,
              const std::function<Result<bool>()>& probe,
              Clock::Duration first_delay = std::chrono::seconds(1),
              Clock::Duration max_delay = std::chrono::seconds(30));

  // The tags as the EC2 API takes them: [{"Key": k, "Value": v}, ...].
  Json TagList() const;
  // The tags as a map: {"vueops:address": "...", ...} (Secrets Manager, SNS, ... take lists
  // too; Lambda-style APIs take maps).
  Json TagMap() const;

 private:
  client::AwsClient& client_;
  Clock& clock_;
  std::string address_;
  Tags tags_;
  std::function<void(std::string_view)> progress_;
  const std::atomic<bool>* cancelled_;
  int calls_ = 0;
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_RESOURCE_CONTEXT_H_
