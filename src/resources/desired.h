// A desired resource: one AWS object the spec asks for, with its attributes. Attributes may
// refer to other resources' outputs ({"$ref": "prod.vpc.main", "output": "id"}) and join
// strings from parts ({"$join": ["arn:aws:s3:::", {"$ref": ...}, "/*"]}); the engine
// resolves both when the referenced objects exist, and orders the work by them.
#ifndef VUEOPS_RESOURCES_DESIRED_H_
#define VUEOPS_RESOURCES_DESIRED_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/source.h"
#include "resources/resource_context.h"

namespace vueops::resources {

class ResourceType;

struct DesiredResource {
  // "<scope>.<type>.<name>": scope is an environment ("prod") or "org" for the organization
  // and its accounts' IAM; the name is unique within scope and type.
  std::string address;
  const ResourceType* type = nullptr;
  // The spec's account name the object lives in; "" for the management account.
  std::string account;
  std::string region;  // "" for global types
  Json attributes = Json::object();
  // Dependencies beyond the references in `attributes` (an object in account X depends on
  // X's account record, a route on the gateway it names, ...).
  std::vector<std::string> depends_on;
  // The environment's own tags, added after vueops:address and vueops:stack.
  Tags tags;
  // Where the spec asks for it, for messages.
  Location source;
};

// {"$ref": address, "output": output}.
Json Reference(std::string_view address, std::string_view output = "id");
// {"$join": parts}: the parts (strings and references) concatenated.
Json Join(std::vector<Json> parts);
bool IsReference(const Json& value);

// Every address `value` refers to, at any depth.
void CollectReferences(const Json& value, std::set<std::string>* addresses);

// Looks up an output of a resource: its value, or nullopt while it is not known (the object
// is yet to be created).
using OutputLookup =
    std::function<std::optional<Json>(const std::string& address, const std::string& output)>;

// `value` with every reference and join replaced by its value. Unknown values become the
// string kUnknownValue and set *fully_known to false (a plan shows "(known after apply)").
Json ResolveReferences(const Json& value, const OutputLookup& lookup, bool* fully_known);
inline constexpr std::string_view kUnknownValue = "(known after apply)";
// Whether kUnknownValue appears anywhere in `value`.
bool ContainsUnknown(const Json& value);

// "prod.security_group.servers" -> {"prod", "security_group", "servers"}; the name may hold
// dots. kInvalidArgument for fewer than three parts.
struct AddressParts {
  std::string scope;
  std::string type;
  std::string name;
};
Result<AddressParts> ParseAddress(std::string_view address);
std::string MakeAddress(std::string_view scope, std::string_view type, std::string_view name);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_DESIRED_H_
