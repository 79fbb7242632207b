// Secrets that IAM hands out once — a login profile's first password, an access key's secret
// key — kept in Secrets Manager in the object's own account, never in vueops' state and never
// printed (notes: "Access notes"; "SES": "Those are placed into AWS secrets").
#ifndef VUEOPS_RESOURCES_STORED_SECRET_H_
#define VUEOPS_RESOURCES_STORED_SECRET_H_

#include <string>

#include "base/json.h"
#include "base/status.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// Where a secret lives: its name, and the region ("" for the context client's own).
struct SecretLocation {
  std::string name;
  std::string region;
};

// Makes `value` (stored as its JSON text) the secret's current value: creates the secret,
// tagged with the context's tags, or puts a new version into the one that exists (restoring
// it first when it is scheduled for deletion). Returns the secret's ARN.
Result<std::string> StoreSecret(ResourceContext& context, const SecretLocation& where,
                                const Json& value);

// The secret's current value, parsed; kNotFound when there is no such secret.
Result<Json> ReadSecret(ResourceContext& context, const SecretLocation& where);

// Deletes the secret at once (no recovery window: what it holds is useless once its key or
// password is gone, and a window would block making it again) if it carries the context's
// vueops:address tag, i.e. this resource made it. A secret someone else made, that this
// resource only wrote a value into, is left alone. OK when there is none.
Status DeleteOwnedSecret(ResourceContext& context, const SecretLocation& where);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_STORED_SECRET_H_
