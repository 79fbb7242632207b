// A fake cloud and a fake resource type over it, for testing the planner and the applier
// without AWS: objects live in memory, failures and outside changes are scripted.
#ifndef VUEOPS_TESTS_SUPPORT_FAKE_RESOURCES_H_
#define VUEOPS_TESTS_SUPPORT_FAKE_RESOURCES_H_

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "base/clock.h"
#include "client/aws_client.h"
#include "http/fake_transport.h"
#include "resources/account_access.h"
#include "resources/resource_type.h"

namespace vueops::test_support {

struct FakeObject {
  std::string type;
  std::string address;  // from the vueops:address tag
  Json attributes;
};

// The objects of every fake type. Thread-safe.
class FakeCloud {
 public:
  std::string Add(const std::string& type, const std::string& address, const Json& attributes);
  std::optional<FakeObject> Get(const std::string& id) const;
  bool Remove(const std::string& id);
  // An outside change ("in the console"): sets one attribute of an object.
  void Modify(const std::string& id, const std::string& attribute, const Json& value);
  std::map<std::string, FakeObject> objects() const;
  // Creates of these addresses fail (kUnavailable).
  void FailCreate(const std::string& address);
  void AllowCreate(const std::string& address);
  bool ShouldFail(const std::string& address) const;
  // Creates of these addresses succeed but then do not become ready.
  void NeverReady(const std::string& address);
  bool IsNeverReady(const std::string& address) const;
  int creates() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FakeObject> objects_;
  std::set<std::string> fail_create_;
  std::set<std::string> never_ready_;
  int next_id_ = 1;
  int creates_ = 0;
};

// Attributes: name (replace), size (in place), parent (replace; usually a reference),
// secret (in place, sensitive), seed (create-only). Outputs: id, arn.
class FakeResourceType : public resources::ResourceType {
 public:
  FakeResourceType(std::string name, FakeCloud* cloud, bool stateful = false)
      : name_(std::move(name)), cloud_(cloud), stateful_(stateful) {}
  std::string_view name() const override { return name_; }
  std::string_view service() const override { return "fake"; }
  std::span<const resources::Attribute> attributes() const override;
  bool stateful() const override { return stateful_; }
  Result<Json> Read(resources::ResourceContext& context,
                    const state::ResourceRecord& record) const override;
  Result<resources::Created> Create(resources::ResourceContext& context, const Json& desired,
                                    const std::string& token) const override;
  Status Update(resources::ResourceContext& context, const state::ResourceRecord& record,
                const Json& desired, const std::vector<std::string>& changed) const override;
  Status Delete(resources::ResourceContext& context,
                const state::ResourceRecord& record) const override;
  Status WaitReady(resources::ResourceContext& context,
                   const state::ResourceRecord& record) const override;
  Result<std::optional<resources::Found>> Find(resources::ResourceContext& context,
                                               const Json& desired,
                                               const std::string& token) const override;
  Status CheckUpdate(const std::string& address, const Json& before,
                     const Json& after) const override;

 private:
  std::string name_;
  FakeCloud* cloud_;
  bool stateful_;
};

// Every account reachable, through one client that must never be called.
class FakeAccountAccess : public resources::AccountAccess {
 public:
  FakeAccountAccess();
  Result<client::AwsClient*> ClientFor(const std::string& account,
                                       const std::string& region) override;
  Clock& clock() override { return clock_; }
  FakeClock& fake_clock() { return clock_; }

 private:
  FakeClock clock_;
  http::FakeTransport transport_;
  std::unique_ptr<client::RandomSource> random_;
  std::shared_ptr<client::ClientContext> context_;
  std::unique_ptr<client::AwsClient> client_;
};

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_FAKE_RESOURCES_H_
