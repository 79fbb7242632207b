// The AWS CLI's names for API names: "DescribeSecurityGroups" → "describe-security-groups".
#ifndef VUEOPS_MODEL_CLI_NAME_H_
#define VUEOPS_MODEL_CLI_NAME_H_

#include <string>
#include <string_view>

namespace vueops::model {

// botocore's xform_name(name, '-'), which the AWS CLI uses for operation and waiter names:
// a separator before each capitalized word and between a lower-case letter or digit and a
// capital ("GetObjectACL" → "get-object-acl"), with plural acronyms kept whole
// ("ListWebACLs" → "list-web-acls") and botocore's few hand-made exceptions
// ("ExecutePartiQLStatement" → "execute-partiql-statement"). A name that already holds a
// '-' is returned unchanged.
std::string CliName(std::string_view api_name);

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_CLI_NAME_H_
