// Input validation before a request is sent, mirroring botocore's validate.py.
//
// Every problem is collected, so a user fixes them all in one go: missing required members,
// unknown members (with a "did you mean"), values of the wrong JSON type, tagged unions with
// other than one member set, and the "min" constraints botocore checks (string and blob-less
// lengths, list lengths, numeric minimums, and the implied minimum length 1 of host labels).
// Like botocore, "max", "enum" and "pattern" are not checked: services evolve faster than
// their models, and the service itself rejects what it does not accept.
#ifndef VUEOPS_MODEL_VALIDATOR_H_
#define VUEOPS_MODEL_VALIDATOR_H_

#include "base/json.h"
#include "base/status.h"
#include "model/service_model.h"

namespace vueops::model {

// OK, or kInvalidArgument whose message starts "Parameter validation failed:" followed by one
// line per problem, each naming the member's full path, e.g.
//   Missing required parameter: IpPermissions[0].IpProtocol
//   Unknown parameter: GroupNam; did you mean "GroupName"?
//   Invalid type for parameter MaxResults: expected integer, got string "5"
// JSON null members count as absent. An operation without input accepts {} or null.
Status ValidateInput(const Operation& operation, const Json& input);

// The same checks for one value of `shape`, reported under `name` ("" for the top level).
Status ValidateValue(const ShapeRef& shape, const Json& value, std::string_view name);

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_VALIDATOR_H_
