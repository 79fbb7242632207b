// A resource type: one kind of AWS object vueops manages (a VPC, a security group, an IAM
// role, ...), with its attribute schema and how to read, create, update, delete and find it.
// One type per file (vpc.cc, security_group.cc, ...), registered in registry.cc.
//
// A type works in one vocabulary: the attributes of its schema, as plain JSON. `desired`
// comes from the spec (references to other resources already resolved to their values); Read
// maps what AWS returns back into the same attributes, so planning is a comparison of two
// JSON objects, attribute by attribute.
#ifndef VUEOPS_RESOURCES_RESOURCE_TYPE_H_
#define VUEOPS_RESOURCES_RESOURCE_TYPE_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "resources/resource_context.h"
#include "state/record.h"

namespace vueops::resources {

inline constexpr size_t kMaxReadBatch = 100;

// How a change to an attribute is applied.
enum class UpdateMode {
  kInPlace,  // the type's Update changes it on the existing object
  kReplace,  // AWS cannot change it: the object is destroyed and created again
  kCreateOnly,  // written at creation and never compared again (a generated name's seed,
                // a value AWS does not return, like a user-data file it only stores)
};

struct Attribute {
  std::string_view name;
  UpdateMode update = UpdateMode::kInPlace;
  // Never stored in state or shown in a plan: a password, a private key.
  bool sensitive = false;
};

// What a create returns: the object's physical id, the outputs other resources refer to
// ("id", "arn", "dns_name"; "id" is always set), and its attributes as AWS now has them
// (may be empty when the type reads them back instead).
struct Created {
  std::string id;
  Json outputs = Json::object();
  Json attributes = Json::object();
};

// An existing object found for a desired resource (adoption after a crash, or import).
struct Found {
  std::string id;
  Json outputs = Json::object();
  Json attributes = Json::object();
};

class ResourceType {
 public:
  virtual ~ResourceType() = default;

  // The type's name in addresses and state: "security_group".
  virtual std::string_view name() const = 0;
  // The AWS service it talks to ("ec2"), for rate limits and progress.
  virtual std::string_view service() const = 0;
  virtual std::span<const Attribute> attributes() const = 0;
  // Objects whose loss loses data (a database, a bucket with objects, a DNS zone): destroying
  // one needs --allow-destroy naming it.
  virtual bool stateful() const { return false; }
  // Global types (IAM, Organizations, Route53, CloudFront) are not bound to a region.
  virtual bool global() const { return false; }

  // The live attributes of the object `record` tracks, in the schema's vocabulary.
  // kNotFound when the object no longer exists (deleted by hand): the plan creates it again.
  virtual Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const = 0;

  // Reads several objects at once where the API allows (one DescribeSecurityGroups for many
  // groups). Returns one result per record, in order. The engine passes at most
  // kMaxReadBatch records (AWS filters take up to 200 values). The default reads one by one.
  virtual std::vector<Result<Json>> ReadMany(
      ResourceContext& context, std::span<const state::ResourceRecord* const> records) const;

  // Creates the object. `token` is stable for this address across retries and crashes: types
  // whose API takes an idempotency token (ClientToken, CallerReference, IdempotencyToken) pass
  // it, so that a create retried after a crash never makes a second object.
  // REQUIRES: `desired` holds no unresolved references.
  virtual Result<Created> Create(ResourceContext& context, const Json& desired,
                                 const std::string& token) const = 0;

  // Changes the in-place attributes named in `changed` to their `desired` values.
  // The default fails: a type with kInPlace attributes must override it.
  virtual Status Update(ResourceContext& context, const state::ResourceRecord& record,
                        const Json& desired, const std::vector<std::string>& changed) const;

  // Deletes the object; OK when it is already gone.
  virtual Status Delete(ResourceContext& context, const state::ResourceRecord& record) const = 0;

  // Refuses a change AWS would refuse or that would lose data, before anything is sent: RDS
  // storage never shrinks. `before` holds the live attributes, `after` the desired ones.
  // The default accepts everything.
  virtual Status CheckUpdate(const std::string& address, const Json& before,
                             const Json& after) const;

  // Waits until a created or updated object can be used by what depends on it (a role can be
  // assumed, a NAT gateway is available, a distribution deployed), reporting progress through
  // the context. Never a fixed sleep: poll the condition with backoff on the context's clock.
  // The default returns at once.
  virtual Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const;

  // Looks for an existing object that is this desired resource: by the vueops:address tag,
  // by its unique name, or by the create token. Used to adopt an object whose create was sent
  // but not recorded (a crash), and by `vueops import`. nullopt when there is none.
  virtual Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                            const std::string& token) const = 0;

  // The attribute of the schema named `name`, or nullptr.
  const Attribute* FindAttribute(std::string_view name) const;
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_RESOURCE_TYPE_H_
